import { employeeOnly, type RouteAccess } from "./types";

// People directory, org chart, profiles, syncs, squads and global search (seeded grants: every
// level views people and squads; only executives manage people). Scope decides the rest: the
// employee persona (Ethan) sees only themself, the manager (Daniel) their subtree.
export const peopleRoutes: RouteAccess[] = [
  { id: "routes/_app+/people+/_index", path: "/people?sort=name&status=current", expect: employeeOnly() },
  { id: "routes/_app+/people[.csv]", path: "/people.csv", expect: employeeOnly(), note: "scoped CSV" },
  { id: "routes/_app+/people+/org-chart", path: "/people/org-chart?peek=liam-murphy", expect: employeeOnly() },
  {
    id: "routes/_app+/people+/$personId", path: "/people/liam-murphy?tab=employment",
    expect: employeeOnly({ employee: 404 }), note: "Liam reports to Daniel; outside Ethan's own-only scope",
  },
  { id: "routes/_app+/people+/sync", path: "/people/sync", expect: employeeOnly({ employee: 403, manager: 403 }), note: "people:manage (executives)" },
  { id: "routes/_app+/search", path: "/search?q=liam", expect: employeeOnly() },
  { id: "routes/_app+/squads+/_index", path: "/squads", expect: employeeOnly() },
  { id: "routes/_app+/squads+/$squadId", path: "/squads/squad-apex", expect: employeeOnly(), note: "Ethan and Daniel are both in Apex" },
  {
    id: "routes/_app+/squads+/$squadId_.sessions.$sessionId", path: "/squads/squad-apex/sessions/ss-apex-2026-11-16",
    expect: employeeOnly({ employee: 404 }), note: "4P sessions are for managers and up",
  },
];
