// Pulls one person's pay summary and payslips from Xero Payroll AU into the caches
// (pay_summaries, payslips). Runs in the background (context.waitUntil) when a page finds the
// cache older than PAYROLL_TTL_MS, or on "Refresh now". A failure keeps the cached rows and
// records a short, secret-free message (never amounts) that the pages show with the data's age.
import { CompiledQuery, sql, type Compilable, type SqlBool } from "kysely";
import { IntegrationError, redactSecrets } from "~/integrations/request.server";
import {
  fetchPayCalendar, fetchPayItems, fetchPayRunPayslip, fetchPayslip, fetchPayTemplate, fetchPostedPayRuns,
  type PayFrequency, type PayItemNames, type PayLine, type PayRunSummary, type PayslipDetail, type PayslipTotals, type PayTemplate,
} from "~/integrations/xero-payslips.server";
import { xeroConfig, type ClientOverrides } from "~/modules/people/sync-config.server";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Db } from "~/platform/db.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";

/** ORIGINAL names no payroll TTL; it uses the leave-balance cache's 1 hour (§12) for payroll too. */
export const PAYROLL_TTL_MS = 60 * 60 * 1000;
/** A refresh that started less than this long ago is still running: no second one. */
export const REFRESH_LOCK_MS = 2 * 60 * 1000;
/** After a failed background refresh, wait this long before trying again on a page view. */
export const RETRY_AFTER_FAILURE_MS = 5 * 60 * 1000;
/** Pay runs read per refresh (a weekly calendar has 53 in a year). */
export const MAX_PAY_RUNS = 60;
/** Payslips whose line items are fetched (newest first); older ones keep totals only. */
export const DETAILED_PAYSLIPS = 6;
const CONCURRENCY = 4;

export type RefreshOutcome =
  | { ok: true; payslips: number }
  | { ok: false; reason: "not_linked" | "not_configured" | "busy" | "failed"; message: string };

export interface RefreshOptions {
  actorUserId: string | null;
  trigger: "background" | "manual";
  clientOverrides?: ClientOverrides;
  now?: Date;
}

/** 1 July of the Australian financial year containing `date`. */
export function financialYearStart(date: string) {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return `${m >= 7 ? y : y - 1}-07-01`;
}

function addDays(date: string, days: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Calendar months later, clamped to the month's last day (31 Oct + 1 month = 30 Nov). */
function addMonths(date: string, months: number) {
  const [y, m, day] = date.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, last));
  return first.toISOString().slice(0, 10);
}

/** The calendar's payment date, moved forward by its frequency until it is today or later. */
export function nextPayDate(paymentDate: string | null, frequency: PayFrequency | null, today: string): string | null {
  if (!paymentDate) return null;
  let date = paymentDate;
  for (let i = 0; date < today && i < 400; i++) {
    switch (frequency) {
      case "WEEKLY": date = addDays(date, 7); break;
      case "FORTNIGHTLY": date = addDays(date, 14); break;
      case "FOURWEEKLY": date = addDays(date, 28); break;
      case "TWICEMONTHLY": date = addDays(date, 15); break;
      case "QUARTERLY": date = addMonths(date, 3); break;
      case "MONTHLY": date = addMonths(date, 1); break;
      default: return date;
    }
  }
  return date;
}

/** Annual salary from the pay template: ANNUALSALARY lines, else rate × units per week × 52. */
export function annualSalaryCents(template: PayTemplate, names: PayItemNames): number | null {
  const salaried = template.earningsLines.filter((l) => (l.calculationType ?? "").toUpperCase() === "ANNUALSALARY" && l.annualSalaryCents !== null);
  if (salaried.length) return salaried.reduce((sum, l) => sum + (l.annualSalaryCents ?? 0), 0);
  let total = 0;
  let found = false;
  for (const l of template.earningsLines) {
    const rate = l.rateCents ?? (l.earningsRateId ? names.earningsRates.get(l.earningsRateId)?.rateCents ?? null : null);
    if (rate === null || l.unitsPerWeek === null) continue;
    total += Math.round(rate * l.unitsPerWeek * 52);
    found = true;
  }
  return found ? total : null;
}

async function inChunks<T, R>(items: readonly T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return out;
}

function raw(sqlText: string, parameters: unknown[]): Compilable<never> {
  const compiled = CompiledQuery.raw(sqlText, parameters) as CompiledQuery<never>;
  return { compile: () => compiled };
}

const PAYSLIP_COLUMNS = [
  "id", "person_id", "xero_payslip_id", "xero_pay_run_id", "period_start", "period_end", "pay_date", "currency",
  "gross_cents", "deductions_cents", "tax_cents", "super_cents", "reimbursements_cents", "net_cents",
  "earnings_lines", "deduction_lines", "super_lines", "tax_lines", "fetched_at", "updated_at",
] as const;
const KEEP_WHEN_NULL = new Set(["earnings_lines", "deduction_lines", "super_lines", "tax_lines"]);

/** One upsert per 100 payslips, all rows in ONE JSON parameter (D1's 100-parameter limit). */
function upsertPayslips(rows: Record<(typeof PAYSLIP_COLUMNS)[number], unknown>[]): Compilable<never>[] {
  const select = PAYSLIP_COLUMNS.map((c) => `json_extract(value, '$.${c}')`).join(", ");
  const updates = PAYSLIP_COLUMNS.filter((c) => c !== "id" && c !== "person_id" && c !== "xero_payslip_id")
    .map((c) => (KEEP_WHEN_NULL.has(c) ? `${c} = COALESCE(excluded.${c}, payslips.${c})` : `${c} = excluded.${c}`))
    .join(", ");
  const out: Compilable<never>[] = [];
  for (let i = 0; i < rows.length; i += 100) {
    out.push(raw(
      `INSERT INTO payslips (${PAYSLIP_COLUMNS.join(", ")}) SELECT ${select} FROM json_each(?) WHERE true ` +
        `ON CONFLICT(person_id, xero_payslip_id) DO UPDATE SET ${updates}`,
      [JSON.stringify(rows.slice(i, i + 100))],
    ));
  }
  return out;
}

const lines = (list: PayLine[]) => JSON.stringify(list.map((l) => ({ name: l.name, units: l.units, rate_cents: l.rateCents, amount_cents: l.amountCents })));

function recordFailure(db: Db, personId: string, message: string, now: string) {
  return db.query
    .insertInto("pay_summaries")
    .values({ person_id: personId, last_error: message, last_error_at: now, refresh_started_at: null, updated_at: now })
    .onConflict((oc) => oc.column("person_id").doUpdateSet({ last_error: message, last_error_at: now, refresh_started_at: null, updated_at: now }))
    .execute();
}

/**
 * Refreshes one person's payroll cache from Xero. Never throws for Xero trouble: the outcome
 * says what happened and failures are stored on pay_summaries for the pages to show.
 */
export async function refreshPayroll(context: AppLoadContext, personId: string, options: RefreshOptions): Promise<RefreshOutcome> {
  const { db } = context;
  const nowDate = options.now ?? new Date();
  const now = nowIso(nowDate);
  const today = now.slice(0, 10);
  const [people, cachedWithLines] = await batch(db, [
    db.query.selectFrom("people").select(["id", "xero_employee_id"]).where("id", "=", personId),
    db.query.selectFrom("payslips").select("xero_payslip_id").where("person_id", "=", personId).where("earnings_lines", "is not", null),
  ]);
  const person = people[0];
  if (!person?.xero_employee_id) return { ok: false, reason: "not_linked", message: "This person is not linked to a Xero employee yet." };
  const employeeId = person.xero_employee_id;

  const config = await xeroConfig(context, options.clientOverrides);
  if (!config) {
    const message = "Xero is not configured: connect it in Settings ▸ Connections.";
    await recordFailure(db, personId, message, now);
    return { ok: false, reason: "not_configured", message };
  }

  // Claim the refresh (a background refresh yields to one already running).
  const lockedBefore = nowIso(new Date(nowDate.getTime() - REFRESH_LOCK_MS));
  const claimed = await db.query
    .insertInto("pay_summaries")
    .values({ person_id: personId, refresh_started_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.column("person_id").doUpdateSet({ refresh_started_at: now }).where(
        options.trigger === "manual"
          ? sql<SqlBool>`1 = 1`
          : sql<SqlBool>`pay_summaries.refresh_started_at IS NULL OR pay_summaries.refresh_started_at < ${lockedBefore}`,
      ),
    )
    .returning("person_id")
    .execute();
  if (claimed.length === 0) return { ok: false, reason: "busy", message: "A refresh is already running." };

  let template: PayTemplate;
  let frequency: PayFrequency | null = null;
  let calendarName: string | null = null;
  let calendarPaymentDate: string | null = null;
  let slips: { run: PayRunSummary; totals: PayslipTotals }[];
  const details = new Map<string, PayslipDetail>();
  const ytdFrom = financialYearStart(today);
  try {
    template = await fetchPayTemplate(config, employeeId);
    const since = [ytdFrom, addMonths(today, -6)].sort()[0]!;
    const [calendar, names, runs] = await Promise.all([
      template.payrollCalendarId ? fetchPayCalendar(config, template.payrollCalendarId) : Promise.resolve(null),
      fetchPayItems(config),
      fetchPostedPayRuns(config, since, MAX_PAY_RUNS),
    ]);
    frequency = calendar?.frequency ?? null;
    calendarName = calendar?.name ?? null;
    calendarPaymentDate = calendar?.paymentDate ?? null;
    const found = await inChunks(runs, CONCURRENCY, async (run) => ({ run, totals: await fetchPayRunPayslip(config, run.payRunId, employeeId) }));
    slips = found.filter((s): s is { run: PayRunSummary; totals: PayslipTotals } => s.totals !== null);
    const haveLines = new Set(cachedWithLines.map((c) => c.xero_payslip_id));
    const wanted = slips.slice(0, DETAILED_PAYSLIPS).filter((s) => options.trigger === "manual" || !haveLines.has(s.totals.payslipId));
    for (const detail of await inChunks(wanted, CONCURRENCY, (s) => fetchPayslip(config, s.totals.payslipId, names))) details.set(detail.payslipId, detail);
    const salary = annualSalaryCents(template, names);

    const ytd = slips.filter((s) => (s.run.paymentDate ?? "") >= ytdFrom).reduce((sum, s) => sum + s.totals.grossCents, 0);
    const summary = {
      xero_employee_id: employeeId,
      annual_salary_cents: salary,
      earnings_ytd_cents: ytd,
      ytd_from: ytdFrom,
      next_pay_date: nextPayDate(calendarPaymentDate, frequency, today),
      pay_frequency: frequency,
      pay_calendar_name: calendarName,
      currency: "AUD",
      fetched_at: now,
      refresh_started_at: null,
      last_error: null,
      last_error_at: null,
      updated_at: now,
    };
    const rows = slips.map(({ run, totals }) => {
      const detail = details.get(totals.payslipId);
      const paid = run.paymentDate!;
      return {
        id: newId(), person_id: personId, xero_payslip_id: totals.payslipId, xero_pay_run_id: run.payRunId,
        period_start: run.periodStart ?? paid, period_end: run.periodEnd ?? paid, pay_date: paid, currency: "AUD",
        gross_cents: totals.grossCents, deductions_cents: totals.deductionsCents, tax_cents: totals.taxCents,
        super_cents: totals.superCents, reimbursements_cents: totals.reimbursementsCents, net_cents: totals.netCents,
        earnings_lines: detail ? lines(detail.earnings) : null,
        deduction_lines: detail ? lines(detail.deductions) : null,
        super_lines: detail ? lines(detail.superannuation) : null,
        tax_lines: detail ? lines(detail.tax) : null,
        fetched_at: now, updated_at: now,
      };
    });
    const keep = JSON.stringify(rows.map((r) => r.xero_payslip_id));
    await batch(db, [
      db.query
        .insertInto("pay_summaries")
        .values({ person_id: personId, ...summary })
        .onConflict((oc) => oc.column("person_id").doUpdateSet(summary)),
      db.query.deleteFrom("payslips").where("person_id", "=", personId).where(sql<SqlBool>`xero_payslip_id NOT IN (SELECT value FROM json_each(${keep}))`),
      ...upsertPayslips(rows),
      ...(options.trigger === "manual"
        ? [historyEntry(db, { actorId: options.actorUserId, resourceType: "pay_summary", resourceId: personId, action: "payroll_refreshed", details: { payslips: rows.length } })]
        : []),
    ]);
    return { ok: true, payslips: rows.length };
  } catch (e) {
    const message = e instanceof IntegrationError
      ? redactSecrets(e.message, [config.token, config.tenantId])
      : "The payroll refresh failed unexpectedly.";
    await recordFailure(db, personId, message, now);
    return { ok: false, reason: "failed", message };
  }
}
