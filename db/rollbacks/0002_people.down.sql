-- Rollback of 0002_people. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0002_people.down.sql
PRAGMA defer_foreign_keys = on;
DROP TABLE IF EXISTS squads;
DROP TABLE IF EXISTS people;
DELETE FROM d1_migrations WHERE name = '0002_people.sql';
