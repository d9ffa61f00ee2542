-- People: the source of truth for employee/HR data (users are auth-only). manager_id drives
-- data scoping. Squads are derived from people.squad during the Productive sync.

CREATE TABLE IF NOT EXISTS people (
  id TEXT PRIMARY KEY NOT NULL,
  productive_id TEXT UNIQUE,
  xero_employee_id TEXT UNIQUE,
  user_id TEXT UNIQUE REFERENCES users(id) ON DELETE SET NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  preferred_name TEXT,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  title TEXT,
  avatar_url TEXT,
  manager_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  squad TEXT,
  pronunciation TEXT,
  linkedin_url TEXT,
  -- employment
  start_date TEXT,
  end_date TEXT,
  employment_status TEXT NOT NULL DEFAULT 'active'
    CHECK (employment_status IN ('active','terminated','on_leave')),
  employment_basis TEXT
    CHECK (employment_basis IS NULL OR employment_basis IN ('full_time','part_time','casual','contractor')),
  location TEXT,
  -- contact
  phone TEXT,
  mobile TEXT,
  personal_email TEXT,
  home_address TEXT, -- JSON {AddressLine1, AddressLine2, City, Region, PostalCode, Country}
  emergency_contact_name TEXT,
  emergency_contact_phone TEXT,
  -- demographics
  gender TEXT CHECK (gender IS NULL OR gender IN ('male','female','non-binary','not_stated')),
  date_of_birth TEXT,
  -- financial (no bank or tax numbers are stored here; those stay in Xero)
  super_fund_name TEXT,
  super_fund_usi TEXT,
  super_member_number TEXT,
  -- capacity
  weekly_capacity_hours REAL NOT NULL DEFAULT 38 CHECK (weekly_capacity_hours >= 0),
  billable_target_percent INTEGER NOT NULL DEFAULT 80
    CHECK (billable_target_percent BETWEEN 0 AND 100),
  working_days TEXT NOT NULL DEFAULT '1,2,3,4,5', -- ISO weekdays worked
  synced_at TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_people_manager ON people(manager_id);
CREATE INDEX IF NOT EXISTS idx_people_squad ON people(squad);
CREATE INDEX IF NOT EXISTS idx_people_status_name ON people(employment_status, last_name, first_name);
CREATE INDEX IF NOT EXISTS idx_people_name ON people(last_name, first_name);

CREATE TABLE IF NOT EXISTS squads (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL UNIQUE,
  color TEXT NOT NULL DEFAULT '#64748b',
  dm_person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  tech_lead_person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  kickoff_day INTEGER CHECK (kickoff_day IS NULL OR kickoff_day BETWEEN 1 AND 7),
  kickoff_time TEXT,
  focus_note TEXT,
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
