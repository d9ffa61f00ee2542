import { sql, type Expression, type SqlBool } from "kysely";
import { effectiveSettings, readEffectiveSettings } from "~/modules/settings/settings.server";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { notificationInserts } from "~/platform/notify.server";
import { inPersonScope } from "~/platform/scope.server";
import type { Viewer } from "~/platform/session.server";
import {
  ACTION_MODULES, GRANOLA_MODULES, PAGE_SIZE, SOURCE_TYPES, TABS, tabsFor,
  type FeedFilters, type ManualItemInput, type TabKey,
} from "./catalogue";
import { localDate, urgencyOf, URGENCIES, zoneIndependentBounds, type Urgency } from "./urgency";

export const ACTION_ITEM_RESOURCE = "action_item";

type Scoped = Pick<Viewer, "accessLevel" | "personId" | "userId">;

/** Executives and heads see every item; everyone else only the items assigned to them. */
export function seesAllItems(viewer: Pick<Viewer, "accessLevel">) {
  return viewer.accessLevel === "executive" || viewer.accessLevel === "head";
}

/** The viewer's item scope, in SQL. */
export function itemScope(viewer: Scoped): Expression<SqlBool> {
  if (seesAllItems(viewer)) return sql<SqlBool>`1 = 1`;
  if (!viewer.personId) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`action_items.assigned_person_id = ${viewer.personId}`;
}

/** Modules the viewer has switched off for their feed. */
function notHidden(viewer: Scoped): Expression<SqlBool> {
  return sql<SqlBool>`action_items.source_module NOT IN (
    SELECT source_module FROM action_centre_preferences WHERE user_id = ${viewer.userId} AND show_in_feed = 0)`;
}

/** The person the feed is narrowed to: exec/head may pick anyone (or "me"); others are always themselves. */
function assigneeFilter(viewer: Scoped, assignee: string | undefined): string | null {
  if (!seesAllItems(viewer) || !assignee) return null;
  return assignee === "me" ? viewer.personId ?? "" : assignee;
}

function tabCondition(tab: TabKey, overdueBefore: string): Expression<SqlBool> {
  switch (tab) {
    case "calls":
      return sql<SqlBool>`action_items.source_type IN (${sql.join(SOURCE_TYPES.calls)})`;
    case "estimate":
      return sql<SqlBool>`action_items.source_type IN (${sql.join(SOURCE_TYPES.estimate)})`;
    case "relationship":
      return sql<SqlBool>`action_items.source_module = 'relationships'`;
    case "granola":
      return sql<SqlBool>`action_items.source_module IN (${sql.join(GRANOLA_MODULES)})`;
    case "overdue":
      // A superset for every time zone; the exact "before today" cut is made after the query
      // (the extra rows have the latest due dates, so the exact set is a prefix of this order).
      return sql<SqlBool>`action_items.due_date IS NOT NULL AND action_items.due_date < ${overdueBefore}`;
    case "all":
      return sql<SqlBool>`1 = 1`;
  }
}

export interface FeedItem {
  id: string;
  title: string;
  description: string | null;
  sourceModule: string;
  sourceType: string;
  dueDate: string | null;
  urgency: Urgency;
  isCompleted: boolean;
  completedAt: string | null;
  createdAt: string;
  company: string | null;
  contact: string | null;
  assignee: { id: string; name: string; avatarUrl: string | null } | null;
}

export interface FeedCounts {
  total: number;
  byUrgency: Record<Urgency, number>;
  byModule: Record<string, number>;
  byTab: Record<TabKey, number>;
}

interface CountRow {
  k: string;
  source_module: string;
  source_type: string;
  n: number;
}

/** Turns the zone-independent grouped counts into exact buckets for `today`. */
export function bucketCounts(rows: CountRow[], today: string): FeedCounts {
  const byUrgency = Object.fromEntries(URGENCIES.map((u) => [u, 0])) as Record<Urgency, number>;
  const byTab = Object.fromEntries(TABS.map((t) => [t.key, 0])) as Record<TabKey, number>;
  const byModule: Record<string, number> = {};
  let total = 0;
  for (const row of rows) {
    const n = Number(row.n);
    const urgency: Urgency = row.k === "none" || row.k === "future" ? "normal" : row.k === "past" ? "overdue" : urgencyOf(row.k, today);
    total += n;
    byUrgency[urgency] += n;
    byModule[row.source_module] = (byModule[row.source_module] ?? 0) + n;
    byTab.all += n;
    if (urgency === "overdue") byTab.overdue += n;
    for (const tab of tabsFor(row.source_module, row.source_type)) byTab[tab] += n;
  }
  return { total, byUrgency, byModule, byTab };
}

/**
 * Everything the action centre page shows, in ONE batch: the page of items, counts by urgency,
 * module and tab, the viewer's time zone and module toggles, and the choices for the create form.
 */
export async function loadActionCentre(db: Db, viewer: Viewer, filters: FeedFilters, now: Date = new Date()) {
  const { lo, hi, overdueBefore } = zoneIndependentBounds(now);
  const assignee = assigneeFilter(viewer, filters.assignee);
  const open = filters.status === "open";
  const base = (completed: boolean) => {
    let q = db.query
      .selectFrom("action_items")
      .where(itemScope(viewer))
      .where(notHidden(viewer))
      .where("action_items.is_completed", "=", completed ? 1 : 0);
    if (assignee !== null) q = q.where("action_items.assigned_person_id", "=", assignee);
    return q;
  };
  let list = base(!open)
    .leftJoin("companies", "companies.id", "action_items.company_id")
    .leftJoin("contacts", "contacts.id", "action_items.contact_id")
    .leftJoin("people", "people.id", "action_items.assigned_person_id")
    .select([
      "action_items.id", "action_items.title", "action_items.description", "action_items.source_module",
      "action_items.source_type", "action_items.due_date", "action_items.is_completed", "action_items.completed_at",
      "action_items.created_at", "action_items.assigned_person_id", "companies.name as company_name",
      sql<string | null>`trim(contacts.first_name || ' ' || contacts.last_name)`.as("contact_name"),
      sql<string | null>`coalesce(people.preferred_name, people.first_name) || ' ' || people.last_name`.as("assignee_name"),
      "people.avatar_url",
    ])
    .where(tabCondition(filters.tab, overdueBefore));
  if (filters.module) list = list.where("action_items.source_module", "=", filters.module);
  list = open
    ? list.orderBy(sql`action_items.due_date IS NULL`).orderBy("action_items.due_date").orderBy("action_items.created_at", "desc")
    : list.orderBy("action_items.completed_at", "desc");
  list = list.orderBy("action_items.id").limit(PAGE_SIZE + 1).offset((filters.page - 1) * PAGE_SIZE);

  const dueKey = sql<string>`CASE WHEN action_items.due_date IS NULL THEN 'none'
    WHEN substr(action_items.due_date, 1, 10) < ${lo} THEN 'past'
    WHEN substr(action_items.due_date, 1, 10) > ${hi} THEN 'future'
    ELSE substr(action_items.due_date, 1, 10) END`;

  const [settings, rows, countRows, prefs, companies, people] = await batch(db, [
    effectiveSettings(db, viewer.userId),
    list,
    base(false)
      .select([dueKey.as("k"), "action_items.source_module", "action_items.source_type", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy([sql`k`, "action_items.source_module", "action_items.source_type"]),
    db.query.selectFrom("action_centre_preferences").select(["source_module", "show_in_feed"]).where("user_id", "=", viewer.userId),
    db.query.selectFrom("companies").select(["id", "name"]).orderBy("name").limit(500),
    db.query
      .selectFrom("people")
      .select(["id", sql<string>`coalesce(preferred_name, first_name) || ' ' || last_name`.as("name")])
      .where(inPersonScope("people.id", viewer))
      .where("employment_status", "!=", "terminated")
      .orderBy("first_name")
      .orderBy("last_name")
      .limit(500),
  ]);

  const timezone = readEffectiveSettings(settings).timezone;
  const today = localDate(now, timezone);
  let items: FeedItem[] = rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    sourceModule: r.source_module,
    sourceType: r.source_type,
    dueDate: r.due_date ? r.due_date.slice(0, 10) : null,
    urgency: urgencyOf(r.due_date, today),
    isCompleted: r.is_completed === 1,
    completedAt: r.completed_at,
    createdAt: r.created_at,
    company: r.company_name,
    contact: r.contact_name || null,
    assignee: r.assigned_person_id && r.assignee_name ? { id: r.assigned_person_id, name: r.assignee_name, avatarUrl: r.avatar_url } : null,
  }));
  if (filters.tab === "overdue") items = items.filter((i) => i.urgency === "overdue");
  const hasNext = items.length > PAGE_SIZE;
  const hidden = new Set(prefs.filter((p) => p.show_in_feed === 0).map((p) => p.source_module));
  return {
    items: items.slice(0, PAGE_SIZE),
    page: filters.page,
    hasNext,
    counts: bucketCounts(countRows as CountRow[], today),
    today,
    timezone,
    seesAll: seesAllItems(viewer),
    modules: ACTION_MODULES.map((m) => ({ ...m, visible: !hidden.has(m.key) })),
    companies,
    people,
  };
}

// ---------------------------------------------------------------------------------------------
// Completion

/** Marks an item done (or open again). Null when the item does not exist or is outside the viewer's scope. */
export async function setItemCompleted(db: Db, viewer: Viewer, id: string, completed: boolean) {
  const item = await db.query
    .selectFrom("action_items")
    .select(["id", "title", "is_completed", "completed_at", "completed_by"])
    .where("action_items.id", "=", id)
    .where(itemScope(viewer))
    .executeTakeFirst();
  if (!item) return null;
  if ((item.is_completed === 1) === completed) return { id: item.id, title: item.title, changed: false };
  const now = nowIso();
  const after = completed
    ? { is_completed: 1, completed_at: now, completed_by: viewer.userId }
    : { is_completed: 0, completed_at: null, completed_by: null };
  await batch(db, [
    db.query
      .updateTable("action_items")
      .set({ ...after, updated_at: now })
      .where("action_items.id", "=", id)
      .where(itemScope(viewer)),
    historyEntry(db, {
      actorId: viewer.userId,
      resourceType: ACTION_ITEM_RESOURCE,
      resourceId: id,
      action: completed ? "completed" : "reopened",
      changes: {
        is_completed: { from: item.is_completed, to: after.is_completed },
        completed_at: { from: item.completed_at, to: after.completed_at },
      },
    }),
  ]);
  return { id: item.id, title: item.title, changed: true };
}

// ---------------------------------------------------------------------------------------------
// Manual items

export type CreateResult =
  | { ok: true; id: string; assigneeName: string; assignedToSelf: boolean }
  | { ok: false; errors: Record<string, string> };

/**
 * A manual item (source_module 'manual'): the assignee defaults to the viewer and may only be
 * someone in the viewer's people scope; someone else is notified. Item, history and
 * notification are written in one batch.
 */
export async function createManualItem(db: Db, viewer: Viewer, input: ManualItemInput): Promise<CreateResult> {
  const assigneeId = input.assigneeId ?? viewer.personId;
  if (!assigneeId) return { ok: false, errors: { assigneeId: "Choose who this item is for" } };
  const [assignees, companies] = await batch(db, [
    db.query
      .selectFrom("people")
      .select(["id", "user_id", sql<string>`coalesce(preferred_name, first_name) || ' ' || last_name`.as("name")])
      .where("people.id", "=", assigneeId)
      .where(inPersonScope("people.id", viewer)),
    db.query.selectFrom("companies").select("id").where("id", "=", input.companyId ?? ""),
  ]);
  const errors: Record<string, string> = {};
  const assignee = assignees[0];
  if (!assignee) errors.assigneeId = "You can only assign items to yourself or people in your team";
  if (input.companyId && companies.length === 0) errors.companyId = "Choose a company from the list";
  if (!assignee || Object.keys(errors).length > 0) return { ok: false, errors };

  const id = newId();
  const now = nowIso();
  const values = {
    id,
    title: input.title,
    description: input.description,
    source_module: "manual",
    source_type: "manual",
    source_id: null,
    company_id: input.companyId,
    assigned_person_id: assignee.id,
    due_date: input.dueDate,
    created_by: viewer.userId,
    created_at: now,
    updated_at: now,
  };
  const notifySomeoneElse = assignee.user_id !== null && assignee.user_id !== viewer.userId;
  await batch(db, [
    db.query.insertInto("action_items").values(values),
    historyEntry(db, {
      actorId: viewer.userId,
      resourceType: ACTION_ITEM_RESOURCE,
      resourceId: id,
      action: "created",
      changes: {
        title: { from: null, to: values.title },
        assigned_person_id: { from: null, to: values.assigned_person_id },
        due_date: { from: null, to: values.due_date },
        company_id: { from: null, to: values.company_id },
      },
    }),
    ...(notifySomeoneElse
      ? notificationInserts(db, {
          userIds: [assignee.user_id as string],
          type: "action_item_assigned",
          title: `New action item: ${input.title}`,
          body: `${viewer.name} assigned you an action item${input.dueDate ? ` due ${input.dueDate}` : ""}.`,
          actionUrl: "/action-centre",
          resourceType: ACTION_ITEM_RESOURCE,
          resourceId: id,
        })
      : []),
  ]);
  return { ok: true, id, assigneeName: assignee.name, assignedToSelf: assignee.id === viewer.personId };
}

// ---------------------------------------------------------------------------------------------
// Module toggles

/** Saves which modules show in the viewer's feed (one row per known module, one batch). */
export async function saveModulePreferences(db: Db, viewer: Viewer, visible: readonly string[]) {
  const shown = new Set(visible);
  await batch(
    db,
    ACTION_MODULES.map((m) => {
      const flag = shown.has(m.key) ? 1 : 0;
      return db.query
        .insertInto("action_centre_preferences")
        .values({ id: newId(), user_id: viewer.userId, source_module: m.key, show_in_feed: flag, is_visible: flag })
        .onConflict((oc) => oc.columns(["user_id", "source_module"]).doUpdateSet({ show_in_feed: flag, is_visible: flag }));
    }),
  );
  return { hidden: ACTION_MODULES.filter((m) => !shown.has(m.key)).length };
}

// ---------------------------------------------------------------------------------------------
// The API other areas call to raise items

export interface RaiseActionItem {
  sourceModule: string;
  sourceType: string;
  /** The record this item is about (deal id, invoice id, life-event id...): the idempotency key. */
  sourceId: string;
  title: string;
  description?: string | null;
  assignedPersonId: string | null;
  /** YYYY-MM-DD (a longer ISO string is cut to its date). */
  dueDate?: string | null;
  companyId?: string | null;
  contactId?: string | null;
  dealId?: string | null;
  projectId?: string | null;
  createdBy?: string | null;
  /** Re-raising normally leaves a completed item completed; true opens it again. */
  reopen?: boolean;
}

/**
 * Raises (or refreshes) the item for a source record, idempotently: one statement to put in the
 * caller's own batch. Re-raising the same (sourceModule, sourceType, sourceId) updates the title,
 * description, assignee, due date and links of the existing item instead of adding another.
 * Pair it with `actionItemSourceHistory` in the same batch for the audit trail.
 */
export function upsertActionItem(db: Db, input: RaiseActionItem) {
  const now = nowIso();
  const values = {
    id: newId(),
    title: input.title.slice(0, 200),
    description: input.description ?? null,
    source_module: input.sourceModule,
    source_type: input.sourceType,
    source_id: input.sourceId,
    company_id: input.companyId ?? null,
    contact_id: input.contactId ?? null,
    deal_id: input.dealId ?? null,
    project_id: input.projectId ?? null,
    assigned_person_id: input.assignedPersonId,
    due_date: input.dueDate ? input.dueDate.slice(0, 10) : null,
    created_by: input.createdBy ?? null,
    created_at: now,
    updated_at: now,
  };
  return db.query
    .insertInto("action_items")
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(["source_module", "source_type", "source_id"])
        .where("source_id", "is not", null)
        .doUpdateSet({
          title: values.title,
          description: values.description,
          company_id: values.company_id,
          contact_id: values.contact_id,
          deal_id: values.deal_id,
          project_id: values.project_id,
          assigned_person_id: values.assigned_person_id,
          due_date: values.due_date,
          updated_at: now,
          ...(input.reopen ? { is_completed: 0, completed_at: null, completed_by: null } : {}),
        }),
    );
}

/**
 * The history row for a raised item, found by its source (so it names the right id whether the
 * upsert inserted or updated). Put it AFTER `upsertActionItem` in the same batch.
 */
export function actionItemSourceHistory(db: Db, input: Pick<RaiseActionItem, "sourceModule" | "sourceType" | "sourceId" | "title" | "dueDate" | "assignedPersonId">, actorId: string | null) {
  const details = JSON.stringify({
    source: { module: input.sourceModule, type: input.sourceType, id: input.sourceId },
    title: input.title,
    due_date: input.dueDate ?? null,
    assigned_person_id: input.assignedPersonId,
  });
  return db.query.insertInto("history").columns(["id", "resource_type", "resource_id", "actor_id", "action", "details", "created_at"]).expression(
    db.query
      .selectFrom("action_items")
      .select([
        sql<string>`${newId()}`.as("id"),
        sql<string>`${ACTION_ITEM_RESOURCE}`.as("resource_type"),
        "action_items.id as resource_id",
        sql<string | null>`${actorId}`.as("actor_id"),
        sql<string>`'raised'`.as("action"),
        sql<string>`${details}`.as("details"),
        sql<string>`${nowIso()}`.as("created_at"),
      ])
      .where("source_module", "=", input.sourceModule)
      .where("source_type", "=", input.sourceType)
      .where("source_id", "=", input.sourceId),
  );
}

/** Both statements for raising an item, ready to spread into the caller's batch. */
export function raiseActionItem(db: Db, input: RaiseActionItem, actorId: string | null = input.createdBy ?? null) {
  return [upsertActionItem(db, input), actionItemSourceHistory(db, input, actorId)] as const;
}

/**
 * For the record registry (app/modules/records): the item as { id, title } only when it exists
 * and is in the viewer's scope (assignee, or any item for executives and heads).
 */
export function visibleActionItem(db: Db, viewer: Scoped, id: string) {
  return db.query
    .selectFrom("action_items")
    .select(["action_items.id", "action_items.title"])
    .where("action_items.id", "=", id)
    .where(itemScope(viewer));
}
