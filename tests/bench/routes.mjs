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
  // delivery: a manager's scoped project list, a big project (overview and board) and my tasks.
  { name: "projects", path: "/projects", as: "tom-fletcher", optional: true },
  { name: "project", path: "/projects/proj-kinetic-platform", as: "daniel-costa", optional: true },
  { name: "task-board", path: "/projects/proj-kinetic-platform?tab=board", as: "daniel-costa", optional: true },
  { name: "my-tasks", path: "/tasks/mine", as: "chloe-martin", optional: true },
  { name: "tasks", path: "/tasks?open=1", as: "daniel-costa", optional: true },
  // people: directory, org chart and profile as a manager (Daniel: the deepest seeded subtree).
  { name: "people-dir", path: "/people?sort=start_date&dir=desc", as: "daniel-costa" },
  { name: "people-dir-exec", path: "/people?q=an&page=2", as: "olivia-bennett" },
  { name: "org-chart", path: "/people/org-chart?peek=liam-murphy", as: "daniel-costa" },
  { name: "profile", path: "/people/liam-murphy", as: "daniel-costa" },
  { name: "profile-activity", path: "/people/liam-murphy?tab=activity", as: "daniel-costa" },
  { name: "squad", path: "/squads/squad-apex", as: "daniel-costa" },
  // crm: lists and the biggest detail pages as the executive (companies and contacts are agency-wide).
  { name: "companies", path: "/companies", as: "olivia-bennett" },
  { name: "companies-search", path: "/companies?q=har&sort=created&page=2", as: "olivia-bennett" },
  { name: "company", path: "/companies/co-harbour-co", as: "olivia-bennett" },
  { name: "company-timeline", path: "/companies/co-harbour-co?tab=timeline", as: "olivia-bennett" },
  { name: "company-comms", path: "/companies/co-harbour-co?tab=communications", as: "olivia-bennett" },
  { name: "contacts", path: "/contacts", as: "olivia-bennett" },
  { name: "contacts-search", path: "/contacts?q=smith&sort=company&page=2", as: "olivia-bennett" },
  { name: "contact", path: "/contacts/ct-rachel-green?tab=timeline", as: "olivia-bennett" },
  { name: "relationships", path: "/relationships", as: "olivia-bennett" },
  // payroll: my pay (cached summary + payslips) and the executive's people list.
  { name: "payroll", path: "/payroll", as: "ethan-brown" },
  { name: "payroll-exec", path: "/payroll?people=2", as: "olivia-bennett" },
  // proposals: the manager's status board and the client's public share link (page 2).
  { name: "proposals-board", path: "/proposals", as: "daniel-costa", optional: true },
  { name: "proposal-public", path: "/p/SeedProposalTokenHarbourWebsiteRebuild00001?page=2", as: null, optional: true },
  // meetings: a manager's team list (subtree scope in SQL), the triage queue and a detail page.
  { name: "meetings", path: "/meetings?view=team", as: "daniel-costa", optional: true },
  { name: "meetings-triage", path: "/meetings/triage", as: "olivia-bennett", optional: true },
  { name: "meeting", path: "/meetings/mtg-kinetic-review", as: "daniel-costa", optional: true },
  // emails: the manager's thread list (all stored emails), a search and a thread.
  { name: "emails", path: "/emails", as: "daniel-costa", optional: true },
  { name: "emails-search", path: "/emails?q=report&company=co-harbour-co", as: "olivia-bennett", optional: true },
  { name: "email-thread", path: "/emails/seed-thread-rachel-report", as: "daniel-costa", optional: true },
  // deals: the pipeline board and the list as the sales manager (her team's deals), and a big detail page.
  { name: "deals-board", path: "/deals", as: "emily-chen", optional: true },
  { name: "deals-board-exec", path: "/deals", as: "olivia-bennett", optional: true },
  { name: "deals-list", path: "/deals/list?sort=weighted&dir=desc&page=3", as: "emily-chen", optional: true },
  { name: "deals-list-filter", path: "/deals/list?status=open&q=web&rotting=1", as: "olivia-bennett", optional: true },
  { name: "deal", path: "/deals/deal-greenleaf-rebrand", as: "emily-chen", optional: true },
  // leave: my leave as the employee, the manager's approvals queue and team calendar (subtree scope in SQL).
  { name: "leave-mine", path: "/leave", as: "ethan-brown", optional: true },
  { name: "leave-approvals", path: "/leave/approvals", as: "daniel-costa", optional: true },
  { name: "leave-calendar", path: "/leave/calendar?month=2026-12", as: "daniel-costa", optional: true },
];
