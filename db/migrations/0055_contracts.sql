-- Sales ▸ contracts with built-in e-signature (ORIGINAL.md §9.2).
-- Templates carry ordered signer roles and fields placed on the PDF in % of the page; the base
-- PDF lives in R2 (binding FILES) under contract-templates/<id>/<uuid>.pdf (NULL: a generated
-- document is rendered instead). A contract snapshots its template's roles, fields and base
-- PDF key when it is created, so later template edits never change a contract in flight.
-- Signers sign in sign_order; each holds at most one live signing token, stored only as its
-- SHA-256 hash, cleared when used, declined or the contract is voided.

CREATE TABLE IF NOT EXISTS contract_templates (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  contract_type TEXT NOT NULL
    CHECK (contract_type IN ('msa','sow','nda','npa','employment_agreement','other')),
  signer_roles TEXT NOT NULL DEFAULT '[]',  -- JSON [{id, label}] in signing order
  fields_schema TEXT NOT NULL DEFAULT '[]', -- JSON [{id, type, label, signer_role_id, page, x_pct, y_pct, w_pct, h_pct, required}]
  pdf_key TEXT UNIQUE,
  pdf_file_name TEXT,
  pdf_size INTEGER CHECK (pdf_size IS NULL OR (pdf_size > 0 AND pdf_size <= 10485760)),
  page_count INTEGER NOT NULL DEFAULT 1 CHECK (page_count BETWEEN 1 AND 200),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_contract_templates_active ON contract_templates(is_active, name);

CREATE TABLE IF NOT EXISTS contracts (
  id TEXT PRIMARY KEY NOT NULL,
  template_id TEXT REFERENCES contract_templates(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  contract_type TEXT NOT NULL
    CHECK (contract_type IN ('msa','sow','nda','npa','employment_agreement','other')),
  company_id TEXT REFERENCES companies(id) ON DELETE SET NULL,
  deal_id TEXT REFERENCES deals(id) ON DELETE SET NULL,
  owner_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft','sent','completed','declined','void')),
  value_cents INTEGER CHECK (value_cents IS NULL OR value_cents >= 0),
  currency TEXT NOT NULL DEFAULT 'AUD' CHECK (length(currency) = 3),
  start_date TEXT,
  end_date TEXT,
  renewal_date TEXT,
  renewal_notice_days INTEGER NOT NULL DEFAULT 30 CHECK (renewal_notice_days BETWEEN 0 AND 365),
  terms TEXT,
  page_count INTEGER NOT NULL DEFAULT 1 CHECK (page_count BETWEEN 1 AND 200),
  signer_roles TEXT NOT NULL DEFAULT '[]',
  fields_schema TEXT NOT NULL DEFAULT '[]',
  base_pdf_key TEXT,
  completed_pdf_key TEXT,
  sent_at TEXT,
  completed_at TEXT,
  declined_at TEXT,
  decline_reason TEXT,
  voided_at TEXT,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_contracts_status_updated ON contracts(status, updated_at);
CREATE INDEX IF NOT EXISTS idx_contracts_updated ON contracts(updated_at);
CREATE INDEX IF NOT EXISTS idx_contracts_owner ON contracts(owner_id, updated_at);
CREATE INDEX IF NOT EXISTS idx_contracts_company ON contracts(company_id);
CREATE INDEX IF NOT EXISTS idx_contracts_deal ON contracts(deal_id) WHERE deal_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_contracts_template ON contracts(template_id);
CREATE INDEX IF NOT EXISTS idx_contracts_renewal ON contracts(renewal_date) WHERE renewal_date IS NOT NULL;

CREATE TABLE IF NOT EXISTS contract_signers (
  id TEXT PRIMARY KEY NOT NULL,
  contract_id TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
  role_id TEXT NOT NULL,
  role_label TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL COLLATE NOCASE,
  sign_order INTEGER NOT NULL CHECK (sign_order >= 1),
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending','sent','viewed','signed','declined')),
  token_hash TEXT UNIQUE,
  token_expires_at TEXT,
  sent_at TEXT,
  viewed_at TEXT,
  signed_at TEXT,
  declined_at TEXT,
  decline_reason TEXT,
  ip TEXT,
  user_agent TEXT,
  field_values TEXT, -- JSON {fieldId: {type: 'typed'|'drawn', value} | 'YYYY-MM-DD' | true | 'text'}
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (contract_id, sign_order)
);
CREATE INDEX IF NOT EXISTS idx_contract_signers_email ON contract_signers(email);

INSERT OR IGNORE INTO notification_types (key, label, description, default_channels) VALUES
  ('contract_completed','Contract signed by everyone','Every signer has signed a contract you own','["in_app","email"]'),
  ('contract_declined','Contract declined','A signer declined a contract you own','["in_app","email"]');
