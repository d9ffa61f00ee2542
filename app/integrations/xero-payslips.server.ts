// Xero Payroll AU client for pay summaries and payslips (read only). Documented shapes:
//   GET {base}/payroll.xro/1.0/Employees/{EmployeeID}       → {Employees:[{EmployeeID, PayrollCalendarID, Status,
//                                                              PayTemplate:{EarningsLines:[{EarningsRateID, CalculationType,
//                                                              AnnualSalary, NumberOfUnitsPerWeek, RatePerUnit, NormalNumberOfUnits}]}}]}
//   GET {base}/payroll.xro/1.0/PayrollCalendars/{ID}         → {PayrollCalendars:[{PayrollCalendarID, Name, CalendarType, StartDate, PaymentDate}]}
//   GET {base}/payroll.xro/1.0/PayItems                      → {PayItems:{EarningsRates:[{EarningsRateID, Name, RatePerUnit}], DeductionTypes:[{DeductionTypeID, Name}]}}
//   GET {base}/payroll.xro/1.0/PayRuns?where=…&page=N        → {PayRuns:[{PayRunID, PayrollCalendarID, PayRunPeriodStartDate,
//                                                              PayRunPeriodEndDate, PaymentDate, PayRunStatus}]} (100 per page)
//   GET {base}/payroll.xro/1.0/PayRuns/{PayRunID}            → {PayRuns:[{…, Payslips:[{EmployeeID, PayslipID, Wages, Deductions,
//                                                              Tax, Super, Reimbursements, NetPay}]}]}
//   GET {base}/payroll.xro/1.0/Payslip/{PayslipID}           → {Payslip:{EmployeeID, PayslipID, Wages, …, EarningsLines,
//                                                              LeaveEarningsLines, TimesheetEarningsLines, DeductionLines,
//                                                              SuperannuationLines, TaxLines}}
// Dates come as Microsoft JSON dates ("/Date(1732492800000+0000)/"); amounts as dollars (numbers).
// Every call sends the bearer token and Xero-tenant-id. Amounts are returned as integer cents and
// never logged; errors are IntegrationErrors with secret-free messages.
import { z } from "zod";
import type { RequestOptions } from "./json-http.server";
import { IntegrationError, joinUrl, requestJson } from "./request.server";
import type { XeroConfig } from "./xero-payroll.server";

export const PAY_FREQUENCIES = ["WEEKLY", "FORTNIGHTLY", "FOURWEEKLY", "MONTHLY", "TWICEMONTHLY", "QUARTERLY"] as const;
export type PayFrequency = (typeof PAY_FREQUENCIES)[number];

const PAYROLL = "payroll.xro/1.0";
const PAY_RUN_PAGE_SIZE = 100;
const MAX_PAY_RUN_PAGES = 5;

/** "/Date(1732492800000+0000)/" or an ISO date(-time) → "YYYY-MM-DD" (null when absent or unreadable). */
export function xeroDate(value: unknown): string | null {
  if (typeof value !== "string" || !value) return null;
  const ms = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(value);
  if (ms) return new Date(Number(ms[1])).toISOString().slice(0, 10);
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  return iso ? iso[1]! : null;
}

/** Dollars (a JSON number, sometimes a numeric string) → integer cents. */
export function cents(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(n) ? Math.round(n * 100) : null;
}

const num = z.union([z.number(), z.string()]).nullish();
const str = z.string().nullish();

const employeeSchema = z.object({
  Employees: z.array(
    z.object({
      EmployeeID: z.string().min(1),
      Status: str,
      PayrollCalendarID: str,
      PayTemplate: z
        .object({
          EarningsLines: z
            .array(
              z.object({
                EarningsRateID: str,
                CalculationType: str,
                AnnualSalary: num,
                NumberOfUnitsPerWeek: num,
                RatePerUnit: num,
                NormalNumberOfUnits: num,
              }).passthrough(),
            )
            .nullish(),
        })
        .passthrough()
        .nullish(),
    }).passthrough(),
  ).min(1),
}).passthrough();

const calendarSchema = z.object({
  PayrollCalendars: z.array(
    z.object({ PayrollCalendarID: z.string(), Name: str, CalendarType: str, StartDate: str, PaymentDate: str }).passthrough(),
  ).min(1),
}).passthrough();

const payItemsSchema = z.object({
  PayItems: z.object({
    EarningsRates: z.array(z.object({ EarningsRateID: z.string(), Name: str, RatePerUnit: num }).passthrough()).nullish(),
    DeductionTypes: z.array(z.object({ DeductionTypeID: z.string(), Name: str }).passthrough()).nullish(),
  }).passthrough(),
}).passthrough();

const payRunFields = {
  PayRunID: z.string().min(1),
  PayrollCalendarID: str,
  PayRunPeriodStartDate: str,
  PayRunPeriodEndDate: str,
  PaymentDate: str,
  PayRunStatus: str,
};

const payRunsSchema = z.object({ PayRuns: z.array(z.object(payRunFields).passthrough()).nullish() }).passthrough();

const payslipSummaryFields = {
  EmployeeID: z.string().min(1),
  PayslipID: z.string().min(1),
  Wages: num,
  Deductions: num,
  Tax: num,
  Super: num,
  Reimbursements: num,
  NetPay: num,
};

const payRunSchema = z.object({
  PayRuns: z.array(z.object({ ...payRunFields, Payslips: z.array(z.object(payslipSummaryFields).passthrough()).nullish() }).passthrough()).min(1),
}).passthrough();

const earningsLine = z.object({ EarningsRateID: str, RatePerUnit: num, NumberOfUnits: num, FixedAmount: num, Amount: num }).passthrough();
const payslipSchema = z.object({
  Payslip: z.object({
    ...payslipSummaryFields,
    EarningsLines: z.array(earningsLine).nullish(),
    LeaveEarningsLines: z.array(earningsLine).nullish(),
    TimesheetEarningsLines: z.array(earningsLine).nullish(),
    DeductionLines: z.array(z.object({ DeductionTypeID: str, CalculationType: str, Amount: num, NumberOfUnits: num }).passthrough()).nullish(),
    SuperannuationLines: z.array(z.object({ ContributionType: str, CalculationType: str, Amount: num, Percentage: num }).passthrough()).nullish(),
    TaxLines: z.array(z.object({ TaxTypeName: str, Description: str, Amount: num }).passthrough()).nullish(),
  }).passthrough(),
}).passthrough();

export interface PayTemplate {
  employeeId: string;
  status: string | null;
  payrollCalendarId: string | null;
  earningsLines: { earningsRateId: string | null; calculationType: string | null; annualSalaryCents: number | null; unitsPerWeek: number | null; rateCents: number | null }[];
}

export interface PayCalendar {
  id: string;
  name: string | null;
  frequency: PayFrequency | null;
  paymentDate: string | null;
}

export interface PayItemNames {
  earningsRates: Map<string, { name: string; rateCents: number | null }>;
  deductionTypes: Map<string, string>;
}

export interface PayRunSummary {
  payRunId: string;
  calendarId: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  paymentDate: string | null;
  status: string | null;
}

export interface PayslipTotals {
  payslipId: string;
  employeeId: string;
  grossCents: number;
  deductionsCents: number;
  taxCents: number;
  superCents: number;
  reimbursementsCents: number;
  netCents: number;
}

export interface PayLine {
  name: string;
  units: number | null;
  rateCents: number | null;
  amountCents: number;
}

export interface PayslipDetail extends PayslipTotals {
  earnings: PayLine[];
  deductions: PayLine[];
  superannuation: PayLine[];
  tax: PayLine[];
}

function headers(config: XeroConfig) {
  return { Authorization: `Bearer ${config.token}`, "Xero-tenant-id": config.tenantId };
}

async function get<S extends z.ZodTypeAny>(config: XeroConfig, path: string, schema: S, what: string): Promise<z.infer<S>> {
  const options: RequestOptions = { timeoutMs: config.timeoutMs, fetch: config.fetch };
  let body: unknown;
  try {
    ({ body } = await requestJson("Xero", joinUrl(config.baseUrl, `${PAYROLL}/${path}`), { headers: headers(config) }, options));
  } catch (e) {
    if (e instanceof IntegrationError && e.status === 404) throw new IntegrationError("Xero", `Xero has no ${what} with that id`, 404);
    throw e;
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new IntegrationError("Xero", `Xero's ${what} answer did not have the expected shape`);
  return parsed.data as z.infer<S>;
}

const numberOrNull = (v: unknown) => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

export async function fetchPayTemplate(config: XeroConfig, employeeId: string): Promise<PayTemplate> {
  const data = await get(config, `Employees/${encodeURIComponent(employeeId)}`, employeeSchema, "employee");
  const e = data.Employees[0]!;
  return {
    employeeId: e.EmployeeID,
    status: e.Status ?? null,
    payrollCalendarId: e.PayrollCalendarID || null,
    earningsLines: (e.PayTemplate?.EarningsLines ?? []).map((l) => ({
      earningsRateId: l.EarningsRateID ?? null,
      calculationType: l.CalculationType ?? null,
      annualSalaryCents: cents(l.AnnualSalary),
      unitsPerWeek: numberOrNull(l.NumberOfUnitsPerWeek),
      rateCents: cents(l.RatePerUnit),
    })),
  };
}

export async function fetchPayCalendar(config: XeroConfig, calendarId: string): Promise<PayCalendar> {
  const data = await get(config, `PayrollCalendars/${encodeURIComponent(calendarId)}`, calendarSchema, "payroll calendar");
  const c = data.PayrollCalendars[0]!;
  const type = (c.CalendarType ?? "").toUpperCase();
  return {
    id: c.PayrollCalendarID,
    name: c.Name ?? null,
    frequency: (PAY_FREQUENCIES as readonly string[]).includes(type) ? (type as PayFrequency) : null,
    paymentDate: xeroDate(c.PaymentDate),
  };
}

export async function fetchPayItems(config: XeroConfig): Promise<PayItemNames> {
  const data = await get(config, "PayItems", payItemsSchema, "pay items");
  return {
    earningsRates: new Map((data.PayItems.EarningsRates ?? []).map((r) => [r.EarningsRateID, { name: r.Name ?? "Earnings", rateCents: cents(r.RatePerUnit) }])),
    deductionTypes: new Map((data.PayItems.DeductionTypes ?? []).map((d) => [d.DeductionTypeID, d.Name ?? "Deduction"])),
  };
}

/** Posted pay runs paid on or after `since` (YYYY-MM-DD), newest first, at most `limit`. */
export async function fetchPostedPayRuns(config: XeroConfig, since: string, limit: number): Promise<PayRunSummary[]> {
  const [y, m, d] = since.split("-").map(Number);
  const where = `PayRunStatus=="POSTED"&&PaymentDate>=DateTime(${y},${String(m).padStart(2, "0")},${String(d).padStart(2, "0")})`;
  const runs: PayRunSummary[] = [];
  for (let page = 1; page <= MAX_PAY_RUN_PAGES; page++) {
    const query = new URLSearchParams({ where, page: String(page) });
    const data = await get(config, `PayRuns?${query.toString()}`, payRunsSchema, "pay runs");
    const rows = data.PayRuns ?? [];
    for (const r of rows) {
      runs.push({
        payRunId: r.PayRunID,
        calendarId: r.PayrollCalendarID ?? null,
        periodStart: xeroDate(r.PayRunPeriodStartDate),
        periodEnd: xeroDate(r.PayRunPeriodEndDate),
        paymentDate: xeroDate(r.PaymentDate),
        status: r.PayRunStatus ?? null,
      });
    }
    if (rows.length < PAY_RUN_PAGE_SIZE) break;
  }
  // The filter is applied again here: a server that ignores `where` must not change the result.
  return runs
    .filter((r) => (r.status ?? "").toUpperCase() === "POSTED" && r.paymentDate !== null && r.paymentDate >= since)
    .sort((a, b) => (b.paymentDate ?? "").localeCompare(a.paymentDate ?? ""))
    .slice(0, limit);
}

function totals(p: z.infer<z.ZodObject<typeof payslipSummaryFields>>): PayslipTotals {
  return {
    payslipId: p.PayslipID,
    employeeId: p.EmployeeID,
    grossCents: cents(p.Wages) ?? 0,
    deductionsCents: cents(p.Deductions) ?? 0,
    taxCents: cents(p.Tax) ?? 0,
    superCents: cents(p.Super) ?? 0,
    reimbursementsCents: cents(p.Reimbursements) ?? 0,
    netCents: cents(p.NetPay) ?? 0,
  };
}

/** The payslip totals of one pay run for one employee (null when they were not paid in it). */
export async function fetchPayRunPayslip(config: XeroConfig, payRunId: string, employeeId: string): Promise<PayslipTotals | null> {
  const data = await get(config, `PayRuns/${encodeURIComponent(payRunId)}`, payRunSchema, "pay run");
  const slip = (data.PayRuns[0]!.Payslips ?? []).find((p) => p.EmployeeID === employeeId);
  return slip ? totals(slip) : null;
}

export async function fetchPayslip(config: XeroConfig, payslipId: string, names: PayItemNames): Promise<PayslipDetail> {
  const data = await get(config, `Payslip/${encodeURIComponent(payslipId)}`, payslipSchema, "payslip");
  const p = data.Payslip;
  const earning = (suffix: string) => (l: z.infer<typeof earningsLine>): PayLine => {
    const rateDollars = numberOrNull(l.RatePerUnit);
    const units = numberOrNull(l.NumberOfUnits);
    const amount = cents(l.Amount) ?? cents(l.FixedAmount) ?? (rateDollars !== null && units !== null ? Math.round(rateDollars * units * 100) : 0);
    const rate = cents(rateDollars);
    const name = (l.EarningsRateID && names.earningsRates.get(l.EarningsRateID)?.name) || "Earnings";
    return { name: suffix ? `${name} ${suffix}` : name, units, rateCents: rate, amountCents: amount };
  };
  return {
    ...totals(p),
    earnings: [
      ...(p.EarningsLines ?? []).map(earning("")),
      ...(p.TimesheetEarningsLines ?? []).map(earning("(timesheet)")),
      ...(p.LeaveEarningsLines ?? []).map(earning("(leave)")),
    ],
    deductions: (p.DeductionLines ?? []).map((l) => ({
      name: (l.DeductionTypeID && names.deductionTypes.get(l.DeductionTypeID)) || "Deduction",
      units: numberOrNull(l.NumberOfUnits), rateCents: null, amountCents: cents(l.Amount) ?? 0,
    })),
    superannuation: (p.SuperannuationLines ?? []).map((l) => ({
      name: l.ContributionType === "SGC" ? "Superannuation guarantee" : l.ContributionType ? `Super (${l.ContributionType.toLowerCase().replace(/_/g, " ")})` : "Superannuation",
      units: null, rateCents: null, amountCents: cents(l.Amount) ?? 0,
    })),
    tax: (p.TaxLines ?? []).map((l) => ({ name: l.TaxTypeName || l.Description || "Tax", units: null, rateCents: null, amountCents: cents(l.Amount) ?? 0 })),
  };
}
