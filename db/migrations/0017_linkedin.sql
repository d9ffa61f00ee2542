-- People ▸ LinkedIn: activity snapshots and change alerts, ingested by the signed webhook
-- POST /webhooks/linkedin. People are matched by LinkedIn URL (case-insensitive) or email.

CREATE TABLE IF NOT EXISTS person_linkedin_activities (
  id TEXT PRIMARY KEY NOT NULL,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  activity_type TEXT NOT NULL CHECK (activity_type IN ('post','comment','reaction')),
  url TEXT NOT NULL,
  text_excerpt TEXT,
  posted_at TEXT,
  fetched_at TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  -- A re-delivered snapshot of the same activity refreshes the row instead of duplicating it.
  UNIQUE (person_id, activity_type, url)
);
CREATE INDEX IF NOT EXISTS idx_linkedin_activities_person ON person_linkedin_activities(person_id, posted_at);

CREATE TABLE IF NOT EXISTS person_change_alerts (
  id TEXT PRIMARY KEY NOT NULL,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  source TEXT NOT NULL DEFAULT 'linkedin' CHECK (source IN ('linkedin')),
  -- The sender's event id: a replayed delivery is recognised and ignored.
  external_id TEXT,
  change_type TEXT NOT NULL
    CHECK (change_type IN ('title_change','company_change','headline_change','location_change','profile_update')),
  before_json TEXT,
  after_json TEXT,
  detected_at TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (source, external_id, change_type)
);
CREATE INDEX IF NOT EXISTS idx_change_alerts_person ON person_change_alerts(person_id, detected_at);
CREATE INDEX IF NOT EXISTS idx_change_alerts_open ON person_change_alerts(acknowledged_at, detected_at);

-- Matching a webhook to a person by URL: lower(linkedin_url) = ?
CREATE INDEX IF NOT EXISTS idx_people_linkedin_url ON people(lower(linkedin_url));

INSERT OR IGNORE INTO notification_types (key, label, description, default_channels) VALUES
  ('linkedin_change','LinkedIn change','A report''s LinkedIn profile changed (title, company, headline…)','["in_app"]');
