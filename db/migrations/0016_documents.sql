-- People ▸ HR documents: metadata in D1, the file in R2 (binding FILES) under
-- documents/<person-id>/<uuid>.<ext>. Expiry reminders (30 and 7 days) are recorded so that
-- running the check again never notifies twice.

CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY NOT NULL,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  category TEXT NOT NULL
    CHECK (category IN ('employment_agreement','superannuation','visa','certificate','policy','other')),
  name TEXT NOT NULL,
  file_key TEXT NOT NULL UNIQUE,
  file_name TEXT NOT NULL,
  file_size INTEGER NOT NULL CHECK (file_size > 0 AND file_size <= 10485760),
  content_type TEXT NOT NULL,
  expiry_date TEXT, -- YYYY-MM-DD (visas, certificates)
  uploaded_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  uploaded_by_name TEXT,
  reminded_30_at TEXT,
  reminded_7_at TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_documents_person ON documents(person_id, created_at);
CREATE INDEX IF NOT EXISTS idx_documents_expiry ON documents(expiry_date) WHERE expiry_date IS NOT NULL;
