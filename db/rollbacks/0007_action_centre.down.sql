-- Rollback of 0007_action_centre. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0007_action_centre.down.sql
PRAGMA defer_foreign_keys = on;
DROP INDEX IF EXISTS idx_action_items_assignee_completed;
DROP INDEX IF EXISTS idx_action_items_completed;
DELETE FROM d1_migrations WHERE name = '0007_action_centre.sql';
