-- Sales follow-ups (proposals + contracts). An unanswered proposal (Sent or Viewed, no answer)
-- raises a follow-up action item for its owner after proposal_settings.follow_up_days (7 by
-- default, next to the approval threshold); a contract signer waiting more than 5 days raises
-- a "chase" item for the contract's owner. Both sweeps are set-based statements folded into
-- the pages that already sweep (proposals board, contracts list), so these indexes keep them
-- cheap.
ALTER TABLE proposal_settings ADD COLUMN follow_up_days INTEGER NOT NULL DEFAULT 7
  CHECK (follow_up_days BETWEEN 1 AND 90);

-- Live proposals by when they were sent (the follow-up sweep).
CREATE INDEX IF NOT EXISTS idx_proposals_status_sent ON proposals(status, sent_at);
-- Signers waiting to sign (the chase sweep), and the timeline's signer events per contract.
CREATE INDEX IF NOT EXISTS idx_contract_signers_waiting ON contract_signers(status, sent_at);
CREATE INDEX IF NOT EXISTS idx_contract_signers_contract_signed ON contract_signers(contract_id, signed_at);
