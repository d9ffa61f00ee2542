import { sql } from "kysely";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { diffFields, historyEntry, historyFor } from "~/platform/history.server";
import { nowIso } from "~/platform/ids";
import {
  DEFAULT_HOLIDAY_STATE, DEFAULT_TIMEZONE, isHolidayState, isTimeZone,
  type OrgSettingsInput, type PreferencesInput,
} from "./schemas";

export interface EffectiveSettingsRow {
  user_timezone: string | null;
  user_holiday_state: string | null;
  org_timezone: string | null;
  org_holiday_state: string | null;
  timezone: string;
  holiday_state: string;
}

/**
 * The settings that apply to a user: their override → the organisation's setting → the
 * built-in default (Australia/Melbourne, AU-VIC). A single-row query (Compilable), so other
 * areas (leave calendar, action centre) can put it in their own page batch:
 *
 *   const [settings, ...] = await batch(db, [effectiveSettings(db, viewer.userId), ...]);
 *   const { timezone, holidayState } = readEffectiveSettings(settings);
 */
export function effectiveSettings(db: Db, userId: string) {
  const userPref = (column: "timezone" | "holiday_state") =>
    sql<string | null>`(select ${sql.ref(column)} from user_preferences where user_id = ${userId})`;
  const org = (key: "timezone" | "holiday_state") =>
    sql<string | null>`(select value from org_settings where key = ${key})`;
  return db.query.selectNoFrom([
    userPref("timezone").as("user_timezone"),
    userPref("holiday_state").as("user_holiday_state"),
    org("timezone").as("org_timezone"),
    org("holiday_state").as("org_holiday_state"),
    sql<string>`coalesce(${userPref("timezone")}, ${org("timezone")}, ${DEFAULT_TIMEZONE})`.as("timezone"),
    sql<string>`coalesce(${userPref("holiday_state")}, ${org("holiday_state")}, ${DEFAULT_HOLIDAY_STATE})`.as("holiday_state"),
  ]);
}

export interface EffectiveSettings {
  timezone: string;
  holidayState: string;
  user: { timezone: string | null; holidayState: string | null };
  org: { timezone: string; holidayState: string };
}

/** Turns the rows of `effectiveSettings` into values (ignoring any stored value that is no longer valid). */
export function readEffectiveSettings(rows: readonly Partial<EffectiveSettingsRow>[]): EffectiveSettings {
  const row = rows[0] ?? {};
  const tz = (v: string | null | undefined) => (isTimeZone(v) ? v : null);
  const st = (v: string | null | undefined) => (isHolidayState(v) ? v : null);
  const org = { timezone: tz(row.org_timezone) ?? DEFAULT_TIMEZONE, holidayState: st(row.org_holiday_state) ?? DEFAULT_HOLIDAY_STATE };
  const user = { timezone: tz(row.user_timezone), holidayState: st(row.user_holiday_state) };
  return { timezone: user.timezone ?? org.timezone, holidayState: user.holidayState ?? org.holidayState, user, org };
}

/** Convenience for callers without a batch of their own (one round trip). */
export async function loadEffectiveSettings(db: Db, userId: string) {
  const [rows] = await batch(db, [effectiveSettings(db, userId)]);
  return readEffectiveSettings(rows);
}

function orgSettingsQuery(db: Db) {
  return db.query.selectFrom("org_settings").select(["key", "value", "updated_at", "updated_by"]);
}

function orgValues(rows: { key: string; value: string }[]) {
  const byKey = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  return {
    timezone: isTimeZone(byKey.timezone) ? byKey.timezone : DEFAULT_TIMEZONE,
    holiday_state: isHolidayState(byKey.holiday_state) ? byKey.holiday_state : DEFAULT_HOLIDAY_STATE,
  };
}

export const ORG_SETTINGS_RESOURCE = { type: "org_settings", id: "org" } as const;

/** The admin settings page: current values and their recent history (one round trip). */
export async function loadOrgSettingsPage(db: Db) {
  const [rows, history] = await batch(db, [
    orgSettingsQuery(db),
    historyFor(db, ORG_SETTINGS_RESOURCE.type, ORG_SETTINGS_RESOURCE.id, 20),
  ]);
  const updated = [...rows].sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0];
  return { values: orgValues(rows), updatedAt: updated?.updated_at ?? null, history };
}

/** Saves the org settings; writes only what changed, with a history row, in one batch. */
export async function saveOrgSettings(db: Db, actorId: string, input: OrgSettingsInput) {
  const before = orgValues(await orgSettingsQuery(db).execute());
  const changes = diffFields(before, input);
  if (Object.keys(changes).length === 0) return { changed: false };
  const now = nowIso();
  const writes = Object.keys(changes).map((key) =>
    db.query
      .insertInto("org_settings")
      .values({ key, value: input[key as keyof OrgSettingsInput], updated_by: actorId, updated_at: now })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: input[key as keyof OrgSettingsInput], updated_by: actorId, updated_at: now })),
  );
  await batch(db, [
    ...writes,
    historyEntry(db, { actorId, resourceType: ORG_SETTINGS_RESOURCE.type, resourceId: ORG_SETTINGS_RESOURCE.id, action: "updated", changes }),
  ]);
  return { changed: true };
}

/** The preferences page: the user's overrides plus the effective values (one round trip). */
export async function loadPreferences(db: Db, userId: string) {
  return loadEffectiveSettings(db, userId);
}

/** Saves a user's own overrides (NULL = use the organisation default), with a history row. */
export async function savePreferences(db: Db, userId: string, input: PreferencesInput) {
  const current = await db.query
    .selectFrom("user_preferences")
    .select(["timezone", "holiday_state"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  const changes = diffFields(current ?? { timezone: null, holiday_state: null }, input);
  if (Object.keys(changes).length === 0) return { changed: false };
  const now = nowIso();
  await batch(db, [
    db.query
      .insertInto("user_preferences")
      .values({ user_id: userId, timezone: input.timezone, holiday_state: input.holiday_state, updated_at: now })
      .onConflict((oc) =>
        oc.column("user_id").doUpdateSet({ timezone: input.timezone, holiday_state: input.holiday_state, updated_at: now }),
      ),
    historyEntry(db, { actorId: userId, resourceType: "user_preferences", resourceId: userId, action: "updated", changes }),
  ]);
  return { changed: true };
}
