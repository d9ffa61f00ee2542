-- Rollback of 0014_templates. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0014_templates.down.sql
PRAGMA defer_foreign_keys = on;
DROP INDEX IF EXISTS idx_users_template_profile;
DROP INDEX IF EXISTS idx_users_review_template;
DROP INDEX IF EXISTS idx_users_scorecard_template;
DROP INDEX IF EXISTS idx_users_onboarding_template;
DROP TABLE IF EXISTS template_profiles;
DROP TABLE IF EXISTS review_template_items;
DROP TABLE IF EXISTS review_templates;
DROP TABLE IF EXISTS scorecard_template_items;
DROP TABLE IF EXISTS scorecard_templates;
DROP TABLE IF EXISTS onboarding_templates;
DELETE FROM d1_migrations WHERE name = '0014_templates.sql';
