import { z } from "zod";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { diffFields } from "~/platform/history.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { ALWAYS_IN_APP, CHANNELS, resolveChannels, type Channel } from "~/platform/notify.server";
import type { Viewer } from "~/platform/session.server";

function activeTypes(db: Db) {
  return db.query
    .selectFrom("notification_types")
    .select(["key", "label", "description", "default_channels"])
    .where("is_active", "=", 1)
    .orderBy("label")
    .limit(200);
}

function savedPreferences(db: Db, userId: string) {
  return db.query
    .selectFrom("notification_preferences")
    .select(["type_key", "channel", "enabled"])
    .where("user_id", "=", userId)
    .limit(1000);
}

function grid(types: { key: string; label: string; description: string | null; default_channels: string }[], saved: { type_key: string; channel: string; enabled: number }[]) {
  return types.map((t) => {
    const on = resolveChannels(t.key, t.default_channels, saved.filter((p) => p.type_key === t.key));
    return {
      key: t.key,
      label: t.label,
      description: t.description,
      channels: Object.fromEntries(CHANNELS.map((c) => [c, on.has(c)])) as Record<Channel, boolean>,
      locked: ALWAYS_IN_APP.has(t.key) ? (["in_app"] as Channel[]) : ([] as Channel[]),
    };
  });
}

/** The preferences grid (types × channels) and the viewer's push devices, ONE batch. */
export async function loadPreferences(db: Db, viewer: Viewer) {
  const [types, saved, devices] = await batch(db, [
    activeTypes(db),
    savedPreferences(db, viewer.userId),
    db.query
      .selectFrom("push_subscriptions")
      .select(["id", "endpoint", "user_agent", "created_at"])
      .where("user_id", "=", viewer.userId)
      .orderBy("created_at", "desc")
      .limit(20),
  ]);
  return { rows: grid(types, saved), channels: CHANNELS, devices };
}

const toList = (value: unknown) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]);

export const preferencesSchema = z.object({
  pref: z.preprocess(
    toList,
    z.array(z.string().regex(/^[a-z0-9_]{1,60}:(in_app|email|slack|push)$/, "Unknown notification channel")).max(800),
  ),
});

/**
 * Saves the whole grid from one POST: every active type × channel becomes an explicit row
 * (checked = enabled). In-app stays on for 'system'. Unknown types are a 400, not ignored.
 * Writes every row plus one history row on the user in ONE batch.
 */
export async function savePreferences(db: Db, viewer: Viewer, checked: string[]) {
  const [types, saved] = await batch(db, [activeTypes(db), savedPreferences(db, viewer.userId)]);
  const known = new Set(types.map((t) => t.key));
  const unknown = checked.find((value) => !known.has(value.split(":")[0]!));
  if (unknown) return { ok: false as const, errors: { pref: `Unknown notification type: ${unknown.split(":")[0]}` } };
  const on = new Set(checked);
  const before: Record<string, boolean> = {};
  const after: Record<string, boolean> = {};
  for (const row of grid(types, saved)) {
    for (const channel of CHANNELS) {
      before[`${row.key}:${channel}`] = row.channels[channel];
      after[`${row.key}:${channel}`] = on.has(`${row.key}:${channel}`) || row.locked.includes(channel);
    }
  }
  const now = nowIso();
  const changes = diffFields(before, after);
  const writes = Object.entries(after).map(([key, enabled]) => {
    const [typeKey, channel] = key.split(":") as [string, Channel];
    return db.query
      .insertInto("notification_preferences")
      .values({ id: newId(), user_id: viewer.userId, type_key: typeKey, channel, enabled: enabled ? 1 : 0, updated_at: now })
      .onConflict((oc) => oc.columns(["user_id", "type_key", "channel"]).doUpdateSet({ enabled: enabled ? 1 : 0, updated_at: now }));
  });
  await batch(db, [
    ...writes,
    ...(Object.keys(changes).length
      ? [historyEntry(db, { actorId: viewer.userId, resourceType: "user", resourceId: viewer.userId, action: "notification_preferences_updated", changes })]
      : []),
  ]);
  return { ok: true as const, changed: Object.keys(changes).length };
}
