-- CRM email (Gmail sync, compose and reply). Each user syncs their OWN mailbox through their
-- Google user connection; a thread is stored only when at least one participant is a known
-- contact (contacts.email). `email_contacts` resolves every address on a stored email to a
-- contact and company (null when unknown). `email_sync_state` is the per-user cursor.
CREATE TABLE IF NOT EXISTS emails (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  gmail_message_id TEXT NOT NULL,
  gmail_thread_id TEXT NOT NULL,
  rfc_message_id TEXT,
  in_reply_to TEXT,
  references_header TEXT,
  direction TEXT NOT NULL CHECK (direction IN ('inbound','outbound')),
  source TEXT NOT NULL DEFAULT 'sync' CHECK (source IN ('sync','sent')),
  from_address TEXT NOT NULL COLLATE NOCASE,
  from_name TEXT,
  to_addresses TEXT NOT NULL DEFAULT '',
  cc_addresses TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL DEFAULT '',
  snippet TEXT,
  body_text TEXT NOT NULL DEFAULT '',
  sent_at TEXT NOT NULL,
  company_id TEXT REFERENCES companies(id) ON DELETE SET NULL,
  contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
  is_thread_head INTEGER NOT NULL DEFAULT 1 CHECK (is_thread_head IN (0,1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (user_id, gmail_message_id)
);
CREATE INDEX IF NOT EXISTS idx_emails_thread ON emails(gmail_thread_id, sent_at);
CREATE INDEX IF NOT EXISTS idx_emails_user_thread ON emails(user_id, gmail_thread_id, sent_at);
CREATE INDEX IF NOT EXISTS idx_emails_heads ON emails(is_thread_head, sent_at);
CREATE INDEX IF NOT EXISTS idx_emails_user_heads ON emails(user_id, is_thread_head, sent_at);
CREATE INDEX IF NOT EXISTS idx_emails_company ON emails(company_id, sent_at);
CREATE INDEX IF NOT EXISTS idx_emails_contact ON emails(contact_id, sent_at);
CREATE INDEX IF NOT EXISTS idx_emails_sent ON emails(sent_at);

CREATE TABLE IF NOT EXISTS email_contacts (
  id TEXT PRIMARY KEY NOT NULL,
  email_id TEXT NOT NULL REFERENCES emails(id) ON DELETE CASCADE,
  address TEXT NOT NULL COLLATE NOCASE,
  role TEXT NOT NULL CHECK (role IN ('from','to','cc')),
  contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
  company_id TEXT REFERENCES companies(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (email_id, address, role)
);
CREATE INDEX IF NOT EXISTS idx_email_contacts_company ON email_contacts(company_id, email_id);
CREATE INDEX IF NOT EXISTS idx_email_contacts_contact ON email_contacts(contact_id, email_id);
CREATE INDEX IF NOT EXISTS idx_email_contacts_address ON email_contacts(address);

CREATE TABLE IF NOT EXISTS email_sync_state (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
  mailbox TEXT,
  history_id TEXT,
  status TEXT NOT NULL DEFAULT 'never' CHECK (status IN ('never','succeeded','failed')),
  last_synced_at TEXT,
  last_attempt_at TEXT,
  last_error TEXT,
  stored_count INTEGER NOT NULL DEFAULT 0,
  skipped_count INTEGER NOT NULL DEFAULT 0,
  mode TEXT CHECK (mode IS NULL OR mode IN ('full','incremental')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
