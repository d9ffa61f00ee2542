// Leave requests (ORIGINAL §7.1): submit, approve (two tiers), reject, cancel, retry pushes, and
// the pages (my leave, approvals, request detail, team calendar). Scope is applied in SQL;
// out-of-scope requests are simply not found. Every change writes history in the same batch.
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { cacheState, effectiveStateSql, holidayCacheKey, holidayCacheQuery, holidaysQuery, refreshStaleHolidays, HOLIDAY_TTL_MS, type CacheRow } from "~/modules/holidays/holidays.server";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Db } from "~/platform/db.server";
import { historyEntry, historyFor } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { deliverInBackground, prepareNotifications } from "~/platform/notify.server";
import { inPersonScope } from "~/platform/scope.server";
import type { Viewer } from "~/platform/session.server";
import { balancesKey, isStale, LEAVE_CACHE_TTL_MS, refreshLeaveCache, TYPES_KEY } from "./cache.server";
import { addDays, computeLeaveHours } from "./hours";
import { INTEGRATIONS, pushLeave, reverseLeave, type IntegrationKey } from "./integrations.server";
import { overlapQueries, readOverlaps } from "./overlap.server";
import { approvalStep, initialStatus, mayCancel, PAST_WINDOW_DAYS, STATUS_LABELS, type LeaveStatus } from "./policy";
import type { DecisionInput, LeaveRequestInput } from "./schemas";

export const RESOURCE = "leave_request";
export const PAGE_SIZE = 20;
export { PAST_WINDOW_DAYS };

export type Failure = { ok: false; status: 400 | 403 | 404 | 409; errors: Record<string, string> };
const fail = (status: Failure["status"], errors: Record<string, string>): Failure => ({ ok: false, status, errors });

const today = () => new Date().toISOString().slice(0, 10);
const personName = sql<string>`coalesce(p.preferred_name, p.first_name) || ' ' || p.last_name`;

function displayName(row: { first_name: string; last_name: string; preferred_name: string | null }) {
  return `${row.preferred_name || row.first_name} ${row.last_name}`;
}

// --- shared SQL --------------------------------------------------------------------------------

/** SQL: the person `personId` (bound) has `viewerPersonId` somewhere above them. */
function isAboveSql(personIdExpr: RawBuilder<string>, viewerPersonId: string | null): RawBuilder<number> {
  if (!viewerPersonId) return sql<number>`0`;
  return sql<number>`(WITH RECURSIVE up(id, depth) AS (
      SELECT manager_id, 0 FROM people WHERE id = ${personIdExpr}
      UNION
      SELECT people.manager_id, up.depth + 1 FROM people JOIN up ON people.id = up.id WHERE people.manager_id IS NOT NULL AND up.depth < 100
    ) SELECT count(*) FROM up WHERE id = ${viewerPersonId})`;
}

/** The nearest person above `personId` who may approve the first tier (manager, head or executive). */
function nearestApproverQuery(db: Db, personIdExpr: RawBuilder<string>) {
  return db.query
    .selectNoFrom(sql<string | null>`(WITH RECURSIVE up(id, depth) AS (
        SELECT manager_id, 1 FROM people WHERE id = ${personIdExpr}
        UNION
        SELECT people.manager_id, up.depth + 1 FROM people JOIN up ON people.id = up.id WHERE people.manager_id IS NOT NULL AND up.depth < 100
      ) SELECT u.id FROM up JOIN people ap ON ap.id = up.id JOIN users u ON u.id = ap.user_id
        WHERE u.access_level IN ('manager','head','executive') AND u.disabled_at IS NULL ORDER BY up.depth LIMIT 1)`.as("user_id"));
}

function executivesQuery(db: Db) {
  return db.query.selectFrom("users").select("id").where("access_level", "=", "executive").where("disabled_at", "is", null).limit(20);
}

/**
 * Requests awaiting this viewer's decision (the sidebar badge counts the same rows): the final
 * tier for executives, the first tier of their whole subtree for managers and heads. One plain
 * `status = ?` branch per level (no `OR` of both), so the status index drives the query.
 */
export function awaitingMeCondition(viewer: Pick<Viewer, "accessLevel" | "personId">): RawBuilder<SqlBool> {
  if (viewer.accessLevel === "executive") return sql<SqlBool>`lr.status = 'pending_exec'`;
  if ((viewer.accessLevel === "manager" || viewer.accessLevel === "head") && viewer.personId) {
    // UNION ALL with a depth bound walks a large subtree about twice as fast as UNION (no
    // de-duplication per step); the bound keeps a manager_id cycle finite, and IN ignores repeats.
    return sql<SqlBool>`(lr.status = 'pending_manager' AND lr.person_id IN (WITH RECURSIVE t(id, depth) AS (
        SELECT id, 1 FROM people WHERE manager_id = ${viewer.personId}
        UNION ALL SELECT p2.id, t.depth + 1 FROM people p2 JOIN t ON p2.manager_id = t.id WHERE t.depth < 100
      ) SELECT id FROM t))`;
  }
  return sql<SqlBool>`1 = 0`;
}

function listQuery(db: Db) {
  return db.query
    .selectFrom("leave_requests as lr")
    .innerJoin("people as p", "p.id", "lr.person_id")
    .innerJoin("leave_types as lt", "lt.id", "lr.leave_type_id")
    .select([
      "lr.id", "lr.person_id", personName.as("person_name"), "p.avatar_url", "lt.name as type_name", "lr.start_date", "lr.end_date",
      "lr.start_half", "lr.end_half", "lr.total_hours", "lr.working_days", "lr.status", "lr.created_at",
    ]);
}

// --- my leave page -----------------------------------------------------------------------------

export async function loadMyLeave(context: AppLoadContext, viewer: Viewer, page: number) {
  const { db } = context;
  const personId = viewer.personId ?? "";
  const [people, types, balances, caches, requests, counts] = await batch(db, [
    db.query.selectFrom("people").select(["id", "xero_employee_id", "working_days", "weekly_capacity_hours"]).where("id", "=", personId),
    db.query.selectFrom("leave_types").select(["id", "name", "is_paid", "provider"]).where("is_active", "=", 1).orderBy("position").orderBy("name").limit(50),
    db.query
      .selectFrom("leave_balances as b")
      .innerJoin("leave_types as lt", "lt.id", "b.leave_type_id")
      .select(["b.leave_type_id", "lt.name as type_name", "b.balance_hours", "b.fetched_at"])
      .where("b.person_id", "=", personId)
      .orderBy("lt.position")
      .limit(50),
    db.query.selectFrom("cache_refreshes").select(["key", "fetched_at", "attempted_at", "last_error"]).where("key", "in", [TYPES_KEY, balancesKey(personId)]),
    listQuery(db).where("lr.person_id", "=", personId).orderBy("lr.start_date", "desc").orderBy("lr.id").limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE),
    db.query.selectFrom("leave_requests").select((eb) => eb.fn.countAll<number>().as("n")).where("person_id", "=", personId),
  ]);
  const person = people[0] ?? null;
  const typesCache = caches.find((c) => c.key === TYPES_KEY);
  const balanceCache = caches.find((c) => c.key === balancesKey(personId));
  if (isStale(typesCache) || (person && isStale(balanceCache))) {
    context.waitUntil(refreshLeaveCache(context, person));
  }
  return {
    person,
    types,
    balances,
    cache: {
      types: cacheState(typesCache, LEAVE_CACHE_TTL_MS),
      balances: cacheState(balanceCache ?? (balances[0] ? { key: "", fetched_at: balances[0].fetched_at, attempted_at: null, last_error: null } : undefined), LEAVE_CACHE_TTL_MS),
    },
    requests,
    total: Number(counts[0]?.n ?? 0),
    page,
    pageCount: Math.max(1, Math.ceil(Number(counts[0]?.n ?? 0) / PAGE_SIZE)),
  };
}

export async function refreshMyLeaveCache(context: AppLoadContext, viewer: Viewer) {
  const person = viewer.personId
    ? (await context.db.query.selectFrom("people").select(["id", "xero_employee_id"]).where("id", "=", viewer.personId).executeTakeFirst()) ?? null
    : null;
  return refreshLeaveCache(context, person);
}

// --- submit ------------------------------------------------------------------------------------

export interface Preview {
  workingDays: number;
  hours: number;
  hoursPerDay: number;
  holidayDates: string[];
  balanceHours: number | null;
  typeName: string;
}

export type SubmitResult = { ok: true; id: string; status: LeaveStatus; preview: Preview } | (Failure & { preview?: Preview });

/** Validates and (unless `previewOnly`) creates a request for the viewer. */
export async function submitLeave(context: AppLoadContext, viewer: Viewer, input: LeaveRequestInput, options: { previewOnly?: boolean } = {}): Promise<SubmitResult> {
  const { db } = context;
  if (!viewer.personId) return fail(403, { form: "Your account is not linked to a person, so you cannot request leave." });
  const personId = viewer.personId;
  const earliest = addDays(today(), -PAST_WINDOW_DAYS);
  if (input.startDate < earliest) return fail(400, { startDate: `Leave can start at most ${PAST_WINDOW_DAYS} days in the past (on or after ${earliest}).` });
  if (input.endDate > addDays(input.startDate, 365)) return fail(400, { endDate: "A single request can cover at most a year." });
  const self = sql<string>`${personId}`;
  const [people, types, balances, overlaps, holidays, approvers, executives] = await batch(db, [
    db.query.selectFrom("people").select(["id", "first_name", "last_name", "preferred_name", "working_days", "weekly_capacity_hours"]).where("id", "=", personId),
    db.query.selectFrom("leave_types").select(["id", "name", "is_paid"]).where("id", "=", input.leaveTypeId).where("is_active", "=", 1),
    db.query.selectFrom("leave_balances").select(["balance_hours"]).where("person_id", "=", personId).where("leave_type_id", "=", input.leaveTypeId),
    db.query
      .selectFrom("leave_requests")
      .select(["id", "start_date", "end_date", "status"])
      .where("person_id", "=", personId)
      .where("status", "in", ["pending_manager", "pending_exec", "approved"])
      .where("start_date", "<=", input.endDate)
      .where("end_date", ">=", input.startDate)
      .limit(1),
    holidaysQuery(db, effectiveStateSql(viewer.userId), input.startDate, input.endDate),
    nearestApproverQuery(db, self),
    executivesQuery(db),
  ]);
  const person = people[0];
  if (!person) return fail(403, { form: "Your account is not linked to a person, so you cannot request leave." });
  const type = types[0];
  if (!type) return fail(400, { leaveTypeId: "Choose a leave type from the list" });
  const hours = computeLeaveHours({
    startDate: input.startDate, endDate: input.endDate, startHalf: input.startHalf, endHalf: input.endHalf,
    workingDays: person.working_days, weeklyHours: person.weekly_capacity_hours, holidays: holidays.map((h) => h.date),
  });
  const balance = balances[0]?.balance_hours ?? null;
  const preview: Preview = { workingDays: hours.workingDays, hours: hours.hours, hoursPerDay: hours.hoursPerDay, holidayDates: hours.holidayDates, balanceHours: balance, typeName: type.name };
  if (hours.workingDays <= 0 || hours.hours <= 0) {
    return { ...fail(400, { endDate: "These dates contain no working days (weekends, days you don't work and public holidays don't count)." }), preview };
  }
  const clash = overlaps[0];
  if (clash) {
    return { ...fail(400, { startDate: `These dates overlap your ${STATUS_LABELS[clash.status as LeaveStatus].toLowerCase()} request for ${clash.start_date} to ${clash.end_date}.` }), preview };
  }
  if (options.previewOnly) return { ...fail(400, {}), preview };
  if (type.is_paid && balance !== null && hours.hours > balance && !input.confirmInsufficient) {
    return {
      ...fail(400, { confirmInsufficient: `This request needs ${hours.hours} h but your ${type.name} balance is ${balance} h. Tick "Submit anyway" to request it regardless.` }),
      preview,
    };
  }

  const id = newId();
  const now = nowIso();
  const status = initialStatus(viewer.accessLevel);
  const name = displayName(person);
  const range = input.startDate === input.endDate ? input.startDate : `${input.startDate} to ${input.endDate}`;
  const recipients =
    status === "pending_manager" ? [approvers[0]?.user_id].filter((u): u is string => !!u)
    : status === "pending_exec" ? executives.map((e) => e.id).filter((u) => u !== viewer.userId)
    : [];
  const notes = prepareNotifications(db, {
    userIds: recipients,
    type: "leave_approval_requested",
    title: `${name} requested ${type.name.toLowerCase()}: ${range}`,
    body: `${hours.hours} h over ${hours.workingDays} working day${hours.workingDays === 1 ? "" : "s"}.`,
    actionUrl: `/leave/requests/${id}`,
    resourceType: RESOURCE,
    resourceId: id,
  });
  const auto = status === "approved";
  await batch(db, [
    db.query.insertInto("leave_requests").values({
      id, person_id: personId, leave_type_id: type.id, start_date: input.startDate, end_date: input.endDate,
      start_half: input.startHalf ? 1 : 0, end_half: input.endHalf ? 1 : 0, working_days: hours.workingDays, total_hours: hours.hours,
      notes: input.notes, status, submitted_by: viewer.userId,
      ...(auto ? { exec_approved_by: viewer.userId, exec_approved_at: now } : {}),
      created_at: now, updated_at: now,
    }),
    historyEntry(db, {
      actorId: viewer.userId, resourceType: RESOURCE, resourceId: id, action: "submitted",
      details: { type: type.name, dates: range, hours: hours.hours, status: STATUS_LABELS[status] },
    }),
    ...(auto ? [historyEntry(db, { actorId: viewer.userId, resourceType: RESOURCE, resourceId: id, action: "auto_approved", details: { reason: "Executives' own leave is approved automatically" } })] : []),
    ...notes.inserts,
  ]);
  if (notes.ids.length) context.waitUntil(deliverInBackground(context, notes.ids));
  if (auto) await pushLeave(context, id, viewer.userId);
  return { ok: true, id, status, preview };
}

// --- request detail ----------------------------------------------------------------------------

function detailQuery(db: Db, viewer: Viewer, id: string) {
  return db.query
    .selectFrom("leave_requests as lr")
    .innerJoin("people as p", "p.id", "lr.person_id")
    .innerJoin("leave_types as lt", "lt.id", "lr.leave_type_id")
    .leftJoin("users as su", "su.id", "lr.submitted_by")
    .leftJoin("users as mu", "mu.id", "lr.manager_approved_by")
    .leftJoin("users as eu", "eu.id", "lr.exec_approved_by")
    .leftJoin("users as ru", "ru.id", "lr.rejected_by")
    .leftJoin("users as cu", "cu.id", "lr.cancelled_by")
    .selectAll("lr")
    .select([
      personName.as("person_name"), "p.first_name", "p.last_name", "p.preferred_name", "p.user_id as person_user_id", "p.squad", "p.title as person_title",
      "lt.name as type_name", "su.name as submitted_by_name", "mu.name as manager_approved_by_name", "eu.name as exec_approved_by_name",
      "ru.name as rejected_by_name", "cu.name as cancelled_by_name",
    ])
    .where("lr.id", "=", id)
    .where(inPersonScope("lr.person_id", viewer));
}

export async function loadLeaveRequest(context: AppLoadContext, viewer: Viewer, id: string) {
  const { db } = context;
  const personOf = sql<string>`(select person_id from leave_requests where id = ${id})`;
  const [rows, above, history, ...overlapRows] = await batch(db, [
    detailQuery(db, viewer, id),
    db.query.selectNoFrom(isAboveSql(personOf, viewer.personId).as("n")),
    historyFor(db, RESOURCE, id),
    ...overlapQueries(db, viewer, id),
  ]);
  const request = rows[0];
  if (!request) return null;
  const ctx = { status: request.status, viewerLevel: viewer.accessLevel, isOwn: request.person_id === viewer.personId, isAbove: Number(above[0]?.n ?? 0) > 0 };
  const step = approvalStep(ctx);
  return {
    request,
    history,
    can: {
      approve: step !== null && viewer.permissions.leave.update,
      approveLabel: step?.tier === "exec" ? "Give final approval" : step?.tier === "both" ? "Approve (both tiers)" : "Approve",
      reject: step !== null && viewer.permissions.leave.update,
      cancel: mayCancel(ctx) && viewer.permissions.leave.update,
      retry: viewer.accessLevel === "executive" && viewer.permissions.leave.manage && request.status === "approved",
    },
    overlaps: step !== null || viewer.accessLevel === "executive" ? readOverlaps(overlapRows) : [],
  };
}

// --- decisions ---------------------------------------------------------------------------------

export type DecisionResult = { ok: true; message: string } | Failure;

export async function decideLeave(context: AppLoadContext, viewer: Viewer, id: string, input: DecisionInput): Promise<DecisionResult> {
  const { db } = context;
  const personOf = sql<string>`(select person_id from leave_requests where id = ${id})`;
  const [rows, above, executives] = await batch(db, [
    detailQuery(db, viewer, id),
    db.query.selectNoFrom(isAboveSql(personOf, viewer.personId).as("n")),
    executivesQuery(db),
  ]);
  const request = rows[0];
  if (!request) return fail(404, { form: "Not found" });
  const ctx = { status: request.status, viewerLevel: viewer.accessLevel, isOwn: request.person_id === viewer.personId, isAbove: Number(above[0]?.n ?? 0) > 0 };
  const now = nowIso();
  const range = request.start_date === request.end_date ? request.start_date : `${request.start_date} to ${request.end_date}`;
  const requester = request.person_user_id ? [request.person_user_id] : [];
  const guard = (q: ReturnType<typeof updateRequest>) => q.where("status", "=", request.status);
  function updateRequest(values: Record<string, unknown>) {
    return db.query.updateTable("leave_requests").set({ ...values, updated_at: now }).where("id", "=", id);
  }
  const history = (action: string, details?: Record<string, unknown>) =>
    historyEntry(db, { actorId: viewer.userId, resourceType: RESOURCE, resourceId: id, action, changes: { status: { from: request.status, to: details?.to ?? request.status } }, details: details ? Object.fromEntries(Object.entries(details).filter(([k]) => k !== "to")) : undefined });

  switch (input.intent) {
    case "approve": {
      const step = approvalStep(ctx);
      if (!step) return fail(403, { form: ctx.isOwn ? "You cannot approve your own leave." : "You cannot approve this request at its current stage." });
      const values: Record<string, unknown> = { status: step.next };
      if (step.tier === "manager" || step.tier === "both") Object.assign(values, { manager_approved_by: viewer.userId, manager_approved_at: now });
      if (step.tier === "exec" || step.tier === "both") Object.assign(values, { exec_approved_by: viewer.userId, exec_approved_at: now });
      const toRequester = prepareNotifications(db, {
        userIds: requester, type: "leave_decided",
        title: step.next === "approved" ? `Your ${request.type_name.toLowerCase()} (${range}) is approved` : `Your manager approved your ${request.type_name.toLowerCase()} (${range}); it now awaits an executive`,
        actionUrl: `/leave/requests/${id}`, resourceType: RESOURCE, resourceId: id,
      });
      const toExecs = step.next === "pending_exec"
        ? prepareNotifications(db, {
            userIds: executives.map((e) => e.id).filter((u) => u !== viewer.userId && u !== request.person_user_id), type: "leave_approval_requested",
            title: `${request.person_name}'s ${request.type_name.toLowerCase()} (${range}) awaits final approval`,
            actionUrl: `/leave/requests/${id}`, resourceType: RESOURCE, resourceId: id,
          })
        : { ids: [], inserts: [] };
      await batch(db, [
        guard(updateRequest(values)),
        history(step.tier === "manager" ? "manager_approved" : step.tier === "both" ? "approved_both_tiers" : "exec_approved", { to: step.next, comment: input.comment ?? undefined }),
        ...toRequester.inserts, ...toExecs.inserts,
      ]);
      const ids = [...toRequester.ids, ...toExecs.ids];
      if (ids.length) context.waitUntil(deliverInBackground(context, ids));
      if (step.next === "approved") {
        const outcomes = await pushLeave(context, id, viewer.userId);
        const failed = outcomes.filter((o) => o.status === "failed").length;
        return { ok: true, message: failed ? `Approved. ${failed} integration${failed === 1 ? "" : "s"} failed — see below.` : "Approved and pushed to the connected services." };
      }
      return { ok: true, message: "Approved. It now awaits an executive's final approval." };
    }
    case "reject": {
      if (!approvalStep(ctx)) return fail(403, { form: "You cannot reject this request at its current stage." });
      const note = prepareNotifications(db, {
        userIds: requester, type: "leave_decided", title: `Your ${request.type_name.toLowerCase()} (${range}) was rejected`, body: input.reason,
        actionUrl: `/leave/requests/${id}`, resourceType: RESOURCE, resourceId: id,
      });
      await batch(db, [
        guard(updateRequest({ status: "rejected", rejected_by: viewer.userId, rejected_at: now, rejection_reason: input.reason })),
        history("rejected", { to: "rejected", reason: input.reason }),
        ...note.inserts,
      ]);
      if (note.ids.length) context.waitUntil(deliverInBackground(context, note.ids));
      return { ok: true, message: "Rejected. The requester has been told why." };
    }
    case "cancel": {
      if (!mayCancel(ctx)) {
        return fail(403, { form: request.status === "approved" ? "Approved leave can only be cancelled by an executive." : "This request cannot be cancelled." });
      }
      const wasApproved = request.status === "approved";
      const note = ctx.isOwn ? { ids: [], inserts: [] } : prepareNotifications(db, {
        userIds: requester, type: "leave_decided", title: `Your ${request.type_name.toLowerCase()} (${range}) was cancelled`, body: input.reason,
        actionUrl: `/leave/requests/${id}`, resourceType: RESOURCE, resourceId: id,
      });
      await batch(db, [
        guard(updateRequest({ status: "cancelled", cancelled_by: viewer.userId, cancelled_at: now, cancel_reason: input.reason })),
        history("cancelled", { to: "cancelled", reason: input.reason ?? undefined }),
        ...note.inserts,
      ]);
      if (note.ids.length) context.waitUntil(deliverInBackground(context, note.ids));
      if (wasApproved) {
        const outcomes = await reverseLeave(context, id, viewer.userId);
        const failed = outcomes.filter((o) => o.status === "reverse_failed").length;
        return { ok: true, message: failed ? `Cancelled. ${failed} integration${failed === 1 ? "" : "s"} could not be reversed — see below.` : "Cancelled and reversed in the connected services." };
      }
      return { ok: true, message: "Cancelled." };
    }
    case "retry": {
      if (viewer.accessLevel !== "executive" || !viewer.permissions.leave.manage) return fail(403, { form: "Only executives retry integrations." });
      if (request.status !== "approved") return fail(409, { form: "Only approved leave is pushed to other services." });
      const key = input.integration as IntegrationKey;
      const status = request[`${key}_status` as const];
      if (status === "done") return fail(409, { form: "That integration already succeeded." });
      const [outcome] = await pushLeave(context, id, viewer.userId, [key]);
      return outcome?.status === "done" ? { ok: true, message: "Retried successfully." } : { ok: true, message: `Retry failed: ${outcome?.error ?? "unknown error"}` };
    }
  }
}

export { INTEGRATIONS };

// --- approvals ---------------------------------------------------------------------------------

export async function loadApprovals(context: AppLoadContext, viewer: Viewer, page: number) {
  const { db } = context;
  const [rows, others] = await batch(db, [
    // The total rides along as a window count, so the approver's subtree is walked once.
    listQuery(db).select(sql<number>`count(*) OVER ()`.as("total"))
      .where(awaitingMeCondition(viewer)).where("lr.person_id", "!=", viewer.personId ?? "")
      .orderBy("lr.start_date").orderBy("lr.id").limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE),
    // Executives may shortcut any first-tier request; show those waiting on managers too.
    listQuery(db)
      .where(viewer.accessLevel === "executive" ? sql<SqlBool>`1 = 1` : sql<SqlBool>`1 = 0`)
      .where("lr.status", "=", "pending_manager")
      .orderBy("lr.start_date")
      .limit(PAGE_SIZE),
  ]);
  const total = Number(rows[0]?.total ?? 0);
  const awaiting = rows.map(({ total: _total, ...row }) => row);
  // Past the last page nothing comes back and the total is unknown: the page links to page 1.
  return { awaiting, total, page, pastEnd: page > 1 && rows.length === 0, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)), waitingOnManagers: others };
}

// --- all requests (heads and executives) -------------------------------------------------------

/** ORIGINAL §3.5: the "All requests" tab of leave is for heads and executives only. */
export function mayViewAllLeave(viewer: Pick<Viewer, "accessLevel">) {
  return viewer.accessLevel === "head" || viewer.accessLevel === "executive";
}

/** Every leave request in the viewer's scope, newest first, optionally one status; one batch. */
export async function loadAllLeave(context: AppLoadContext, viewer: Viewer, input: { status?: LeaveStatus; page: number }) {
  const { db } = context;
  if (!mayViewAllLeave(viewer)) return null;
  const status = input.status ? sql<SqlBool>`lr.status = ${input.status}` : sql<SqlBool>`1 = 1`;
  const [rows, counts] = await batch(db, [
    listQuery(db).where(inPersonScope("lr.person_id", viewer)).where(status)
      .orderBy("lr.start_date", "desc").orderBy("lr.id").limit(PAGE_SIZE).offset((input.page - 1) * PAGE_SIZE),
    db.query.selectFrom("leave_requests as lr").select((eb) => eb.fn.countAll<number>().as("n")).where(inPersonScope("lr.person_id", viewer)).where(status),
  ]);
  const total = Number(counts[0]?.n ?? 0);
  return { rows, total, page: input.page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)), status: input.status ?? null };
}

// --- team calendar -----------------------------------------------------------------------------

export function monthRange(month: string) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const first = `${month}-01`;
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const prev = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
  const next = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
  return { first, last, prev, next, year: y };
}

export const CALENDAR_PAGE_SIZE = 50;

export interface CalendarInput {
  month: string;
  /** Only people of this squad (people.squad); null = everyone in scope. */
  squad: string | null;
  page: number;
}

export interface CalendarLeave {
  id: string;
  type_name: string;
  start_date: string;
  end_date: string;
  start_half: number;
  end_half: number;
  status: string;
}

export interface CalendarPerson {
  id: string;
  name: string;
  squad: string | null;
  leave: CalendarLeave[];
}

/**
 * The team calendar: one row per person in the viewer's scope who has approved or pending leave
 * in the month (optionally one squad), 50 people a page ordered by name, each with their leave
 * spans. One batch: the page of people (a CTE carrying the total as a window count, so the scope
 * subtree is walked once) joined to their leave (from the (person, end date) index), the
 * holidays, the holiday cache, the state and the squads.
 */
export async function loadLeaveCalendar(context: AppLoadContext, viewer: Viewer, input: CalendarInput) {
  const { db } = context;
  const range = monthRange(input.month);
  const page = Math.max(1, input.page);
  const inSquad = input.squad ? sql<SqlBool>`p.squad = ${input.squad}` : sql<SqlBool>`1 = 1`;
  const awayInMonth = sql<SqlBool>`EXISTS (SELECT 1 FROM leave_requests a WHERE a.person_id = p.id
    AND a.status IN ('pending_manager','pending_exec','approved') AND a.end_date >= ${range.first} AND a.start_date <= ${range.last})`;
  const people = db.query
    .selectFrom("people as p")
    .where(inPersonScope("p.id", viewer))
    .where(inSquad)
    .where(awayInMonth);
  const [rows, holidays, cache, settings, squads] = await batch(db, [
    db.query
      .with("pg", () =>
        people
          // The total rides along (a window count over every qualifying person, before LIMIT):
          // no second statement walking the scope subtree again.
          .select(["p.id", personName.as("person_name"), "p.squad", "p.last_name", "p.first_name", sql<number>`count(*) OVER ()`.as("total")])
          .orderBy("p.last_name").orderBy("p.first_name").orderBy("p.id")
          .limit(CALENDAR_PAGE_SIZE).offset((page - 1) * CALENDAR_PAGE_SIZE),
      )
      .selectFrom("pg")
      .innerJoin("leave_requests as lr", "lr.person_id", "pg.id")
      .innerJoin("leave_types as lt", "lt.id", "lr.leave_type_id")
      .select([
        "pg.id as person_id", "pg.person_name", "pg.squad", "pg.total", "lr.id", "lt.name as type_name", "lr.start_date", "lr.end_date",
        "lr.start_half", "lr.end_half", "lr.status",
      ])
      // `+` keeps SQLite on the (person, end date) index for each person of the page instead of
      // scanning every active request that starts before the end of the month.
      .where(sql<SqlBool>`+lr.status IN ('pending_manager','pending_exec','approved')`)
      .where("lr.end_date", ">=", range.first)
      .where(sql<SqlBool>`+lr.start_date <= ${range.last}`)
      .orderBy("pg.last_name").orderBy("pg.first_name").orderBy("pg.id").orderBy("lr.start_date").orderBy("lr.id")
      // A person can have at most one active request a day (submit refuses overlaps): 31 a month.
      .limit(CALENDAR_PAGE_SIZE * 31),
    holidaysQuery(db, effectiveStateSql(viewer.userId), range.first, range.last),
    holidayCacheQuery(db, [range.year]),
    db.query.selectNoFrom(effectiveStateSql(viewer.userId).as("state")),
    db.query.selectFrom("squads").select("name").where("is_active", "=", 1).orderBy("name").limit(100),
  ]);
  refreshStaleHolidays(context, [range.year], cache as CacheRow[]);
  const byPerson = new Map<string, CalendarPerson>();
  for (const r of rows) {
    let person = byPerson.get(r.person_id);
    if (!person) byPerson.set(r.person_id, (person = { id: r.person_id, name: r.person_name, squad: r.squad, leave: [] }));
    person.leave.push({ id: r.id, type_name: r.type_name, start_date: r.start_date, end_date: r.end_date, start_half: r.start_half, end_half: r.end_half, status: r.status });
  }
  const total = Number(rows[0]?.total ?? 0);
  return {
    month: input.month, ...range, people: [...byPerson.values()], holidays,
    // Past the last page nothing comes back, so the total is unknown: the page links to page 1.
    total, page, pastEnd: page > 1 && rows.length === 0, pageSize: CALENDAR_PAGE_SIZE, pageCount: Math.max(1, Math.ceil(total / CALENDAR_PAGE_SIZE)),
    squad: input.squad, squads: squads.map((s) => s.name),
    state: settings[0]?.state ?? "AU-VIC",
    holidayCache: cacheState(cache.find((c) => c.key === holidayCacheKey(range.year)), HOLIDAY_TTL_MS),
  };
}
