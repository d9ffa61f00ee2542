-- The pipeline board's per-stage totals (count, value, weighted value, rotting) read only this
-- index (no table lookups): a pipeline's deals, filtered by status / closed date, owner and id for
-- the visibility rule, grouped by stage.
CREATE INDEX IF NOT EXISTS idx_deals_board_totals
  ON deals(pipeline_id, stage_id, status, closed_at, value_cents, probability_override, updated_at, owner_id, id);
