-- Rollback of 0032_crm_inbound_match. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0032_crm_inbound_match.down.sql
PRAGMA defer_foreign_keys = on;
DROP INDEX IF EXISTS idx_inbound_emails_contact;
ALTER TABLE inbound_emails DROP COLUMN matched_by;
DELETE FROM d1_migrations WHERE name = '0032_crm_inbound_match.sql';
