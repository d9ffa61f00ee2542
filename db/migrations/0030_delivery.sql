-- Delivery: config lists (task status / priority / type, project type), projects (members,
-- goals, decisions, reports, AI summaries, setup templates), tasks on any resource (todos,
-- watchers, resources), SLA policies and per-task deadlines, sprints, roadmaps and task agents.
-- Phases: a project's phases are top-level tasks with is_phase = 1; their tasks are subtasks
-- (parent_task_id) that also carry phase_id, so deeper subtasks still know their phase.

-- Config lists (comms area tables, created here because delivery needs them first).
CREATE TABLE IF NOT EXISTS config_lists (
  id TEXT PRIMARY KEY NOT NULL,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT,
  is_system INTEGER NOT NULL DEFAULT 0 CHECK (is_system IN (0,1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE IF NOT EXISTS config_list_items (
  id TEXT PRIMARY KEY NOT NULL,
  list_id TEXT NOT NULL REFERENCES config_lists(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  value TEXT NOT NULL,
  color TEXT CHECK (color IS NULL OR (length(color) = 7 AND substr(color, 1, 1) = '#')),
  icon TEXT,
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0,1)),
  is_system INTEGER NOT NULL DEFAULT 0 CHECK (is_system IN (0,1)),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
  position INTEGER NOT NULL DEFAULT 99,
  stage_type TEXT CHECK (stage_type IS NULL OR stage_type IN ('not_started','in_progress','done')),
  probability INTEGER CHECK (probability IS NULL OR probability BETWEEN 0 AND 100),
  email_template_id TEXT,
  email_trigger_active INTEGER NOT NULL DEFAULT 0 CHECK (email_trigger_active IN (0,1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (list_id, value)
);
CREATE INDEX IF NOT EXISTS idx_config_list_items_list ON config_list_items(list_id, position, label);

CREATE TABLE IF NOT EXISTS sla_policies (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  company_id TEXT REFERENCES companies(id) ON DELETE SET NULL,
  -- Business hours the clock runs in (local time of `timezone`); holidays are skipped too.
  timezone TEXT NOT NULL DEFAULT 'Australia/Melbourne',
  business_days TEXT NOT NULL DEFAULT '1,2,3,4,5', -- ISO weekdays
  business_start TEXT NOT NULL DEFAULT '09:00' CHECK (length(business_start) = 5),
  business_end TEXT NOT NULL DEFAULT '17:30' CHECK (length(business_end) = 5),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_sla_policies_name ON sla_policies(name);
CREATE INDEX IF NOT EXISTS idx_sla_policies_company ON sla_policies(company_id);

CREATE TABLE IF NOT EXISTS sla_policy_rules (
  id TEXT PRIMARY KEY NOT NULL,
  policy_id TEXT NOT NULL REFERENCES sla_policies(id) ON DELETE CASCADE,
  priority_id TEXT NOT NULL REFERENCES config_list_items(id) ON DELETE CASCADE,
  response_hours REAL NOT NULL CHECK (response_hours > 0),
  resolution_hours REAL NOT NULL CHECK (resolution_hours > 0),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (policy_id, priority_id)
);

CREATE TABLE IF NOT EXISTS project_setup_templates (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  project_type_id TEXT REFERENCES config_list_items(id) ON DELETE SET NULL,
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_project_setup_templates_name ON project_setup_templates(is_active, name);

CREATE TABLE IF NOT EXISTS project_setup_template_phases (
  id TEXT PRIMARY KEY NOT NULL,
  template_id TEXT NOT NULL REFERENCES project_setup_templates(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  position INTEGER NOT NULL DEFAULT 0,
  -- Days after the project start the phase begins and how long it runs (due dates of its tasks).
  offset_days INTEGER NOT NULL DEFAULT 0 CHECK (offset_days >= 0),
  duration_days INTEGER NOT NULL DEFAULT 7 CHECK (duration_days >= 0)
);
CREATE INDEX IF NOT EXISTS idx_setup_template_phases_template ON project_setup_template_phases(template_id, position);

CREATE TABLE IF NOT EXISTS project_setup_template_tasks (
  id TEXT PRIMARY KEY NOT NULL,
  template_id TEXT NOT NULL REFERENCES project_setup_templates(id) ON DELETE CASCADE,
  phase_id TEXT NOT NULL REFERENCES project_setup_template_phases(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  description TEXT,
  position INTEGER NOT NULL DEFAULT 0,
  estimated_hours REAL CHECK (estimated_hours IS NULL OR estimated_hours >= 0),
  priority_id TEXT REFERENCES config_list_items(id) ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS idx_setup_template_tasks_phase ON project_setup_template_tasks(phase_id, position);
CREATE INDEX IF NOT EXISTS idx_setup_template_tasks_template ON project_setup_template_tasks(template_id);

CREATE TABLE IF NOT EXISTS projects (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  company_id TEXT REFERENCES companies(id) ON DELETE SET NULL,
  type_id TEXT REFERENCES config_list_items(id) ON DELETE SET NULL,
  status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('planning','active','on_hold','completed','cancelled')),
  owner_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  delivery_manager_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  squad TEXT,
  start_date TEXT,
  end_date TEXT,
  sla_policy_id TEXT REFERENCES sla_policies(id) ON DELETE SET NULL,
  setup_template_id TEXT REFERENCES project_setup_templates(id) ON DELETE SET NULL,
  -- Inbound email → ticket: mail to `inbound_address`, or (match_sender_domain) from the
  -- company's domain, becomes a task on this project while auto_ticket_enabled = 1.
  auto_ticket_enabled INTEGER NOT NULL DEFAULT 0 CHECK (auto_ticket_enabled IN (0,1)),
  inbound_address TEXT COLLATE NOCASE,
  match_sender_domain INTEGER NOT NULL DEFAULT 0 CHECK (match_sender_domain IN (0,1)),
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_projects_name ON projects(name);
CREATE INDEX IF NOT EXISTS idx_projects_status_name ON projects(status, name);
CREATE INDEX IF NOT EXISTS idx_projects_company ON projects(company_id, name);
CREATE INDEX IF NOT EXISTS idx_projects_owner ON projects(owner_id);
CREATE INDEX IF NOT EXISTS idx_projects_dm ON projects(delivery_manager_id);
CREATE INDEX IF NOT EXISTS idx_projects_type ON projects(type_id);
CREATE INDEX IF NOT EXISTS idx_projects_squad ON projects(squad);
CREATE INDEX IF NOT EXISTS idx_projects_sla ON projects(sla_policy_id);
CREATE UNIQUE INDEX IF NOT EXISTS idx_projects_inbound_address ON projects(inbound_address) WHERE inbound_address IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_projects_auto_ticket ON projects(auto_ticket_enabled, company_id);

CREATE TABLE IF NOT EXISTS project_members (
  id TEXT PRIMARY KEY NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('owner','delivery_manager','lead','member','observer')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (project_id, person_id)
);
CREATE INDEX IF NOT EXISTS idx_project_members_person ON project_members(person_id, project_id);

CREATE TABLE IF NOT EXISTS project_goals (
  id TEXT PRIMARY KEY NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL DEFAULT 'not_started'
    CHECK (status IN ('not_started','on_track','at_risk','off_track','achieved')),
  target_date TEXT,
  position INTEGER NOT NULL DEFAULT 0,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_project_goals_project ON project_goals(project_id, position, created_at);

CREATE TABLE IF NOT EXISTS project_decisions (
  id TEXT PRIMARY KEY NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  context TEXT,
  outcome TEXT,
  status TEXT NOT NULL DEFAULT 'decided' CHECK (status IN ('proposed','decided','superseded')),
  decided_on TEXT,
  decided_by TEXT REFERENCES people(id) ON DELETE SET NULL,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_project_decisions_project ON project_decisions(project_id, created_at);

CREATE TABLE IF NOT EXISTS project_ai_summaries (
  id TEXT PRIMARY KEY NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  summary TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('ai','rules')),
  model TEXT,
  generated_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_project_ai_summaries_project ON project_ai_summaries(project_id, created_at);

CREATE TABLE IF NOT EXISTS project_reports (
  id TEXT PRIMARY KEY NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  health TEXT NOT NULL DEFAULT 'green' CHECK (health IN ('green','amber','red')),
  narrative TEXT,
  metrics TEXT NOT NULL DEFAULT '{}', -- JSON snapshot: task counts, done, overdue, breached SLAs
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','sent')),
  sent_at TEXT,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_project_reports_project ON project_reports(project_id, period_end);

CREATE TABLE IF NOT EXISTS project_report_settings (
  id TEXT PRIMARY KEY NOT NULL,
  project_id TEXT NOT NULL UNIQUE REFERENCES projects(id) ON DELETE CASCADE,
  frequency TEXT NOT NULL DEFAULT 'weekly' CHECK (frequency IN ('weekly','fortnightly','monthly')),
  recipients TEXT NOT NULL DEFAULT '[]', -- JSON array of email addresses
  sections TEXT NOT NULL DEFAULT '["summary","progress","risks","sla"]', -- JSON array
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
  updated_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE IF NOT EXISTS sprints (
  id TEXT PRIMARY KEY NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  goal TEXT,
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','active','closed')),
  start_date TEXT,
  end_date TEXT,
  position INTEGER NOT NULL DEFAULT 0,
  closed_at TEXT,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_sprints_project ON sprints(project_id, position, start_date, created_at);
CREATE INDEX IF NOT EXISTS idx_sprints_status ON sprints(status, project_id);

CREATE TABLE IF NOT EXISTS roadmaps (
  id TEXT PRIMARY KEY NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  start_date TEXT,
  end_date TEXT,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_roadmaps_project ON roadmaps(project_id, start_date);

CREATE TABLE IF NOT EXISTS roadmap_items (
  id TEXT PRIMARY KEY NOT NULL,
  roadmap_id TEXT NOT NULL REFERENCES roadmaps(id) ON DELETE CASCADE,
  goal_id TEXT REFERENCES project_goals(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','in_progress','done','at_risk')),
  start_date TEXT,
  end_date TEXT,
  owner_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_roadmap_items_roadmap ON roadmap_items(roadmap_id, start_date, position);
CREATE INDEX IF NOT EXISTS idx_roadmap_items_goal ON roadmap_items(goal_id);

CREATE TABLE IF NOT EXISTS tasks (
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  resource_type TEXT NOT NULL DEFAULT 'project'
    CHECK (resource_type IN ('project','company','contact','deal','client','person','internal')),
  resource_id TEXT NOT NULL,
  -- Set (= resource_id) when resource_type = 'project': enforces the link and indexes boards.
  project_id TEXT REFERENCES projects(id) ON DELETE CASCADE,
  status_id TEXT REFERENCES config_list_items(id) ON DELETE SET NULL,
  priority_id TEXT REFERENCES config_list_items(id) ON DELETE SET NULL,
  type_id TEXT REFERENCES config_list_items(id) ON DELETE SET NULL,
  is_phase INTEGER NOT NULL DEFAULT 0 CHECK (is_phase IN (0,1)),
  phase_id TEXT REFERENCES tasks(id) ON DELETE SET NULL,
  parent_task_id TEXT REFERENCES tasks(id) ON DELETE CASCADE,
  roadmap_item_id TEXT REFERENCES roadmap_items(id) ON DELETE SET NULL,
  sprint_id TEXT REFERENCES sprints(id) ON DELETE SET NULL,
  assignee_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  reporter_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  due_date TEXT,
  start_date TEXT,
  estimated_hours REAL CHECK (estimated_hours IS NULL OR estimated_hours >= 0),
  internal_hours REAL CHECK (internal_hours IS NULL OR internal_hours >= 0),
  is_private INTEGER NOT NULL DEFAULT 0 CHECK (is_private IN (0,1)),
  sort_order INTEGER NOT NULL DEFAULT 0,
  -- Approval
  requires_approval INTEGER NOT NULL DEFAULT 0 CHECK (requires_approval IN (0,1)),
  approval_status TEXT CHECK (approval_status IS NULL OR approval_status IN ('pending','approved','rejected')),
  approved_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  approved_at TEXT,
  -- Where it came from; email tickets keep their thread for replies.
  source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual','template','email','agent')),
  email_thread_id TEXT,
  completed_at TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_tasks_project_status ON tasks(project_id, status_id, sort_order);
CREATE INDEX IF NOT EXISTS idx_tasks_project_created ON tasks(project_id, created_at);
CREATE INDEX IF NOT EXISTS idx_tasks_resource ON tasks(resource_type, resource_id);
CREATE INDEX IF NOT EXISTS idx_tasks_assignee ON tasks(assignee_id, status_id, due_date);
CREATE INDEX IF NOT EXISTS idx_tasks_reporter ON tasks(reporter_id);
CREATE INDEX IF NOT EXISTS idx_tasks_created_by ON tasks(created_by);
CREATE INDEX IF NOT EXISTS idx_tasks_status ON tasks(status_id, updated_at);
CREATE INDEX IF NOT EXISTS idx_tasks_priority ON tasks(priority_id);
CREATE INDEX IF NOT EXISTS idx_tasks_type ON tasks(type_id);
CREATE INDEX IF NOT EXISTS idx_tasks_parent ON tasks(parent_task_id, sort_order);
CREATE INDEX IF NOT EXISTS idx_tasks_phase ON tasks(phase_id);
CREATE INDEX IF NOT EXISTS idx_tasks_sprint ON tasks(sprint_id, status_id);
CREATE INDEX IF NOT EXISTS idx_tasks_roadmap_item ON tasks(roadmap_item_id);
CREATE INDEX IF NOT EXISTS idx_tasks_due ON tasks(due_date);
CREATE INDEX IF NOT EXISTS idx_tasks_updated ON tasks(updated_at);
CREATE INDEX IF NOT EXISTS idx_tasks_email_thread ON tasks(email_thread_id) WHERE email_thread_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS task_todos (
  id TEXT PRIMARY KEY NOT NULL,
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  is_done INTEGER NOT NULL DEFAULT 0 CHECK (is_done IN (0,1)),
  position INTEGER NOT NULL DEFAULT 0,
  done_at TEXT,
  done_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_task_todos_task ON task_todos(task_id, position);

CREATE TABLE IF NOT EXISTS task_watchers (
  id TEXT PRIMARY KEY NOT NULL,
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (task_id, user_id)
);
CREATE INDEX IF NOT EXISTS idx_task_watchers_user ON task_watchers(user_id, task_id);

CREATE TABLE IF NOT EXISTS task_resources (
  id TEXT PRIMARY KEY NOT NULL,
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('team','budget','compute','link','other')),
  label TEXT NOT NULL,
  person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  quantity REAL,
  unit TEXT,
  url TEXT,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_task_resources_task ON task_resources(task_id, created_at);

CREATE TABLE IF NOT EXISTS task_sla (
  id TEXT PRIMARY KEY NOT NULL,
  task_id TEXT NOT NULL UNIQUE REFERENCES tasks(id) ON DELETE CASCADE,
  policy_id TEXT NOT NULL REFERENCES sla_policies(id) ON DELETE CASCADE,
  priority_id TEXT REFERENCES config_list_items(id) ON DELETE SET NULL,
  started_at TEXT NOT NULL,
  response_deadline TEXT NOT NULL,
  resolution_deadline TEXT NOT NULL,
  responded_at TEXT,
  resolved_at TEXT,
  -- Recorded when responded/resolved; open SLAs are judged against now in SQL.
  response_breached INTEGER NOT NULL DEFAULT 0 CHECK (response_breached IN (0,1)),
  resolution_breached INTEGER NOT NULL DEFAULT 0 CHECK (resolution_breached IN (0,1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_task_sla_policy ON task_sla(policy_id);
CREATE INDEX IF NOT EXISTS idx_task_sla_response ON task_sla(responded_at, response_deadline);
CREATE INDEX IF NOT EXISTS idx_task_sla_resolution ON task_sla(resolved_at, resolution_deadline);

CREATE TABLE IF NOT EXISTS agent_project_config (
  id TEXT PRIMARY KEY NOT NULL,
  project_id TEXT NOT NULL UNIQUE REFERENCES projects(id) ON DELETE CASCADE,
  is_enabled INTEGER NOT NULL DEFAULT 0 CHECK (is_enabled IN (0,1)),
  features TEXT NOT NULL DEFAULT '["triage","summarise"]', -- JSON array of enabled features
  confidence_threshold INTEGER NOT NULL DEFAULT 70 CHECK (confidence_threshold BETWEEN 0 AND 100),
  max_runs_per_task INTEGER NOT NULL DEFAULT 10 CHECK (max_runs_per_task BETWEEN 1 AND 1000),
  instructions TEXT,
  updated_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE IF NOT EXISTS agent_task_meta (
  id TEXT PRIMARY KEY NOT NULL,
  task_id TEXT NOT NULL UNIQUE REFERENCES tasks(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'idle' CHECK (status IN ('idle','running','succeeded','failed')),
  run_count INTEGER NOT NULL DEFAULT 0,
  last_run_id TEXT,
  last_run_at TEXT,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE IF NOT EXISTS agent_task_runs (
  id TEXT PRIMARY KEY NOT NULL,
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  feature TEXT NOT NULL CHECK (feature IN ('triage','summarise','next_steps','draft_reply')),
  status TEXT NOT NULL CHECK (status IN ('succeeded','failed')),
  source TEXT NOT NULL CHECK (source IN ('ai','rules')),
  model TEXT,
  input TEXT NOT NULL,
  output TEXT,
  error TEXT,
  duration_ms INTEGER NOT NULL DEFAULT 0 CHECK (duration_ms >= 0),
  started_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX IF NOT EXISTS idx_agent_task_runs_task ON agent_task_runs(task_id, started_at);

-- Watchers and assignees hear about changes.
INSERT OR IGNORE INTO notification_types (key, label, description, default_channels) VALUES
  ('task_updated','Task updated','A task you watch or are assigned to changed','["in_app"]');

-- System config lists the delivery screens depend on (editable labels/colours; values fixed).
INSERT OR IGNORE INTO config_lists (id, key, name, description, is_system) VALUES
  ('cl-task-status','task_status','Task status','Columns of the task board, in order',1),
  ('cl-task-priority','task_priority','Task priority','Priorities; SLA rules are set per priority',1),
  ('cl-task-type','task_type','Task type','Kinds of task',1),
  ('cl-project-type','project_type','Project type','Kinds of project',1);
INSERT OR IGNORE INTO config_list_items (id, list_id, label, value, color, is_default, is_system, position, stage_type) VALUES
  ('cli-status-todo','cl-task-status','To do','todo','#64748b',1,1,1,'not_started'),
  ('cli-status-in-progress','cl-task-status','In progress','in_progress','#2563eb',0,1,2,'in_progress'),
  ('cli-status-in-review','cl-task-status','In review','in_review','#9333ea',0,1,3,'in_progress'),
  ('cli-status-done','cl-task-status','Done','done','#16a34a',0,1,4,'done'),
  ('cli-priority-low','cl-task-priority','Low','low','#64748b',0,1,1,NULL),
  ('cli-priority-medium','cl-task-priority','Medium','medium','#2563eb',1,1,2,NULL),
  ('cli-priority-high','cl-task-priority','High','high','#ea580c',0,1,3,NULL),
  ('cli-priority-urgent','cl-task-priority','Urgent','urgent','#dc2626',0,1,4,NULL),
  ('cli-type-task','cl-task-type','Task','task','#64748b',1,1,1,NULL),
  ('cli-type-bug','cl-task-type','Bug','bug','#dc2626',0,1,2,NULL),
  ('cli-type-feature','cl-task-type','Feature','feature','#2563eb',0,1,3,NULL),
  ('cli-type-ticket','cl-task-type','Support ticket','ticket','#ea580c',0,1,4,NULL),
  ('cli-type-phase','cl-task-type','Phase','phase','#0f766e',0,1,5,NULL),
  ('cli-ptype-website','cl-project-type','Website build','website','#2563eb',1,1,1,NULL),
  ('cli-ptype-retainer','cl-project-type','Retainer','retainer','#16a34a',0,1,2,NULL),
  ('cli-ptype-product','cl-project-type','Product squad','product','#7c3aed',0,1,3,NULL),
  ('cli-ptype-campaign','cl-project-type','Campaign','campaign','#ea580c',0,1,4,NULL),
  ('cli-ptype-support','cl-project-type','Support','support','#0891b2',0,1,5,NULL);
