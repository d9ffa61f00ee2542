// Business-hours arithmetic for SLAs (pure; no I/O). The clock runs only on business days
// between `start` and `end` local time in `timeZone`, and never on holidays (local dates).
// Instants are UTC Dates; local days are resolved with Intl, so daylight saving is respected.

export interface BusinessCalendar {
  timeZone: string;
  /** ISO weekdays the clock runs on (1 = Monday … 7 = Sunday). */
  days: readonly number[];
  /** "HH:MM" local opening and closing times (start < end). */
  start: string;
  end: string;
  /** Local dates (YYYY-MM-DD) the clock does not run on. */
  holidays: readonly string[];
}

export const DEFAULT_CALENDAR: BusinessCalendar = {
  timeZone: "Australia/Melbourne",
  days: [1, 2, 3, 4, 5],
  start: "09:00",
  end: "17:30",
  holidays: [],
};

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Far enough for any real target (≈ 10 years of days). */
const MAX_DAYS = 3700;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string) {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts { year: number; month: number; day: number; hour: number; minute: number; second: number }

function localParts(ms: number, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== "literal") out[p.type] = Number(p.value);
  }
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour === 24 ? 0 : out.hour!, minute: out.minute!, second: out.second! };
}

/** Milliseconds the zone is ahead of UTC at this instant (e.g. +11 h in Melbourne in summer). */
export function zoneOffsetMs(ms: number, timeZone: string) {
  const base = Math.floor(ms / 1000) * 1000;
  const p = localParts(base, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - base;
}

/** The UTC instant of a local wall-clock time ("2026-11-25", "09:00") in `timeZone`. */
export function zonedTimeToUtc(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let utc = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(utc, timeZone);
  if (second !== utc) utc = second;
  return new Date(utc);
}

/** The local date (YYYY-MM-DD) of an instant in `timeZone`. */
export function localDate(instant: Date | number, timeZone: string) {
  const p = localParts(typeof instant === "number" ? instant : instant.getTime(), timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

function nextDate(date: string) {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday(date: string) {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

function assertCalendar(cal: BusinessCalendar) {
  if (!/^\d{2}:\d{2}$/.test(cal.start) || !/^\d{2}:\d{2}$/.test(cal.end) || cal.start >= cal.end) {
    throw new Error("Business hours need HH:MM start before end");
  }
  if (!cal.days.some((d) => d >= 1 && d <= 7)) throw new Error("Business hours need at least one weekday");
}

/** The open window of a local date as UTC ms, or null when the clock does not run that day. */
function windowOf(date: string, cal: BusinessCalendar, holidays: ReadonlySet<string>): [number, number] | null {
  if (!cal.days.includes(isoWeekday(date)) || holidays.has(date)) return null;
  return [zonedTimeToUtc(date, cal.start, cal.timeZone).getTime(), zonedTimeToUtc(date, cal.end, cal.timeZone).getTime()];
}

/**
 * The instant `hours` business hours after `start`. Time before opening, after closing, on
 * non-business days and on holidays does not count; a start outside hours begins at the next
 * opening. Zero hours returns `start` itself.
 */
export function addBusinessHours(start: Date, hours: number, cal: BusinessCalendar = DEFAULT_CALENDAR): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new Error("hours must be a non-negative number");
  assertCalendar(cal);
  let remaining = Math.round(hours * HOUR_MS);
  if (remaining === 0) return new Date(start.getTime());
  const holidays = new Set(cal.holidays);
  const cursor = start.getTime();
  let date = localDate(cursor, cal.timeZone);
  for (let i = 0; i < MAX_DAYS; i++, date = nextDate(date)) {
    const window = windowOf(date, cal, holidays);
    if (!window) continue;
    const from = Math.max(cursor, window[0]);
    if (from >= window[1]) continue;
    const available = window[1] - from;
    if (remaining <= available) return new Date(from + remaining);
    remaining -= available;
  }
  throw new Error("Business-hours target is too far away");
}

/**
 * Business milliseconds between two instants (negative when `to` is before `from`): how much
 * SLA clock is left until a deadline, or has run since a start.
 */
export function businessMsBetween(from: Date, to: Date, cal: BusinessCalendar = DEFAULT_CALENDAR): number {
  assertCalendar(cal);
  const a = from.getTime();
  const b = to.getTime();
  if (b < a) return -businessMsBetween(to, from, cal);
  if (b === a) return 0;
  const holidays = new Set(cal.holidays);
  const last = localDate(b, cal.timeZone);
  let total = 0;
  let date = localDate(a, cal.timeZone);
  for (let i = 0; i < MAX_DAYS * 3; i++, date = nextDate(date)) {
    const window = windowOf(date, cal, holidays);
    if (window) {
      const start = Math.max(a, window[0]);
      const end = Math.min(b, window[1]);
      if (end > start) total += end - start;
    }
    if (date >= last) break;
  }
  return total;
}

export const businessHoursBetween = (from: Date, to: Date, cal: BusinessCalendar = DEFAULT_CALENDAR) =>
  businessMsBetween(from, to, cal) / HOUR_MS;

/** "2h 30m", "-1h 05m" (overdue), "0m". */
export function formatDuration(ms: number) {
  const sign = ms < 0 ? "-" : "";
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${sign}${m}m`;
  return `${sign}${h}h ${String(m).padStart(2, "0")}m`;
}

/** Parses "1,2,3,4,5" into ISO weekdays (ignoring junk). */
export function parseBusinessDays(value: string): number[] {
  return [...new Set(value.split(",").map((v) => Number(v.trim())).filter((n) => Number.isInteger(n) && n >= 1 && n <= 7))].sort();
}
