import { employeeOnly, type RouteAccess } from "./types";

const postOnly = employeeOnly({ employee: "redirect", manager: "redirect", executive: "redirect" });

export const recordsRoutes: RouteAccess[] = [
  {
    id: "routes/_app+/records.$type.$id",
    path: "/records/person/ethan-brown",
    expect: employeeOnly(),
    note: "Ethan's own record; Daniel's subtree includes him (out-of-scope 404s are module-tested)",
  },
  { id: "routes/_app+/notes", path: "/notes", expect: postOnly, note: "POST only; GET goes to the dashboard" },
  { id: "routes/_app+/notifications+/_index", path: "/notifications", expect: employeeOnly() },
  { id: "routes/_app+/notifications+/preferences", path: "/notifications/preferences", expect: employeeOnly() },
  { id: "routes/_app+/notifications+/push", path: "/notifications/push", expect: postOnly, note: "POST only; GET goes to preferences" },
];
