-- People ▸ Onboarding: five fixed phases, checklist items per onboarding template (the Common
-- template tpl-onb-common is shown to everyone) and per-person progress.

CREATE TABLE IF NOT EXISTS onboarding_phases (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL UNIQUE,
  description TEXT,
  timeframe TEXT,
  sort_order INTEGER NOT NULL UNIQUE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE IF NOT EXISTS onboarding_items (
  id TEXT PRIMARY KEY NOT NULL,
  template_id TEXT NOT NULL REFERENCES onboarding_templates(id) ON DELETE CASCADE,
  phase_id TEXT NOT NULL REFERENCES onboarding_phases(id) ON DELETE RESTRICT,
  title TEXT NOT NULL,
  description TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_onboarding_items_template ON onboarding_items(template_id, phase_id, sort_order);
CREATE INDEX IF NOT EXISTS idx_onboarding_items_phase ON onboarding_items(phase_id);

-- One row per person × item once it has been ticked; unticking clears completed_at.
CREATE TABLE IF NOT EXISTS onboarding_progress (
  id TEXT PRIMARY KEY NOT NULL,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  item_id TEXT NOT NULL REFERENCES onboarding_items(id) ON DELETE CASCADE,
  completed_at TEXT,
  completed_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (person_id, item_id)
);
CREATE INDEX IF NOT EXISTS idx_onboarding_progress_item ON onboarding_progress(item_id);

-- Reference data: the five phases (ORIGINAL.md §5.5).
INSERT OR IGNORE INTO onboarding_phases (id, name, description, timeframe, sort_order) VALUES
  ('phase-foundation','Foundation','HR setup, team intros, culture orientation.','Week 1, days 1–3',1),
  ('phase-business','Understanding the Business','Operations, client knowledge, technical setup.','Days 3–7',2),
  ('phase-delivery','Delivery Operations','Hands-on delivery, reporting, collaboration.','Weeks 2–3',3),
  ('phase-mastery','Role Mastery','Role-specific advanced skills, goal setting.','Weeks 3–4',4),
  ('phase-independence','Independence','Autonomous operation, leadership, formal review.','Week 4+',5);
