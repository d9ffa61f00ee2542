import { afterEach, describe, expect, it } from "vitest";
import { computeLeaveHours } from "~/modules/leave/hours";
import { approvalStep, initialStatus } from "~/modules/leave/policy";
import { getViewer } from "~/platform/session.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Env } from "~/platform/env.server";
import { action as myLeaveAction, loader as myLeaveLoader } from "~/routes/_app+/leave+/_index";
import { action as requestAction, loader as requestLoader } from "~/routes/_app+/leave+/requests.$requestId";
import { loader as approvalsLoader } from "~/routes/_app+/leave+/approvals";
import { loader as calendarLoader } from "~/routes/_app+/leave+/calendar";
import { loader as holidaysLoader } from "~/routes/_app+/holidays";
import { setupTestDb, TEST_VARS } from "../../support/d1";
import { startFakeServer, type FakeServer } from "../../support/fake-server";
import { leaveConnectionsSql, leaveFakeState, leaveRoutes, type LeaveFakeState } from "../../support/fake-servers/leave";
import { getAs, postAs, statusOf } from "../../support/requests";

const db = setupTestDb({ seed: true });
let fake: FakeServer | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

/** A context whose env points every client at the fake, collecting waitUntil promises. */
async function withFake(state: LeaveFakeState = leaveFakeState()) {
  fake = await startFakeServer(leaveRoutes(state));
  const url = fake.url;
  const vars: Partial<Env> = { XERO_API_URL: url, PRODUCTIVE_API_URL: url, SLACK_API_URL: url, GOOGLE_API_URL: url, GOOGLE_OAUTH_URL: url, NAGER_API_URL: url };
  const background: Promise<unknown>[] = [];
  const ctx = (): AppLoadContext => {
    const base = db.context();
    return { ...base, env: { ...base.env, ...vars }, waitUntil: (p) => void background.push(p) };
  };
  return { state, ctx, background, server: fake };
}

const inFuture = (days: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
/** Mondays of clean Mon–Fri weeks without public holidays (the clock says late 2026). */
function monday(weeks = 3) {
  return { 3: "2027-02-08", 4: "2027-02-15", 5: "2027-03-01" }[weeks] ?? "2027-02-22";
}
const plus = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

async function submit(context: AppLoadContext, userId: string, fields: Record<string, string>) {
  const request = await postAs(context, userId, "/leave", { intent: "submit", leaveTypeId: "lt-annual", ...fields });
  return myLeaveAction({ request, context, params: {} });
}
function idFrom(response: unknown) {
  expect(response).toBeInstanceOf(Response);
  const location = (response as Response).headers.get("Location") ?? "";
  return location.replace(/^\/leave\/requests\//, "").replace(/\?.*$/, "");
}
async function decide(context: AppLoadContext, userId: string, id: string, fields: Record<string, string>) {
  const request = await postAs(context, userId, `/leave/requests/${id}`, fields);
  return requestAction({ request, context, params: { requestId: id } });
}
type Calendar = {
  people: { id: string; name: string; squad: string | null; leave: { id: string; status: string }[] }[];
  holidays: { date: string }[]; state: string; total: number; page: number; pageCount: number; pastEnd: boolean; squads: string[];
};

async function row(id: string) {
  return db.context().db.query.selectFrom("leave_requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

describe("hours", () => {
  const base = { workingDays: "1,2,3,4,5", weeklyHours: 38, holidays: [] as string[] };
  it("skips weekends and counts 7.6 h a day", () => {
    const h = computeLeaveHours({ ...base, startDate: "2026-12-04", endDate: "2026-12-08" }); // Fri → Tue
    expect(h.workingDays).toBe(3);
    expect(h.hours).toBe(22.8);
  });
  it("skips public holidays and honours part days and part-time weeks", () => {
    const xmas = computeLeaveHours({ ...base, startDate: "2026-12-24", endDate: "2026-12-29", holidays: ["2026-12-25", "2026-12-28"] });
    expect(xmas.dates).toEqual(["2026-12-24", "2026-12-29"]);
    expect(xmas.holidayDates).toEqual(["2026-12-25", "2026-12-28"]);
    const halves = computeLeaveHours({ ...base, startDate: "2026-12-01", endDate: "2026-12-03", startHalf: true, endHalf: true });
    expect(halves.workingDays).toBe(2);
    expect(halves.hours).toBe(15.2);
    expect(computeLeaveHours({ ...base, startDate: "2026-12-01", endDate: "2026-12-01", endHalf: true }).hours).toBe(3.8);
    const partTime = computeLeaveHours({ ...base, workingDays: "1,2,3", weeklyHours: 22.8, startDate: "2026-11-30", endDate: "2026-12-06" });
    expect(partTime).toMatchObject({ workingDays: 3, hours: 22.8, hoursPerDay: 7.6 });
  });
});

describe("approval chain", () => {
  it("sets the first status by level and who may approve each stage", () => {
    expect(initialStatus("employee")).toBe("pending_manager");
    expect(initialStatus("lead")).toBe("pending_manager");
    expect(initialStatus("manager")).toBe("pending_exec");
    expect(initialStatus("head")).toBe("pending_exec");
    expect(initialStatus("executive")).toBe("approved");
    expect(approvalStep({ status: "pending_manager", viewerLevel: "manager", isOwn: false, isAbove: true })).toEqual({ next: "pending_exec", tier: "manager" });
    expect(approvalStep({ status: "pending_manager", viewerLevel: "manager", isOwn: false, isAbove: false })).toBeNull();
    expect(approvalStep({ status: "pending_manager", viewerLevel: "lead", isOwn: false, isAbove: true })).toBeNull();
    expect(approvalStep({ status: "pending_exec", viewerLevel: "head", isOwn: false, isAbove: true })).toBeNull();
    expect(approvalStep({ status: "pending_exec", viewerLevel: "executive", isOwn: false, isAbove: false })).toEqual({ next: "approved", tier: "exec" });
    expect(approvalStep({ status: "pending_exec", viewerLevel: "executive", isOwn: true, isAbove: false })).toBeNull();
  });

  it("employee → manager above their lead → executive, with pushes, a forced failure, a retry and a reversing cancel", async () => {
    const { state, ctx, server } = await withFake();
    await db.exec(await leaveConnectionsSql(TEST_VARS.ENCRYPTION_KEY));
    const start = monday();
    const created = await submit(ctx(), "user-ethan-brown", { startDate: start, endDate: plus(start, 4), notes: "Road trip" });
    const id = idFrom(created);
    expect(await row(id)).toMatchObject({ status: "pending_manager", working_days: 5, total_hours: 38 });
    // Daniel (Liam's manager) is notified and his badge counts it; Liam (a lead) never sees it.
    const notes = await db.context().db.query.selectFrom("notifications").select(["user_id"]).where("resource_id", "=", id).execute();
    expect(notes.map((n) => n.user_id)).toEqual(["user-daniel-costa"]);
    const danielCtx = ctx();
    const daniel = await getViewer(await getAs(danielCtx, "user-daniel-costa", "/"), danielCtx);
    expect(daniel?.pendingLeaveApprovals).toBe(2); // Ethan's and seeded Noah's
    expect(await statusOf(() => decide(ctx(), "user-liam-murphy", id, { intent: "approve" }))).toBe(404); // leads see own only
    // An outsider manager gets 404 (never sees it); the employee cannot approve their own.
    expect(await statusOf(() => decide(ctx(), "user-tom-fletcher", id, { intent: "approve" }))).toBe(404);
    expect(await statusOf(async () => requestLoader({ request: await getAs(db.context(), "user-tom-fletcher", `/leave/requests/${id}`), context: db.context(), params: { requestId: id } }))).toBe(404);
    expect(await statusOf(() => decide(ctx(), "user-ethan-brown", id, { intent: "approve" }))).toBe(403);

    await decide(ctx(), "user-daniel-costa", id, { intent: "approve", comment: "Enjoy" });
    expect(await row(id)).toMatchObject({ status: "pending_exec", manager_approved_by: "user-daniel-costa" });
    // A head cannot give final approval.
    expect(await statusOf(() => decide(ctx(), "user-priya-raman", id, { intent: "approve" }))).toBe(403);

    state.fail.productive = { status: 500, json: { errors: [{ title: "Internal Server Error" }] } };
    await decide(ctx(), "user-olivia-bennett", id, { intent: "approve" });
    let r = await row(id);
    expect(r).toMatchObject({ status: "approved", exec_approved_by: "user-olivia-bennett", xero_status: "done", google_status: "done", slack_status: "done", productive_status: "failed" });
    expect(r.productive_error).toContain("HTTP 500");
    expect(r.xero_leave_application_id).toMatch(/^xla-/);
    const xeroPost = server.requests.find((q) => q.path === "/payroll.xro/1.0/LeaveApplications")!;
    expect((xeroPost.json() as { EmployeeID: string; LeaveTypeID: string }[])[0]).toMatchObject({ EmployeeID: "xero-emp-ethan-brown", LeaveTypeID: "9b2e1c3a-0001-4c1e-9d5e-annual000001" });
    const event = server.requests.find((q) => q.method === "POST" && q.path.startsWith("/calendar/v3/calendars/"))!;
    expect(event.path).toBe("/calendar/v3/calendars/tribe%40dotcollective.com.au/events");
    expect(event.json()).toMatchObject({ start: { date: start }, end: { date: plus(start, 5) } });
    expect(server.requests.find((q) => q.path === "/chat.postMessage")!.form().get("channel")).toBe("#company-leave");

    // Only executives retry; the retry succeeds once Productive is back.
    expect(await statusOf(() => decide(ctx(), "user-daniel-costa", id, { intent: "retry", integration: "productive" }))).toBe(403);
    delete state.fail.productive;
    await decide(ctx(), "user-olivia-bennett", id, { intent: "retry", integration: "productive" });
    r = await row(id);
    expect(r).toMatchObject({ productive_status: "done", productive_error: null });
    const booking = server.requests.filter((q) => q.method === "POST" && q.path === "/bookings").at(-1)!;
    expect(booking.json()).toMatchObject({ data: { attributes: { started_on: start, ended_on: plus(start, 4) }, relationships: { person: { data: { id: "prod-ethan-brown" } } } } });

    // The requester cannot cancel approved leave; an executive can, reversing every push.
    expect(await statusOf(() => decide(ctx(), "user-ethan-brown", id, { intent: "cancel" }))).toBe(403);
    await decide(ctx(), "user-olivia-bennett", id, { intent: "cancel", reason: "Plans changed" });
    r = await row(id);
    expect(r).toMatchObject({ status: "cancelled", xero_status: "reversed", productive_status: "reversed", google_status: "reversed", slack_status: "reversed" });
    const deletes = server.requests.filter((q) => q.method === "DELETE" || q.path.endsWith("/reject") || q.path === "/chat.delete").map((q) => `${q.method} ${q.path}`);
    expect(deletes).toEqual(expect.arrayContaining([
      `POST /payroll.xro/1.0/LeaveApplications/${r.xero_leave_application_id}/reject`,
      `DELETE /bookings/${r.productive_booking_id}`,
      `DELETE /calendar/v3/calendars/tribe%40dotcollective.com.au/events/${r.google_calendar_event_id}`,
      "POST /chat.delete",
    ]));
    const history = await db.context().db.query.selectFrom("history").select("action").where("resource_id", "=", id).orderBy("created_at").execute();
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(["submitted", "manager_approved", "exec_approved", "integrations_pushed", "integrations_retried", "cancelled", "integrations_reversed"]));
  });

  it("a manager's request goes straight to executives; an executive's is approved at once (not configured pushes recorded)", async () => {
    const { ctx } = await withFake();
    const start = monday(4);
    const mine = idFrom(await submit(ctx(), "user-daniel-costa", { startDate: start, endDate: start }));
    expect((await row(mine)).status).toBe("pending_exec");
    const exec = idFrom(await submit(ctx(), "user-olivia-bennett", { startDate: start, endDate: start }));
    expect(await row(exec)).toMatchObject({ status: "approved", xero_status: "not_configured", slack_status: "not_configured", slack_error: "Slack is not connected" });
    // Requester cancels before final approval.
    await decide(ctx(), "user-daniel-costa", mine, { intent: "cancel" });
    expect((await row(mine)).status).toBe("cancelled");
  });

  it("rejection needs a reason and tells the requester", async () => {
    const context = db.context();
    expect(await statusOf(() => decide(context, "user-daniel-costa", "lr-noah-dec", { intent: "reject", reason: "" }))).toBe(400);
    await decide(db.context(), "user-daniel-costa", "lr-noah-dec", { intent: "reject", reason: "Release week" });
    expect(await row("lr-noah-dec")).toMatchObject({ status: "rejected", rejection_reason: "Release week", rejected_by: "user-daniel-costa" });
    const note = await db.context().db.query.selectFrom("notifications").select(["user_id", "type"]).where("resource_id", "=", "lr-noah-dec").executeTakeFirst();
    expect(note).toEqual({ user_id: "user-noah-wilson", type: "leave_decided" });
  });
});

describe("validation", () => {
  it("answers 400 with clear messages and writes nothing", async () => {
    const context = db.context();
    const before = await context.db.query.selectFrom("leave_requests").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const start = monday(5);
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ startDate: plus(start, 2), endDate: start }, "endDate", /before the start/],
      [{ startDate: inFuture(-60), endDate: inFuture(-59) }, "startDate", /30 days in the past/],
      [{ startDate: plus(start, 5), endDate: plus(start, 6) }, "endDate", /no working days/],
      [{ startDate: "2026-02-30", endDate: "2026-03-01" }, "startDate", /not a real date/],
    ];
    for (const [fields, key, message] of cases) {
      const result = (await submit(db.context(), "user-ethan-brown", fields)) as { init: { status: number }; data: { errors: Record<string, string> } };
      expect(result.init.status).toBe(400);
      expect(result.data.errors[key]).toMatch(message);
    }
    // Overlap with an existing open request, and the insufficient-balance warning.
    idFrom(await submit(db.context(), "user-ethan-brown", { startDate: start, endDate: plus(start, 1) }));
    const clash = (await submit(db.context(), "user-ethan-brown", { startDate: plus(start, 1), endDate: plus(start, 2) })) as { data: { errors: Record<string, string> } };
    expect(clash.data.errors.startDate).toMatch(/overlap/);
    const big = (await submit(db.context(), "user-ethan-brown", { startDate: plus(start, 7), endDate: plus(start, 7 + 25) })) as { init: { status: number }; data: { errors: Record<string, string> } };
    expect(big.init.status).toBe(400);
    expect(big.data.errors.confirmInsufficient).toMatch(/balance is 106.4 h/);
    idFrom(await submit(db.context(), "user-ethan-brown", { startDate: plus(start, 7), endDate: plus(start, 7 + 25), confirmInsufficient: "on" }));
    const after = await context.db.query.selectFrom("leave_requests").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 2);
  });
});

describe("check hours, then submit (JavaScript off)", () => {
  it("the preview echoes every field so the re-rendered form can be submitted as is, then submit redirects", async () => {
    const start = monday(4);
    const fields = { leaveTypeId: "lt-annual", startDate: start, endDate: plus(start, 2), notes: "Beach", startHalf: "on" };
    const previewRequest = await postAs(db.context(), "user-ethan-brown", "/leave?index", { intent: "preview", ...fields });
    const preview = (await myLeaveAction({ request: previewRequest, context: db.context(), params: {} })) as unknown as {
      init: { status: number } | null; data: { values: Record<string, string>; preview: { hours: number }; errors: Record<string, string> };
    };
    expect(preview.init?.status ?? 200).toBe(200);
    expect(preview.data.errors).toEqual({});
    expect(preview.data.preview.hours).toBe(19);
    // Before the fix `values` was undefined, so the no-JS page lost the dates and `required` blocked the submit.
    expect(preview.data.values).toMatchObject(fields);
    expect(preview.data.values.intent).toBeUndefined();
    const count = async () => Number((await db.context().db.query.selectFrom("leave_requests").select((eb) => eb.fn.countAll<number>().as("n")).where("notes", "=", "Beach").executeTakeFirstOrThrow()).n);
    expect(await count()).toBe(0);
    // The browser resubmits the echoed values with intent=submit.
    const submitRequest = await postAs(db.context(), "user-ethan-brown", "/leave?index", { ...preview.data.values, intent: "submit" });
    const id = idFrom(await myLeaveAction({ request: submitRequest, context: db.context(), params: {} }));
    expect((await row(id)).total_hours).toBe(19);
    expect(await count()).toBe(1);
  });
});

describe("all requests tab (heads and executives only)", () => {
  it("lists every request with a status filter and pagination for heads/executives; others get their queue", async () => {
    const context = db.context();
    for (let i = 0; i < 21; i++) {
      await context.db.query.insertInto("leave_requests").values({
        id: `lr-all-${i}`, person_id: "noah-wilson", leave_type_id: "lt-personal", start_date: plus("2026-01-05", i * 7), end_date: plus("2026-01-05", i * 7),
        working_days: 1, total_hours: 7.6, status: "rejected", rejection_reason: "Test", created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z",
      }).execute();
    }
    type All = { tab: string; canViewAll: boolean; all?: { rows: { id: string; status: string }[]; total: number; pageCount: number; status: string | null } };
    const load = async (userId: string, path: string) => {
      const fresh = db.context(); // the viewer is memoised per request context
      return (await approvalsLoader({ request: await getAs(fresh, userId, path), context: fresh, params: {} })) as All;
    };
    const exec = await load("user-olivia-bennett", "/leave/approvals?tab=all");
    expect(exec.tab).toBe("all");
    expect(exec.canViewAll).toBe(true);
    expect(exec.all!.rows.length).toBe(20);
    const total = Number((await context.db.query.selectFrom("leave_requests").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    expect(exec.all!.total).toBe(total);
    const rejected = await load("user-priya-raman", "/leave/approvals?tab=all&status=rejected&page=2");
    expect(rejected.tab).toBe("all");
    expect(rejected.all!.status).toBe("rejected");
    expect(rejected.all!.total).toBeGreaterThanOrEqual(22);
    expect(rejected.all!.pageCount).toBe(Math.ceil(rejected.all!.total / 20));
    expect(rejected.all!.rows.length).toBe(rejected.all!.total - 20);
    expect(rejected.all!.rows.every((r) => r.status === "rejected")).toBe(true);
    // A bogus status is ignored (no filter), never a 500.
    expect((await load("user-olivia-bennett", "/leave/approvals?tab=all&status=nope")).all!.status).toBeNull();
    // A manager: the tab is hidden and ?tab=all is ignored (their own queue only).
    const manager = await load("user-daniel-costa", "/leave/approvals?tab=all");
    expect(manager.canViewAll).toBe(false);
    expect(manager.tab).toBe("awaiting");
    expect(manager.all).toBeUndefined();
    // An employee cannot open approvals at all.
    const fresh = db.context();
    expect(await statusOf(async () => approvalsLoader({ request: await getAs(fresh, "user-ethan-brown", "/leave/approvals?tab=all"), context: fresh, params: {} }))).toBe(403);
  });
});

describe("scope and pages", () => {
  it("lists approvals in the approver's subtree only and 404s requests outside it", async () => {
    const context = db.context();
    const page = (await approvalsLoader({ request: await getAs(context, "user-daniel-costa", "/leave/approvals"), context, params: {} })) as { awaiting: { id: string }[]; total: number };
    expect(page.awaiting.map((r) => r.id)).toEqual(["lr-noah-dec"]);
    expect(page).toMatchObject({ total: 1, pageCount: 1, pastEnd: false });
    const olivia = db.context();
    const execPage = (await approvalsLoader({ request: await getAs(olivia, "user-olivia-bennett", "/leave/approvals"), context: olivia, params: {} })) as { awaiting: { id: string }[] };
    expect(execPage.awaiting.map((r) => r.id)).toEqual(["lr-tom-xmas"]);
    expect(await statusOf(async () => approvalsLoader({ request: await getAs(db.context(), "user-ethan-brown", "/leave/approvals"), context: db.context(), params: {} }))).toBe(403);
    expect(await statusOf(async () => requestLoader({ request: await getAs(db.context(), "user-daniel-costa", "/leave/requests/lr-tom-xmas"), context: db.context(), params: { requestId: "lr-tom-xmas" } }))).toBe(404);
    expect(await statusOf(() => decide(db.context(), "user-daniel-costa", "lr-tom-xmas", { intent: "approve" }))).toBe(404);
  });

  it("the approvals queue pages 20 at a time with its total in the same statement, within 2 round trips", async () => {
    // 25 more first-tier requests in Daniel's subtree (Noah's), all starting after the seeded one.
    await db.exec(`
      INSERT INTO leave_requests (id, person_id, leave_type_id, start_date, end_date, working_days, total_hours, status)
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25)
        SELECT printf('lr-q-%02d', i), 'noah-wilson', 'lt-annual', date('2027-06-01', '+' || i || ' days'), date('2027-06-01', '+' || i || ' days'), 1, 7.6, 'pending_manager' FROM n;
    `);
    const load = async (path: string) => {
      const context = db.context();
      await getViewer(await getAs(context, "user-daniel-costa", "/"), context);
      const before = context.db.stats.roundTrips;
      const page = (await approvalsLoader({ request: await getAs(context, "user-daniel-costa", path), context, params: {} })) as { awaiting: { id: string }[]; total: number; pageCount: number; pastEnd: boolean };
      expect(context.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
      return page;
    };
    const first = await load("/leave/approvals");
    expect(first).toMatchObject({ total: 26, pageCount: 2, pastEnd: false });
    expect(first.awaiting[0]!.id).toBe("lr-noah-dec"); // earliest start first
    expect(first.awaiting).toHaveLength(20);
    expect(first.awaiting[0]).not.toHaveProperty("total");
    const second = await load("/leave/approvals?page=2");
    expect(second.awaiting.map((r) => r.id)).toEqual(["lr-q-20", "lr-q-21", "lr-q-22", "lr-q-23", "lr-q-24", "lr-q-25"]);
    expect(second.total).toBe(26);
    expect(await load("/leave/approvals?page=3")).toMatchObject({ awaiting: [], pastEnd: true });
  });

  it("the request page shows history and the overlap panel to its approver", async () => {
    const context = db.context();
    const page = (await requestLoader({ request: await getAs(context, "user-daniel-costa", "/leave/requests/lr-noah-dec"), context, params: { requestId: "lr-noah-dec" } })) as {
      history: { action: string }[]; can: { approve: boolean }; overlaps: { key: string; rows: unknown[] }[];
    };
    expect(page.can.approve).toBe(true);
    expect(page.history.map((h) => h.action)).toEqual(["submitted"]);
    expect(page.overlaps.map((o) => o.key)).toEqual(["squad_leave", "tasks"]);
  });

  it("the calendar shows in-scope leave and the viewer's state holidays in one batch", async () => {
    const { ctx } = await withFake();
    const context = ctx();
    const cal = (await calendarLoader({ request: await getAs(context, "user-daniel-costa", "/leave/calendar?month=2026-12"), context, params: {} })) as unknown as Calendar;
    expect(cal.people.flatMap((p) => p.leave.map((l) => l.id)).sort()).toEqual(["lr-chloe-summer", "lr-noah-dec"]);
    expect(cal.people.map((p) => p.name)).toEqual(["Chloe Martin", "Noah Wilson"]); // one row per person, by surname
    expect(cal.total).toBe(2);
    expect(cal.holidays.map((h) => h.date)).toEqual(["2026-12-25", "2026-12-26", "2026-12-28"]);
    const read = ctx();
    await getViewer(await getAs(read, "user-daniel-costa", "/"), read);
    const before = read.db.stats.roundTrips;
    await calendarLoader({ request: await getAs(read, "user-daniel-costa", "/leave/calendar?month=2026-12"), context: read, params: {} });
    expect(read.db.stats.roundTrips - before).toBeLessThanOrEqual(2); // cookie session + the page batch
  });

  it("the calendar pages its people 50 at a time, filters by squad and keeps to the viewer's scope", async () => {
    const { ctx } = await withFake();
    // 55 people under Daniel (odd ones in Apex, even ones in Nova), each away in May 2027; one has
    // two requests (one running on from April), and a rejected request must not show.
    await db.exec(`
      INSERT INTO people (id, first_name, last_name, email, manager_id, squad)
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 55)
        SELECT 'cal-' || i, 'Cal', printf('Zed%03d', i), 'cal' || i || '@example.com', 'daniel-costa', CASE WHEN i % 2 = 1 THEN 'Apex' ELSE 'Nova' END FROM n;
      INSERT INTO leave_requests (id, person_id, leave_type_id, start_date, end_date, working_days, total_hours, status)
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 55)
        SELECT 'lr-cal-' || i, 'cal-' || i, 'lt-annual', '2027-05-10', '2027-05-11', 2, 15.2, CASE WHEN i % 3 = 0 THEN 'pending_manager' ELSE 'approved' END FROM n;
      INSERT INTO leave_requests (id, person_id, leave_type_id, start_date, end_date, working_days, total_hours, status) VALUES
        ('lr-cal-1-april', 'cal-1', 'lt-annual', '2027-04-28', '2027-05-03', 4, 30.4, 'approved'),
        ('lr-cal-2-rejected', 'cal-2', 'lt-annual', '2027-05-20', '2027-05-21', 2, 15.2, 'rejected'),
        ('lr-cal-out', 'tom-fletcher', 'lt-annual', '2027-05-10', '2027-05-11', 2, 15.2, 'approved');
    `);
    const load = async (userId: string, path: string) => {
      const context = ctx();
      return (await calendarLoader({ request: await getAs(context, userId, path), context, params: {} })) as unknown as Calendar;
    };
    const first = await load("user-daniel-costa", "/leave/calendar?month=2027-05");
    expect(first.total).toBe(55); // Tom is outside Daniel's subtree
    expect(first.pageCount).toBe(2);
    expect(first.people).toHaveLength(50);
    expect(first.people[0]).toMatchObject({ id: "cal-1", squad: "Apex" });
    expect(first.people[0]!.leave.map((l) => l.id)).toEqual(["lr-cal-1-april", "lr-cal-1"]);
    expect(first.people[1]!.leave.map((l) => l.id)).toEqual(["lr-cal-2"]); // not the rejected one
    const second = await load("user-daniel-costa", "/leave/calendar?month=2027-05&page=2");
    expect(second.people.map((p) => p.id)).toEqual(["cal-51", "cal-52", "cal-53", "cal-54", "cal-55"]);
    expect(second.people.flatMap((p) => p.leave.map((l) => l.status))).toEqual(["pending_manager", "approved", "approved", "pending_manager", "approved"]);

    const apex = await load("user-daniel-costa", "/leave/calendar?month=2027-05&squad=Apex");
    expect(apex.total).toBe(28);
    expect(apex.people.every((p) => p.squad === "Apex")).toBe(true);
    expect(apex.squads).toContain("Apex");
    // An unknown squad is simply empty; nonsense paging falls back to page 1.
    expect((await load("user-daniel-costa", "/leave/calendar?month=2027-05&squad=Nope")).total).toBe(0);
    expect((await load("user-daniel-costa", "/leave/calendar?month=2027-05&page=zzz")).page).toBe(1);
    const beyond = await load("user-daniel-costa", "/leave/calendar?month=2027-05&page=3");
    expect(beyond).toMatchObject({ pastEnd: true, people: [] });
    expect(second.pastEnd).toBe(false);

    // An executive sees everyone (Tom too); an employee only themself.
    expect((await load("user-olivia-bennett", "/leave/calendar?month=2027-05")).total).toBe(56);
    expect((await load("user-ethan-brown", "/leave/calendar?month=2027-05")).total).toBe(0);

    // Still one page batch after the session, however many people.
    const read = ctx();
    await getViewer(await getAs(read, "user-daniel-costa", "/"), read);
    const before = read.db.stats.roundTrips;
    await calendarLoader({ request: await getAs(read, "user-daniel-costa", "/leave/calendar?month=2027-05&page=2"), context: read, params: {} });
    expect(read.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
  });
});

describe("caches", () => {
  it("leave types and balances: stale shown with its age, refreshed from Xero, error kept when Xero fails", async () => {
    const state = leaveFakeState();
    state.balances["xero-emp-ethan-brown"] = [{ LeaveTypeID: "9b2e1c3a-0001-4c1e-9d5e-annual000001", LeaveName: "Annual Leave", NumberOfUnits: 99.5 }];
    const { ctx, background } = await withFake(state);
    await db.exec(await leaveConnectionsSql(TEST_VARS.ENCRYPTION_KEY));
    await db.exec("UPDATE cache_refreshes SET fetched_at = '2026-01-01T00:00:00Z', attempted_at = '2026-01-01T00:00:00Z' WHERE key = 'leave_types';");
    const context = ctx();
    const page = (await myLeaveLoader({ request: await getAs(context, "user-ethan-brown", "/leave"), context, params: {} })) as { cache: { types: { stale: boolean } }; balances: { balance_hours: number }[] };
    expect(page.cache.types.stale).toBe(true);
    expect(page.balances.find((b) => b.balance_hours === 106.4)).toBeTruthy();
    await Promise.all(background);
    const types = await db.context().db.query.selectFrom("leave_types").select(["name", "fetched_at"]).where("is_active", "=", 1).execute();
    expect(types.map((t) => t.name)).toContain("Compassionate Leave");
    const balance = await db.context().db.query.selectFrom("leave_balances").select("balance_hours").where("person_id", "=", "ethan-brown").where("leave_type_id", "=", "lt-annual").executeTakeFirstOrThrow();
    expect(balance.balance_hours).toBe(99.5);

    // Xero down: the manual refresh says so and the cached balance stays.
    state.fail.xero = { status: 503, json: { Title: "Service Unavailable" } };
    const refresh = ctx();
    const result = (await myLeaveAction({ request: await postAs(refresh, "user-ethan-brown", "/leave", { intent: "refresh" }), context: refresh, params: {} })) as { data: { ok: boolean; message: string } };
    expect(result.data).toMatchObject({ ok: false, message: expect.stringContaining("HTTP 503") });
    const again = ctx();
    const stalePage = (await myLeaveLoader({ request: await getAs(again, "user-ethan-brown", "/leave"), context: again, params: {} })) as { cache: { balances: { error: string | null; fetchedAt: string | null } }; balances: { balance_hours: number }[] };
    expect(stalePage.cache.balances.error).toContain("HTTP 503");
    expect(stalePage.balances.map((b) => b.balance_hours)).toContain(99.5);
  });

  it("public holidays: 24 h cache refreshed in the background, filtered by state, stale kept when Nager.Date fails", async () => {
    const state = leaveFakeState();
    state.holidays[2028] = [
      { date: "2028-01-26", localName: "Australia Day", name: "Australia Day", countryCode: "AU", fixed: true, global: true, counties: null, launchYear: null, types: ["Public"] },
      { date: "2028-03-13", localName: "Labour Day", name: "Labour Day", countryCode: "AU", fixed: false, global: false, counties: ["AU-VIC", "AU-TAS"], launchYear: null, types: ["Public"] },
      { date: "2028-03-06", localName: "Labour Day", name: "Labour Day", countryCode: "AU", fixed: false, global: false, counties: ["AU-WA"], launchYear: null, types: ["Public"] },
    ];
    const { ctx, background, server } = await withFake(state);
    const first = ctx();
    const empty = (await holidaysLoader({ request: await getAs(first, "user-ethan-brown", "/holidays?year=2028"), context: first, params: {} })) as { holidays: unknown[]; cache: { stale: boolean } };
    expect(empty.holidays).toHaveLength(0);
    expect(empty.cache.stale).toBe(true);
    await Promise.all(background);
    expect(server.requests.filter((r) => r.path === "/api/v3/PublicHolidays/2028/AU")).toHaveLength(1);
    const vic = ctx();
    const page = (await holidaysLoader({ request: await getAs(vic, "user-ethan-brown", "/holidays?year=2028"), context: vic, params: {} })) as { holidays: { date: string }[]; state: string; cache: { stale: boolean } };
    expect(page.state).toBe("AU-VIC");
    expect(page.holidays.map((h) => h.date)).toEqual(["2028-01-26", "2028-03-13"]);
    expect(page.cache.stale).toBe(false);
    // Fresh: no new fetch. Stale + Nager down: rows kept, error recorded.
    expect(server.requests.filter((r) => r.path === "/api/v3/PublicHolidays/2028/AU")).toHaveLength(1);
    await db.exec("UPDATE cache_refreshes SET fetched_at = '2026-01-01T00:00:00Z', attempted_at = '2026-01-01T00:00:00Z' WHERE key = 'holidays:2028';");
    state.fail.nager = { status: 500, json: { message: "boom" } };
    const down = ctx();
    await holidaysLoader({ request: await getAs(down, "user-ethan-brown", "/holidays?year=2028&state=AU-WA"), context: down, params: {} });
    await Promise.all(background);
    const later = ctx();
    const stale = (await holidaysLoader({ request: await getAs(later, "user-ethan-brown", "/holidays?year=2028&state=AU-WA"), context: later, params: {} })) as { holidays: { date: string }[]; cache: { error: string | null } };
    expect(stale.holidays.map((h) => h.date)).toEqual(["2028-01-26", "2028-03-06"]);
    expect(stale.cache.error).toContain("HTTP 500");
  });
});
