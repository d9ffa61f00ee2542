import { afterEach, describe, expect, it } from "vitest";
import { loadPayrollPage, payrollVisible } from "~/modules/payroll/payroll.server";
import { PAYROLL_TTL_MS, annualSalaryCents, financialYearStart, nextPayDate } from "~/modules/payroll/refresh.server";
import { formatMoney } from "~/modules/payroll/format";
import { createLoadContext, type AppLoadContext } from "~/platform/context.server";
import { nowIso } from "~/platform/ids";
import { getViewer } from "~/platform/session.server";
import { action as indexAction, loader as indexLoader } from "~/routes/_app+/payroll+/_index";
import { action as personAction, loader as personLoader } from "~/routes/_app+/payroll+/people.$personId";
import { loader as payslipLoader } from "~/routes/_app+/payroll+/payslips.$payslipId";
import { setupTestDb } from "../../support/d1";
import { startFakeServer, type FakeServer } from "../../support/fake-server";
import { samplePayrollState, xeroPayslipRoutes, type XeroPayslipState } from "../../support/fake-servers/payroll";
import { getAs, postAs, statusOf } from "../../support/requests";

const db = setupTestDb({ seed: true });

const USERS = {
  executive: "user-olivia-bennett",
  head: "user-priya-raman",
  manager: "user-daniel-costa",
  lead: "user-liam-murphy", // Ethan's direct manager
  employee: "user-ethan-brown",
  outsider: "user-ava-jones",
} as const;

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

type Args = { request: Request; context: AppLoadContext; params: Record<string, string> };

async function get<T>(userId: string | null, path: string, loader: (args: Args) => Promise<T>, params: Record<string, string> = {}, context = db.context()) {
  return loader({ request: await getAs(context, userId, path), context, params });
}

async function post<T>(userId: string | null, path: string, action: (args: Args) => Promise<T>, fields: Record<string, string>, params: Record<string, string> = {}, context = db.context()) {
  return action({ request: await postAs(context, userId, path, fields), context, params });
}

/** A context whose Xero points at `server` and whose waitUntil promises can be awaited. */
function xeroContext(server: FakeServer, state: XeroPayslipState) {
  const pending: Promise<unknown>[] = [];
  const context = createLoadContext(
    { ...db.env, XERO_API_URL: server.url, XERO_ACCESS_TOKEN: state.token, XERO_TENANT_ID: state.tenantId },
    (p) => pending.push(p),
  );
  return { context, settle: async () => { while (pending.length) await pending.shift(); } };
}

async function startXero(state = samplePayrollState()) {
  const server = await startFakeServer(xeroPayslipRoutes(state));
  servers.push(server);
  return { server, state };
}

const hoursAgo = (h: number) => nowIso(new Date(Date.now() - h * 3_600_000));

async function linkEthan(fetchedAt = hoursAgo(2)) {
  await db.exec(`UPDATE people SET xero_employee_id = 'xe-ethan' WHERE id = 'ethan-brown';
UPDATE pay_summaries SET fetched_at = '${fetchedAt}' WHERE person_id = 'ethan-brown';`);
}

const redirectOf = async (run: () => Promise<unknown>) => {
  try {
    const result = await run();
    return result instanceof Response ? { status: result.status, location: result.headers.get("Location") } : { status: 200, location: null };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    throw thrown;
  }
};

describe("payroll visibility: only the person and executives", () => {
  it("someone else's payroll page is 404 for their lead, manager, head and an outsider; 200 for them and executives", async () => {
    const status = (userId: string) => statusOf(() => get(userId, "/payroll/people/ethan-brown", personLoader, { personId: "ethan-brown" }));
    expect(await status(USERS.employee)).toBe(200);
    expect(await status(USERS.executive)).toBe(200);
    expect(await status(USERS.lead)).toBe(404);
    expect(await status(USERS.manager)).toBe(404);
    expect(await status(USERS.head)).toBe(404);
    expect(await status(USERS.outsider)).toBe(404);
    // An unknown person looks exactly like a hidden one.
    expect(await statusOf(() => get(USERS.manager, "/payroll/people/nobody", personLoader, { personId: "nobody" }))).toBe(404);
    expect(await statusOf(() => get(USERS.executive, "/payroll/people/nobody", personLoader, { personId: "nobody" }))).toBe(404);
  });

  it("a payslip is 404 for everyone but its owner and executives", async () => {
    const status = (userId: string) => statusOf(() => get(userId, "/payroll/payslips/payslip-ethan-2026-11-19", payslipLoader, { payslipId: "payslip-ethan-2026-11-19" }));
    expect(await status(USERS.employee)).toBe(200);
    expect(await status(USERS.executive)).toBe(200);
    for (const userId of [USERS.lead, USERS.manager, USERS.head, USERS.outsider]) expect(await status(userId)).toBe(404);
    const own = await get(USERS.employee, "/payroll/payslips/payslip-ethan-2026-11-19", payslipLoader, { payslipId: "payslip-ethan-2026-11-19" });
    expect(own.payslip).toMatchObject({ gross_cents: 365385, tax_cents: 81492, super_cents: 43846, net_cents: 283893, person_id: "ethan-brown" });
    expect(JSON.parse(own.payslip.earnings_lines!)[0]).toMatchObject({ name: "Ordinary Hours", amount_cents: 365385 });
  });

  it("the SQL condition itself: executives see every cached summary, anyone else only their own", async () => {
    const visible = async (userId: string) => {
      const context = db.context();
      const viewer = (await getViewer(await getAs(context, userId, "/"), context))!;
      const rows = await context.db.query.selectFrom("pay_summaries").select("person_id").where(payrollVisible("pay_summaries.person_id", viewer)).orderBy("person_id").execute();
      return rows.map((r) => r.person_id);
    };
    expect(await visible(USERS.executive)).toEqual(["daniel-costa", "ethan-brown", "olivia-bennett"]);
    expect(await visible(USERS.manager)).toEqual(["daniel-costa"]);
    expect(await visible(USERS.employee)).toEqual(["ethan-brown"]);
    expect(await visible(USERS.head)).toEqual([]);
    expect(payrollVisible("x", { accessLevel: "manager", personId: null }).compile(db.context().db.query).sql).toBe("1 = 0");
  });

  it("/payroll is the viewer's own; only executives get the people list", async () => {
    const mine = await get(USERS.employee, "/payroll", indexLoader);
    expect(mine.page!.person.id).toBe("ethan-brown");
    expect(mine.page!.summary).toMatchObject({ annualSalaryCents: 9500000, earningsYtdCents: 4019235, nextPayDate: "2026-12-03", payFrequency: "FORTNIGHTLY" });
    expect(mine.page!.payslips.map((p) => p.pay_date)).toEqual(["2026-11-19", "2026-11-05", "2026-10-22"]);
    expect(mine.page!.directory).toBeNull();
    const manager = await get(USERS.manager, "/payroll", indexLoader);
    expect(manager.page!.person.id).toBe("daniel-costa");
    expect(manager.page!.directory).toBeNull();
    const exec = await get(USERS.executive, "/payroll?q=brown", indexLoader);
    expect(exec.page!.directory!.rows.map((r) => r.id)).toEqual(["ethan-brown"]);
    const all = await get(USERS.executive, "/payroll", indexLoader);
    expect(all.page!.directory!.rows).toHaveLength(20);
    expect(all.page!.directory!.pageCount).toBe(2);
  });

  it("refreshing someone else's payroll is 404 for a manager; anonymous goes to sign-in", async () => {
    expect(await statusOf(() => post(USERS.manager, "/payroll/people/ethan-brown", personAction, { intent: "refresh" }, { personId: "ethan-brown" }))).toBe(404);
    expect(await statusOf(() => post(USERS.head, "/payroll/people/ethan-brown", personAction, { intent: "refresh" }, { personId: "ethan-brown" }))).toBe(404);
    const anon = await redirectOf(() => post(null, "/payroll", indexAction, { intent: "refresh" }));
    expect(anon.status).toBe(302);
    expect(anon.location).toContain("/login");
  });

  it("a page view costs at most 2 D1 round trips, even when it starts a background refresh", async () => {
    // The session is created before the loader runs (a write); count from the loader only.
    const fresh = db.context();
    const request = await getAs(fresh, USERS.executive, "/payroll");
    fresh.db.stats.roundTrips = 0;
    await indexLoader({ request, context: fresh, params: {} });
    expect(fresh.db.stats.roundTrips).toBeLessThanOrEqual(2);

    const { server, state } = await startXero();
    await linkEthan(hoursAgo(2));
    const ctx = xeroContext(server, state);
    const ethan = await getAs(ctx.context, USERS.employee, "/payroll");
    ctx.context.db.stats.roundTrips = 0;
    const page = await indexLoader({ request: ethan, context: ctx.context, params: {} });
    expect(page.page!.cache.refreshing).toBe(true);
    expect(ctx.context.db.stats.roundTrips).toBeLessThanOrEqual(2);
    await ctx.settle();
  });
});

describe("payroll cache: stale-while-refresh against Xero", () => {
  it("serves the cached figures at once and refreshes a stale cache in the background", async () => {
    const { server, state } = await startXero();
    await linkEthan(hoursAgo(2));
    const first = xeroContext(server, state);
    const page = await get(USERS.employee, "/payroll", indexLoader, {}, first.context);
    // The old cache is served immediately, marked as refreshing.
    expect(page.page!.summary!.annualSalaryCents).toBe(9500000);
    expect(page.page!.cache).toMatchObject({ refreshing: true, stale: true, updatedAgo: "2 hours ago" });
    await first.settle();
    const paths = server.requests.map((r) => r.path);
    expect(paths).toContain("/payroll.xro/1.0/Employees/xe-ethan");
    expect(paths).toContain("/payroll.xro/1.0/PayrollCalendars/cal-fortnightly");
    expect(paths).toContain("/payroll.xro/1.0/Payslip/ps-pr-2026-11-19-xe-ethan");
    expect(paths).not.toContain("/payroll.xro/1.0/PayRuns/pr-2026-12-03"); // draft runs are filtered out by `where`
    expect(server.requests.every((r) => r.headers.authorization === `Bearer ${state.token}` && r.headers["xero-tenant-id"] === state.tenantId)).toBe(true);
    expect(server.requests.find((r) => r.path.endsWith("/PayRuns"))!.query.get("where")).toMatch(/^PayRunStatus=="POSTED"&&PaymentDate>=DateTime\(\d{4},\d{2},\d{2}\)$/);

    const before = server.requests.length;
    const second = xeroContext(server, state);
    const after = await get(USERS.employee, "/payroll", indexLoader, {}, second.context);
    expect(after.page!.summary).toMatchObject({
      annualSalaryCents: 9800000, earningsYtdCents: 753846, nextPayDate: "2026-12-03", payFrequency: "FORTNIGHTLY", payCalendarName: "Fortnightly (Thursday)",
    });
    expect(after.page!.cache).toMatchObject({ refreshing: false, stale: false, error: null, updatedAgo: "just now" });
    expect(after.page!.payslips.map((p) => [p.pay_date, p.gross_cents, p.net_cents])).toEqual([
      ["2026-11-19", 376923, 294923], ["2026-11-05", 376923, 294923], ["2026-06-25", 350000, 268000],
    ]);
    // Fresh cache: no further calls to Xero.
    await second.settle();
    expect(server.requests.length).toBe(before);

    const detail = await get(USERS.employee, "/payroll/payslips/x", payslipLoader, { payslipId: after.page!.payslips[0]!.id });
    expect(JSON.parse(detail.payslip.earnings_lines!)).toEqual([{ name: "Ordinary Hours", units: 76, rate_cents: 4960, amount_cents: 376923 }]);
    expect(JSON.parse(detail.payslip.tax_lines!)).toEqual([{ name: "PAYG Tax", units: null, rate_cents: null, amount_cents: 82000 }]);
    expect(JSON.parse(detail.payslip.super_lines!)[0]).toMatchObject({ name: "Superannuation guarantee", amount_cents: 45231 });
    // Someone else's payslip in the same pay run was not cached for Ethan.
    const cached = await db.context().db.query.selectFrom("payslips").select("xero_payslip_id").where("person_id", "=", "ethan-brown").execute();
    expect(cached.map((c) => c.xero_payslip_id).sort()).toEqual(["ps-pr-2026-06-25-xe-ethan", "ps-pr-2026-11-05-xe-ethan", "ps-pr-2026-11-19-xe-ethan"]);
  });

  it("keeps payslip ids stable across refreshes and only re-fetches line items it lacks", async () => {
    const { server, state } = await startXero();
    await linkEthan(hoursAgo(2));
    const one = xeroContext(server, state);
    await get(USERS.employee, "/payroll", indexLoader, {}, one.context);
    await one.settle();
    const ids = (await db.context().db.query.selectFrom("payslips").select("id").where("person_id", "=", "ethan-brown").orderBy("pay_date").execute()).map((r) => r.id);
    await db.exec(`UPDATE pay_summaries SET fetched_at = '${hoursAgo(1.5)}' WHERE person_id = 'ethan-brown';`);
    server.requests.length = 0;
    const two = xeroContext(server, state);
    await get(USERS.employee, "/payroll", indexLoader, {}, two.context);
    await two.settle();
    expect(server.requests.some((r) => r.path.includes("/Payslip/"))).toBe(false);
    const again = (await db.context().db.query.selectFrom("payslips").select("id").where("person_id", "=", "ethan-brown").orderBy("pay_date").execute()).map((r) => r.id);
    expect(again).toEqual(ids);
  });

  it("does not refresh a cache younger than the TTL, nor a person not linked to Xero", async () => {
    const { server, state } = await startXero();
    await linkEthan(nowIso(new Date(Date.now() - PAYROLL_TTL_MS + 60_000)));
    const ctx = xeroContext(server, state);
    const page = await get(USERS.employee, "/payroll", indexLoader, {}, ctx.context);
    expect(page.page!.cache.refreshing).toBe(false);
    // Daniel's cache is days old but he is not linked: nothing to refresh.
    const other = xeroContext(server, state); // the viewer is memoised per request context
    const daniel = await get(USERS.manager, "/payroll", indexLoader, {}, other.context);
    expect(daniel.page!.person.id).toBe("daniel-costa");
    expect(daniel.page!.linked).toBe(false);
    expect(daniel.page!.cache.refreshing).toBe(false);
    await ctx.settle();
    await other.settle();
    expect(server.requests).toHaveLength(0);
  });

  it("Xero down: the cached figures stay, with their age and a clear message; no retry storm", async () => {
    const { server, state } = await startXero();
    state.failure = { status: 503, json: { Title: "Service Unavailable", Status: 503, Detail: "The Xero API is temporarily unavailable" } };
    await linkEthan(hoursAgo(3));
    const ctx = xeroContext(server, state);
    await get(USERS.employee, "/payroll", indexLoader, {}, ctx.context);
    await ctx.settle();
    const calls = server.requests.length;
    expect(calls).toBeGreaterThan(0);
    const page = await get(USERS.employee, "/payroll", indexLoader, {}, ctx.context);
    expect(page.page!.summary!.annualSalaryCents).toBe(9500000);
    expect(page.page!.payslips).toHaveLength(3);
    expect(page.page!.cache.error).toContain("Xero answered HTTP 503");
    expect(page.page!.cache.error).not.toContain(state.token);
    expect(page.page!.cache).toMatchObject({ updatedAgo: "3 hours ago", refreshing: false });
    await ctx.settle();
    expect(server.requests.length).toBe(calls); // backs off after a failure

    // "Refresh now" while Xero is down: a redirect with a notice, never a 500; data intact.
    const refreshed = await redirectOf(() => post(USERS.employee, "/payroll", indexAction, { intent: "refresh" }, {}, ctx.context));
    expect(refreshed).toEqual({ status: 302, location: "/payroll?refresh=failed" });
    const still = await get(USERS.employee, "/payroll?refresh=failed", indexLoader, {}, ctx.context);
    expect(still.page!.summary!.annualSalaryCents).toBe(9500000);
    expect(still.page!.cache.error).toContain("503");

    // Back up: the next refresh clears the message.
    state.failure = null;
    expect(await redirectOf(() => post(USERS.employee, "/payroll", indexAction, { intent: "refresh" }, {}, ctx.context))).toEqual({ status: 302, location: "/payroll?refresh=done" });
    const ok = await get(USERS.employee, "/payroll", indexLoader, {}, ctx.context);
    expect(ok.page!.cache.error).toBeNull();
    expect(ok.page!.summary!.annualSalaryCents).toBe(9800000);
  });

  it("a slow Xero times out into a stored message", async () => {
    const { server, state } = await startXero();
    state.delayMs = 400;
    await linkEthan(hoursAgo(2));
    const { refreshPayroll } = await import("~/modules/payroll/refresh.server");
    const ctx = xeroContext(server, state);
    const outcome = await refreshPayroll(ctx.context, "ethan-brown", { actorUserId: null, trigger: "manual", clientOverrides: { timeoutMs: 100 } });
    expect(outcome).toMatchObject({ ok: false, reason: "failed" });
    expect((outcome as { message: string }).message).toContain("did not answer");
    const page = await loadPayrollPage(ctx.context, { accessLevel: "employee", personId: "ethan-brown" }, { personId: null, page: 1 });
    expect(page!.summary!.annualSalaryCents).toBe(9500000);
  });
});

describe("refresh now (POST)", () => {
  it("validates the form: an unknown or missing intent is a 400 with a field message", async () => {
    const bad = (await post(USERS.employee, "/payroll", indexAction, { intent: "delete" })) as unknown as { data: { errors: Record<string, string> }; init: { status: number } };
    expect(bad.init.status).toBe(400);
    expect(bad.data.errors.intent).toBe("Unknown action.");
    expect(await statusOf(() => post(USERS.employee, "/payroll", indexAction, {}))).toBe(400);
    expect(await statusOf(() => post(USERS.executive, "/payroll/people/ethan-brown", personAction, { intent: "nope" }, { personId: "ethan-brown" }))).toBe(400);
  });

  it("a person not linked to Xero is told so; Xero not configured is told so", async () => {
    expect(await redirectOf(() => post(USERS.employee, "/payroll", indexAction, { intent: "refresh" }))).toEqual({ status: 302, location: "/payroll?refresh=not_linked" });
    await db.exec("UPDATE people SET xero_employee_id = 'xe-ethan' WHERE id = 'ethan-brown';");
    expect(await redirectOf(() => post(USERS.employee, "/payroll", indexAction, { intent: "refresh" }))).toEqual({ status: 302, location: "/payroll?refresh=not_configured" });
  });

  it("is rate limited per viewer (Xero allows 60 calls a minute per organisation)", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await redirectOf(() => post(USERS.employee, "/payroll", indexAction, { intent: "refresh" }))).status).toBe(302);
    }
    const limited = (await post(USERS.employee, "/payroll", indexAction, { intent: "refresh" })) as unknown as { data: { errors: Record<string, string> }; init: { status: number } };
    expect(limited.init.status).toBe(429);
    expect(limited.data.errors.form).toMatch(/try again in \d+ minutes?/);
    // Another viewer is not affected.
    expect((await redirectOf(() => post(USERS.manager, "/payroll", indexAction, { intent: "refresh" }))).status).toBe(302);
  });

  it("an executive refreshes anyone's payroll; a history row records it without amounts", async () => {
    const { server, state } = await startXero();
    await linkEthan(hoursAgo(0.1));
    const ctx = xeroContext(server, state);
    const result = await redirectOf(() => post(USERS.executive, "/payroll/people/ethan-brown", personAction, { intent: "refresh" }, { personId: "ethan-brown" }, ctx.context));
    expect(result).toEqual({ status: 302, location: "/payroll/people/ethan-brown?refresh=done" });
    const page = await get(USERS.executive, "/payroll/people/ethan-brown", personLoader, { personId: "ethan-brown" });
    expect(page.page.summary!.annualSalaryCents).toBe(9800000);
    const history = await db.context().db.query.selectFrom("history").selectAll().where("resource_type", "=", "pay_summary").execute();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ resource_id: "ethan-brown", action: "payroll_refreshed", actor_id: USERS.executive });
    expect(history[0]!.details).not.toMatch(/9800000|98000|3769/);
  });
});

describe("payroll helpers", () => {
  it("formats AUD, financial years, next pay dates and salaries", () => {
    expect(formatMoney(365385)).toBe("$3,653.85");
    expect(formatMoney(null)).toBe("—");
    expect(financialYearStart("2026-11-25")).toBe("2026-07-01");
    expect(financialYearStart("2026-03-10")).toBe("2025-07-01");
    expect(nextPayDate("2026-11-05", "FORTNIGHTLY", "2026-11-25")).toBe("2026-12-03");
    expect(nextPayDate("2026-10-31", "MONTHLY", "2026-11-25")).toBe("2026-11-30");
    expect(nextPayDate("2026-12-03", "WEEKLY", "2026-11-25")).toBe("2026-12-03");
    const names = { earningsRates: new Map([["er", { name: "Ordinary", rateCents: 5000 }]]), deductionTypes: new Map() };
    expect(annualSalaryCents({ employeeId: "e", status: null, payrollCalendarId: null, earningsLines: [{ earningsRateId: "er", calculationType: "USEEARNINGSRATE", annualSalaryCents: null, unitsPerWeek: 38, rateCents: null }] }, names)).toBe(5000 * 38 * 52);
  });
});
