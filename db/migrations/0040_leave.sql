-- Leave and public holidays (ORIGINAL §5.4, §7.1, §12): leave types and balances cached from
-- Xero Payroll AU (1 h), public holidays cached from Nager.Date (24 h), leave requests with a
-- two-tier approval chain and the ids/errors of every post-approval push.

CREATE TABLE IF NOT EXISTS leave_types (
  id TEXT PRIMARY KEY NOT NULL,
  provider TEXT NOT NULL DEFAULT 'xero' CHECK (provider IN ('xero','manual')),
  external_id TEXT UNIQUE,
  name TEXT NOT NULL,
  is_paid INTEGER NOT NULL DEFAULT 1 CHECK (is_paid IN (0,1)),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
  position INTEGER NOT NULL DEFAULT 0,
  fetched_at TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_leave_types_active ON leave_types(is_active, position);

CREATE TABLE IF NOT EXISTS leave_balances (
  id TEXT PRIMARY KEY NOT NULL,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  leave_type_id TEXT NOT NULL REFERENCES leave_types(id) ON DELETE CASCADE,
  balance_hours REAL NOT NULL DEFAULT 0,
  fetched_at TEXT NOT NULL,
  UNIQUE (person_id, leave_type_id)
);
CREATE INDEX IF NOT EXISTS idx_leave_balances_type ON leave_balances(leave_type_id);

-- Read-through cache bookkeeping: when a cache key (leave_types, leave_balances:<person>,
-- holidays:<year>) was last refreshed and the last failure, so pages show stale data with its age.
CREATE TABLE IF NOT EXISTS cache_refreshes (
  key TEXT PRIMARY KEY NOT NULL,
  fetched_at TEXT,
  attempted_at TEXT,
  last_error TEXT
);

CREATE TABLE IF NOT EXISTS leave_requests (
  id TEXT PRIMARY KEY NOT NULL,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  leave_type_id TEXT NOT NULL REFERENCES leave_types(id) ON DELETE RESTRICT,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  -- Part days: the first and/or last day is a half day.
  start_half INTEGER NOT NULL DEFAULT 0 CHECK (start_half IN (0,1)),
  end_half INTEGER NOT NULL DEFAULT 0 CHECK (end_half IN (0,1)),
  working_days REAL NOT NULL CHECK (working_days > 0),
  total_hours REAL NOT NULL CHECK (total_hours > 0),
  notes TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending_manager','pending_exec','approved','rejected','cancelled')),
  submitted_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  manager_approved_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  manager_approved_at TEXT,
  exec_approved_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  exec_approved_at TEXT,
  rejected_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  rejected_at TEXT,
  rejection_reason TEXT,
  cancelled_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  cancelled_at TEXT,
  cancel_reason TEXT,
  -- Post-approval pushes: each has a status, its external id and its last error.
  xero_status TEXT CHECK (xero_status IS NULL OR xero_status IN ('done','failed','not_configured','reversed','reverse_failed')),
  xero_leave_application_id TEXT,
  xero_error TEXT,
  productive_status TEXT CHECK (productive_status IS NULL OR productive_status IN ('done','failed','not_configured','reversed','reverse_failed')),
  productive_booking_id TEXT,
  productive_error TEXT,
  google_status TEXT CHECK (google_status IS NULL OR google_status IN ('done','failed','not_configured','reversed','reverse_failed')),
  google_calendar_event_id TEXT,
  google_calendar_id TEXT,
  google_error TEXT,
  slack_status TEXT CHECK (slack_status IS NULL OR slack_status IN ('done','failed','not_configured','reversed','reverse_failed')),
  slack_message_ts TEXT,
  slack_channel TEXT,
  slack_error TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  CHECK (end_date >= start_date)
);
CREATE INDEX IF NOT EXISTS idx_leave_requests_person ON leave_requests(person_id, start_date);
CREATE INDEX IF NOT EXISTS idx_leave_requests_status ON leave_requests(status, created_at);
CREATE INDEX IF NOT EXISTS idx_leave_requests_dates ON leave_requests(start_date, end_date);
CREATE INDEX IF NOT EXISTS idx_leave_requests_type ON leave_requests(leave_type_id);

CREATE TABLE IF NOT EXISTS public_holidays (
  id TEXT PRIMARY KEY NOT NULL,
  date TEXT NOT NULL,
  local_name TEXT NOT NULL,
  name TEXT NOT NULL,
  country_code TEXT NOT NULL DEFAULT 'AU',
  is_global INTEGER NOT NULL DEFAULT 0 CHECK (is_global IN (0,1)),
  -- JSON array of subdivision codes, e.g. ["AU-VIC"]; NULL = national.
  counties TEXT,
  year INTEGER NOT NULL,
  fetched_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_public_holidays_date ON public_holidays(date);
CREATE INDEX IF NOT EXISTS idx_public_holidays_year ON public_holidays(year, date);
