-- Rollback of 0017_linkedin. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0017_linkedin.down.sql
PRAGMA defer_foreign_keys = on;
DELETE FROM notifications WHERE type = 'linkedin_change';
DELETE FROM notification_preferences WHERE type_key = 'linkedin_change';
DELETE FROM notification_types WHERE key = 'linkedin_change';
DROP INDEX IF EXISTS idx_people_linkedin_url;
DROP TABLE IF EXISTS person_change_alerts;
DROP TABLE IF EXISTS person_linkedin_activities;
DELETE FROM d1_migrations WHERE name = '0017_linkedin.sql';
