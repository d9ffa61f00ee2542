-- Rollback of 0027_crm_meetings. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0027_crm_meetings.down.sql
PRAGMA defer_foreign_keys = on;
DROP TABLE IF EXISTS meeting_sync_runs;
DROP TABLE IF EXISTS meeting_action_items;
DROP TABLE IF EXISTS meeting_transcripts;
DROP TABLE IF EXISTS meeting_attendees;
DROP TABLE IF EXISTS meetings;
DELETE FROM d1_migrations WHERE name = '0027_crm_meetings.sql';
