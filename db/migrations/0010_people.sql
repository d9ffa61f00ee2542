-- People (directory, org chart, syncs): sort indexes for the directory and the record of every
-- external sync run (Productive, Google Workspace directory, Xero Payroll). The latest
-- successful Productive run is the org-level "last synced" time behind the 6 h TTL.

CREATE INDEX IF NOT EXISTS idx_people_title ON people(title);
CREATE INDEX IF NOT EXISTS idx_people_start_date ON people(start_date);

CREATE TABLE IF NOT EXISTS sync_runs (
  id TEXT PRIMARY KEY NOT NULL,
  provider TEXT NOT NULL CHECK (provider IN ('productive','google','xero')),
  trigger TEXT NOT NULL DEFAULT 'manual' CHECK (trigger IN ('manual','background')),
  status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running','succeeded','failed')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  -- JSON: counts of what the run changed ({"created":1,"updated":2,...}).
  summary TEXT,
  -- Why a failed run failed (never a token or a response body with secrets).
  error TEXT,
  triggered_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_sync_runs_provider_started ON sync_runs(provider, started_at);
CREATE INDEX IF NOT EXISTS idx_sync_runs_provider_status ON sync_runs(provider, status, finished_at);
