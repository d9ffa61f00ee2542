// Routes the benchmark measures, in order. Each area appends its own entries here (its main
// list and detail pages, signed in as the persona who sees the most rows).
//   name      short label for the table and for --routes
//   path      GET path (query string allowed)
//   as        person id (db/seed.sql) to sign in as through /dev/login, or null for anonymous
//   optional  true: a 404 means "not built yet" and the route is skipped with a note
// Keep "floor" first: every other route is reported relative to it.
export const routes = [
  { name: "floor", path: "/health/floor", as: null }, // cheapest HTML page: one trivial query
  { name: "health", path: "/health", as: null },
  { name: "home", path: "/", as: "olivia-bennett" }, // executive: sees everything
  { name: "people", path: "/people", as: "tom-fletcher", optional: true }, // manager: scoped list
];
