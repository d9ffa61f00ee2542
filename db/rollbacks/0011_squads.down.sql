-- Rollback of 0011_squads. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0011_squads.down.sql
PRAGMA defer_foreign_keys = on;
DELETE FROM notifications WHERE type IN ('squad_session','squad_action_assigned');
DELETE FROM notification_preferences WHERE type_key IN ('squad_session','squad_action_assigned');
DELETE FROM notification_types WHERE key IN ('squad_session','squad_action_assigned');
DROP INDEX IF EXISTS idx_squad_actions_assignee;
DROP INDEX IF EXISTS idx_squad_actions_squad_status;
DROP INDEX IF EXISTS idx_squad_actions_session;
DROP TABLE IF EXISTS squad_actions;
DROP TABLE IF EXISTS squad_sessions;
DROP TABLE IF EXISTS squad_notification_config;
DROP INDEX IF EXISTS idx_squad_leads_person;
DROP TABLE IF EXISTS squad_leads;
DELETE FROM d1_migrations WHERE name = '0011_squads.sql';
