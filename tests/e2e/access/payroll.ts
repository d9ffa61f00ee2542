import { employeeOnly, type RouteAccess } from "./types";

// Payroll: every level may open /payroll (their own pay), but someone else's payroll is ONLY for
// the person themself and executives: Daniel (Ethan's manager's manager) and Ethan's head get
// 404 for Ethan's payroll and payslips, exactly like an unknown id.
export const payrollRoutes: RouteAccess[] = [
  { id: "routes/_app+/payroll+/_index", path: "/payroll", expect: employeeOnly(), note: "own pay; executives also get the people list" },
  {
    id: "routes/_app+/payroll+/people.$personId", path: "/payroll/people/ethan-brown",
    expect: employeeOnly({ manager: 404 }), note: "Ethan's own payroll: Ethan and executives only; his manager gets 404",
  },
  {
    id: "routes/_app+/payroll+/payslips.$payslipId", path: "/payroll/payslips/payslip-ethan-2026-11-19",
    expect: employeeOnly({ manager: 404 }), note: "Ethan's payslip (seeded): Ethan and executives only",
  },
];
