-- Administration: indexes for the admin users list (sort by name / last login, filter by
-- disabled) and for per-type history feeds (permission grid and org settings changes).

CREATE INDEX IF NOT EXISTS idx_users_name ON users(name);
CREATE INDEX IF NOT EXISTS idx_users_last_login ON users(last_login_at);
CREATE INDEX IF NOT EXISTS idx_users_disabled ON users(disabled_at);
CREATE INDEX IF NOT EXISTS idx_history_type_created ON history(resource_type, created_at);
