// Client-safe: admin forms and list filters (users, permission grid).
import { z } from "zod";
import { ACCESS_LEVELS, ACTIONS, TOOL_KEYS, type AccessLevel, type Action, type ToolKey } from "~/platform/tools";

export const EMPLOYMENT_STATUSES = ["active", "terminated", "on_leave"] as const;
export const EMPLOYMENT_BASES = ["full_time", "part_time", "casual", "contractor"] as const;
export const EMPLOYMENT_STATUS_LABELS: Record<(typeof EMPLOYMENT_STATUSES)[number], string> = {
  active: "Active", terminated: "Terminated", on_leave: "On leave",
};
export const EMPLOYMENT_BASIS_LABELS: Record<(typeof EMPLOYMENT_BASES)[number], string> = {
  full_time: "Full time", part_time: "Part time", casual: "Casual", contractor: "Contractor",
};

export const USERS_PAGE_SIZE = 25;
/** The CSV export stops here (the header says when it did). */
export const USERS_EXPORT_CAP = 5000;
export const USER_SORTS = ["name", "email", "access_level", "last_login"] as const;
export const ACCOUNT_STATUSES = ["enabled", "disabled"] as const;

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" || v === "all" ? undefined : v), z.enum(values).optional()).catch(undefined);

/** The users list's query string: bad values fall back to defaults (a URL is not a form). */
export const userListSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined),
  level: optionalEnum(ACCESS_LEVELS),
  status: optionalEnum(ACCOUNT_STATUSES),
  employment: optionalEnum(EMPLOYMENT_STATUSES),
  sort: z.enum(USER_SORTS).catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type UserListFilters = z.infer<typeof userListSchema>;

export function parseUserListParams(params: URLSearchParams): UserListFilters {
  return userListSchema.parse(Object.fromEntries(params));
}

const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** Template ids: optional short slugs ("" clears). Another area will turn these into selects. */
const templateId = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v) || null,
    z
      .string()
      .regex(SLUG, `${label}: use up to 64 lowercase letters, digits, "-" or "_"`)
      .nullable(),
  );

function isRealDate(value: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const userEditSchema = z.object({
  access_level: z.enum(ACCESS_LEVELS, { errorMap: () => ({ message: "Choose an access level" }) }),
  onboarding_template_id: templateId("Onboarding template"),
  scorecard_template_id: templateId("Scorecard template"),
  review_template_id: templateId("Review template"),
  template_profile_id: templateId("Template profile"),
  employment_status: z
    .enum(EMPLOYMENT_STATUSES, { errorMap: () => ({ message: "Choose an employment status" }) })
    .optional(),
  employment_basis: z.preprocess(
    (v) => (v === "" ? null : v),
    z.enum(EMPLOYMENT_BASES, { errorMap: () => ({ message: "Choose an employment basis" }) }).nullable().optional(),
  ),
  location: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || null : v),
    z.string().max(100, "Location: 100 characters at most").nullable().optional(),
  ),
  start_date: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || null : v),
    z.string().refine(isRealDate, "Start date: enter a real date (YYYY-MM-DD)").nullable().optional(),
  ),
});
export type UserEditInput = z.infer<typeof userEditSchema>;

export const userIdSchema = z.string().min(1).max(100);

/** One checkbox of the permission grid: `<level>:<tool>:<action>`. */
export function grantKey(level: AccessLevel, tool: ToolKey, action: Action) {
  return `${level}:${tool}:${action}`;
}

const KNOWN_GRANTS = new Set(
  ACCESS_LEVELS.flatMap((level) => TOOL_KEYS.flatMap((tool) => ACTIONS.map((action) => grantKey(level, tool, action)))),
);

/**
 * The whole grid in one POST: every checked box arrives as a `grant` value; a box that is not
 * sent is off. Unknown levels, tools or actions are refused.
 */
export const permissionGridSchema = z.object({
  grant: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().refine((g) => KNOWN_GRANTS.has(g), (g) => ({ message: `Unknown permission "${g.slice(0, 80)}"` }))).max(KNOWN_GRANTS.size),
  ),
});
export type PermissionGridInput = z.infer<typeof permissionGridSchema>;

export type Cell = { view: boolean; update: boolean; manage: boolean };

/**
 * The rule the grid follows (shown on the page): manage includes update, update includes view.
 * A box that a checked box implies is saved as checked.
 */
export function normaliseCell(cell: Cell): Cell {
  const manage = cell.manage;
  const update = cell.update || manage;
  const view = cell.view || update;
  return { view, update, manage };
}
