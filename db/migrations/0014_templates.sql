-- People ▸ Templates: onboarding, scorecard and review templates with their items, and template
-- profiles bundling one of each. users.*_template_id / template_profile_id (0001) hold these ids
-- as plain text (templates soft-delete, so they are not foreign keys there).
-- Deleting: refused while assigned to an active user; archived (is_active = 0) when anything
-- ever used it; removed for good only when nothing ever referenced it.

CREATE TABLE IF NOT EXISTS onboarding_templates (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  -- The Common template (tpl-onb-common) is locked: it cannot be renamed, archived or deleted.
  is_locked INTEGER NOT NULL DEFAULT 0 CHECK (is_locked IN (0,1)),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_onboarding_templates_active_name ON onboarding_templates(is_active, name);

CREATE TABLE IF NOT EXISTS scorecard_templates (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  cadence TEXT NOT NULL DEFAULT 'weekly' CHECK (cadence IN ('weekly','monthly')),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_scorecard_templates_active_name ON scorecard_templates(is_active, name);

CREATE TABLE IF NOT EXISTS scorecard_template_items (
  id TEXT PRIMARY KEY NOT NULL,
  template_id TEXT NOT NULL REFERENCES scorecard_templates(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  description TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_scorecard_template_items_template ON scorecard_template_items(template_id, sort_order);

CREATE TABLE IF NOT EXISTS review_templates (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_review_templates_active_name ON review_templates(is_active, name);

CREATE TABLE IF NOT EXISTS review_template_items (
  id TEXT PRIMARY KEY NOT NULL,
  template_id TEXT NOT NULL REFERENCES review_templates(id) ON DELETE CASCADE,
  area TEXT NOT NULL,
  label TEXT NOT NULL,
  description TEXT,
  is_mandatory INTEGER NOT NULL DEFAULT 0 CHECK (is_mandatory IN (0,1)),
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_review_template_items_template ON review_template_items(template_id, sort_order);

-- A role bundle: assigning it sets the three template ids on the user.
CREATE TABLE IF NOT EXISTS template_profiles (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  onboarding_template_id TEXT NOT NULL REFERENCES onboarding_templates(id) ON DELETE RESTRICT,
  scorecard_template_id TEXT NOT NULL REFERENCES scorecard_templates(id) ON DELETE RESTRICT,
  review_template_id TEXT NOT NULL REFERENCES review_templates(id) ON DELETE RESTRICT,
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_template_profiles_active_name ON template_profiles(is_active, name);
CREATE INDEX IF NOT EXISTS idx_template_profiles_onboarding ON template_profiles(onboarding_template_id);
CREATE INDEX IF NOT EXISTS idx_template_profiles_scorecard ON template_profiles(scorecard_template_id);
CREATE INDEX IF NOT EXISTS idx_template_profiles_review ON template_profiles(review_template_id);

-- "Is this template assigned to anyone?" is asked on every delete: index the user columns.
CREATE INDEX IF NOT EXISTS idx_users_onboarding_template ON users(onboarding_template_id);
CREATE INDEX IF NOT EXISTS idx_users_scorecard_template ON users(scorecard_template_id);
CREATE INDEX IF NOT EXISTS idx_users_review_template ON users(review_template_id);
CREATE INDEX IF NOT EXISTS idx_users_template_profile ON users(template_profile_id);

-- Reference data the code relies on: every user sees the Common onboarding template.
INSERT OR IGNORE INTO onboarding_templates (id, name, description, is_locked) VALUES
  ('tpl-onb-common','Common','Shown to everyone, whatever their role template. Locked.',1);
