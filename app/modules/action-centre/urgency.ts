// Client-safe: urgency of an action item from its due date, in the viewer's time zone.

export const DEFAULT_TIMEZONE = "Australia/Melbourne";

export const URGENCIES = ["overdue", "today", "this_week", "normal"] as const;
export type Urgency = (typeof URGENCIES)[number];

export const URGENCY_LABELS: Record<Urgency, string> = {
  overdue: "Overdue",
  today: "Today",
  this_week: "This week",
  normal: "Normal",
};

/** "This week" = due after today and at most this many days ahead (a rolling 7-day window incl. today). */
export const WEEK_DAYS_AHEAD = 6;

export function isValidTimeZone(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    new Intl.DateTimeFormat("en-CA", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The first valid zone of the candidates (user preference, org setting), else Melbourne. */
export function resolveTimeZone(...candidates: (string | null | undefined)[]): string {
  return candidates.find(isValidTimeZone) ?? DEFAULT_TIMEZONE;
}

/** The calendar date (YYYY-MM-DD) at `now` in `timeZone`. */
export function localDate(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIMEZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** Adds whole days to a YYYY-MM-DD date (calendar arithmetic, no time zone involved). */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Overdue (before today), Today, This week (the next 6 days) or Normal (later, or no date). */
export function urgencyOf(dueDate: string | null | undefined, today: string): Urgency {
  if (!dueDate) return "normal";
  const due = dueDate.slice(0, 10);
  if (due < today) return "overdue";
  if (due === today) return "today";
  if (due <= addDays(today, WEEK_DAYS_AHEAD)) return "this_week";
  return "normal";
}

/**
 * Bounds that make date buckets time-zone independent in SQL: anywhere on earth the local date
 * is within a day of the UTC date, so a due date before `lo` is overdue for every zone and one
 * after `hi` is "normal" for every zone. Only dates in [lo, hi] need the viewer's zone.
 */
export function zoneIndependentBounds(now: Date) {
  const utcToday = now.toISOString().slice(0, 10);
  return {
    lo: addDays(utcToday, -1),
    hi: addDays(utcToday, 1 + WEEK_DAYS_AHEAD),
    /** Every zone's overdue items have a due date before this (the latest possible "today"). */
    overdueBefore: addDays(utcToday, 1),
  };
}
