-- Rollback of 0004_portal_action_centre. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0004_portal_action_centre.down.sql
PRAGMA defer_foreign_keys = on;
DROP TABLE IF EXISTS action_centre_preferences;
DROP TABLE IF EXISTS action_items;
DROP TABLE IF EXISTS portal_sessions;
DROP TABLE IF EXISTS portal_magic_links;
DROP TABLE IF EXISTS portal_invitations;
DROP TABLE IF EXISTS portal_users;
DELETE FROM d1_migrations WHERE name = '0004_portal_action_centre.sql';
