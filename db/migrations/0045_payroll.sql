-- Payroll (ORIGINAL §12 "Xero (Payroll AU) … payroll refresh in background"): read-through caches
-- of each person's pay summary and payslips from Xero Payroll AU. Visible to the person and to
-- executives only (enforced in app/modules/payroll). Money is integer cents with a currency.
-- The cache is served immediately and refreshed in the background once older than 1 hour.

CREATE TABLE IF NOT EXISTS pay_summaries (
  person_id TEXT PRIMARY KEY NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  -- the Xero employee the cached figures came from (people.xero_employee_id at refresh time)
  xero_employee_id TEXT,
  annual_salary_cents INTEGER CHECK (annual_salary_cents IS NULL OR annual_salary_cents >= 0),
  earnings_ytd_cents INTEGER CHECK (earnings_ytd_cents IS NULL OR earnings_ytd_cents >= 0),
  -- first day of the Australian financial year the YTD figure covers (1 July)
  ytd_from TEXT,
  next_pay_date TEXT,
  pay_frequency TEXT CHECK (pay_frequency IS NULL OR pay_frequency IN ('WEEKLY','FORTNIGHTLY','FOURWEEKLY','MONTHLY','TWICEMONTHLY','QUARTERLY')),
  pay_calendar_name TEXT,
  currency TEXT NOT NULL DEFAULT 'AUD' CHECK (length(currency) = 3),
  -- last successful refresh (NULL until the first one)
  fetched_at TEXT,
  -- a refresh in flight (guards against stampedes of background refreshes)
  refresh_started_at TEXT,
  -- the last failed refresh: a short, secret-free message (never amounts)
  last_error TEXT,
  last_error_at TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_pay_summaries_fetched ON pay_summaries(fetched_at);

CREATE TABLE IF NOT EXISTS payslips (
  id TEXT PRIMARY KEY NOT NULL,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  xero_payslip_id TEXT NOT NULL,
  xero_pay_run_id TEXT,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  pay_date TEXT NOT NULL,
  currency TEXT NOT NULL DEFAULT 'AUD' CHECK (length(currency) = 3),
  gross_cents INTEGER NOT NULL,
  deductions_cents INTEGER NOT NULL DEFAULT 0,
  tax_cents INTEGER NOT NULL DEFAULT 0,
  super_cents INTEGER NOT NULL DEFAULT 0,
  reimbursements_cents INTEGER NOT NULL DEFAULT 0,
  net_cents INTEGER NOT NULL,
  -- JSON arrays [{name, units, rate_cents, amount_cents}]; NULL when only the summary was fetched
  earnings_lines TEXT,
  deduction_lines TEXT,
  super_lines TEXT,
  tax_lines TEXT,
  fetched_at TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (person_id, xero_payslip_id)
);
CREATE INDEX IF NOT EXISTS idx_payslips_person_pay_date ON payslips(person_id, pay_date DESC);
