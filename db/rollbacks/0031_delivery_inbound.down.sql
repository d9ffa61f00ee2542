-- Rollback of 0031_delivery_inbound. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0031_delivery_inbound.down.sql
PRAGMA defer_foreign_keys = on;
DROP TABLE IF EXISTS inbound_emails;
DELETE FROM d1_migrations WHERE name = '0031_delivery_inbound.sql';
