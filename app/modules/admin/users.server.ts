import { sql, type Expression, type SqlBool } from "kysely";
import type { AppLoadContext } from "~/platform/context.server";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { diffFields, historyEntry, historyFor, type FieldChanges } from "~/platform/history.server";
import { nowIso } from "~/platform/ids";
import { contains } from "~/platform/like";
import { notificationInserts } from "~/platform/notify.server";
import { revokeAllSessions, type Viewer } from "~/platform/session.server";
import { ACCESS_LEVELS, levelLabel, type AccessLevel } from "~/platform/tools";
import { USERS_EXPORT_CAP, USERS_PAGE_SIZE, type UserEditInput, type UserListFilters } from "./schemas";

function baseUsers(db: Db, filters: UserListFilters) {
  return db.query
    .selectFrom("users")
    .leftJoin("people", "people.user_id", "users.id")
    .where((eb) => {
      const conditions: Expression<SqlBool>[] = [];
      if (filters.q) {
        conditions.push(eb.or([eb("users.name", "like", contains(filters.q)), eb("users.email", "like", contains(filters.q))]));
      }
      if (filters.level) conditions.push(eb("users.access_level", "=", filters.level));
      if (filters.status === "enabled") conditions.push(eb("users.disabled_at", "is", null));
      if (filters.status === "disabled") conditions.push(eb("users.disabled_at", "is not", null));
      if (filters.employment) conditions.push(eb("people.employment_status", "=", filters.employment));
      return eb.and(conditions);
    });
}

const SORT_COLUMNS = {
  name: "users.name",
  email: "users.email",
  access_level: sql`case users.access_level when 'executive' then 0 when 'head' then 1 when 'manager' then 2 when 'lead' then 3 else 4 end`,
  last_login: "users.last_login_at",
} as const;

/** The users list rows (filtered, sorted); `limit`/`offset` page it. */
function userRows(db: Db, filters: UserListFilters, limit: number, offset: number) {
  const dir = filters.dir;
  const sortColumn = SORT_COLUMNS[filters.sort];
  return baseUsers(db, filters)
    .select([
      "users.id", "users.name", "users.email", "users.access_level", "users.last_login_at", "users.disabled_at",
      sql<string | null>`coalesce(people.title, users.job_title)`.as("job_title"),
      "people.id as person_id", "people.employment_status", "people.employment_basis",
    ])
    .orderBy(typeof sortColumn === "string" ? sql.ref(sortColumn) : sortColumn, dir)
    .orderBy("users.name", "asc")
    .orderBy("users.id", "asc")
    .limit(limit)
    .offset(offset);
}

/** One page of users and the total (one round trip). */
export async function loadUsersPage(db: Db, filters: UserListFilters) {
  const [rows, counts] = await batch(db, [
    userRows(db, filters, USERS_PAGE_SIZE, (filters.page - 1) * USERS_PAGE_SIZE),
    baseUsers(db, filters).select((eb) => eb.fn.countAll<number>().as("n")),
  ]);
  const total = Number(counts[0]?.n ?? 0);
  return { rows, total, page: filters.page, pageCount: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)) };
}

const CSV_COLUMNS = [
  ["name", "Name"], ["email", "Email"], ["access_level", "Access level"], ["job_title", "Job title"],
  ["person", "Person linked"], ["employment_status", "Employment status"], ["employment_basis", "Employment basis"],
  ["last_login_at", "Last login"], ["disabled_at", "Disabled at"],
] as const;

/** A CSV cell: quoted when needed, and formula-like text defused (CSV injection). */
export function csvCell(value: unknown) {
  let text = value == null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The same filtered, sorted query as the list, all pages, capped at USERS_EXPORT_CAP rows, as
 * a streamed CSV body (one query; rows are encoded as the stream is read).
 */
export async function exportUsersCsv(db: Db, filters: UserListFilters) {
  const rows = await userRows(db, filters, USERS_EXPORT_CAP + 1, 0).execute();
  const truncated = rows.length > USERS_EXPORT_CAP;
  const data = rows.slice(0, USERS_EXPORT_CAP);
  const encoder = new TextEncoder();
  let index = -1;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index === -1) {
        controller.enqueue(encoder.encode(CSV_COLUMNS.map(([, label]) => csvCell(label)).join(",") + "\r\n"));
        index = 0;
        return;
      }
      if (index >= data.length) {
        controller.close();
        return;
      }
      const chunk = data.slice(index, index + 200);
      index += chunk.length;
      const lines = chunk.map((row) => {
        const values: Record<string, unknown> = { ...row, person: row.person_id ? "yes" : "no" };
        return CSV_COLUMNS.map(([key]) => csvCell(values[key])).join(",");
      });
      controller.enqueue(encoder.encode(lines.join("\r\n") + "\r\n"));
    },
  });
  return { stream, truncated, count: data.length };
}

function userDetail(db: Db, userId: string) {
  return db.query
    .selectFrom("users")
    .leftJoin("people", "people.user_id", "users.id")
    .select([
      "users.id", "users.name", "users.email", "users.picture", "users.job_title", "users.access_level",
      "users.onboarding_template_id", "users.scorecard_template_id", "users.review_template_id",
      "users.template_profile_id", "users.disabled_at", "users.last_login_at", "users.created_at",
      "people.id as person_id", "people.first_name", "people.last_name", "people.title as person_title",
      "people.employment_status", "people.employment_basis", "people.location", "people.start_date",
    ])
    .where("users.id", "=", userId);
}
export type UserDetail = Awaited<ReturnType<ReturnType<typeof userDetail>["executeTakeFirstOrThrow"]>>;

/** The edit page: the user, their person and their history (one round trip). Null when unknown. */
export async function loadUserForEdit(db: Db, userId: string) {
  const [users, history, sessions] = await batch(db, [
    userDetail(db, userId),
    historyFor(db, "user", userId, 100),
    db.query
      .selectFrom("user_sessions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", nowIso()),
  ]);
  const user = users[0];
  if (!user) return null;
  return { user, history, activeSessions: Number(sessions[0]?.n ?? 0) };
}

export type AdminResult =
  | { ok: true; changed: boolean }
  | { ok: false; status: 404 }
  | { ok: false; status: 400; errors: Record<string, string> };

const rank = (level: AccessLevel) => ACCESS_LEVELS.indexOf(level);

/**
 * Saves access level, template ids and (when a person is linked) employment fields. One read,
 * then ONE batch: the changes, a history row with field-level before/after, and an
 * 'access_changed' notification when the access level moved.
 */
export async function updateUser(db: Db, actor: Pick<Viewer, "userId" | "accessLevel">, userId: string, input: UserEditInput): Promise<AdminResult> {
  const current = await userDetail(db, userId).executeTakeFirst();
  if (!current) return { ok: false, status: 404 };
  if (userId === actor.userId && rank(input.access_level) > rank(current.access_level as AccessLevel)) {
    return { ok: false, status: 400, errors: { access_level: "You cannot lower your own access level. Ask another executive." } };
  }
  const userFields = {
    access_level: input.access_level,
    onboarding_template_id: input.onboarding_template_id,
    scorecard_template_id: input.scorecard_template_id,
    review_template_id: input.review_template_id,
    template_profile_id: input.template_profile_id,
  };
  const userChanges = diffFields(current, userFields);
  let personChanges: FieldChanges = {};
  const personFields: { employment_status?: string; employment_basis?: string | null; location?: string | null; start_date?: string | null } = {};
  if (current.person_id) {
    if (input.employment_status !== undefined) personFields.employment_status = input.employment_status;
    if (input.employment_basis !== undefined) personFields.employment_basis = input.employment_basis;
    if (input.location !== undefined) personFields.location = input.location;
    if (input.start_date !== undefined) personFields.start_date = input.start_date;
    personChanges = diffFields(current, personFields);
  }
  const changes = { ...userChanges, ...personChanges };
  if (Object.keys(changes).length === 0) return { ok: true, changed: false };

  const now = nowIso();
  const pick = <T extends Record<string, unknown>>(fields: T, changed: FieldChanges) =>
    Object.fromEntries(Object.keys(changed).map((k) => [k, fields[k]])) as Partial<T>;
  const writes = [];
  if (Object.keys(userChanges).length) {
    writes.push(db.query.updateTable("users").set({ ...pick(userFields, userChanges), updated_at: now }).where("id", "=", userId));
  }
  if (current.person_id && Object.keys(personChanges).length) {
    writes.push(
      db.query.updateTable("people").set({ ...pick(personFields, personChanges), updated_at: now }).where("id", "=", current.person_id),
      historyEntry(db, { actorId: actor.userId, resourceType: "person", resourceId: current.person_id, action: "updated", changes: personChanges, details: { via: "admin" } }),
    );
  }
  writes.push(historyEntry(db, { actorId: actor.userId, resourceType: "user", resourceId: userId, action: "updated", changes }));
  if (userChanges.access_level) {
    const from = levelLabel(current.access_level as AccessLevel);
    const to = levelLabel(input.access_level);
    writes.push(
      ...notificationInserts(db, {
        userIds: [userId],
        type: "access_changed",
        title: `Your access level is now ${to}`,
        body: `An executive changed your access level from ${from} to ${to}.`,
        actionUrl: "/",
        resourceType: "user",
        resourceId: userId,
      }),
    );
  }
  await batch(db, writes);
  return { ok: true, changed: true };
}

/**
 * Disabling sets disabled_at and revokes every session of the user in the SAME batch (the
 * effect is immediate); enabling clears disabled_at. You cannot disable yourself.
 */
export async function setUserDisabled(context: AppLoadContext, actor: Pick<Viewer, "userId">, userId: string, disable: boolean): Promise<AdminResult> {
  const { db } = context;
  if (disable && userId === actor.userId) {
    return { ok: false, status: 400, errors: { form: "You cannot disable your own account." } };
  }
  const current = await db.query.selectFrom("users").select(["id", "disabled_at"]).where("id", "=", userId).executeTakeFirst();
  if (!current) return { ok: false, status: 404 };
  if (Boolean(current.disabled_at) === disable) return { ok: true, changed: false };
  const now = nowIso();
  const disabledAt = disable ? now : null;
  await batch(db, [
    db.query.updateTable("users").set({ disabled_at: disabledAt, updated_at: now }).where("id", "=", userId),
    ...(disable ? [revokeAllSessions(context, userId)] : []),
    historyEntry(db, {
      actorId: actor.userId, resourceType: "user", resourceId: userId, action: disable ? "disabled" : "enabled",
      changes: { disabled_at: { from: current.disabled_at, to: disabledAt } },
    }),
  ]);
  return { ok: true, changed: true };
}

export interface HistoryItem {
  id: string;
  action: string;
  actor: string | null;
  at: string;
  changes: { field: string; from: string; to: string }[];
}

const show = (value: unknown) => (value === null || value === undefined || value === "" ? "—" : typeof value === "string" ? value : JSON.stringify(value));

/** History rows with their field changes unpacked, for a simple list. */
export function historyItems(rows: { id: string; action: string; details: string | null; created_at: string; actor_name: string | null }[]): HistoryItem[] {
  return rows.map((row) => {
    let changes: FieldChanges = {};
    try {
      changes = (row.details ? (JSON.parse(row.details) as { changes?: FieldChanges }).changes : undefined) ?? {};
    } catch {
      changes = {};
    }
    return {
      id: row.id,
      action: row.action,
      actor: row.actor_name,
      at: row.created_at,
      changes: Object.entries(changes).map(([field, c]) => ({ field, from: show(c.from), to: show(c.to) })),
    };
  });
}
