// Client-safe: the people area's vocabulary, URL filters and forms.
import { z } from "zod";

export const EMPLOYMENT_STATUSES = ["active", "on_leave", "terminated"] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];
export const EMPLOYMENT_STATUS_LABELS: Record<EmploymentStatus, string> = {
  active: "Active", on_leave: "On leave", terminated: "Terminated",
};
export const EMPLOYMENT_BASIS_LABELS: Record<string, string> = {
  full_time: "Full time", part_time: "Part time", casual: "Casual", contractor: "Contractor",
};
export const GENDER_LABELS: Record<string, string> = {
  male: "Male", female: "Female", "non-binary": "Non-binary", not_stated: "Not stated",
};

export const DIRECTORY_PAGE_SIZE = 25;
/** The CSV export stops here (a response header says when it did). */
export const DIRECTORY_EXPORT_CAP = 5000;
export const DIRECTORY_SORTS = ["name", "title", "start_date"] as const;
export type DirectorySort = (typeof DIRECTORY_SORTS)[number];
/** "current" (the default) is everyone not terminated. */
export const STATUS_FILTERS = ["current", "active", "on_leave", "terminated", "all"] as const;
export const STATUS_FILTER_LABELS: Record<(typeof STATUS_FILTERS)[number], string> = {
  current: "Current (active and on leave)", active: "Active", on_leave: "On leave", terminated: "Terminated", all: "Everyone",
};

const optionalText = (max: number) =>
  z.string().trim().max(max).optional().catch(undefined).transform((v) => v || undefined);

/** The directory's query string: bad values fall back to defaults (a URL is not a form). */
export const directorySchema = z.object({
  q: optionalText(100),
  squad: optionalText(80),
  manager: optionalText(100),
  status: z.enum(STATUS_FILTERS).catch("current").default("current"),
  sort: z.enum(DIRECTORY_SORTS).catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type DirectoryFilters = z.infer<typeof directorySchema>;

export function parseDirectoryParams(params: URLSearchParams): DirectoryFilters {
  return directorySchema.parse(Object.fromEntries(params));
}

/** Profile tabs, in display order (ORIGINAL §5.1). */
export const PROFILE_TABS = ["details", "employment", "documents", "notes", "linkedin", "activity"] as const;
export type ProfileTab = (typeof PROFILE_TABS)[number];
export const PROFILE_TAB_LABELS: Record<ProfileTab, string> = {
  details: "Details", employment: "Employment", documents: "Documents", notes: "Notes", linkedin: "LinkedIn", activity: "Activity",
};
export const profileTabSchema = z.enum(PROFILE_TABS).catch("details");

export const personIdSchema = z.string().trim().min(1).max(100);

export const SYNC_INTENTS = ["productive", "google", "xero"] as const;
export const syncFormSchema = z.object({
  intent: z.enum(SYNC_INTENTS, { errorMap: () => ({ message: "Choose which sync to run" }) }),
});

export const xeroLinkSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("xero-link"),
    xeroEmployeeId: z
      .string({ required_error: "Enter the Xero employee ID" })
      .trim()
      .min(1, "Enter the Xero employee ID")
      .max(64, "A Xero employee ID is at most 64 characters")
      .regex(/^[A-Za-z0-9-]+$/, "Use the ID exactly as Xero shows it (letters, digits and dashes)"),
  }),
  z.object({ intent: z.literal("xero-unlink") }),
], { errorMap: (issue, ctx) => (issue.code === "invalid_union_discriminator" ? { message: "Unknown action" } : { message: ctx.defaultError }) });
