-- Meetings (ORIGINAL.md §8.7, FEATURES.md crm): Google Calendar events and Granola notes synced
-- per user, their attendees (matched to contacts and people by email), lazily cached transcripts,
-- action items, and the match to a company / project (deal later) with a confidence score:
-- >= 80 auto-linked, 50-79 suggested (one-click accept/dismiss), < 50 triage queue.
-- The match lives on the meeting row (matched_type/matched_id are polymorphic, so no FK; the
-- CHECK already allows 'deal' so adding deals as a match target needs no migration).

CREATE TABLE meetings (
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  starts_at TEXT NOT NULL,
  ends_at TEXT,
  all_day INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0,1)),
  location TEXT,
  meeting_url TEXT,
  status TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed','tentative','cancelled')),
  category TEXT CHECK (category IS NULL OR category IN ('client','internal','sales','delivery','recruitment','admin')),
  -- Google Calendar event id (the same across attendees' calendars) and Granola note id.
  calendar_event_id TEXT UNIQUE,
  granola_note_id TEXT UNIQUE,
  summary TEXT,
  organizer_email TEXT COLLATE NOCASE,
  organizer_person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  -- Whose sync first brought the meeting in.
  owner_person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  matched_type TEXT CHECK (matched_type IS NULL OR matched_type IN ('company','project','deal')),
  matched_id TEXT,
  match_confidence INTEGER CHECK (match_confidence IS NULL OR match_confidence BETWEEN 0 AND 100),
  match_status TEXT NOT NULL DEFAULT 'triage' CHECK (match_status IN ('auto','suggested','triage','confirmed','dismissed')),
  -- JSON: the signals behind the score ([{signal, points, detail}]).
  match_reasons TEXT,
  matched_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  matched_at TEXT,
  synced_at TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  CHECK ((matched_type IS NULL) = (matched_id IS NULL))
);
CREATE INDEX idx_meetings_starts ON meetings(starts_at);
CREATE INDEX idx_meetings_owner ON meetings(owner_person_id, starts_at);
CREATE INDEX idx_meetings_organizer ON meetings(organizer_person_id);
CREATE INDEX idx_meetings_match_status ON meetings(match_status, starts_at);
CREATE INDEX idx_meetings_matched ON meetings(matched_type, matched_id, starts_at);
CREATE INDEX idx_meetings_title ON meetings(title COLLATE NOCASE);

CREATE TABLE meeting_attendees (
  id TEXT PRIMARY KEY NOT NULL,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  email TEXT NOT NULL COLLATE NOCASE,
  name TEXT,
  person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
  is_organizer INTEGER NOT NULL DEFAULT 0 CHECK (is_organizer IN (0,1)),
  response_status TEXT CHECK (response_status IS NULL OR response_status IN ('accepted','declined','tentative','needs_action')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (meeting_id, email)
);
CREATE INDEX idx_meeting_attendees_person ON meeting_attendees(person_id, meeting_id);
CREATE INDEX idx_meeting_attendees_contact ON meeting_attendees(contact_id, meeting_id);

-- Read-through cache of a meeting's transcript (fetched from Granola on first view).
CREATE TABLE meeting_transcripts (
  id TEXT PRIMARY KEY NOT NULL,
  meeting_id TEXT NOT NULL UNIQUE REFERENCES meetings(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('available','unavailable')),
  source TEXT NOT NULL DEFAULT 'granola' CHECK (source IN ('granola')),
  content TEXT,
  message TEXT,
  fetched_at TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE meeting_action_items (
  id TEXT PRIMARY KEY NOT NULL,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  -- A stable key (normalised text) so a re-sync updates instead of duplicating.
  external_key TEXT NOT NULL,
  assignee_person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  assignee_name TEXT,
  due_date TEXT,
  source TEXT NOT NULL DEFAULT 'granola' CHECK (source IN ('granola','manual')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (meeting_id, external_key)
);
CREATE INDEX idx_meeting_action_items_assignee ON meeting_action_items(assignee_person_id);

-- One row per "Sync now" (per user): what came in from each source and what failed.
-- (sync_runs' provider CHECK has no 'granola', and its lock is per provider, not per user.)
CREATE TABLE meeting_sync_runs (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
  person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  status TEXT NOT NULL CHECK (status IN ('succeeded','partial','failed')),
  calendar_events INTEGER NOT NULL DEFAULT 0,
  granola_notes INTEGER NOT NULL DEFAULT 0,
  created_count INTEGER NOT NULL DEFAULT 0,
  updated_count INTEGER NOT NULL DEFAULT 0,
  action_items INTEGER NOT NULL DEFAULT 0,
  errors TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL
);
CREATE INDEX idx_meeting_sync_runs_user ON meeting_sync_runs(user_id, started_at);
