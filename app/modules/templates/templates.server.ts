// Settings ▸ Templates: onboarding, scorecard and review templates with their items, and template
// profiles that bundle one of each and are assigned to users.
//
// Deleting (ORIGINAL.md §5.6 "cannot be deleted while assigned"):
// - the Common onboarding template (tpl-onb-common) is locked: never deleted or renamed;
// - assigned to an active (not disabled) user, directly or through their template profile → 409,
//   nothing changes;
// - otherwise, when anything ever used it (a disabled user, a template profile, onboarding
//   progress, or another area's records) it is archived (is_active = 0; restorable);
// - otherwise it is deleted for good, with its items.
import { data } from "@remix-run/cloudflare";
import { sql, type SqlBool } from "kysely";
import { batch, chunkForInsert } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { diffFields, historyEntry, historyFor } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { contains } from "~/platform/like";
import {
  ASSIGN_LIMIT, COMMON_ONBOARDING_TEMPLATE_ID, TEMPLATES_PAGE_SIZE,
  type ItemInput, type ProfileInput, type TemplateKind, type TemplateType, type TemplateUpdateInput,
} from "./schemas";

export const KINDS = {
  onboarding: {
    table: "onboarding_templates", items: "onboarding_items", userColumn: "onboarding_template_id",
    resource: "onboarding_template", label: "onboarding template",
  },
  scorecards: {
    table: "scorecard_templates", items: "scorecard_template_items", userColumn: "scorecard_template_id",
    resource: "scorecard_template", label: "scorecard template",
  },
  reviews: {
    table: "review_templates", items: "review_template_items", userColumn: "review_template_id",
    resource: "review_template", label: "review template",
  },
} as const;
export const PROFILE_RESOURCE = "template_profile";

// The three header tables share id, name, description, is_active, created_by, created_at and
// updated_at; typing them as one of them keeps the shared queries simple and checked.
type HeaderTable = "review_templates";
const headerTable = (kind: TemplateKind) => KINDS[kind].table as HeaderTable;

export type Failure = { ok: false; status: 404 } | { ok: false; status: 400 | 409; errors: Record<string, string> };
export type Result<T extends object = object> = ({ ok: true } & T) | Failure;
const notFoundResult = { ok: false, status: 404 } as const;
const fail = (status: 400 | 409, errors: Record<string, string>): Failure => ({ ok: false, status, errors });

/** For actions: a 404 is thrown (out of scope or gone); 400/409 become the page's inline errors. */
export function failureResponse(result: Failure) {
  if (result.status === 404) throw new Response("Not found", { status: 404 });
  return data({ ok: false as const, errors: result.errors }, { status: result.status });
}

// ---------------------------------------------------------------------------------------------
// Reads

const activeUsersOf = (kind: TemplateKind, idRef: string) =>
  sql<number>`(select count(*) from users u where u.${sql.ref(KINDS[kind].userColumn)} = ${sql.ref(idRef)} and u.disabled_at is null)`;

/** The list of one type, with item counts and how many active users have each (one batch). */
export async function loadTemplateList(db: Db, type: TemplateType, options: { archived: boolean; page: number }) {
  const offset = (options.page - 1) * TEMPLATES_PAGE_SIZE;
  const active = options.archived ? 0 : 1;
  if (type === "profiles") {
    const [rows, count, choices] = await batch(db, [
      db.query
        .selectFrom("template_profiles as p")
        .leftJoin("onboarding_templates as o", "o.id", "p.onboarding_template_id")
        .leftJoin("scorecard_templates as s", "s.id", "p.scorecard_template_id")
        .leftJoin("review_templates as r", "r.id", "p.review_template_id")
        .select([
          "p.id", "p.name", "p.description", "p.is_active", "p.updated_at",
          "o.name as onboarding_name", "s.name as scorecard_name", "r.name as review_name",
          sql<number>`(select count(*) from users u where u.template_profile_id = p.id and u.disabled_at is null)`.as("active_users"),
        ])
        .where("p.is_active", "=", active)
        .orderBy("p.name")
        .orderBy("p.id")
        .limit(TEMPLATES_PAGE_SIZE)
        .offset(offset),
      db.query.selectFrom("template_profiles").select((eb) => eb.fn.countAll<number>().as("n")).where("is_active", "=", active),
      templateChoicesQuery(db),
    ]);
    return {
      type,
      profiles: rows,
      templates: [],
      total: Number(count[0]?.n ?? 0),
      choices: groupChoices(choices),
    };
  }
  const kind = type;
  const table = headerTable(kind);
  const [rows, count] = await batch(db, [
    db.query
      .selectFrom(table)
      .select([
        `${table}.id`, `${table}.name`, `${table}.description`, `${table}.is_active`, `${table}.updated_at`,
        kind === "onboarding" ? sql<number>`onboarding_templates.is_locked`.as("is_locked") : sql<number>`0`.as("is_locked"),
        kind === "scorecards" ? sql<string | null>`scorecard_templates.cadence`.as("cadence") : sql<string | null>`null`.as("cadence"),
        sql<number>`(select count(*) from ${sql.table(KINDS[kind].items)} i where i.template_id = ${sql.ref(`${table}.id`)})`.as("item_count"),
        activeUsersOf(kind, `${table}.id`).as("active_users"),
      ])
      .where(`${table}.is_active`, "=", active)
      .orderBy(sql`${sql.ref(`${table}.id`)} = ${COMMON_ONBOARDING_TEMPLATE_ID}`, "desc")
      .orderBy(`${table}.name`)
      .orderBy(`${table}.id`)
      .limit(TEMPLATES_PAGE_SIZE)
      .offset(offset),
    db.query.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).where("is_active", "=", active),
  ]);
  return { type, templates: rows, profiles: [], total: Number(count[0]?.n ?? 0), choices: null };
}

/** Active templates of every kind, for the profile selects (also usable by the admin user form). */
export function templateChoicesQuery(db: Db) {
  const part = (kind: TemplateKind) =>
    db.query
      .selectFrom(headerTable(kind))
      .select(["id", "name", sql<string>`${kind}`.as("kind")])
      .where("is_active", "=", 1);
  return part("onboarding").unionAll(part("scorecards")).unionAll(part("reviews")).orderBy("name").limit(600);
}

export type Choice = { id: string; name: string };
export function groupChoices(rows: { id: string; name: string; kind: string }[]) {
  const out: Record<TemplateKind, Choice[]> = { onboarding: [], scorecards: [], reviews: [] };
  for (const r of rows) out[r.kind as TemplateKind]?.push({ id: r.id, name: r.name });
  return out;
}

function itemsQuery(db: Db, kind: TemplateKind, templateId: string) {
  switch (kind) {
    case "onboarding":
      return db.query
        .selectFrom("onboarding_items as i")
        .innerJoin("onboarding_phases as ph", "ph.id", "i.phase_id")
        .select([
          "i.id", "i.title as label", "i.description", "i.sort_order", "i.phase_id", "ph.name as phase_name",
          sql<string | null>`null`.as("area"), sql<number>`0`.as("is_mandatory"),
        ])
        .where("i.template_id", "=", templateId)
        .orderBy("ph.sort_order")
        .orderBy("i.sort_order")
        .orderBy("i.id")
        .limit(500);
    case "scorecards":
      return db.query
        .selectFrom("scorecard_template_items as i")
        .select([
          "i.id", "i.label", "i.description", "i.sort_order", sql<string | null>`null`.as("phase_id"),
          sql<string | null>`null`.as("phase_name"), sql<string | null>`null`.as("area"), sql<number>`0`.as("is_mandatory"),
        ])
        .where("i.template_id", "=", templateId)
        .orderBy("i.sort_order")
        .orderBy("i.id")
        .limit(500);
    case "reviews":
      return db.query
        .selectFrom("review_template_items as i")
        .select([
          "i.id", "i.label", "i.description", "i.sort_order", sql<string | null>`null`.as("phase_id"),
          sql<string | null>`null`.as("phase_name"), "i.area", "i.is_mandatory",
        ])
        .where("i.template_id", "=", templateId)
        .orderBy("i.sort_order")
        .orderBy("i.id")
        .limit(500);
  }
}
export type TemplateItem = {
  id: string; label: string; description: string | null; sort_order: number;
  phase_id: string | null; phase_name: string | null; area: string | null; is_mandatory: number;
};

function headerQuery(db: Db, kind: TemplateKind, id: string) {
  const table = headerTable(kind);
  return db.query
    .selectFrom(table)
    .select([
      `${table}.id`, `${table}.name`, `${table}.description`, `${table}.is_active`, `${table}.created_at`, `${table}.updated_at`,
      kind === "onboarding" ? sql<number>`onboarding_templates.is_locked`.as("is_locked") : sql<number>`0`.as("is_locked"),
      kind === "scorecards" ? sql<string | null>`scorecard_templates.cadence`.as("cadence") : sql<string | null>`null`.as("cadence"),
      activeUsersOf(kind, `${table}.id`).as("active_users"),
    ])
    .where(`${table}.id`, "=", id);
}

/** A template's page: header, items, phases (onboarding) and history — one batch. Null if unknown. */
export async function loadTemplateDetail(db: Db, kind: TemplateKind, id: string) {
  const [headers, items, phases, history] = await batch(db, [
    headerQuery(db, kind, id),
    itemsQuery(db, kind, id),
    db.query.selectFrom("onboarding_phases").select(["id", "name", "timeframe"]).orderBy("sort_order").where(sql<SqlBool>`${kind === "onboarding" ? 1 : 0} = 1`),
    historyFor(db, KINDS[kind].resource, id, 50),
  ]);
  const template = headers[0];
  if (!template) return null;
  return { kind, template, items: items as TemplateItem[], phases, history };
}

function profileQuery(db: Db, id: string) {
  return db.query
    .selectFrom("template_profiles as p")
    .leftJoin("onboarding_templates as o", "o.id", "p.onboarding_template_id")
    .leftJoin("scorecard_templates as s", "s.id", "p.scorecard_template_id")
    .leftJoin("review_templates as r", "r.id", "p.review_template_id")
    .select([
      "p.id", "p.name", "p.description", "p.is_active", "p.created_at", "p.updated_at",
      "p.onboarding_template_id", "p.scorecard_template_id", "p.review_template_id",
      "o.name as onboarding_name", "s.name as scorecard_name", "r.name as review_name",
      sql<number>`(select count(*) from users u where u.template_profile_id = p.id and u.disabled_at is null)`.as("active_users"),
    ])
    .where("p.id", "=", id);
}

/**
 * A profile's page: the profile, template choices, who has it, people to assign it to (active
 * users matching `q`, at most ASSIGN_LIMIT) and history — one batch. Null if unknown.
 */
export async function loadProfileDetail(db: Db, id: string, q: string | undefined) {
  let candidates = db.query
    .selectFrom("users as u")
    .leftJoin("template_profiles as tp", "tp.id", "u.template_profile_id")
    .select(["u.id", "u.name", "u.email", "u.job_title", "tp.name as profile_name", "u.template_profile_id"])
    .where("u.disabled_at", "is", null)
    .orderBy("u.name")
    .orderBy("u.id")
    .limit(ASSIGN_LIMIT);
  if (q) candidates = candidates.where((eb) => eb.or([eb("u.name", "like", contains(q)), eb("u.email", "like", contains(q))]));
  const [profiles, choices, assigned, people, history] = await batch(db, [
    profileQuery(db, id),
    templateChoicesQuery(db),
    db.query
      .selectFrom("users")
      .select(["id", "name", "email"])
      .where("template_profile_id", "=", id)
      .where("disabled_at", "is", null)
      .orderBy("name")
      .limit(ASSIGN_LIMIT),
    candidates,
    historyFor(db, PROFILE_RESOURCE, id, 50),
  ]);
  const profile = profiles[0];
  if (!profile) return null;
  return { profile, choices: groupChoices(choices), assigned, candidates: people, history };
}

// ---------------------------------------------------------------------------------------------
// Templates: create, update, duplicate, delete, restore

export async function createTemplate(
  db: Db, actorId: string, kind: TemplateKind, input: { name: string; description: string | null; cadence?: "weekly" | "monthly" },
): Promise<Result<{ id: string }>> {
  const id = newId();
  const now = nowIso();
  const base = { id, name: input.name, description: input.description, created_by: actorId, created_at: now, updated_at: now };
  const insert =
    kind === "scorecards"
      ? db.query.insertInto("scorecard_templates").values({ ...base, cadence: input.cadence ?? "weekly" })
      : db.query.insertInto(headerTable(kind)).values(base);
  await batch(db, [
    insert,
    historyEntry(db, { actorId, resourceType: KINDS[kind].resource, resourceId: id, action: "created", details: { name: input.name } }),
  ]);
  return { ok: true, id };
}

export async function updateTemplate(db: Db, actorId: string, kind: TemplateKind, id: string, input: TemplateUpdateInput): Promise<Result<{ changed: boolean }>> {
  const current = await headerQuery(db, kind, id).executeTakeFirst();
  if (!current) return notFoundResult;
  if (current.is_locked && input.name !== current.name) {
    return fail(409, { name: `The ${current.name} template is locked: it cannot be renamed.` });
  }
  const next: Record<string, unknown> = { name: input.name, description: input.description };
  if (kind === "scorecards" && input.cadence) next.cadence = input.cadence;
  const changes = diffFields(current as Record<string, unknown>, next);
  if (Object.keys(changes).length === 0) return { ok: true, changed: false };
  const set = { ...Object.fromEntries(Object.keys(changes).map((k) => [k, next[k]])), updated_at: nowIso() };
  await batch(db, [
    db.query.updateTable(headerTable(kind)).set(set).where("id", "=", id),
    historyEntry(db, { actorId, resourceType: KINDS[kind].resource, resourceId: id, action: "updated", changes }),
  ]);
  return { ok: true, changed: true };
}

/** "{name} (Copy)" with every item, in ONE batch. Returns the new id. */
export async function duplicateTemplate(db: Db, actorId: string, kind: TemplateKind, id: string): Promise<Result<{ id: string }>> {
  const [headers, items] = await batch(db, [headerQuery(db, kind, id), itemsQuery(db, kind, id)]);
  const source = headers[0];
  if (!source) return notFoundResult;
  const copyId = newId();
  const now = nowIso();
  const name = `${source.name} (Copy)`.slice(0, 140);
  const base = { id: copyId, name, description: source.description, created_by: actorId, created_at: now, updated_at: now };
  const writes = [
    kind === "scorecards"
      ? db.query.insertInto("scorecard_templates").values({ ...base, cadence: (source.cadence as "weekly" | "monthly" | null) ?? "weekly" })
      : db.query.insertInto(headerTable(kind)).values(base),
    ...itemInserts(db, kind, copyId, items as TemplateItem[], now),
    historyEntry(db, { actorId, resourceType: KINDS[kind].resource, resourceId: copyId, action: "duplicated", details: { from: source.id, fromName: source.name, items: items.length } }),
  ];
  await batch(db, writes);
  return { ok: true, id: copyId };
}

function itemInserts(db: Db, kind: TemplateKind, templateId: string, items: TemplateItem[], now: string) {
  switch (kind) {
    case "onboarding":
      return chunkForInsert(items, 8).map((rows) =>
        db.query.insertInto("onboarding_items").values(
          rows.map((i) => ({
            id: newId(), template_id: templateId, phase_id: i.phase_id ?? "", title: i.label, description: i.description,
            sort_order: i.sort_order, created_at: now, updated_at: now,
          })),
        ),
      );
    case "scorecards":
      return chunkForInsert(items, 7).map((rows) =>
        db.query.insertInto("scorecard_template_items").values(
          rows.map((i) => ({
            id: newId(), template_id: templateId, label: i.label, description: i.description, sort_order: i.sort_order,
            created_at: now, updated_at: now,
          })),
        ),
      );
    case "reviews":
      return chunkForInsert(items, 9).map((rows) =>
        db.query.insertInto("review_template_items").values(
          rows.map((i) => ({
            id: newId(), template_id: templateId, area: i.area ?? "General", label: i.label, description: i.description,
            is_mandatory: i.is_mandatory ? 1 : 0, sort_order: i.sort_order, created_at: now, updated_at: now,
          })),
        ),
      );
  }
}

/** Active users who have this template, directly or through their template profile. */
function activeAssigneesQuery(db: Db, kind: TemplateKind, id: string) {
  const column = KINDS[kind].userColumn;
  return db.query
    .selectFrom("users as u")
    .select(["u.id", "u.name"])
    .where("u.disabled_at", "is", null)
    .where((eb) =>
      eb.or([
        eb(`u.${column}`, "=", id),
        eb("u.template_profile_id", "in", eb.selectFrom("template_profiles").select("id").where(column, "=", id)),
      ]),
    )
    .orderBy("u.name")
    .limit(4);
}

function assignedMessage(label: string, users: { name: string }[], total: number) {
  const names = users.slice(0, 3).map((u) => u.name).join(", ");
  const more = total > 3 ? ` and ${total - 3} more` : "";
  return `This ${label} is assigned to ${total === 1 ? "an active user" : `${total} active users`} (${names}${more}). Assign them another template first.`;
}

export type DeleteOutcome = "deleted" | "archived";

export async function deleteTemplate(db: Db, actorId: string, kind: TemplateKind, id: string): Promise<Result<{ outcome: DeleteOutcome }>> {
  const column = KINDS[kind].userColumn;
  const [headers, assignees, assigneeCount, everUsed] = await batch(db, [
    headerQuery(db, kind, id),
    activeAssigneesQuery(db, kind, id),
    activeAssigneesQuery(db, kind, id).clearSelect().clearOrderBy().clearLimit().select((eb) => eb.fn.countAll<number>().as("n")),
    db.query
      .selectNoFrom([
        sql<number>`(select count(*) from users where ${sql.ref(column)} = ${id})`.as("users"),
        sql<number>`(select count(*) from template_profiles where ${sql.ref(column)} = ${id})`.as("profiles"),
        (kind === "onboarding"
          ? sql<number>`(select count(*) from onboarding_progress op join onboarding_items i on i.id = op.item_id where i.template_id = ${id})`
          : sql<number>`0`
        ).as("progress"),
      ]),
  ]);
  const template = headers[0];
  if (!template) return notFoundResult;
  if (template.is_locked) return fail(409, { form: `The ${template.name} template is locked: every user sees it, so it cannot be deleted.` });
  const total = Number(assigneeCount[0]?.n ?? 0);
  if (total > 0) return fail(409, { form: assignedMessage(KINDS[kind].label, assignees, total) });
  const used = everUsed[0];
  const archive = () =>
    batch(db, [
      db.query.updateTable(headerTable(kind)).set({ is_active: 0, updated_at: nowIso() }).where("id", "=", id),
      historyEntry(db, { actorId, resourceType: KINDS[kind].resource, resourceId: id, action: "archived", details: { name: template.name } }),
    ]);
  if (!template.is_active) return { ok: true, outcome: "archived" };
  if (Number(used?.users ?? 0) + Number(used?.profiles ?? 0) + Number(used?.progress ?? 0) > 0) {
    await archive();
    return { ok: true, outcome: "archived" };
  }
  try {
    await batch(db, [
      db.query.deleteFrom(headerTable(kind)).where("id", "=", id),
      historyEntry(db, { actorId, resourceType: KINDS[kind].resource, resourceId: id, action: "deleted", details: { name: template.name } }),
    ]);
    return { ok: true, outcome: "deleted" };
  } catch (e) {
    // Another area's records (scorecards, reviews) still point at it: keep it, archived.
    if (e instanceof Error && /FOREIGN KEY/i.test(e.message)) {
      await archive();
      return { ok: true, outcome: "archived" };
    }
    throw e;
  }
}

export async function restoreTemplate(db: Db, actorId: string, kind: TemplateKind, id: string): Promise<Result> {
  const current = await headerQuery(db, kind, id).executeTakeFirst();
  if (!current) return notFoundResult;
  if (current.is_active) return { ok: true };
  await batch(db, [
    db.query.updateTable(headerTable(kind)).set({ is_active: 1, updated_at: nowIso() }).where("id", "=", id),
    historyEntry(db, { actorId, resourceType: KINDS[kind].resource, resourceId: id, action: "restored", details: { name: current.name } }),
  ]);
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Items

function itemValues(kind: TemplateKind, input: ItemInput): Record<string, unknown> {
  switch (kind) {
    case "onboarding": {
      const i = input as Extract<ItemInput, { phase_id: string }>;
      return { phase_id: i.phase_id, title: i.title, description: i.description };
    }
    case "scorecards": {
      const i = input as Extract<ItemInput, { label: string }>;
      return { label: i.label, description: i.description };
    }
    case "reviews": {
      const i = input as Extract<ItemInput, { area: string }>;
      return { area: i.area, label: i.label, description: i.description, is_mandatory: i.is_mandatory ? 1 : 0 };
    }
  }
}
const itemTitle = (values: Record<string, unknown>) => String(values.title ?? values.label ?? "");
type ItemTable = "scorecard_template_items";
const itemTable = (kind: TemplateKind) => KINDS[kind].items as ItemTable;

/** The item's siblings for ordering: the same template (and, for onboarding, the same phase). */
function siblingCondition(kind: TemplateKind, phaseId: string | null) {
  return kind === "onboarding" ? sql<SqlBool>`phase_id = ${phaseId}` : sql<SqlBool>`1 = 1`;
}

export async function addItem(db: Db, actorId: string, kind: TemplateKind, templateId: string, input: ItemInput): Promise<Result<{ id: string }>> {
  const values = itemValues(kind, input);
  const phaseId = (values.phase_id as string | undefined) ?? null;
  const [headers, phases] = await batch(db, [
    headerQuery(db, kind, templateId),
    db.query.selectFrom("onboarding_phases").select("id").where("id", "=", phaseId ?? ""),
  ]);
  if (!headers[0]) return notFoundResult;
  if (kind === "onboarding" && phases.length === 0) return fail(400, { phase_id: "Choose a phase" });
  const id = newId();
  const now = nowIso();
  const nextOrder = sql<number>`(select coalesce(max(sort_order), 0) + 1 from ${sql.table(KINDS[kind].items)} where template_id = ${templateId} and ${siblingCondition(kind, phaseId)})`;
  await batch(db, [
    db.query.insertInto(itemTable(kind)).values({
      ...(values as { label: string; description: string | null }), id, template_id: templateId, sort_order: nextOrder, created_at: now, updated_at: now,
    }),
    historyEntry(db, { actorId, resourceType: KINDS[kind].resource, resourceId: templateId, action: "item_added", details: { item: itemTitle(values), itemId: id } }),
  ]);
  return { ok: true, id };
}

async function findItem(db: Db, kind: TemplateKind, templateId: string, itemId: string) {
  const items = (await itemsQuery(db, kind, templateId).execute()) as TemplateItem[];
  const index = items.findIndex((i) => i.id === itemId);
  return { items, index, item: index >= 0 ? items[index] : undefined };
}

function currentItemValues(kind: TemplateKind, item: TemplateItem): Record<string, unknown> {
  switch (kind) {
    case "onboarding":
      return { phase_id: item.phase_id, title: item.label, description: item.description };
    case "scorecards":
      return { label: item.label, description: item.description };
    case "reviews":
      return { area: item.area, label: item.label, description: item.description, is_mandatory: item.is_mandatory };
  }
}

export async function updateItem(db: Db, actorId: string, kind: TemplateKind, templateId: string, itemId: string, input: ItemInput): Promise<Result<{ changed: boolean }>> {
  const { item } = await findItem(db, kind, templateId, itemId);
  if (!item) return notFoundResult;
  const values = itemValues(kind, input);
  const changes = diffFields(currentItemValues(kind, item), values);
  if (Object.keys(changes).length === 0) return { ok: true, changed: false };
  const set: Record<string, unknown> = { ...Object.fromEntries(Object.keys(changes).map((k) => [k, values[k]])), updated_at: nowIso() };
  if (changes.phase_id) {
    set.sort_order = sql<number>`(select coalesce(max(sort_order), 0) + 1 from onboarding_items where template_id = ${templateId} and phase_id = ${String(values.phase_id)})`;
  }
  await batch(db, [
    db.query.updateTable(itemTable(kind)).set(set).where("id", "=", itemId).where("template_id", "=", templateId),
    historyEntry(db, { actorId, resourceType: KINDS[kind].resource, resourceId: templateId, action: "item_updated", changes, details: { item: itemTitle(values), itemId } }),
  ]);
  return { ok: true, changed: true };
}

export async function deleteItem(db: Db, actorId: string, kind: TemplateKind, templateId: string, itemId: string): Promise<Result> {
  const { item } = await findItem(db, kind, templateId, itemId);
  if (!item) return notFoundResult;
  await batch(db, [
    db.query.deleteFrom(itemTable(kind)).where("id", "=", itemId).where("template_id", "=", templateId),
    historyEntry(db, { actorId, resourceType: KINDS[kind].resource, resourceId: templateId, action: "item_deleted", details: { item: item.label, itemId } }),
  ]);
  return { ok: true };
}

/** Swaps an item with its neighbour (same phase for onboarding), renumbering the siblings 1..n. */
export async function moveItem(db: Db, actorId: string, kind: TemplateKind, templateId: string, itemId: string, direction: "up" | "down"): Promise<Result<{ changed: boolean }>> {
  const { items, item } = await findItem(db, kind, templateId, itemId);
  if (!item) return notFoundResult;
  const siblings = items.filter((i) => kind !== "onboarding" || i.phase_id === item.phase_id);
  const at = siblings.findIndex((i) => i.id === itemId);
  const to = direction === "up" ? at - 1 : at + 1;
  if (to < 0 || to >= siblings.length) return { ok: true, changed: false };
  [siblings[at], siblings[to]] = [siblings[to], siblings[at]];
  const now = nowIso();
  const updates = siblings
    .map((s, i) => ({ s, order: i + 1 }))
    .filter(({ s, order }) => s.sort_order !== order)
    .map(({ s, order }) => db.query.updateTable(itemTable(kind)).set({ sort_order: order, updated_at: now }).where("id", "=", s.id));
  await batch(db, [
    ...updates,
    historyEntry(db, { actorId, resourceType: KINDS[kind].resource, resourceId: templateId, action: "item_moved", details: { item: item.label, itemId, direction } }),
  ]);
  return { ok: true, changed: true };
}

// ---------------------------------------------------------------------------------------------
// Template profiles

async function checkProfileChoices(db: Db, input: ProfileInput, current?: { onboarding_template_id: string; scorecard_template_id: string; review_template_id: string }) {
  const rows = await templateChoicesQuery(db).execute();
  const choices = groupChoices(rows);
  const errors: Record<string, string> = {};
  const ok = (kind: TemplateKind, value: string, field: keyof NonNullable<typeof current>) =>
    choices[kind].some((c) => c.id === value) || current?.[field] === value;
  if (!ok("onboarding", input.onboarding_template_id, "onboarding_template_id")) errors.onboarding_template_id = "Choose an active onboarding template";
  if (!ok("scorecards", input.scorecard_template_id, "scorecard_template_id")) errors.scorecard_template_id = "Choose an active scorecard template";
  if (!ok("reviews", input.review_template_id, "review_template_id")) errors.review_template_id = "Choose an active review template";
  return errors;
}

export async function createProfile(db: Db, actorId: string, input: ProfileInput): Promise<Result<{ id: string }>> {
  const errors = await checkProfileChoices(db, input);
  if (Object.keys(errors).length) return fail(400, errors);
  const id = newId();
  const now = nowIso();
  await batch(db, [
    db.query.insertInto("template_profiles").values({
      id, name: input.name, description: input.description, onboarding_template_id: input.onboarding_template_id,
      scorecard_template_id: input.scorecard_template_id, review_template_id: input.review_template_id,
      created_by: actorId, created_at: now, updated_at: now,
    }),
    historyEntry(db, { actorId, resourceType: PROFILE_RESOURCE, resourceId: id, action: "created", details: { name: input.name } }),
  ]);
  return { ok: true, id };
}

/**
 * Saves a profile. Users who have it keep the template ids they were given when it was assigned;
 * assign it again to push a changed bundle to them.
 */
export async function updateProfile(db: Db, actorId: string, id: string, input: ProfileInput): Promise<Result<{ changed: boolean }>> {
  const current = await profileQuery(db, id).executeTakeFirst();
  if (!current) return notFoundResult;
  const errors = await checkProfileChoices(db, input, current);
  if (Object.keys(errors).length) return fail(400, errors);
  const next = {
    name: input.name, description: input.description, onboarding_template_id: input.onboarding_template_id,
    scorecard_template_id: input.scorecard_template_id, review_template_id: input.review_template_id,
  };
  const changes = diffFields(current as Record<string, unknown>, next);
  if (Object.keys(changes).length === 0) return { ok: true, changed: false };
  await batch(db, [
    db.query.updateTable("template_profiles").set({ ...next, updated_at: nowIso() }).where("id", "=", id),
    historyEntry(db, { actorId, resourceType: PROFILE_RESOURCE, resourceId: id, action: "updated", changes }),
  ]);
  return { ok: true, changed: true };
}

export async function duplicateProfile(db: Db, actorId: string, id: string): Promise<Result<{ id: string }>> {
  const source = await profileQuery(db, id).executeTakeFirst();
  if (!source) return notFoundResult;
  const copyId = newId();
  const now = nowIso();
  await batch(db, [
    db.query.insertInto("template_profiles").values({
      id: copyId, name: `${source.name} (Copy)`.slice(0, 140), description: source.description,
      onboarding_template_id: source.onboarding_template_id, scorecard_template_id: source.scorecard_template_id,
      review_template_id: source.review_template_id, created_by: actorId, created_at: now, updated_at: now,
    }),
    historyEntry(db, { actorId, resourceType: PROFILE_RESOURCE, resourceId: copyId, action: "duplicated", details: { from: id, fromName: source.name } }),
  ]);
  return { ok: true, id: copyId };
}

export async function deleteProfile(db: Db, actorId: string, id: string): Promise<Result<{ outcome: DeleteOutcome }>> {
  const [profiles, assignees, everUsed] = await batch(db, [
    profileQuery(db, id),
    db.query.selectFrom("users").select(["id", "name"]).where("template_profile_id", "=", id).where("disabled_at", "is", null).orderBy("name").limit(4),
    db.query.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).where("template_profile_id", "=", id),
  ]);
  const profile = profiles[0];
  if (!profile) return notFoundResult;
  if (profile.active_users > 0) return fail(409, { form: assignedMessage("template profile", assignees, Number(profile.active_users)) });
  if (!profile.is_active) return { ok: true, outcome: "archived" };
  if (Number(everUsed[0]?.n ?? 0) > 0) {
    await batch(db, [
      db.query.updateTable("template_profiles").set({ is_active: 0, updated_at: nowIso() }).where("id", "=", id),
      historyEntry(db, { actorId, resourceType: PROFILE_RESOURCE, resourceId: id, action: "archived", details: { name: profile.name } }),
    ]);
    return { ok: true, outcome: "archived" };
  }
  await batch(db, [
    db.query.deleteFrom("template_profiles").where("id", "=", id),
    historyEntry(db, { actorId, resourceType: PROFILE_RESOURCE, resourceId: id, action: "deleted", details: { name: profile.name } }),
  ]);
  return { ok: true, outcome: "deleted" };
}

export async function restoreProfile(db: Db, actorId: string, id: string): Promise<Result> {
  const current = await profileQuery(db, id).executeTakeFirst();
  if (!current) return notFoundResult;
  if (current.is_active) return { ok: true };
  await batch(db, [
    db.query.updateTable("template_profiles").set({ is_active: 1, updated_at: nowIso() }).where("id", "=", id),
    historyEntry(db, { actorId, resourceType: PROFILE_RESOURCE, resourceId: id, action: "restored", details: { name: current.name } }),
  ]);
  return { ok: true };
}

/**
 * Assigns a profile to (at most ASSIGN_LIMIT) active users: sets template_profile_id and the
 * three template ids on each, with one history row per user whose values changed ('user',
 * like Admin ▸ Users), all in ONE batch.
 */
export async function assignProfile(db: Db, actorId: string, id: string, userIds: string[]): Promise<Result<{ changed: number }>> {
  const ids = [...new Set(userIds)].slice(0, ASSIGN_LIMIT);
  const [profiles, users] = await batch(db, [
    profileQuery(db, id),
    db.query
      .selectFrom("users")
      .select(["id", "name", "onboarding_template_id", "scorecard_template_id", "review_template_id", "template_profile_id"])
      .where("id", "in", ids)
      .where("disabled_at", "is", null),
  ]);
  const profile = profiles[0];
  if (!profile) return notFoundResult;
  if (!profile.is_active) return fail(409, { form: "This profile is archived. Restore it before assigning it." });
  if (users.length !== ids.length) return fail(400, { user_ids: "Some of the chosen people no longer have an active account. Reload and try again." });
  const next = {
    template_profile_id: profile.id,
    onboarding_template_id: profile.onboarding_template_id,
    scorecard_template_id: profile.scorecard_template_id,
    review_template_id: profile.review_template_id,
  };
  const changed = users
    .map((u) => ({ user: u, changes: diffFields(u as Record<string, unknown>, next) }))
    .filter((c) => Object.keys(c.changes).length > 0);
  if (changed.length === 0) return { ok: true, changed: 0 };
  await batch(db, [
    db.query.updateTable("users").set({ ...next, updated_at: nowIso() }).where("id", "in", changed.map((c) => c.user.id)),
    ...changed.map((c) =>
      historyEntry(db, { actorId, resourceType: "user", resourceId: c.user.id, action: "updated", changes: c.changes, details: { via: "template_profile", profile: profile.name } }),
    ),
    historyEntry(db, { actorId, resourceType: PROFILE_RESOURCE, resourceId: id, action: "assigned", details: { users: changed.map((c) => c.user.name) } }),
  ]);
  return { ok: true, changed: changed.length };
}
