-- Leave at scale (issue #5 follow-up): covering indexes for the approvals queue, its count and
-- the sidebar badge (status = ?, ordered by start date, person checked against the approver's
-- subtree without touching the table) and for the team calendar (per person: requests that end
-- on or after the first day of the month, with their start and status, without the table).
CREATE INDEX IF NOT EXISTS idx_leave_requests_status_start ON leave_requests(status, start_date, id, person_id);
CREATE INDEX IF NOT EXISTS idx_leave_requests_person_end ON leave_requests(person_id, end_date, start_date, status);
