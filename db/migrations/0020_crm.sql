-- CRM part 1: the communications log, relationship nurturing (profiles, life events, partners,
-- auto-actions, drafted messages) and the lead scan log, plus list indexes and the
-- one-primary-contact-per-company rule on the core tables from 0003.

-- Lists filter and sort on these (0003 already indexes name, parent, domain, account manager).
CREATE INDEX IF NOT EXISTS idx_companies_industry ON companies(industry, name);
CREATE INDEX IF NOT EXISTS idx_companies_created ON companies(created_at);
CREATE INDEX IF NOT EXISTS idx_contacts_created ON contacts(created_at);
-- At most one primary contact per company (setting a new one clears the others in the same batch).
CREATE UNIQUE INDEX IF NOT EXISTS idx_contacts_one_primary ON contacts(company_id) WHERE is_primary = 1 AND company_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS contact_communications (
  id TEXT PRIMARY KEY NOT NULL,
  contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('call','email','meeting','note')),
  direction TEXT NOT NULL DEFAULT 'outbound' CHECK (direction IN ('inbound','outbound')),
  subject TEXT,
  summary TEXT,
  occurred_at TEXT NOT NULL,
  duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes BETWEEN 0 AND 1440),
  logged_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_contact_communications_contact ON contact_communications(contact_id, occurred_at);
CREATE INDEX IF NOT EXISTS idx_contact_communications_occurred ON contact_communications(occurred_at);

-- One per contact (ORIGINAL §8.5), created on first save.
CREATE TABLE IF NOT EXISTS contact_relationship_profiles (
  id TEXT PRIMARY KEY NOT NULL,
  contact_id TEXT NOT NULL UNIQUE REFERENCES contacts(id) ON DELETE CASCADE,
  preferred_name TEXT,
  communication_preference TEXT
    CHECK (communication_preference IS NULL OR communication_preference IN ('email','phone','sms','whatsapp','linkedin','in_person')),
  communication_notes TEXT,
  personal_notes TEXT,
  -- MM-DD; the year, when known, separately.
  birthday TEXT CHECK (birthday IS NULL OR birthday GLOB '[0-1][0-9]-[0-3][0-9]'),
  birthday_year INTEGER CHECK (birthday_year IS NULL OR birthday_year BETWEEN 1900 AND 2100),
  -- JSON array of strings.
  interests TEXT NOT NULL DEFAULT '[]',
  dietary_requirements TEXT,
  assistant_name TEXT,
  assistant_email TEXT COLLATE NOCASE,
  reconnect_cadence_days INTEGER CHECK (reconnect_cadence_days IS NULL OR reconnect_cadence_days BETWEEN 7 AND 730),
  updated_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_contact_relationship_profiles_birthday ON contact_relationship_profiles(birthday);

CREATE TABLE IF NOT EXISTS contact_life_events (
  id TEXT PRIMARY KEY NOT NULL,
  contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  event_type TEXT NOT NULL
    CHECK (event_type IN ('birthday','new_role','promotion','new_baby','wedding','moved_company','anniversary','other')),
  title TEXT NOT NULL,
  event_date TEXT NOT NULL, -- YYYY-MM-DD
  notes TEXT,
  auto_action_enabled INTEGER NOT NULL DEFAULT 1 CHECK (auto_action_enabled IN (0,1)),
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_contact_life_events_contact ON contact_life_events(contact_id, event_date);
CREATE INDEX IF NOT EXISTS idx_contact_life_events_created ON contact_life_events(created_at);

-- Contact-to-contact links, shown from both sides. `relationship` is a free label
-- ("business partner", "spouse", "former colleague").
CREATE TABLE IF NOT EXISTS contact_partners (
  id TEXT PRIMARY KEY NOT NULL,
  contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  partner_contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  relationship TEXT NOT NULL,
  notes TEXT,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  CHECK (contact_id <> partner_contact_id),
  UNIQUE (contact_id, partner_contact_id)
);
CREATE INDEX IF NOT EXISTS idx_contact_partners_partner ON contact_partners(partner_contact_id);

-- Nurturing reminders. The id is derived from what raised it (rel-reconnect-<contact>,
-- rel-event-<life event>, rel-birthday-<contact>-<year>) so raising again updates instead of
-- duplicating; the action centre mirror uses the same id as action_items.source_id
-- (source_module 'relationships', source_type = action_type).
CREATE TABLE IF NOT EXISTS relationship_auto_actions (
  id TEXT PRIMARY KEY NOT NULL,
  contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  life_event_id TEXT REFERENCES contact_life_events(id) ON DELETE CASCADE,
  action_type TEXT NOT NULL CHECK (action_type IN ('reconnect','birthday','congratulate','anniversary')),
  title TEXT NOT NULL,
  description TEXT,
  due_date TEXT NOT NULL, -- YYYY-MM-DD
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','done','dismissed')),
  assigned_person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  completed_at TEXT,
  completed_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_relationship_auto_actions_status_due ON relationship_auto_actions(status, due_date);
CREATE INDEX IF NOT EXISTS idx_relationship_auto_actions_contact ON relationship_auto_actions(contact_id, status, due_date);
CREATE INDEX IF NOT EXISTS idx_relationship_auto_actions_event ON relationship_auto_actions(life_event_id);

CREATE TABLE IF NOT EXISTS relationship_messages (
  id TEXT PRIMARY KEY NOT NULL,
  contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  auto_action_id TEXT REFERENCES relationship_auto_actions(id) ON DELETE SET NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email','sms','linkedin')),
  subject TEXT,
  body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','sent')),
  -- Who wrote the first draft: a person, the AI provider, or the rule-based fallback.
  drafted_by TEXT NOT NULL DEFAULT 'manual' CHECK (drafted_by IN ('manual','ai','rule_based')),
  sent_at TEXT,
  sent_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_relationship_messages_contact ON relationship_messages(contact_id, created_at);

-- One row per lead scan run (any scanner: LinkedIn alerts, inbound forms, web visits...).
CREATE TABLE IF NOT EXISTS lead_scan_log (
  id TEXT PRIMARY KEY NOT NULL,
  source TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running','succeeded','partial','failed')),
  -- JSON object of counts, e.g. {"scanned":120,"matched":8,"created":3}.
  counts TEXT NOT NULL DEFAULT '{}',
  -- Why it failed (never a token or a raw response body).
  error TEXT,
  triggered_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_lead_scan_log_started ON lead_scan_log(started_at);
CREATE INDEX IF NOT EXISTS idx_lead_scan_log_source ON lead_scan_log(source, started_at);
