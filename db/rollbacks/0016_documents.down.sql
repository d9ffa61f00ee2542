-- Rollback of 0016_documents. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0016_documents.down.sql
-- R2 objects under documents/ are not touched.
PRAGMA defer_foreign_keys = on;
DROP TABLE IF EXISTS documents;
DELETE FROM d1_migrations WHERE name = '0016_documents.sql';
