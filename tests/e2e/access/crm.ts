import type { RouteAccess } from "./types";

// Companies, contacts and relationships (seeded grants): employees have none of these tools
// (403); managers view and update (not manage); executives everything. Portal sessions are not
// employee sessions (→ sign-in).
const crm = (overrides: Partial<RouteAccess["expect"]> = {}): RouteAccess["expect"] => ({
  anonymous: "login", employee: 403, manager: 200, executive: 200, portal: "login", ...overrides,
});

export const crmRoutes: RouteAccess[] = [
  { id: "routes/_app+/companies+/_index", path: "/companies", expect: crm() },
  { id: "routes/_app+/companies+/export[.csv]", path: "/companies/export.csv", expect: crm() },
  { id: "routes/_app+/companies+/new", path: "/companies/new", expect: crm(), note: "companies:update" },
  { id: "routes/_app+/companies+/import", path: "/companies/import", expect: crm(), note: "companies:update" },
  { id: "routes/_app+/companies+/import-errors[.csv]", path: "/companies/import-errors.csv", expect: crm({ manager: "redirect", executive: "redirect" }), note: "POST only (report download); GET goes back to the import" },
  { id: "routes/_app+/companies+/$companyId", path: "/companies/co-harbour-co?tab=timeline", expect: crm() },
  { id: "routes/_app+/companies+/$companyId_.edit", path: "/companies/co-harbour-co/edit", expect: crm(), note: "companies:update" },
  { id: "routes/_app+/contacts+/_index", path: "/contacts", expect: crm() },
  { id: "routes/_app+/contacts+/export[.csv]", path: "/contacts/export.csv", expect: crm() },
  { id: "routes/_app+/contacts+/new", path: "/contacts/new", expect: crm(), note: "contacts:update" },
  { id: "routes/_app+/contacts+/$contactId", path: "/contacts/ct-rachel-green?tab=relationship", expect: crm() },
  { id: "routes/_app+/contacts+/$contactId_.edit", path: "/contacts/ct-rachel-green/edit", expect: crm(), note: "contacts:update" },
  { id: "routes/_app+/relationships+/_index", path: "/relationships", expect: crm() },
  { id: "routes/_app+/relationships+/lead-scans", path: "/relationships/lead-scans", expect: crm({ manager: 403 }), note: "relationships:manage (executives)" },
];
