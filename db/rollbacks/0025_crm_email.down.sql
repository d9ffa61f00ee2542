-- Rollback of 0025_crm_email. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0025_crm_email.down.sql
PRAGMA defer_foreign_keys = on;
DROP TABLE IF EXISTS email_sync_state;
DROP TABLE IF EXISTS email_contacts;
DROP TABLE IF EXISTS emails;
DELETE FROM d1_migrations WHERE name = '0025_crm_email.sql';
