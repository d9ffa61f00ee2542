import { sql } from "kysely";
import { batch, chunkForInsert } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { diffFields } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { ACCESS_LEVELS, TOOL_KEYS, isToolKey, type AccessLevel, type ToolKey } from "~/platform/tools";
import { normaliseCell, type Cell, type PermissionGridInput } from "./schemas";

export type Grid = Record<AccessLevel, Record<ToolKey, Cell>>;
const OFF: Cell = { view: false, update: false, manage: false };
export const PERMISSION_RESOURCE = "tool_permission";

function emptyGrid(): Grid {
  return Object.fromEntries(
    ACCESS_LEVELS.map((level) => [level, Object.fromEntries(TOOL_KEYS.map((tool) => [tool, { ...OFF }]))]),
  ) as Grid;
}

function gridQuery(db: Db) {
  return db.query.selectFrom("tool_permissions").select(["tool", "access_level", "can_view", "can_update", "can_manage"]);
}

function toGrid(rows: { tool: string; access_level: string; can_view: number; can_update: number; can_manage: number }[]) {
  const grid = emptyGrid();
  for (const row of rows) {
    if (!isToolKey(row.tool) || !(ACCESS_LEVELS as readonly string[]).includes(row.access_level)) continue;
    grid[row.access_level as AccessLevel][row.tool] = { view: row.can_view === 1, update: row.can_update === 1, manage: row.can_manage === 1 };
  }
  return grid;
}

/** The grid page: every level × tool (missing rows read as "no access") and recent changes. */
export async function loadPermissionGrid(db: Db) {
  const [rows, history] = await batch(db, [
    gridQuery(db),
    db.query
      .selectFrom("history")
      .leftJoin("users", "users.id", "history.actor_id")
      .select(["history.id", "history.resource_id", "history.action", "history.details", "history.created_at", "users.name as actor_name"])
      .where("history.resource_type", "=", PERMISSION_RESOURCE)
      .orderBy("history.created_at", "desc")
      .orderBy("history.id", "desc")
      .limit(30),
  ]);
  return { grid: toGrid(rows), history };
}

/** The submitted boxes as a normalised grid (manage ⇒ update ⇒ view). */
export function gridFromInput(input: PermissionGridInput): Grid {
  const grid = emptyGrid();
  for (const key of input.grant) {
    const [level, tool, action] = key.split(":") as [AccessLevel, ToolKey, keyof Cell];
    grid[level][tool][action] = true;
  }
  for (const level of ACCESS_LEVELS) for (const tool of TOOL_KEYS) grid[level][tool] = normaliseCell(grid[level][tool]);
  return grid;
}

export type SaveGridResult = { ok: true; changed: number } | { ok: false; errors: Record<string, string> };

const bit = (b: boolean) => (b ? 1 : 0);

/**
 * Saves the whole grid: refuses to take Admin view/manage away from executives (lockout), then
 * writes only the changed rows plus one history row per changed level × tool, in ONE atomic
 * batch. Rows go as multi-row statements chunked under D1's 100-parameter limit.
 */
export async function savePermissionGrid(db: Db, actorId: string, input: PermissionGridInput): Promise<SaveGridResult> {
  const next = gridFromInput(input);
  const lock = next.executive.admin;
  if (!lock.view || !lock.manage) {
    return { ok: false, errors: { "executive:admin": "Executives must keep Admin view and manage, or nobody could change permissions again." } };
  }
  const current = toGrid(await gridQuery(db).execute());
  const now = nowIso();
  const changed: { level: AccessLevel; tool: ToolKey; cell: Cell; changes: ReturnType<typeof diffFields> }[] = [];
  for (const level of ACCESS_LEVELS) {
    for (const tool of TOOL_KEYS) {
      const changes = diffFields(current[level][tool], next[level][tool]);
      if (Object.keys(changes).length) changed.push({ level, tool, cell: next[level][tool], changes });
    }
  }
  if (changed.length === 0) return { ok: true, changed: 0 };

  const upserts = chunkForInsert(changed, 7).map((chunk) =>
    db.query
      .insertInto("tool_permissions")
      .values(
        chunk.map(({ level, tool, cell }) => ({
          id: `tp-${level}-${tool}`,
          tool,
          access_level: level,
          can_view: bit(cell.view),
          can_update: bit(cell.update),
          can_manage: bit(cell.manage),
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["access_level", "tool"]).doUpdateSet({
          can_view: sql`excluded.can_view`,
          can_update: sql`excluded.can_update`,
          can_manage: sql`excluded.can_manage`,
          updated_at: sql`excluded.updated_at`,
        }),
      ),
  );
  // Same row shape as historyEntry(), several rows per statement.
  const histories = chunkForInsert(changed, 7).map((chunk) =>
    db.query.insertInto("history").values(
      chunk.map(({ level, tool, changes }) => ({
        id: newId(),
        resource_type: PERMISSION_RESOURCE,
        resource_id: `${level}:${tool}`,
        actor_id: actorId,
        action: "updated",
        details: JSON.stringify({ changes }),
        created_at: now,
      })),
    ),
  );
  await batch(db, [...upserts, ...histories]);
  return { ok: true, changed: changed.length };
}
