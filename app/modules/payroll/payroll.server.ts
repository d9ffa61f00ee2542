// Payroll pages: a person's pay summary and payslips, served from the cache at once and
// refreshed from Xero in the background when older than PAYROLL_TTL_MS (stale-while-refresh).
//
// Visibility (FEATURES "visible to the person and executives only"): ONLY the person
// themself and executives. Managers and heads get "not found" for anyone else's payroll, even
// in their subtree. Applied IN SQL on every query (payrollVisible), so nothing leaks.
// Amounts are sensitive: this module never logs them.
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import { createDb, type Db } from "~/platform/db.server";
import { contains } from "~/platform/like";
import { rateLimitHit, rateLimitResult } from "~/platform/rate-limit.server";
import type { Viewer } from "~/platform/session.server";
import { ageLabel } from "./format";
import { PAYROLL_TTL_MS, REFRESH_LOCK_MS, RETRY_AFTER_FAILURE_MS, refreshPayroll, type RefreshOutcome } from "./refresh.server";

export const PAYSLIPS_PER_PAGE = 12;
export const PEOPLE_PER_PAGE = 20;

type PayrollViewer = Pick<Viewer, "accessLevel" | "personId">;

/** `column` (a person id) is one whose payroll the viewer may see: their own, or anyone for executives. */
export function payrollVisible(column: string, viewer: PayrollViewer): RawBuilder<SqlBool> {
  if (viewer.accessLevel === "executive") return sql<SqlBool>`1 = 1`;
  if (!viewer.personId) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref(column)} = ${viewer.personId}`;
}

export const canSeeEveryonesPayroll = (viewer: PayrollViewer) => viewer.accessLevel === "executive";

export interface PayrollPageInput {
  /** null: the viewer's own payroll. */
  personId: string | null;
  page: number;
  /** Executives on their own page also get the people list (page and name filter). */
  directory?: { page: number; q?: string } | null;
}

function summaryState(
  summary: { fetched_at: string | null; refresh_started_at: string | null; last_error: string | null; last_error_at: string | null } | undefined,
  linked: boolean,
  now: Date,
) {
  const t = now.getTime();
  const fetchedAt = summary?.fetched_at ?? null;
  const stale = !fetchedAt || t - Date.parse(fetchedAt) > PAYROLL_TTL_MS;
  const running = Boolean(summary?.refresh_started_at && t - Date.parse(summary.refresh_started_at) < REFRESH_LOCK_MS);
  const failedLast = Boolean(summary?.last_error_at && (!fetchedAt || summary.last_error_at >= fetchedAt));
  const recentlyFailed = failedLast && t - Date.parse(summary!.last_error_at!) < RETRY_AFTER_FAILURE_MS;
  return {
    fetchedAt,
    updatedAgo: ageLabel(fetchedAt, now),
    stale,
    error: failedLast ? summary!.last_error : null,
    errorAgo: failedLast ? ageLabel(summary!.last_error_at, now) : null,
    /** Whether this view should start a background refresh. */
    shouldRefresh: linked && stale && !running && !recentlyFailed,
    running,
  };
}

/**
 * One person's payroll page (null when the person does not exist or is not the viewer's to
 * see). One batch; a stale cache starts a background refresh through context.waitUntil.
 */
export async function loadPayrollPage(context: AppLoadContext, viewer: PayrollViewer, input: PayrollPageInput, now = new Date()) {
  const { db } = context;
  const target = input.personId ?? viewer.personId ?? "";
  const page = Math.max(1, input.page);
  const withDirectory = Boolean(input.directory) && canSeeEveryonesPayroll(viewer);
  const dirPage = Math.max(1, input.directory?.page ?? 1);
  const q = input.directory?.q?.trim();
  const directoryBase = db.query
    .selectFrom("people")
    .where(withDirectory ? sql<SqlBool>`1 = 1` : sql<SqlBool>`1 = 0`)
    .where(payrollVisible("people.id", viewer))
    .where("people.employment_status", "!=", "terminated")
    .$if(Boolean(q), (qb) => qb.where((eb) => eb.or([
      eb("people.first_name", "like", contains(q!)), eb("people.last_name", "like", contains(q!)), eb("people.preferred_name", "like", contains(q!)),
    ])));
  const [people, summaries, payslips, counts, directory, directoryCount] = await batch(db, [
    db.query
      .selectFrom("people")
      .select(["id", "first_name", "last_name", "preferred_name", "title", "xero_employee_id", "employment_status"])
      .where("id", "=", target)
      .where(payrollVisible("people.id", viewer)),
    db.query
      .selectFrom("pay_summaries")
      .selectAll()
      .where("person_id", "=", target)
      .where(payrollVisible("pay_summaries.person_id", viewer)),
    db.query
      .selectFrom("payslips")
      .select(["id", "period_start", "period_end", "pay_date", "currency", "gross_cents", "tax_cents", "super_cents", "deductions_cents", "net_cents"])
      .where("person_id", "=", target)
      .where(payrollVisible("payslips.person_id", viewer))
      .orderBy("pay_date", "desc")
      .orderBy("id")
      .limit(PAYSLIPS_PER_PAGE)
      .offset((page - 1) * PAYSLIPS_PER_PAGE),
    db.query
      .selectFrom("payslips")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("person_id", "=", target)
      .where(payrollVisible("payslips.person_id", viewer)),
    directoryBase
      .leftJoin("pay_summaries", "pay_summaries.person_id", "people.id")
      .select([
        "people.id", "people.first_name", "people.last_name", "people.preferred_name", "people.title", "people.xero_employee_id",
        "pay_summaries.fetched_at", "pay_summaries.last_error_at",
      ])
      .orderBy("people.last_name")
      .orderBy("people.first_name")
      .orderBy("people.id")
      .limit(PEOPLE_PER_PAGE)
      .offset((dirPage - 1) * PEOPLE_PER_PAGE),
    directoryBase.select((eb) => eb.fn.countAll<number>().as("n")),
  ]);
  const person = people[0];
  if (!person) return null;
  const summary = summaries[0];
  const state = summaryState(summary, Boolean(person.xero_employee_id), now);
  let refreshing = state.running;
  if (state.shouldRefresh) {
    // Its own handle (and round-trip counter): this work happens after the response.
    const background = { ...context, db: createDb(context.env.DB) };
    context.waitUntil(refreshPayroll(background, person.id, { actorUserId: null, trigger: "background" }).catch(() => undefined));
    refreshing = true;
  }
  const total = Number(counts[0]?.n ?? 0);
  return {
    person,
    linked: Boolean(person.xero_employee_id),
    summary: summary?.fetched_at
      ? {
          annualSalaryCents: summary.annual_salary_cents,
          earningsYtdCents: summary.earnings_ytd_cents,
          ytdFrom: summary.ytd_from,
          nextPayDate: summary.next_pay_date,
          payFrequency: summary.pay_frequency,
          payCalendarName: summary.pay_calendar_name,
          currency: summary.currency,
        }
      : null,
    cache: { fetchedAt: state.fetchedAt, updatedAgo: state.updatedAgo, stale: state.stale, error: state.error, errorAgo: state.errorAgo, refreshing },
    payslips,
    page,
    pageCount: Math.max(1, Math.ceil(total / PAYSLIPS_PER_PAGE)),
    total,
    directory: withDirectory
      ? { rows: directory, page: dirPage, pageCount: Math.max(1, Math.ceil(Number(directoryCount[0]?.n ?? 0) / PEOPLE_PER_PAGE)), q: q ?? "" }
      : null,
  };
}

export type PayrollPage = NonNullable<Awaited<ReturnType<typeof loadPayrollPage>>>;

/** One payslip with its lines (null when missing or not the viewer's to see). One query. */
export async function loadPayslip(db: Db, viewer: PayrollViewer, payslipId: string) {
  const rows = await db.query
    .selectFrom("payslips")
    .innerJoin("people", "people.id", "payslips.person_id")
    .select([
      "payslips.id", "payslips.person_id", "payslips.period_start", "payslips.period_end", "payslips.pay_date", "payslips.currency",
      "payslips.gross_cents", "payslips.deductions_cents", "payslips.tax_cents", "payslips.super_cents", "payslips.reimbursements_cents",
      "payslips.net_cents", "payslips.earnings_lines", "payslips.deduction_lines", "payslips.super_lines", "payslips.tax_lines",
      "payslips.fetched_at", "people.first_name", "people.last_name", "people.preferred_name",
    ])
    .where("payslips.id", "=", payslipId)
    .where(payrollVisible("payslips.person_id", viewer))
    .execute();
  return rows[0] ?? null;
}

export type RefreshRequestResult =
  | { ok: true; outcome: RefreshOutcome }
  | { ok: false; status: 404 }
  | { ok: false; status: 429; errors: Record<string, string> };

/** "Refresh now" calls Xero a few dozen times; Xero allows 60 calls a minute per organisation. */
export const MANUAL_REFRESH_LIMIT = { limit: 5, windowSeconds: 10 * 60 };

/**
 * "Refresh now": the person must be the viewer or the viewer an executive (else 404). Runs the
 * refresh while the viewer waits; failures are stored and shown with the cached data.
 */
export async function requestRefresh(context: AppLoadContext, viewer: Pick<Viewer, "accessLevel" | "personId" | "userId">, personId: string | null): Promise<RefreshRequestResult> {
  const target = personId ?? viewer.personId;
  if (!target) return { ok: false, status: 404 };
  const { db } = context;
  const now = new Date();
  const [rows, hits] = await batch(db, [
    db.query.selectFrom("people").select("id").where("id", "=", target).where(payrollVisible("people.id", viewer)),
    rateLimitHit(db, `payroll-refresh:${viewer.userId}`, MANUAL_REFRESH_LIMIT, now),
  ]);
  if (!rows[0]) return { ok: false, status: 404 };
  const limit = rateLimitResult(hits, MANUAL_REFRESH_LIMIT, now);
  if (!limit.allowed) {
    const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
    return { ok: false, status: 429, errors: { form: `You have refreshed payroll several times just now; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` } };
  }
  const outcome = await refreshPayroll(context, target, { actorUserId: viewer.userId, trigger: "manual" });
  return { ok: true, outcome };
}

/** The notice a page shows after "Refresh now" (?refresh=…). */
export function refreshNotice(outcome: RefreshOutcome): "done" | "failed" | "not_linked" | "not_configured" {
  if (outcome.ok || outcome.reason === "busy") return "done";
  return outcome.reason;
}

/** Sensitive pages: never stored by browsers or shared caches. */
export const NO_STORE = { "Cache-Control": "private, no-store" } as const;
