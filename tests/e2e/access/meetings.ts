import type { RouteAccess } from "./types";

// Meetings (seeded grants): employees have no meetings tool (403); leads view; managers and
// heads view + update; executives everything. A manager opens a meeting they (or their reports)
// attend; portal sessions are not employee sessions (→ sign-in).
const meetings = (overrides: Partial<RouteAccess["expect"]> = {}): RouteAccess["expect"] => ({
  anonymous: "login", employee: 403, manager: 200, executive: 200, portal: "login", ...overrides,
});

export const meetingsRoutes: RouteAccess[] = [
  { id: "routes/_app+/meetings+/_index", path: "/meetings?view=team&when=past", expect: meetings() },
  { id: "routes/_app+/meetings+/triage", path: "/meetings/triage", expect: meetings() },
  { id: "routes/_app+/meetings+/$meetingId", path: "/meetings/mtg-kinetic-review?tab=history", expect: meetings(), note: "Daniel (manager) organised it" },
];
