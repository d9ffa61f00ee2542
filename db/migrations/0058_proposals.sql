-- Sales: proposals. Templates (pages + a pricing outline), proposals cloned from them with
-- variables resolved, ordered pages, pricing sections and items (optional items the client may
-- pick, tax in basis points), internal approvals above a threshold, team members shown to the
-- client, a hashed public share token, client acceptance (signers) and view analytics.

-- Proposal settings (one row, id 'org'): the approval threshold. org_settings only allows its
-- own keys (CHECK), so proposals keep theirs here.
CREATE TABLE IF NOT EXISTS proposal_settings (
  id TEXT PRIMARY KEY NOT NULL CHECK (id = 'org'),
  approval_threshold_cents INTEGER NOT NULL DEFAULT 2000000 CHECK (approval_threshold_cents >= 0),
  default_valid_days INTEGER NOT NULL DEFAULT 30 CHECK (default_valid_days BETWEEN 1 AND 365),
  updated_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
INSERT OR IGNORE INTO proposal_settings (id) VALUES ('org');

CREATE TABLE IF NOT EXISTS proposal_templates (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  category TEXT,
  -- The pricing outline cloned into new proposals: JSON [{title, items:[{description, quantity, rate_cents, optional}]}].
  pricing_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(pricing_json)),
  tax_rate_bp INTEGER NOT NULL DEFAULT 1000 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_proposal_templates_active ON proposal_templates(is_active, name);

CREATE TABLE IF NOT EXISTS proposal_template_pages (
  id TEXT PRIMARY KEY NOT NULL,
  template_id TEXT NOT NULL REFERENCES proposal_templates(id) ON DELETE CASCADE,
  position INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_proposal_template_pages_template ON proposal_template_pages(template_id, position);

CREATE TABLE IF NOT EXISTS proposals (
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft','for_approval','sent','viewed','accepted','declined','expired')),
  template_id TEXT REFERENCES proposal_templates(id) ON DELETE SET NULL,
  deal_id TEXT REFERENCES deals(id) ON DELETE SET NULL,
  company_id TEXT REFERENCES companies(id) ON DELETE SET NULL,
  contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
  owner_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  currency TEXT NOT NULL DEFAULT 'AUD' CHECK (length(currency) = 3),
  tax_rate_bp INTEGER NOT NULL DEFAULT 1000 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  -- Cached total (required items + chosen optional items, tax included), kept by every pricing write.
  total_cents INTEGER NOT NULL DEFAULT 0 CHECK (total_cents >= 0),
  valid_until TEXT, -- YYYY-MM-DD; Sent/Viewed proposals past it become Expired
  internal_notes TEXT,
  -- The total an approver signed off (sending needs total <= it when total >= threshold).
  approved_total_cents INTEGER,
  -- SHA-256 (base64url) of the share token; the token itself is never stored.
  share_token_hash TEXT UNIQUE,
  sent_at TEXT,
  first_viewed_at TEXT,
  accepted_at TEXT,
  declined_at TEXT,
  decline_reason TEXT,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_proposals_status ON proposals(status, updated_at);
CREATE INDEX IF NOT EXISTS idx_proposals_owner ON proposals(owner_id, status);
CREATE INDEX IF NOT EXISTS idx_proposals_company ON proposals(company_id);
CREATE INDEX IF NOT EXISTS idx_proposals_deal ON proposals(deal_id);
CREATE INDEX IF NOT EXISTS idx_proposals_contact ON proposals(contact_id);
CREATE INDEX IF NOT EXISTS idx_proposals_template ON proposals(template_id);
CREATE INDEX IF NOT EXISTS idx_proposals_expiry ON proposals(status, valid_until);
CREATE INDEX IF NOT EXISTS idx_proposals_title ON proposals(title);

CREATE TABLE IF NOT EXISTS proposal_pages (
  id TEXT PRIMARY KEY NOT NULL,
  proposal_id TEXT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  position INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_proposal_pages_proposal ON proposal_pages(proposal_id, position);

CREATE TABLE IF NOT EXISTS proposal_pricing_sections (
  id TEXT PRIMARY KEY NOT NULL,
  proposal_id TEXT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  position INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_proposal_pricing_sections_proposal ON proposal_pricing_sections(proposal_id, position);

CREATE TABLE IF NOT EXISTS proposal_pricing_items (
  id TEXT PRIMARY KEY NOT NULL,
  proposal_id TEXT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  section_id TEXT NOT NULL REFERENCES proposal_pricing_sections(id) ON DELETE CASCADE,
  position INTEGER NOT NULL DEFAULT 0,
  description TEXT NOT NULL,
  quantity REAL NOT NULL DEFAULT 1 CHECK (quantity > 0),
  rate_cents INTEGER NOT NULL DEFAULT 0 CHECK (rate_cents >= 0),
  is_optional INTEGER NOT NULL DEFAULT 0 CHECK (is_optional IN (0,1)),
  -- Required items are always selected; optional ones when the client picks them.
  is_selected INTEGER NOT NULL DEFAULT 1 CHECK (is_selected IN (0,1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS idx_proposal_pricing_items_section ON proposal_pricing_items(section_id, position);
CREATE INDEX IF NOT EXISTS idx_proposal_pricing_items_proposal ON proposal_pricing_items(proposal_id);

CREATE TABLE IF NOT EXISTS proposal_approvals (
  id TEXT PRIMARY KEY NOT NULL,
  proposal_id TEXT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  total_cents INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected')),
  requested_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  requested_at TEXT NOT NULL,
  decided_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  decided_at TEXT,
  comment TEXT
);
CREATE INDEX IF NOT EXISTS idx_proposal_approvals_proposal ON proposal_approvals(proposal_id, requested_at);
CREATE INDEX IF NOT EXISTS idx_proposal_approvals_status ON proposal_approvals(status, requested_at);

CREATE TABLE IF NOT EXISTS proposal_team_members (
  id TEXT PRIMARY KEY NOT NULL,
  proposal_id TEXT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  role TEXT,
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (proposal_id, person_id)
);
CREATE INDEX IF NOT EXISTS idx_proposal_team_members_person ON proposal_team_members(person_id);

CREATE TABLE IF NOT EXISTS proposal_signers (
  id TEXT PRIMARY KEY NOT NULL,
  proposal_id TEXT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  signature_type TEXT NOT NULL DEFAULT 'typed' CHECK (signature_type IN ('typed','drawn')),
  -- A drawn signature as a PNG data URL (capped by the form schema); NULL when typed.
  signature_image TEXT,
  status TEXT NOT NULL DEFAULT 'signed' CHECK (status IN ('signed','declined')),
  ip_hash TEXT,
  user_agent TEXT,
  signed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_proposal_signers_proposal ON proposal_signers(proposal_id);

-- One row per open of the share link (a 30-minute visit kept by a cookie).
CREATE TABLE IF NOT EXISTS proposal_views (
  id TEXT PRIMARY KEY NOT NULL,
  proposal_id TEXT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  ip_hash TEXT,
  user_agent TEXT,
  started_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_proposal_views_proposal ON proposal_views(proposal_id, started_at);

-- One row per page shown in a visit; ms comes from the page beacon or, without JS, from the
-- next page view's timestamp.
CREATE TABLE IF NOT EXISTS proposal_slide_views (
  id TEXT PRIMARY KEY NOT NULL,
  view_id TEXT NOT NULL REFERENCES proposal_views(id) ON DELETE CASCADE,
  proposal_id TEXT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  page_id TEXT NOT NULL REFERENCES proposal_pages(id) ON DELETE CASCADE,
  viewed_at TEXT NOT NULL,
  ms INTEGER NOT NULL DEFAULT 0 CHECK (ms >= 0)
);
CREATE INDEX IF NOT EXISTS idx_proposal_slide_views_view ON proposal_slide_views(view_id, viewed_at);
CREATE INDEX IF NOT EXISTS idx_proposal_slide_views_proposal ON proposal_slide_views(proposal_id, page_id);
CREATE INDEX IF NOT EXISTS idx_proposal_slide_views_page ON proposal_slide_views(page_id);

INSERT OR IGNORE INTO notification_types (key, label, description, default_channels) VALUES
  ('proposal_viewed','Proposal viewed','A client opened your proposal for the first time','["in_app"]'),
  ('proposal_approval','Proposal approval','A proposal needs, or got, an approval decision','["in_app"]'),
  ('proposal_response','Proposal response','A client accepted or declined your proposal','["in_app"]');
