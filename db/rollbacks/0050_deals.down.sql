-- Rollback of 0050_deals. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0050_deals.down.sql
PRAGMA defer_foreign_keys = on;
DROP TABLE IF EXISTS deal_project_links;
DROP TABLE IF EXISTS deal_research_briefs;
DROP TABLE IF EXISTS deal_contact_links;
DROP TABLE IF EXISTS deal_participants;
DROP TABLE IF EXISTS deal_stage_history;
DROP TABLE IF EXISTS deals;
DROP TABLE IF EXISTS deal_pipeline_stages;
DROP TABLE IF EXISTS deal_pipeline_templates;
DELETE FROM d1_migrations WHERE name = '0050_deals.sql';
