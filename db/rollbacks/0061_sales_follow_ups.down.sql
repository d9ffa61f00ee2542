-- Rollback of 0061_sales_follow_ups. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0061_sales_follow_ups.down.sql
PRAGMA defer_foreign_keys = on;
DROP INDEX IF EXISTS idx_contract_signers_contract_signed;
DROP INDEX IF EXISTS idx_contract_signers_waiting;
DROP INDEX IF EXISTS idx_proposals_status_sent;
ALTER TABLE proposal_settings DROP COLUMN follow_up_days;
DELETE FROM d1_migrations WHERE name = '0061_sales_follow_ups.sql';
