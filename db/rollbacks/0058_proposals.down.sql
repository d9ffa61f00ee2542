-- Rollback of 0058_proposals. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0058_proposals.down.sql
PRAGMA defer_foreign_keys = on;
DELETE FROM notifications WHERE type IN ('proposal_viewed','proposal_approval','proposal_response');
DELETE FROM notification_preferences WHERE type_key IN ('proposal_viewed','proposal_approval','proposal_response');
DELETE FROM notification_types WHERE key IN ('proposal_viewed','proposal_approval','proposal_response');
DROP TABLE IF EXISTS proposal_slide_views;
DROP TABLE IF EXISTS proposal_views;
DROP TABLE IF EXISTS proposal_signers;
DROP TABLE IF EXISTS proposal_team_members;
DROP TABLE IF EXISTS proposal_approvals;
DROP TABLE IF EXISTS proposal_pricing_items;
DROP TABLE IF EXISTS proposal_pricing_sections;
DROP TABLE IF EXISTS proposal_pages;
DROP TABLE IF EXISTS proposals;
DROP TABLE IF EXISTS proposal_template_pages;
DROP TABLE IF EXISTS proposal_templates;
DROP TABLE IF EXISTS proposal_settings;
DELETE FROM d1_migrations WHERE name = '0058_proposals.sql';
