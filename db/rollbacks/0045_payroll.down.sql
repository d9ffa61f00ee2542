-- Rollback of 0045_payroll. Run by hand: wrangler d1 execute nucleus-db --remote --file=db/rollbacks/0045_payroll.down.sql
PRAGMA defer_foreign_keys = on;
DROP TABLE IF EXISTS payslips;
DROP TABLE IF EXISTS pay_summaries;
DELETE FROM d1_migrations WHERE name = '0045_payroll.sql';
