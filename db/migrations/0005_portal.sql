-- Client portal: indexes for the employee-side lists (all companies, newest first), the
-- "supersede pending invitations for this email" lookup, rate-limit pruning and the
-- development mailbox (newest first). The portal tables themselves are in 0004.

CREATE INDEX IF NOT EXISTS idx_portal_users_created ON portal_users(created_at);
CREATE INDEX IF NOT EXISTS idx_portal_users_company_created ON portal_users(company_id, created_at);
CREATE INDEX IF NOT EXISTS idx_portal_invitations_created ON portal_invitations(created_at);
CREATE INDEX IF NOT EXISTS idx_portal_invitations_email ON portal_invitations(email, accepted_at, revoked_at);
CREATE INDEX IF NOT EXISTS idx_rate_limits_window ON rate_limits(window_start);
CREATE INDEX IF NOT EXISTS idx_mail_outbox_created ON mail_outbox(created_at);
