// The /holidays page: the public holidays of a year for a state (default: the viewer's effective
// state, user preference → org default), from the 24 h cache, in one batch.
import { effectiveSettings, readEffectiveSettings } from "~/modules/settings/settings.server";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Viewer } from "~/platform/session.server";
import { cacheState, effectiveStateSql, HOLIDAY_TTL_MS, holidayCacheKey, holidayCacheQuery, holidaysQuery, refreshHolidays, refreshStaleHolidays } from "./holidays.server";

export async function loadHolidaysPage(context: AppLoadContext, viewer: Viewer, input: { year: number; state: string | null }) {
  const { db } = context;
  const stateSql = input.state ?? effectiveStateSql(viewer.userId);
  const [settingsRows, cache, holidays] = await batch(db, [
    effectiveSettings(db, viewer.userId),
    holidayCacheQuery(db, [input.year]),
    holidaysQuery(db, stateSql, `${input.year}-01-01`, `${input.year}-12-31`),
  ]);
  const settings = readEffectiveSettings(settingsRows);
  const state = input.state ?? settings.holidayState;
  refreshStaleHolidays(context, [input.year], cache);
  return {
    year: input.year,
    state,
    effective: { user: settings.user.holidayState, org: settings.org.holidayState, effective: settings.holidayState },
    holidays,
    cache: cacheState(cache.find((c) => c.key === holidayCacheKey(input.year)), HOLIDAY_TTL_MS),
  };
}

export async function refreshHolidaysNow(context: AppLoadContext, year: number) {
  return refreshHolidays(context, year);
}
