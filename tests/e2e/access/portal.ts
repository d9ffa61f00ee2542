import { executiveOnly, portalOnly, publicRoute, type RouteAccess } from "./types";

// Client portal realm + its employee-side admin page + the development mailbox.
export const portalRoutes: RouteAccess[] = [
  {
    id: "routes/portal+/login", path: "/portal/login",
    expect: { anonymous: 200, employee: 200, manager: 200, executive: 200, portal: "redirect" },
    note: "employees are anonymous to the portal realm; a signed-in portal user is sent to /portal",
  },
  { id: "routes/portal+/logout", path: "/portal/logout", expect: publicRoute("redirect"), note: "POST only; GET goes to /portal" },
  { id: "routes/portal+/accept.$token", path: "/portal/accept/bogus-token-bogus-token-bogus-token", expect: publicRoute(404), note: "unknown token → 404 (flow in portal.spec.ts)" },
  { id: "routes/portal+/magic.$token", path: "/portal/magic/bogus-token-bogus-token-bogus-token", expect: publicRoute(404), note: "unknown token → 404 (flow in portal.spec.ts)" },
  { id: "routes/portal+/_shell+/_layout", path: "/portal", expect: portalOnly(), note: "the portal frame; checked through the home" },
  { id: "routes/portal+/_shell+/_index", path: "/portal", expect: portalOnly() },
  {
    id: "routes/portal+/_shell+/contacts.$contactId", path: "/portal/contacts/ct-rachel-green", expect: portalOnly(),
    note: "own company's contact; another company's contact is a 404 (portal.spec.ts, tests/modules/portal)",
  },
  { id: "routes/_app+/admin+/portal", path: "/admin/portal", expect: executiveOnly(), note: "tool portal: view (heads view too, not in the matrix); actions need manage" },
  { id: "routes/dev+/mailbox", path: "/dev/mailbox", expect: publicRoute(200), note: "DEV_LOGIN=true in tests; 404 otherwise (module test)" },
  { id: "routes/dev+/mailbox[.json]", path: "/dev/mailbox.json", expect: publicRoute(200), note: "DEV_LOGIN=true in tests; 404 otherwise (module test)" },
];
