-- Action centre: indexes for the "Completed" view of the feed (sorted by completion time),
-- scoped to the assignee (employees) or across everyone (executives and heads).
CREATE INDEX IF NOT EXISTS idx_action_items_completed ON action_items(is_completed, completed_at);
CREATE INDEX IF NOT EXISTS idx_action_items_assignee_completed ON action_items(assigned_person_id, is_completed, completed_at);
