-- Squads: leadership assignments, per-squad notification routing, weekly 4P kickoff sessions
-- (Progress, Plans, Problems, Promotions) and the actions they raise (mirrored into the action
-- centre as action_items with source_module 'squads').

CREATE TABLE IF NOT EXISTS squad_leads (
  id TEXT PRIMARY KEY NOT NULL,
  squad_id TEXT NOT NULL REFERENCES squads(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('director','design_lead','account_lead','strategy_lead','other')),
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (squad_id, person_id, role)
);
CREATE INDEX IF NOT EXISTS idx_squad_leads_person ON squad_leads(person_id);

CREATE TABLE IF NOT EXISTS squad_notification_config (
  id TEXT PRIMARY KEY NOT NULL,
  squad_id TEXT NOT NULL UNIQUE REFERENCES squads(id) ON DELETE CASCADE,
  -- Slack channel the squad's posts would go to (e.g. #squad-apollo); delivery is the comms area's.
  slack_channel TEXT,
  -- In-app notifications to squad members when a session is opened / completed.
  notify_members_on_session INTEGER NOT NULL DEFAULT 1 CHECK (notify_members_on_session IN (0,1)),
  -- In-app notification to the assignee when an action is raised in a session.
  notify_assignee_on_action INTEGER NOT NULL DEFAULT 1 CHECK (notify_assignee_on_action IN (0,1)),
  -- DM and tech lead get every session summary.
  notify_leads_on_session INTEGER NOT NULL DEFAULT 1 CHECK (notify_leads_on_session IN (0,1)),
  updated_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE IF NOT EXISTS squad_sessions (
  id TEXT PRIMARY KEY NOT NULL,
  squad_id TEXT NOT NULL REFERENCES squads(id) ON DELETE CASCADE,
  -- ISO date of the Monday of the session's week.
  week_start TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','completed')),
  progress TEXT NOT NULL DEFAULT '',
  plans TEXT NOT NULL DEFAULT '',
  problems TEXT NOT NULL DEFAULT '',
  promotions TEXT NOT NULL DEFAULT '',
  -- Where the pre-filled brief came from: the rule-based draft or the AI provider.
  brief_source TEXT NOT NULL DEFAULT 'rules' CHECK (brief_source IN ('rules','ai')),
  -- JSON: per-member snapshot taken when the session opened (open/overdue actions, capacity...).
  snapshot TEXT NOT NULL DEFAULT '[]',
  facilitator_person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  completed_at TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (squad_id, week_start)
);

CREATE TABLE IF NOT EXISTS squad_actions (
  id TEXT PRIMARY KEY NOT NULL,
  session_id TEXT NOT NULL REFERENCES squad_sessions(id) ON DELETE CASCADE,
  squad_id TEXT NOT NULL REFERENCES squads(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  assignee_person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  due_date TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done')),
  completed_at TEXT,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_squad_actions_session ON squad_actions(session_id, created_at);
CREATE INDEX IF NOT EXISTS idx_squad_actions_squad_status ON squad_actions(squad_id, status);
CREATE INDEX IF NOT EXISTS idx_squad_actions_assignee ON squad_actions(assignee_person_id, status);

-- Notification types the squads area sends (reference data the code needs in every environment).
INSERT OR IGNORE INTO notification_types (key, label, description, default_channels) VALUES
  ('squad_session','Squad kickoff','A weekly 4P session for your squad was opened or completed','["in_app"]'),
  ('squad_action_assigned','Squad action assigned','An action from a squad session was assigned to you','["in_app"]');
