-- Rollback of 0003_crm_core. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0003_crm_core.down.sql
PRAGMA defer_foreign_keys = on;
DROP TABLE IF EXISTS contacts;
DROP TABLE IF EXISTS companies;
DELETE FROM d1_migrations WHERE name = '0003_crm_core.sql';
