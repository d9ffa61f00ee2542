import { employeeOnly, type RouteAccess } from "./types";

// Deals (sales). Personas: employee = Ethan (employees have no deals grant), manager = Daniel
// (deals view + update; owns Kinetic live tracking), executive = Olivia.
const noEmployee = { employee: 403 } as const;
export const dealsRoutes: RouteAccess[] = [
  { id: "routes/_app+/deals+/_index", path: "/deals", expect: employeeOnly(noEmployee), note: "pipeline board" },
  { id: "routes/_app+/deals+/list", path: "/deals/list", expect: employeeOnly(noEmployee) },
  { id: "routes/_app+/deals+/export[.csv]", path: "/deals/export.csv", expect: employeeOnly(noEmployee) },
  { id: "routes/_app+/deals+/new", path: "/deals/new", expect: employeeOnly(noEmployee), note: "deals:update" },
  { id: "routes/_app+/deals+/pipelines", path: "/deals/pipelines", expect: employeeOnly({ employee: 403, manager: 403 }), note: "deals:manage (heads and executives)" },
  { id: "routes/_app+/deals+/$dealId", path: "/deals/deal-kinetic-tracking", expect: employeeOnly(noEmployee), note: "Daniel owns it; out-of-scope ids are 404 (module tests)" },
  { id: "routes/_app+/deals+/$dealId_.edit", path: "/deals/deal-kinetic-tracking/edit", expect: employeeOnly(noEmployee), note: "deals:update" },
];
