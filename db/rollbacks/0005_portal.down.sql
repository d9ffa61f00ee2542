-- Rollback of 0005_portal. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0005_portal.down.sql
PRAGMA defer_foreign_keys = on;
DROP INDEX IF EXISTS idx_mail_outbox_created;
DROP INDEX IF EXISTS idx_rate_limits_window;
DROP INDEX IF EXISTS idx_portal_invitations_email;
DROP INDEX IF EXISTS idx_portal_invitations_created;
DROP INDEX IF EXISTS idx_portal_users_company_created;
DROP INDEX IF EXISTS idx_portal_users_created;
DELETE FROM d1_migrations WHERE name = '0005_portal.sql';
