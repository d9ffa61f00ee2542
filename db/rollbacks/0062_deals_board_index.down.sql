-- Rollback of 0062_deals_board_index. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0062_deals_board_index.down.sql
PRAGMA defer_foreign_keys = on;
DROP INDEX IF EXISTS idx_deals_board_totals;
DELETE FROM d1_migrations WHERE name = '0062_deals_board_index.sql';
