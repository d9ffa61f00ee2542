// One entry point per Settings ▸ Templates page action, so the routes stay thin: each takes the
// zod-parsed intent and returns either where to go next or a failure for the page.
import type { z } from "zod";
import type { Db } from "~/platform/db.server";
import {
  addItem, assignProfile, createProfile, createTemplate, deleteItem, deleteProfile, deleteTemplate, duplicateProfile,
  duplicateTemplate, moveItem, restoreProfile, restoreTemplate, updateItem, updateProfile, updateTemplate, type Failure,
} from "./templates.server";
import type { createSchemas, detailSchema, profileDetailSchema, rowActionSchema, ItemInput, TemplateKind, TemplateType } from "./schemas";

export type ActionOutcome = { ok: true; redirectTo: string } | Failure;

const listUrl = (type: TemplateType, notice?: string) => `/settings/templates?type=${type}${notice ? `&notice=${notice}` : ""}`;
const detailUrl = (type: TemplateType, id: string, notice?: string) =>
  `/settings/templates/${type}/${encodeURIComponent(id)}${notice ? `?notice=${notice}` : ""}`;

type CreateInput = z.infer<(typeof createSchemas)[TemplateType]>;
type RowInput = z.infer<typeof rowActionSchema>;

/** The list page: create, duplicate, delete (or archive), restore. */
export async function runListAction(db: Db, actorId: string, type: TemplateType, input: CreateInput | RowInput): Promise<ActionOutcome> {
  if (input.intent === "create") {
    const created =
      type === "profiles"
        ? await createProfile(db, actorId, input as z.infer<(typeof createSchemas)["profiles"]>)
        : await createTemplate(db, actorId, type, input as { name: string; description: string | null; cadence?: "weekly" | "monthly" });
    return created.ok ? { ok: true, redirectTo: detailUrl(type, created.id, "created") } : created;
  }
  return runRowAction(db, actorId, type, input.intent, input.id, "list");
}

async function runRowAction(
  db: Db, actorId: string, type: TemplateType, intent: "duplicate" | "delete" | "restore", id: string, from: "list" | "detail",
): Promise<ActionOutcome> {
  if (intent === "duplicate") {
    const copy = type === "profiles" ? await duplicateProfile(db, actorId, id) : await duplicateTemplate(db, actorId, type, id);
    return copy.ok ? { ok: true, redirectTo: detailUrl(type, copy.id, "duplicated") } : copy;
  }
  if (intent === "delete") {
    const removed = type === "profiles" ? await deleteProfile(db, actorId, id) : await deleteTemplate(db, actorId, type, id);
    if (!removed.ok) return removed;
    if (removed.outcome === "archived" && from === "detail") return { ok: true, redirectTo: detailUrl(type, id, "archived") };
    return { ok: true, redirectTo: listUrl(type, removed.outcome) };
  }
  const restored = type === "profiles" ? await restoreProfile(db, actorId, id) : await restoreTemplate(db, actorId, type, id);
  if (!restored.ok) return restored;
  return { ok: true, redirectTo: from === "detail" ? detailUrl(type, id, "restored") : listUrl(type, "restored") };
}

type DetailInput = z.infer<ReturnType<typeof detailSchema>>;

/** A template's page: edit the header, add/edit/delete/move items, duplicate, delete, restore. */
export async function runTemplateAction(db: Db, actorId: string, kind: TemplateKind, id: string, input: DetailInput): Promise<ActionOutcome> {
  const here = (notice: string) => ({ ok: true as const, redirectTo: detailUrl(kind, id, notice) });
  switch (input.intent) {
    case "update": {
      const r = await updateTemplate(db, actorId, kind, id, input as { name: string; description: string | null; cadence?: "weekly" | "monthly" });
      return r.ok ? here(r.changed ? "saved" : "unchanged") : r;
    }
    case "add_item": {
      const r = await addItem(db, actorId, kind, id, input as unknown as ItemInput);
      return r.ok ? here("item_added") : r;
    }
    case "update_item": {
      const r = await updateItem(db, actorId, kind, id, input.item_id, input as unknown as ItemInput);
      return r.ok ? here("item_saved") : r;
    }
    case "delete_item": {
      const r = await deleteItem(db, actorId, kind, id, input.item_id);
      return r.ok ? here("item_deleted") : r;
    }
    case "move_item": {
      const r = await moveItem(db, actorId, kind, id, input.item_id, input.direction);
      return r.ok ? here("item_moved") : r;
    }
    default:
      return runRowAction(db, actorId, kind, input.intent, id, "detail");
  }
}

type ProfileDetailInput = z.infer<typeof profileDetailSchema>;

/** A profile's page: edit, assign to users, duplicate, delete, restore. */
export async function runProfileAction(db: Db, actorId: string, id: string, input: ProfileDetailInput): Promise<ActionOutcome> {
  switch (input.intent) {
    case "update": {
      const r = await updateProfile(db, actorId, id, input);
      return r.ok ? { ok: true, redirectTo: detailUrl("profiles", id, r.changed ? "saved" : "unchanged") } : r;
    }
    case "assign": {
      const r = await assignProfile(db, actorId, id, input.user_ids);
      return r.ok ? { ok: true, redirectTo: detailUrl("profiles", id, `assigned_${r.changed}`) } : r;
    }
    default:
      return runRowAction(db, actorId, "profiles", input.intent, id, "detail");
  }
}
