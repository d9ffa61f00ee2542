import { employeeOnly, type RouteAccess } from "./types";

// Leave and public holidays (seeded grants: every level views and submits leave; managers, heads
// and executives approve; every level views holidays). Scope: Ethan (employee) sees only his own
// requests; Daniel (manager) his subtree, which includes Noah.
export const leaveRoutes: RouteAccess[] = [
  { id: "routes/_app+/leave+/_index", path: "/leave", expect: employeeOnly() },
  { id: "routes/_app+/leave+/approvals", path: "/leave/approvals", expect: employeeOnly({ employee: 403 }), note: "approvers only (manager, head, executive)" },
  { id: "routes/_app+/leave+/calendar", path: "/leave/calendar?month=2026-12", expect: employeeOnly() },
  {
    id: "routes/_app+/leave+/requests.$requestId", path: "/leave/requests/lr-noah-dec",
    expect: employeeOnly({ employee: 404 }), note: "Noah reports to Daniel; outside Ethan's own-only scope",
  },
  { id: "routes/_app+/holidays", path: "/holidays?year=2026", expect: employeeOnly() },
];
