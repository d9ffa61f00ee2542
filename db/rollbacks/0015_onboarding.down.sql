-- Rollback of 0015_onboarding. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0015_onboarding.down.sql
PRAGMA defer_foreign_keys = on;
DROP TABLE IF EXISTS onboarding_progress;
DROP TABLE IF EXISTS onboarding_items;
DROP TABLE IF EXISTS onboarding_phases;
DELETE FROM d1_migrations WHERE name = '0015_onboarding.sql';
