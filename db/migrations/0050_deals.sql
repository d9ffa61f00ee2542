-- Sales: deals on pipelines (templates with ordered stages, probability, stage type and rotting
-- days), stage history (days in stage), deal team (participants), contact links with a role,
-- AI research briefs and won deal → delivery project links.
-- Other areas (contracts, proposals, budgets, allocations) reference deals(id).

CREATE TABLE IF NOT EXISTS deal_pipeline_templates (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  -- Exactly one default pipeline (new deals land there when none is chosen).
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0,1)),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_deal_pipeline_templates_default
  ON deal_pipeline_templates(is_default) WHERE is_default = 1;
CREATE INDEX IF NOT EXISTS idx_deal_pipeline_templates_name ON deal_pipeline_templates(is_active, name);

CREATE TABLE IF NOT EXISTS deal_pipeline_stages (
  id TEXT PRIMARY KEY NOT NULL,
  template_id TEXT NOT NULL REFERENCES deal_pipeline_templates(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  probability INTEGER NOT NULL DEFAULT 0 CHECK (probability BETWEEN 0 AND 100),
  stage_type TEXT NOT NULL DEFAULT 'open' CHECK (stage_type IN ('open','won','lost')),
  -- A deal untouched for this many days while in this stage is "rotting"; NULL = never.
  rotting_days INTEGER CHECK (rotting_days IS NULL OR rotting_days BETWEEN 1 AND 365),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_deal_pipeline_stages_template ON deal_pipeline_stages(template_id, position);

CREATE TABLE IF NOT EXISTS deals (
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  company_id TEXT REFERENCES companies(id) ON DELETE SET NULL,
  primary_contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
  pipeline_id TEXT NOT NULL REFERENCES deal_pipeline_templates(id) ON DELETE RESTRICT,
  stage_id TEXT NOT NULL REFERENCES deal_pipeline_stages(id) ON DELETE RESTRICT,
  owner_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  -- Money in cents (integer maths); weighted value = value × stage probability.
  value_cents INTEGER NOT NULL DEFAULT 0 CHECK (value_cents >= 0),
  currency TEXT NOT NULL DEFAULT 'AUD' CHECK (length(currency) = 3),
  -- Optional per-deal override of the stage probability (e.g. fed by proposal engagement).
  probability_override INTEGER CHECK (probability_override IS NULL OR probability_override BETWEEN 0 AND 100),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','won','lost')),
  expected_close_date TEXT, -- YYYY-MM-DD
  closed_at TEXT,
  close_reason TEXT,
  source TEXT,
  stage_entered_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  CHECK (status <> 'lost' OR close_reason IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS idx_deals_pipeline_stage ON deals(pipeline_id, stage_id, updated_at);
CREATE INDEX IF NOT EXISTS idx_deals_stage ON deals(stage_id);
CREATE INDEX IF NOT EXISTS idx_deals_company ON deals(company_id, status);
CREATE INDEX IF NOT EXISTS idx_deals_owner ON deals(owner_id, status);
CREATE INDEX IF NOT EXISTS idx_deals_status_updated ON deals(status, updated_at);
CREATE INDEX IF NOT EXISTS idx_deals_title ON deals(title);
CREATE INDEX IF NOT EXISTS idx_deals_created ON deals(created_at);
CREATE INDEX IF NOT EXISTS idx_deals_close_date ON deals(expected_close_date);
CREATE INDEX IF NOT EXISTS idx_deals_contact ON deals(primary_contact_id);

-- One row per period a deal spent in a stage; the open period has exited_at NULL.
CREATE TABLE IF NOT EXISTS deal_stage_history (
  id TEXT PRIMARY KEY NOT NULL,
  deal_id TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
  stage_id TEXT REFERENCES deal_pipeline_stages(id) ON DELETE SET NULL,
  stage_name TEXT NOT NULL,
  from_stage_id TEXT REFERENCES deal_pipeline_stages(id) ON DELETE SET NULL,
  entered_at TEXT NOT NULL,
  exited_at TEXT,
  moved_by TEXT REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS idx_deal_stage_history_deal ON deal_stage_history(deal_id, entered_at);
CREATE UNIQUE INDEX IF NOT EXISTS idx_deal_stage_history_open ON deal_stage_history(deal_id) WHERE exited_at IS NULL;

CREATE TABLE IF NOT EXISTS deal_participants (
  id TEXT PRIMARY KEY NOT NULL,
  deal_id TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  role TEXT,
  added_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (deal_id, person_id)
);
CREATE INDEX IF NOT EXISTS idx_deal_participants_person ON deal_participants(person_id);

CREATE TABLE IF NOT EXISTS deal_contact_links (
  id TEXT PRIMARY KEY NOT NULL,
  deal_id TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
  contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  role TEXT NOT NULL DEFAULT 'other'
    CHECK (role IN ('decision_maker','champion','influencer','economic_buyer','technical','billing','other')),
  added_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (deal_id, contact_id)
);
CREATE INDEX IF NOT EXISTS idx_deal_contact_links_contact ON deal_contact_links(contact_id);

CREATE TABLE IF NOT EXISTS deal_research_briefs (
  id TEXT PRIMARY KEY NOT NULL,
  deal_id TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
  content TEXT NOT NULL,
  -- 'ai' when a provider wrote it, 'rule_based' for the labelled fallback draft.
  source TEXT NOT NULL DEFAULT 'rule_based' CHECK (source IN ('ai','rule_based')),
  model TEXT,
  generated_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_deal_research_briefs_deal ON deal_research_briefs(deal_id, created_at);

CREATE TABLE IF NOT EXISTS deal_project_links (
  id TEXT PRIMARY KEY NOT NULL,
  deal_id TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (deal_id, project_id)
);
CREATE INDEX IF NOT EXISTS idx_deal_project_links_project ON deal_project_links(project_id);
