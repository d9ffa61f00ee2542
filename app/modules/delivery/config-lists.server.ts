// Config lists (ORIGINAL §5.6): dropdown option lists such as task status / priority / type
// and project type. System items keep their value (code relies on it); labels, colours,
// positions, defaults and stages are editable. Items are deactivated rather than deleted, so
// records that use them keep their meaning.
import { sql } from "kysely";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { diffFields, historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import type { Viewer } from "~/platform/session.server";
import type { ConfigListForm } from "./schemas";

export const DELIVERY_LISTS = ["task_status", "task_priority", "task_type", "project_type"] as const;
export type DeliveryListKey = (typeof DELIVERY_LISTS)[number];

export interface ConfigItem {
  id: string;
  list_key: string;
  label: string;
  value: string;
  color: string | null;
  position: number;
  is_default: number;
  stage_type: string | null;
}

/** Active items of the given lists, ordered by list, position, label (one query for a batch). */
export function configItemsQuery(db: Db, keys: readonly string[] = DELIVERY_LISTS) {
  return db.query
    .selectFrom("config_list_items as i")
    .innerJoin("config_lists as l", "l.id", "i.list_id")
    .select(["i.id", "l.key as list_key", "i.label", "i.value", "i.color", "i.position", "i.is_default", "i.stage_type"])
    .where("l.key", "in", [...keys])
    .where("i.is_active", "=", 1)
    .orderBy("l.key")
    .orderBy("i.position")
    .orderBy("i.label");
}

/** Groups configItemsQuery rows by list key. */
export function groupItems(rows: ConfigItem[]) {
  const by: Record<DeliveryListKey, ConfigItem[]> = { task_status: [], task_priority: [], task_type: [], project_type: [] };
  for (const row of rows) (by[row.list_key as DeliveryListKey] ??= []).push(row);
  return by;
}

export const defaultItem = (items: ConfigItem[]) => items.find((i) => i.is_default === 1) ?? items[0] ?? null;

/** The admin page: every list with all its items (inactive too), one round trip. */
export async function loadConfigLists(db: Db) {
  const [lists, items] = await batch(db, [
    db.query.selectFrom("config_lists").select(["id", "key", "name", "description", "is_system"]).orderBy("name"),
    db.query
      .selectFrom("config_list_items")
      .select(["id", "list_id", "label", "value", "color", "icon", "is_default", "is_system", "is_active", "position", "stage_type", "probability"])
      .orderBy("list_id")
      .orderBy("position")
      .orderBy("label"),
  ]);
  return lists.map((list) => ({ ...list, items: items.filter((i) => i.list_id === list.id) }));
}

export type ConfigResult = { ok: true } | { ok: false; status: 404 } | { ok: false; status: 400; errors: Record<string, string> };

/** Applies one admin-page intent (add / update / toggle an item) with its history, one batch. */
export async function applyConfigListIntent(db: Db, viewer: Viewer, form: ConfigListForm): Promise<ConfigResult> {
  const now = nowIso();
  if (form.intent === "add") {
    const [lists, clash] = await batch(db, [
      db.query.selectFrom("config_lists").select(["id", "key"]).where("id", "=", form.list_id),
      db.query.selectFrom("config_list_items").select("id").where("list_id", "=", form.list_id).where("value", "=", form.value),
    ]);
    if (!lists[0]) return { ok: false, status: 404 };
    if (clash[0]) return { ok: false, status: 400, errors: { value: "This list already has an item with that value" } };
    const id = newId();
    const { intent: _intent, list_id, ...fields } = form;
    await batch(db, [
      ...(form.is_default ? [db.query.updateTable("config_list_items").set({ is_default: 0, updated_at: now }).where("list_id", "=", list_id)] : []),
      db.query.insertInto("config_list_items").values({
        id, list_id, label: fields.label, value: fields.value, color: fields.color, position: fields.position,
        stage_type: fields.stage_type, is_default: fields.is_default ? 1 : 0, created_at: now, updated_at: now,
      }),
      historyEntry(db, { actorId: viewer.userId, resourceType: "config_list", resourceId: list_id, action: "item_added", details: { item: fields.label, value: fields.value } }),
    ]);
    return { ok: true };
  }
  const [items] = await batch(db, [
    db.query
      .selectFrom("config_list_items")
      .select(["id", "list_id", "label", "value", "color", "position", "stage_type", "is_default", "is_system", "is_active"])
      .where("id", "=", form.item_id),
  ]);
  const item = items[0];
  if (!item) return { ok: false, status: 404 };
  if (form.intent === "toggle") {
    if (item.is_system === 1 && item.is_active === 1) {
      return { ok: false, status: 400, errors: { form: "System items cannot be deactivated (the app relies on them)" } };
    }
    const next = item.is_active === 1 ? 0 : 1;
    await batch(db, [
      db.query.updateTable("config_list_items").set({ is_active: next, updated_at: now }).where("id", "=", item.id),
      historyEntry(db, {
        actorId: viewer.userId, resourceType: "config_list", resourceId: item.list_id, action: next ? "item_activated" : "item_deactivated",
        details: { item: item.label },
      }),
    ]);
    return { ok: true };
  }
  if (item.is_system === 1 && form.value !== item.value) {
    return { ok: false, status: 400, errors: { value: "The value of a system item cannot change" } };
  }
  if (form.value !== item.value) {
    const clash = await db.query
      .selectFrom("config_list_items")
      .select("id")
      .where("list_id", "=", item.list_id)
      .where("value", "=", form.value)
      .where("id", "!=", item.id)
      .executeTakeFirst();
    if (clash) return { ok: false, status: 400, errors: { value: "This list already has an item with that value" } };
  }
  const after = {
    label: form.label, value: form.value, color: form.color, position: form.position, stage_type: form.stage_type,
    is_default: form.is_default ? 1 : 0,
  };
  const changes = diffFields(item, after);
  if (Object.keys(changes).length === 0) return { ok: true };
  await batch(db, [
    ...(form.is_default && item.is_default !== 1
      ? [db.query.updateTable("config_list_items").set({ is_default: 0, updated_at: now }).where("list_id", "=", item.list_id)]
      : []),
    db.query.updateTable("config_list_items").set({ ...after, updated_at: now }).where("id", "=", item.id),
    historyEntry(db, { actorId: viewer.userId, resourceType: "config_list", resourceId: item.list_id, action: "item_updated", changes, details: { item: form.label } }),
  ]);
  return { ok: true };
}

/**
 * SQL: the status item of `column` is a "done" stage. A non-correlated `in (...)`: SQLite runs
 * the subquery once per statement, not once per row.
 */
export const isDoneStatus = (column: string) =>
  sql<boolean>`(coalesce(${sql.ref(column)}, '') in (select done_s.id from config_list_items done_s where done_s.stage_type = 'done'))`;
