// Client-safe: org settings and per-user overrides (timezone, public-holiday state).
import { z } from "zod";

export const DEFAULT_TIMEZONE = "Australia/Melbourne";
export const DEFAULT_HOLIDAY_STATE = "AU-VIC";

export const HOLIDAY_STATES = ["AU-ACT", "AU-NSW", "AU-NT", "AU-QLD", "AU-SA", "AU-TAS", "AU-VIC", "AU-WA"] as const;
export type HolidayState = (typeof HOLIDAY_STATES)[number];

export const HOLIDAY_STATE_LABELS: Record<HolidayState, string> = {
  "AU-ACT": "Australian Capital Territory",
  "AU-NSW": "New South Wales",
  "AU-NT": "Northern Territory",
  "AU-QLD": "Queensland",
  "AU-SA": "South Australia",
  "AU-TAS": "Tasmania",
  "AU-VIC": "Victoria",
  "AU-WA": "Western Australia",
};

export function isHolidayState(value: unknown): value is HolidayState {
  return typeof value === "string" && (HOLIDAY_STATES as readonly string[]).includes(value);
}

let zones: Set<string> | null = null;
/** IANA time zones this runtime knows (plus UTC, which V8 lists only as Etc aliases). */
export function supportedTimeZones(): string[] {
  return [...timeZoneSet()];
}
function timeZoneSet() {
  zones ??= new Set(["UTC", ...Intl.supportedValuesOf("timeZone")]);
  return zones;
}
export function isTimeZone(value: unknown): value is string {
  return typeof value === "string" && timeZoneSet().has(value);
}

const timezone = z
  .string({ required_error: "Choose a time zone" })
  .trim()
  .refine(isTimeZone, "Choose a time zone from the list");
const holidayState = z.enum(HOLIDAY_STATES, {
  errorMap: () => ({ message: "Choose an Australian state or territory" }),
});

export const orgSettingsSchema = z.object({ timezone, holiday_state: holidayState });
export type OrgSettingsInput = z.infer<typeof orgSettingsSchema>;

/** "" means "use the organisation default" (stored as NULL). */
const orDefault = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === "" || v === undefined ? null : v), schema.nullable());

export const preferencesSchema = z.object({
  timezone: orDefault(timezone),
  holiday_state: orDefault(holidayState),
});
export type PreferencesInput = z.infer<typeof preferencesSchema>;
