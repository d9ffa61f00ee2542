import { sql, type Expression, type RawBuilder } from "kysely";
import type { Db } from "./db.server";
import { newId, nowIso } from "./ids";

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** Field-level before/after for the fields that actually changed. */
export function diffFields<T extends Record<string, unknown>>(before: Partial<T>, after: Partial<T>): FieldChanges {
  const changes: FieldChanges = {};
  for (const key of Object.keys(after)) {
    const from = before[key] ?? null;
    const to = after[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

export interface HistoryInput {
  actorId: string | null;
  resourceType: string;
  resourceId: string;
  action: string;
  changes?: FieldChanges;
  details?: Record<string, unknown>;
}

/**
 * The history row for a change, as a statement to put in the SAME batch as the change itself
 * (so the audit trail can never disagree with the data).
 */
export function historyEntry(db: Db, input: HistoryInput) {
  const details = { ...(input.details ?? {}), ...(input.changes ? { changes: input.changes } : {}) };
  return db.query.insertInto("history").values({
    id: newId(),
    resource_type: input.resourceType,
    resource_id: input.resourceId,
    actor_id: input.actorId,
    action: input.action,
    details: Object.keys(details).length ? JSON.stringify(details) : null,
    created_at: nowIso(),
  });
}

/**
 * Set-based history for sweeps: one row per row that `rows` (a SELECT) yields. Give the SELECT
 * `historyColumns(...)` as its select list; put this statement BEFORE the change, over the same
 * condition, in the same batch.
 */
export function historyForRows(db: Db, rows: Expression<unknown>) {
  return db.query.insertInto("history").columns(["id", "resource_type", "resource_id", "actor_id", "action", "details", "created_at"]).expression(rows as never);
}

/** The select list of `historyForRows`: SQL expressions for the row's resource id and details. */
export function historyColumns(entry: { resourceType: string; resourceId: RawBuilder<string>; action: string; details: RawBuilder<string>; at: string; actorId?: string | null }) {
  return [
    sql<string>`lower(hex(randomblob(16)))`.as("id"),
    sql<string>`${entry.resourceType}`.as("resource_type"),
    entry.resourceId.as("resource_id"),
    sql<string | null>`${entry.actorId ?? null}`.as("actor_id"),
    sql<string>`${entry.action}`.as("action"),
    entry.details.as("details"),
    sql<string>`${entry.at}`.as("created_at"),
  ];
}

/** Newest first, up to 200 entries (as the original), with the actor's name and picture. */
export function historyFor(db: Db, resourceType: string, resourceId: string, limit = 200) {
  return db.query
    .selectFrom("history")
    .leftJoin("users", "users.id", "history.actor_id")
    .select([
      "history.id", "history.action", "history.details", "history.created_at",
      "users.name as actor_name", "users.picture as actor_picture",
    ])
    .where("history.resource_type", "=", resourceType)
    .where("history.resource_id", "=", resourceId)
    .orderBy("history.created_at", "desc")
    .orderBy("history.id", "desc")
    .limit(Math.min(limit, 200));
}
