-- Inbound email → ticket. `inbound_emails` belongs to the CRM area's email group but no other
-- migration created it, so delivery does (the webhook needs it): every email the signed
-- webhook accepts is kept once (message_id), with what it became (a ticket, a note on an
-- existing ticket's thread, or nothing).
CREATE TABLE IF NOT EXISTS inbound_emails (
  id TEXT PRIMARY KEY NOT NULL,
  message_id TEXT NOT NULL UNIQUE,
  thread_id TEXT,
  in_reply_to TEXT,
  references_header TEXT,
  from_address TEXT NOT NULL COLLATE NOCASE,
  from_name TEXT,
  to_address TEXT NOT NULL COLLATE NOCASE,
  subject TEXT NOT NULL DEFAULT '',
  text_body TEXT NOT NULL DEFAULT '',
  received_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received','ticketed','noted','ignored')),
  company_id TEXT REFERENCES companies(id) ON DELETE SET NULL,
  contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
  project_id TEXT REFERENCES projects(id) ON DELETE SET NULL,
  task_id TEXT REFERENCES tasks(id) ON DELETE SET NULL,
  note_id TEXT REFERENCES notes(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_inbound_emails_thread ON inbound_emails(thread_id) WHERE thread_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_inbound_emails_task ON inbound_emails(task_id);
CREATE INDEX IF NOT EXISTS idx_inbound_emails_received ON inbound_emails(received_at);
CREATE INDEX IF NOT EXISTS idx_inbound_emails_from ON inbound_emails(from_address, received_at);
CREATE INDEX IF NOT EXISTS idx_inbound_emails_company ON inbound_emails(company_id, received_at);
