import type { RouteAccess } from "./types";

// Emails (seeded grants): employees have no email tool (403); leads view only; managers view and
// send; executives everything. Managers and above see every stored email, so the seeded thread
// (Tom's mailbox) opens for both. Portal sessions are not employee sessions (→ sign-in).
const email = (overrides: Partial<RouteAccess["expect"]> = {}): RouteAccess["expect"] => ({
  anonymous: "login", employee: 403, manager: 200, executive: 200, portal: "login", ...overrides,
});

export const emailRoutes: RouteAccess[] = [
  { id: "routes/_app+/emails+/_index", path: "/emails", expect: email() },
  { id: "routes/_app+/emails+/$threadId", path: "/emails/seed-thread-rachel-report", expect: email(), note: "out-of-scope or unknown threads are 404" },
  { id: "routes/_app+/emails+/compose", path: "/emails/compose", expect: email(), note: "emails:update" },
];
