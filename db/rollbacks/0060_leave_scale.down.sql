PRAGMA defer_foreign_keys = on;
DROP INDEX IF EXISTS idx_leave_requests_person_end;
DROP INDEX IF EXISTS idx_leave_requests_status_start;
DELETE FROM d1_migrations WHERE name = '0060_leave_scale.sql';
