// Public holidays (ORIGINAL §5.4): cached from Nager.Date in public_holidays for 24 h per year
// (cache_refreshes 'holidays:<year>'), filtered by state through `counties` (NULL = national).
// Pages read the cache inside their own batch; a stale or missing year is refreshed in the
// background (context.waitUntil), and when Nager.Date fails the stale rows keep being served
// with their age and the error.
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { fetchPublicHolidays } from "~/integrations/nager.server";
import { IntegrationError } from "~/integrations/request.server";
import { batch, chunkForInsert } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Db } from "~/platform/db.server";
import { nowIso } from "~/platform/ids";

export const HOLIDAY_TTL_MS = 24 * 60 * 60 * 1000;
/** Don't retry a failing Nager.Date more than once per few minutes. */
const RETRY_AFTER_MS = 5 * 60 * 1000;
const NAGER_TIMEOUT_MS = 5_000;

/** SQL: the user's effective holiday state (user preference → org setting → AU-VIC). */
export function effectiveStateSql(userId: string): RawBuilder<string> {
  return sql<string>`coalesce((select holiday_state from user_preferences where user_id = ${userId}), (select value from org_settings where key = 'holiday_state'), 'AU-VIC')`;
}

export const holidayCacheKey = (year: number) => `holidays:${year}`;

/** SQL: the holiday row (alias) applies to `state` (national, or the state is in counties). */
export function holidayAppliesTo(alias: string, state: string | RawBuilder<string>): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${alias}.counties`)} IS NULL OR EXISTS (SELECT 1 FROM json_each(${sql.ref(`${alias}.counties`)}) WHERE json_each.value = ${state}))`;
}

/** Holidays of `state` between two dates (inclusive), for a page batch. */
export function holidaysQuery(db: Db, state: string | RawBuilder<string>, from: string, to: string) {
  return db.query
    .selectFrom("public_holidays as ph")
    .select(["ph.id", "ph.date", "ph.local_name", "ph.name", "ph.counties", "ph.is_global", "ph.year", "ph.fetched_at"])
    .where("ph.date", ">=", from)
    .where("ph.date", "<=", to)
    .where(holidayAppliesTo("ph", state))
    .orderBy("ph.date")
    .limit(200);
}

/** The cache bookkeeping rows of the given years, for a page batch. */
export function holidayCacheQuery(db: Db, years: number[]) {
  return db.query.selectFrom("cache_refreshes").select(["key", "fetched_at", "attempted_at", "last_error"]).where("key", "in", years.map(holidayCacheKey));
}

export interface CacheRow { key: string; fetched_at: string | null; attempted_at: string | null; last_error: string | null }

export interface CacheState {
  fetchedAt: string | null;
  stale: boolean;
  error: string | null;
}

export function cacheState(row: CacheRow | undefined, ttlMs: number, now = Date.now()): CacheState {
  const fetchedAt = row?.fetched_at ?? null;
  return {
    fetchedAt,
    stale: !fetchedAt || now - Date.parse(fetchedAt) > ttlMs,
    error: row?.last_error ?? null,
  };
}

function needsRefresh(row: CacheRow | undefined, ttlMs: number, now: number) {
  if (!cacheState(row, ttlMs, now).stale) return false;
  return !row?.attempted_at || now - Date.parse(row.attempted_at) > RETRY_AFTER_MS;
}

export function cacheUpsert(db: Db, key: string, values: { fetched_at?: string; attempted_at: string; last_error: string | null }) {
  return db.query
    .insertInto("cache_refreshes")
    .values({ key, fetched_at: values.fetched_at ?? null, attempted_at: values.attempted_at, last_error: values.last_error })
    .onConflict((oc) => oc.column("key").doUpdateSet({
      ...(values.fetched_at ? { fetched_at: values.fetched_at } : {}),
      attempted_at: values.attempted_at,
      last_error: values.last_error,
    }));
}

function holidayId(h: { date: string; name: string; counties: string[] | null }) {
  const slug = h.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60);
  return `ph-${h.date}-${slug}-${h.counties ? h.counties.join("_").toLowerCase() : "au"}`;
}

/** Fetches one year from Nager.Date and replaces that year's cache (one batch). Never throws. */
export async function refreshHolidays(context: AppLoadContext, year: number): Promise<{ ok: true; count: number } | { ok: false; error: string }> {
  const { db } = context;
  const now = nowIso();
  try {
    const holidays = await fetchPublicHolidays(context.env, year, "AU", { timeoutMs: NAGER_TIMEOUT_MS });
    const rows = [...new Map(holidays.map((h) => [holidayId(h), h])).entries()].map(([id, h]) => ({
      id, date: h.date, local_name: h.localName, name: h.name, country_code: h.countryCode || "AU",
      is_global: h.global ? 1 : 0, counties: h.counties ? JSON.stringify(h.counties) : null, year, fetched_at: now,
    }));
    await batch(db, [
      db.query.deleteFrom("public_holidays").where("year", "=", year),
      ...chunkForInsert(rows, 9).map((chunk) => db.query.insertInto("public_holidays").values(chunk)),
      cacheUpsert(db, holidayCacheKey(year), { fetched_at: now, attempted_at: now, last_error: null }),
    ]);
    return { ok: true, count: rows.length };
  } catch (e) {
    const error = e instanceof IntegrationError ? e.message : "Nager.Date could not be read";
    await batch(db, [cacheUpsert(db, holidayCacheKey(year), { attempted_at: now, last_error: error })]).catch(() => undefined);
    return { ok: false, error };
  }
}

/**
 * Read-through: schedules a background refresh (waitUntil) of every year whose cache is stale
 * (older than 24 h or missing) and not retried in the last few minutes. The page keeps its rows.
 */
export function refreshStaleHolidays(context: AppLoadContext, years: number[], rows: CacheRow[], now = Date.now()) {
  const stale = years.filter((y) => needsRefresh(rows.find((r) => r.key === holidayCacheKey(y)), HOLIDAY_TTL_MS, now));
  if (stale.length) context.waitUntil(Promise.all(stale.map((y) => refreshHolidays(context, y))));
  return stale;
}
