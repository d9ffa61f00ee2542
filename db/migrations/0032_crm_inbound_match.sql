-- Inbound emails (created by 0031_delivery_inbound) are matched to a company: by the sender's
-- contact, else by the sender's domain (companies.domain; free-mail domains never match), else
-- by the project that ticketed it. `matched_by` records how (company_id/contact_id exist already).
ALTER TABLE inbound_emails ADD COLUMN matched_by TEXT CHECK (matched_by IS NULL OR matched_by IN ('contact','domain','project'));
CREATE INDEX IF NOT EXISTS idx_inbound_emails_contact ON inbound_emails(contact_id, received_at);
