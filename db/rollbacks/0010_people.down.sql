-- Rollback of 0010_people. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0010_people.down.sql
PRAGMA defer_foreign_keys = on;
DROP INDEX IF EXISTS idx_sync_runs_provider_status;
DROP INDEX IF EXISTS idx_sync_runs_provider_started;
DROP TABLE IF EXISTS sync_runs;
DROP INDEX IF EXISTS idx_people_start_date;
DROP INDEX IF EXISTS idx_people_title;
DELETE FROM d1_migrations WHERE name = '0010_people.sql';
