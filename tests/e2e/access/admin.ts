import { employeeOnly, executiveOnly, type RouteAccess } from "./types";

export const adminRoutes: RouteAccess[] = [
  { id: "routes/_app+/admin+/_layout", path: "/admin/users", expect: executiveOnly(), note: "frame needs only a signed-in viewer; each child enforces its own tool" },
  { id: "routes/_app+/admin+/_index", path: "/admin", expect: { anonymous: "login", employee: 403, manager: 403, executive: "redirect", portal: "login" }, note: "sends executives to /admin/users" },
  { id: "routes/_app+/admin+/users", path: "/admin/users", expect: executiveOnly() },
  { id: "routes/_app+/admin+/users[.csv]", path: "/admin/users.csv", expect: executiveOnly() },
  { id: "routes/_app+/admin+/users_.$userId", path: "/admin/users/user-chloe-martin", expect: executiveOnly() },
  { id: "routes/_app+/admin+/permissions", path: "/admin/permissions", expect: executiveOnly() },
  { id: "routes/_app+/admin+/settings", path: "/admin/settings", expect: executiveOnly() },
  { id: "routes/_app+/preferences", path: "/preferences", expect: employeeOnly() },
];
