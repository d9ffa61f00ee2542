import { employeeOnly, executiveOnly, type RouteAccess } from "./types";

// Action centre, sidebar favourites, connections (org and per-user).
export const actionCentreRoutes: RouteAccess[] = [
  { id: "routes/_app+/action-centre", path: "/action-centre", expect: employeeOnly(), note: "every level may view; items scoped in SQL" },
  { id: "routes/_app+/favorites", path: "/favorites", expect: employeeOnly() },
  { id: "routes/_app+/connections", path: "/connections", expect: employeeOnly(), note: "the viewer's own connections" },
  { id: "routes/_app+/admin+/connections", path: "/admin/connections", expect: executiveOnly(), note: "tool admin: view to see, manage to change" },
];
