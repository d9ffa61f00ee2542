import { describe, expect, it } from "vitest";
import {
  addBusinessHours, businessHoursBetween, businessMsBetween, DEFAULT_CALENDAR, formatDuration, isoWeekday,
  localDate, parseBusinessDays, zonedTimeToUtc, type BusinessCalendar,
} from "~/modules/delivery/business-hours";

// Melbourne: AEDT (UTC+11) from the first Sunday of October to the first Sunday of April,
// AEST (UTC+10) otherwise. Business hours Mon–Fri 09:00–17:30.
const mel = (date: string, time: string) => zonedTimeToUtc(date, time, "Australia/Melbourne");
const iso = (d: Date) => d.toISOString();
const cal = (overrides: Partial<BusinessCalendar> = {}): BusinessCalendar => ({ ...DEFAULT_CALENDAR, ...overrides });

describe("zoned time", () => {
  it("resolves Melbourne wall-clock times in summer and winter", () => {
    expect(iso(mel("2026-11-25", "09:00"))).toBe("2026-11-24T22:00:00.000Z"); // AEDT +11
    expect(iso(mel("2026-07-15", "09:00"))).toBe("2026-07-14T23:00:00.000Z"); // AEST +10
    expect(localDate(new Date("2026-11-24T22:30:00Z"), "Australia/Melbourne")).toBe("2026-11-25");
    expect(localDate(new Date("2026-11-24T12:30:00Z"), "Australia/Melbourne")).toBe("2026-11-24");
  });
  it("knows the weekday of a date", () => {
    expect(isoWeekday("2026-11-25")).toBe(3); // Wednesday
    expect(isoWeekday("2026-11-29")).toBe(7); // Sunday
    expect(isoWeekday("2026-11-30")).toBe(1); // Monday
  });
});

describe("addBusinessHours", () => {
  it("adds within the same business day", () => {
    expect(iso(addBusinessHours(mel("2026-11-25", "10:00"), 4))).toBe(iso(mel("2026-11-25", "14:00")));
  });
  it("ends exactly at closing time when the hours fit", () => {
    expect(iso(addBusinessHours(mel("2026-11-25", "16:30"), 1))).toBe(iso(mel("2026-11-25", "17:30")));
  });
  it("carries what is left after closing into the next morning", () => {
    expect(iso(addBusinessHours(mel("2026-11-25", "16:30"), 2))).toBe(iso(mel("2026-11-26", "10:00")));
  });
  it("skips the weekend (Friday afternoon → Monday morning)", () => {
    expect(iso(addBusinessHours(mel("2026-11-27", "17:00"), 1))).toBe(iso(mel("2026-11-30", "09:30")));
  });
  it("a start on a weekend begins on Monday at opening", () => {
    expect(iso(addBusinessHours(mel("2026-11-28", "10:00"), 1))).toBe(iso(mel("2026-11-30", "10:00")));
  });
  it("a start before opening begins at opening; after closing, at the next opening", () => {
    expect(iso(addBusinessHours(mel("2026-11-25", "07:00"), 1))).toBe(iso(mel("2026-11-25", "10:00")));
    expect(iso(addBusinessHours(mel("2026-11-25", "21:45"), 0.5))).toBe(iso(mel("2026-11-26", "09:30")));
  });
  it("spans several days (8.5 h days): 24 h from Monday 09:00 is Wednesday 16:00", () => {
    expect(iso(addBusinessHours(mel("2026-11-23", "09:00"), 24))).toBe(iso(mel("2026-11-25", "16:00")));
    expect(iso(addBusinessHours(mel("2026-11-23", "09:00"), 26))).toBe(iso(mel("2026-11-26", "09:30")));
  });
  it("skips holidays", () => {
    const withHoliday = cal({ holidays: ["2026-11-26"] });
    expect(iso(addBusinessHours(mel("2026-11-25", "17:00"), 1, withHoliday))).toBe(iso(mel("2026-11-27", "09:30")));
    // Christmas + Boxing Day (moved to Monday 28th) over a weekend.
    const xmas = cal({ holidays: ["2026-12-25", "2026-12-28"] });
    expect(iso(addBusinessHours(mel("2026-12-24", "17:00"), 2, xmas))).toBe(iso(mel("2026-12-29", "10:30")));
  });
  it("respects daylight saving changes (clocks go forward on Sunday 4 October 2026)", () => {
    const start = mel("2026-10-02", "17:00");
    expect(iso(start)).toBe("2026-10-02T07:00:00.000Z"); // AEST
    expect(iso(addBusinessHours(start, 1))).toBe("2026-10-04T22:30:00.000Z"); // Monday 09:30 AEDT
  });
  it("zero hours is the start itself; negative hours are refused", () => {
    const start = mel("2026-11-28", "10:00");
    expect(iso(addBusinessHours(start, 0))).toBe(iso(start));
    expect(() => addBusinessHours(start, -1)).toThrow();
  });
  it("uses the calendar's own days, hours and time zone", () => {
    const sydney24x7 = cal({ timeZone: "Australia/Perth", days: [1, 2, 3, 4, 5, 6, 7], start: "00:00", end: "23:59" });
    const start = zonedTimeToUtc("2026-11-28", "10:00", "Australia/Perth"); // Saturday
    expect(iso(addBusinessHours(start, 3, sydney24x7))).toBe(iso(zonedTimeToUtc("2026-11-28", "13:00", "Australia/Perth")));
  });
  it("refuses a calendar whose opening is not before its closing", () => {
    expect(() => addBusinessHours(new Date(), 1, cal({ start: "18:00", end: "09:00" }))).toThrow();
  });
});

describe("businessHoursBetween", () => {
  it("counts only open hours", () => {
    expect(businessHoursBetween(mel("2026-11-25", "10:00"), mel("2026-11-25", "12:00"))).toBe(2);
    expect(businessHoursBetween(mel("2026-11-25", "17:00"), mel("2026-11-26", "10:00"))).toBe(1.5);
    expect(businessHoursBetween(mel("2026-11-27", "17:00"), mel("2026-11-30", "09:30"))).toBe(1);
  });
  it("a weekend alone is zero", () => {
    expect(businessHoursBetween(mel("2026-11-28", "08:00"), mel("2026-11-29", "20:00"))).toBe(0);
  });
  it("is negative when the deadline has passed", () => {
    expect(businessHoursBetween(mel("2026-11-25", "12:00"), mel("2026-11-25", "10:00"))).toBe(-2);
  });
  it("is the inverse of addBusinessHours", () => {
    const starts = [mel("2026-11-25", "10:17"), mel("2026-11-28", "03:00"), mel("2026-10-02", "16:59"), mel("2027-04-02", "15:00")];
    for (const start of starts) {
      for (const hours of [0.25, 1, 4, 8.5, 13, 40, 100]) {
        const end = addBusinessHours(start, hours);
        expect(Math.round(businessMsBetween(start, end) / 1000)).toBe(hours * 3600);
      }
    }
  });
});

describe("helpers", () => {
  it("formats durations", () => {
    expect(formatDuration(2.5 * 3_600_000)).toBe("2h 30m");
    expect(formatDuration(-65 * 60_000)).toBe("-1h 05m");
    expect(formatDuration(59_000)).toBe("0m");
  });
  it("parses business days", () => {
    expect(parseBusinessDays("1,2, 3,4,5,9,x")).toEqual([1, 2, 3, 4, 5]);
  });
});
