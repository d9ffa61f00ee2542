import { employeeOnly, publicRoute, type RouteAccess } from "./types";

export const platformRoutes: RouteAccess[] = [
  { id: "routes/health", path: "/health", expect: publicRoute(200) },
  { id: "routes/health_.floor", path: "/health/floor", expect: publicRoute(200) },
  { id: "routes/_app+/_layout", path: "/", expect: employeeOnly(), note: "pathless shell; checked through the dashboard" },
  { id: "routes/_app+/_index", path: "/", expect: employeeOnly() },
  { id: "routes/_auth+/login", path: "/login", expect: { anonymous: 200, employee: "redirect", manager: "redirect", executive: "redirect", portal: 200 } },
  { id: "routes/_auth+/logout", path: "/logout", expect: publicRoute("redirect"), note: "POST only; GET goes home" },
  { id: "routes/_auth+/auth.google", path: "/auth/google", expect: publicRoute("login"), note: "POST starts OAuth; GET goes to the sign-in page" },
  { id: "routes/_auth+/auth.google_.callback", path: "/auth/google/callback", expect: publicRoute(404), note: "404 while Google is not configured (tests)" },
  { id: "routes/dev+/login", path: "/dev/login", expect: publicRoute(200), note: "DEV_LOGIN=true in tests; 404 otherwise (module test)" },
];
