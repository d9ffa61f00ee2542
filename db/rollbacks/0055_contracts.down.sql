-- Rollback of 0055_contracts. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0055_contracts.down.sql
-- R2 objects under contract-templates/ and contracts/ are not touched.
PRAGMA defer_foreign_keys = on;
DELETE FROM notifications WHERE type IN ('contract_completed','contract_declined');
DELETE FROM notification_preferences WHERE type_key IN ('contract_completed','contract_declined');
DELETE FROM notification_types WHERE key IN ('contract_completed','contract_declined');
DROP TABLE IF EXISTS contract_signers;
DROP TABLE IF EXISTS contracts;
DROP TABLE IF EXISTS contract_templates;
DELETE FROM d1_migrations WHERE name = '0055_contracts.sql';
