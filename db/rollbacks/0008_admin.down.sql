-- Rollback of 0008_admin. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0008_admin.down.sql
PRAGMA defer_foreign_keys = on;
DROP INDEX IF EXISTS idx_history_type_created;
DROP INDEX IF EXISTS idx_users_disabled;
DROP INDEX IF EXISTS idx_users_last_login;
DROP INDEX IF EXISTS idx_users_name;
DELETE FROM d1_migrations WHERE name = '0008_admin.sql';
