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
