// A stateful fake of Xero Payroll AU for pay summaries and payslips, answering with the
// documented shapes (Microsoft JSON dates, dollar amounts, {Employees:[…]}, {PayrollCalendars:[…]},
// {PayItems:{…}}, {PayRuns:[…]}, {Payslip:{…}}), checking the bearer token and Xero-tenant-id,
// and honouring the PayRuns `where` filter it is sent. Tests change `state` between calls
// (new pay runs, outages via `failure`, slowness via `delayMs`).
import { bearer, type FakeHandler, type FakeReply, type FakeRoutes } from "../fake-server";

export interface FakePayslip {
  payslipId: string;
  employeeId: string;
  wages: number;
  tax: number;
  super: number;
  deductions?: number;
  reimbursements?: number;
  net: number;
  /** Earnings lines [{rateId, units, rate}] (amount = units × rate). */
  earnings?: { rateId: string; units: number; rate: number }[];
  deductionLines?: { typeId: string; amount: number }[];
}

export interface FakePayRun {
  id: string;
  calendarId: string;
  periodStart: string;
  periodEnd: string;
  paymentDate: string;
  status: "POSTED" | "DRAFT";
  payslips: FakePayslip[];
}

export interface XeroPayslipState {
  token: string;
  tenantId: string;
  employees: Record<string, { calendarId: string; annualSalary?: number; ratePerUnit?: number; unitsPerWeek?: number; status?: string }>;
  calendars: Record<string, { name: string; type: string; paymentDate: string }>;
  earningsRates: { id: string; name: string; rate?: number }[];
  deductionTypes: { id: string; name: string }[];
  payRuns: FakePayRun[];
  /** Answer this instead of data (e.g. { status: 503 }). */
  failure?: FakeReply | null;
  delayMs?: number;
}

const BASE = "/payroll.xro/1.0";
const msDate = (date: string) => `/Date(${Date.parse(`${date}T00:00:00Z`)}+0000)/`;
const envelope = { Id: "5f0c4b7e-0000-4000-8000-000000000000", Status: "OK", ProviderName: "Nucleus", DateTimeUTC: "/Date(1764028800000)/" };

function guard(state: XeroPayslipState, handler: FakeHandler): FakeHandler {
  return (req) => {
    if (bearer(req) !== state.token) return { status: 401, json: { Type: null, Title: "Unauthorized", Status: 401, Detail: "AuthenticationUnsuccessful" } };
    if (req.headers["xero-tenant-id"] !== state.tenantId) return { status: 403, json: { Type: null, Title: "Forbidden", Status: 403, Detail: "AuthorizationUnsuccessful" } };
    if (state.failure) return { ...state.failure, delayMs: state.failure.delayMs ?? state.delayMs };
    const reply = handler(req) as FakeReply;
    return { delayMs: state.delayMs, ...reply };
  };
}

const notFound: FakeReply = { status: 404, json: { Type: null, Title: "Resource not found", Status: 404, Detail: "The resource you're looking for cannot be found" } };

function payRunHeader(run: FakePayRun) {
  const sum = (pick: (p: FakePayslip) => number | undefined) => Math.round(run.payslips.reduce((s, p) => s + (pick(p) ?? 0), 0) * 100) / 100;
  return {
    PayRunID: run.id,
    PayrollCalendarID: run.calendarId,
    PayRunPeriodStartDate: msDate(run.periodStart),
    PayRunPeriodEndDate: msDate(run.periodEnd),
    PaymentDate: msDate(run.paymentDate),
    PayRunStatus: run.status,
    Wages: sum((p) => p.wages), Deductions: sum((p) => p.deductions), Tax: sum((p) => p.tax), Super: sum((p) => p.super),
    Reimbursement: sum((p) => p.reimbursements), NetPay: sum((p) => p.net),
    UpdatedDateUTC: "/Date(1764028800000+0000)/",
  };
}

function slipTotals(p: FakePayslip) {
  return {
    EmployeeID: p.employeeId, PayslipID: p.payslipId, FirstName: "First", LastName: "Last",
    Wages: p.wages, Deductions: p.deductions ?? 0, Tax: p.tax, Super: p.super, Reimbursements: p.reimbursements ?? 0, NetPay: p.net,
    UpdatedDateUTC: "/Date(1764028800000+0000)/",
  };
}

/** Reads `PayRunStatus=="POSTED"` and `PaymentDate>=DateTime(y,m,d)` from a Xero where filter. */
function matchesWhere(where: string | null, run: FakePayRun) {
  if (!where) return true;
  const status = /PayRunStatus=="(\w+)"/.exec(where);
  if (status && run.status !== status[1]) return false;
  const since = /PaymentDate>=DateTime\((\d{4}),(\d{1,2}),(\d{1,2})\)/.exec(where);
  if (since) {
    const date = `${since[1]}-${since[2]!.padStart(2, "0")}-${since[3]!.padStart(2, "0")}`;
    if (run.paymentDate < date) return false;
  }
  return true;
}

export function xeroPayslipRoutes(state: XeroPayslipState): FakeRoutes {
  const handle = (path: string): FakeHandler | undefined => {
    if (path === `${BASE}/PayItems`) {
      return () => ({
        json: {
          ...envelope,
          PayItems: {
            EarningsRates: state.earningsRates.map((r) => ({ EarningsRateID: r.id, Name: r.name, EarningsType: "ORDINARYTIMEEARNINGS", RateType: "RATEPERUNIT", RatePerUnit: r.rate ?? null, TypeOfUnits: "Hours" })),
            DeductionTypes: state.deductionTypes.map((d) => ({ DeductionTypeID: d.id, Name: d.name, DeductionCategory: "NONE", ReducesTax: false })),
            LeaveTypes: [],
            ReimbursementTypes: [],
          },
        },
      });
    }
    if (path === `${BASE}/PayRuns`) {
      return (req) => {
        const page = Number(req.query.get("page") ?? "1");
        const runs = state.payRuns.filter((r) => matchesWhere(req.query.get("where"), r));
        return { json: { ...envelope, PayRuns: runs.slice((page - 1) * 100, page * 100).map(payRunHeader) } };
      };
    }
    let m = new RegExp(`^${BASE}/Employees/([^/]+)$`).exec(path);
    if (m) {
      const id = decodeURIComponent(m[1]!);
      return () => {
        const e = state.employees[id];
        if (!e) return notFound;
        const line = e.annualSalary !== undefined
          ? { EarningsRateID: "er-ordinary", CalculationType: "ANNUALSALARY", AnnualSalary: e.annualSalary, NumberOfUnitsPerWeek: e.unitsPerWeek ?? 38 }
          : { EarningsRateID: "er-ordinary", CalculationType: "ENTEREARNINGSRATE", RatePerUnit: e.ratePerUnit ?? 0, NumberOfUnitsPerWeek: e.unitsPerWeek ?? 38 };
        return {
          json: {
            ...envelope,
            Employees: [{
              EmployeeID: id, FirstName: "First", LastName: "Last", Status: e.status ?? "ACTIVE", PayrollCalendarID: e.calendarId,
              OrdinaryEarningsRateID: "er-ordinary",
              PayTemplate: { EarningsLines: [line], DeductionLines: [], SuperLines: [], ReimbursementLines: [], LeaveLines: [] },
              UpdatedDateUTC: "/Date(1764028800000+0000)/",
            }],
          },
        };
      };
    }
    m = new RegExp(`^${BASE}/PayrollCalendars/([^/]+)$`).exec(path);
    if (m) {
      const id = decodeURIComponent(m[1]!);
      return () => {
        const c = state.calendars[id];
        if (!c) return notFound;
        return { json: { ...envelope, PayrollCalendars: [{ PayrollCalendarID: id, Name: c.name, CalendarType: c.type, StartDate: msDate("2026-01-01"), PaymentDate: msDate(c.paymentDate) }] } };
      };
    }
    m = new RegExp(`^${BASE}/PayRuns/([^/]+)$`).exec(path);
    if (m) {
      const id = decodeURIComponent(m[1]!);
      return () => {
        const run = state.payRuns.find((r) => r.id === id);
        if (!run) return notFound;
        return { json: { ...envelope, PayRuns: [{ ...payRunHeader(run), Payslips: run.payslips.map(slipTotals) }] } };
      };
    }
    m = new RegExp(`^${BASE}/Payslip/([^/]+)$`).exec(path);
    if (m) {
      const id = decodeURIComponent(m[1]!);
      return () => {
        const slip = state.payRuns.flatMap((r) => r.payslips).find((p) => p.payslipId === id);
        if (!slip) return notFound;
        return {
          json: {
            ...envelope,
            Payslip: {
              ...slipTotals(slip),
              EarningsLines: (slip.earnings ?? []).map((l) => ({ EarningsRateID: l.rateId, RatePerUnit: l.rate, NumberOfUnits: l.units })),
              LeaveEarningsLines: [],
              TimesheetEarningsLines: [],
              DeductionLines: (slip.deductionLines ?? []).map((d) => ({ DeductionTypeID: d.typeId, CalculationType: "FIXEDAMOUNT", Amount: d.amount })),
              LeaveAccrualLines: [],
              ReimbursementLines: [],
              SuperannuationLines: [{ SuperMembershipID: "sm-1", ContributionType: "SGC", CalculationType: "STATUTORY", MinimumMonthlyEarnings: 450, ExpenseAccountCode: "478", LiabilityAccountCode: "826", PaymentDateForThisPeriod: "/Date(1764028800000+0000)/", Percentage: 12, Amount: slip.super }],
              TaxLines: [{ PayslipTaxLineID: "tl-1", TaxTypeName: "PAYG Tax", Description: "PAYG Withholding", Amount: slip.tax, LiabilityAccount: "825" }],
            },
          },
        };
      };
    }
    return undefined;
  };
  // Paths carry ids, so routes are resolved on lookup ("GET /payroll.xro/1.0/PayRuns/<id>").
  return new Proxy({} as FakeRoutes, {
    get(_target, key) {
      if (typeof key !== "string" || !key.startsWith("GET ")) return undefined;
      const handler = handle(key.slice(4));
      return handler ? guard(state, handler) : undefined;
    },
  });
}

/** A fortnightly-paid employee with three posted pay runs (and one draft) in FY 2026-27. */
export function samplePayrollState(employeeId = "xe-ethan"): XeroPayslipState {
  const slip = (run: string, gross: number): FakePayslip => ({
    payslipId: `ps-${run}-${employeeId}`, employeeId, wages: gross, tax: 820, super: Math.round(gross * 12) / 100, net: Math.round((gross - 820) * 100) / 100,
    earnings: [{ rateId: "er-ordinary", units: 76, rate: Math.round((gross / 76) * 10000) / 10000 }],
    deductionLines: [],
  });
  const run = (id: string, start: string, end: string, paid: string, gross: number, status: "POSTED" | "DRAFT" = "POSTED"): FakePayRun => ({
    id, calendarId: "cal-fortnightly", periodStart: start, periodEnd: end, paymentDate: paid, status,
    payslips: [slip(id, gross), { payslipId: `ps-${id}-someone-else`, employeeId: "xe-someone-else", wages: 5000, tax: 1200, super: 600, net: 3800 }],
  });
  return {
    token: "xero-payroll-token",
    tenantId: "tenant-payroll",
    employees: { [employeeId]: { calendarId: "cal-fortnightly", annualSalary: 98000 } },
    calendars: { "cal-fortnightly": { name: "Fortnightly (Thursday)", type: "FORTNIGHTLY", paymentDate: "2026-12-03" } },
    earningsRates: [{ id: "er-ordinary", name: "Ordinary Hours" }],
    deductionTypes: [{ id: "dt-sacrifice", name: "Salary sacrifice" }],
    payRuns: [
      run("pr-2026-11-19", "2026-11-03", "2026-11-16", "2026-11-19", 3769.23),
      run("pr-2026-11-05", "2026-10-20", "2026-11-02", "2026-11-05", 3769.23),
      run("pr-2026-06-25", "2026-06-09", "2026-06-22", "2026-06-25", 3500),
      run("pr-2026-12-03", "2026-11-17", "2026-11-30", "2026-12-03", 3769.23, "DRAFT"),
    ],
  };
}
