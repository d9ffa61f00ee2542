-- Rollback of 0020_crm. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0020_crm.down.sql
PRAGMA defer_foreign_keys = on;
DROP TABLE IF EXISTS lead_scan_log;
DROP TABLE IF EXISTS relationship_messages;
DROP TABLE IF EXISTS relationship_auto_actions;
DROP TABLE IF EXISTS contact_partners;
DROP TABLE IF EXISTS contact_life_events;
DROP TABLE IF EXISTS contact_relationship_profiles;
DROP TABLE IF EXISTS contact_communications;
DROP INDEX IF EXISTS idx_contacts_one_primary;
DROP INDEX IF EXISTS idx_contacts_created;
DROP INDEX IF EXISTS idx_companies_created;
DROP INDEX IF EXISTS idx_companies_industry;
DELETE FROM d1_migrations WHERE name = '0020_crm.sql';
