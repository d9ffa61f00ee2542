// Client-safe: template kinds, labels and the forms of Settings ▸ Templates.
import { z } from "zod";

export const TEMPLATE_TYPES = ["onboarding", "scorecards", "reviews", "profiles"] as const;
export type TemplateType = (typeof TEMPLATE_TYPES)[number];
/** The three kinds that have items (profiles bundle one of each). */
export type TemplateKind = Exclude<TemplateType, "profiles">;
export const TEMPLATE_KINDS = ["onboarding", "scorecards", "reviews"] as const satisfies readonly TemplateKind[];

export const TYPE_LABELS: Record<TemplateType, string> = {
  onboarding: "Onboarding",
  scorecards: "Scorecards",
  reviews: "Reviews",
  profiles: "Profiles",
};
export const TYPE_SINGULAR: Record<TemplateType, string> = {
  onboarding: "onboarding template",
  scorecards: "scorecard template",
  reviews: "review template",
  profiles: "template profile",
};

export const COMMON_ONBOARDING_TEMPLATE_ID = "tpl-onb-common";
export const CADENCES = ["weekly", "monthly"] as const;
export const TEMPLATES_PAGE_SIZE = 50;
/** At most this many users are assigned a profile in one submit (and listed to choose from). */
export const ASSIGN_LIMIT = 50;

export function parseTemplateType(value: string | null | undefined): TemplateType {
  return (TEMPLATE_TYPES as readonly string[]).includes(value ?? "") ? (value as TemplateType) : "onboarding";
}

const text = (label: string, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.string({ required_error: `${label} is required` }).min(1, `${label} is required`).max(max, `${label}: ${max} characters at most`),
  );
const optionalText = (label: string, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || null : v ?? null),
    z.string().max(max, `${label}: ${max} characters at most`).nullable(),
  );
const id = z.string().trim().min(1, "Missing id").max(100);
const choice = (label: string) => z.string({ required_error: `Choose ${label}` }).trim().min(1, `Choose ${label}`).max(100);
/** Checkbox arrays arrive as a string (one box) or an array (several). */
const idList = (label: string) =>
  z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(id).min(1, `Choose at least one ${label}`).max(ASSIGN_LIMIT, `At most ${ASSIGN_LIMIT} at a time`),
  );

export const headerFields = {
  name: text("Name", 120),
  description: optionalText("Description", 1000),
};

export const profileFields = {
  ...headerFields,
  onboarding_template_id: choice("an onboarding template"),
  scorecard_template_id: choice("a scorecard template"),
  review_template_id: choice("a review template"),
};

/** Creating from the list page (the fields depend on the type). */
export const createSchemas = {
  onboarding: z.object({ intent: z.literal("create"), ...headerFields }),
  scorecards: z.object({ intent: z.literal("create"), ...headerFields, cadence: z.enum(CADENCES, { errorMap: () => ({ message: "Choose weekly or monthly" }) }) }),
  reviews: z.object({ intent: z.literal("create"), ...headerFields }),
  profiles: z.object({ intent: z.literal("create"), ...profileFields }),
} as const;

/** Duplicate / delete / restore: the same on the list and the detail page. */
export const rowActionSchema = z.object({
  intent: z.enum(["duplicate", "delete", "restore"]),
  id,
});

export const itemFields = {
  onboarding: {
    phase_id: choice("a phase"),
    title: text("Title", 200),
    description: optionalText("Details", 2000),
  },
  scorecards: {
    label: text("Label", 200),
    description: optionalText("Description", 2000),
  },
  reviews: {
    area: text("Area", 80),
    label: text("Label", 200),
    description: optionalText("Description", 2000),
    is_mandatory: z.preprocess((v) => v === "1" || v === "on" || v === "true", z.boolean()),
  },
} as const;

export function detailSchema(kind: TemplateKind) {
  const update = z.object({
    intent: z.literal("update"),
    ...headerFields,
    ...(kind === "scorecards" ? { cadence: z.enum(CADENCES, { errorMap: () => ({ message: "Choose weekly or monthly" }) }) } : {}),
  });
  return z.discriminatedUnion("intent", [
    update,
    z.object({ intent: z.literal("add_item"), ...itemFields[kind] }),
    z.object({ intent: z.literal("update_item"), item_id: id, ...itemFields[kind] }),
    z.object({ intent: z.literal("delete_item"), item_id: id }),
    z.object({ intent: z.literal("move_item"), item_id: id, direction: z.enum(["up", "down"]) }),
    z.object({ intent: z.enum(["duplicate", "delete", "restore"]) }),
  ]);
}

export const profileDetailSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update"), ...profileFields }),
  z.object({ intent: z.literal("assign"), user_ids: idList("person") }),
  z.object({ intent: z.enum(["duplicate", "delete", "restore"]) }),
]);

export type TemplateUpdateInput = { name: string; description: string | null; cadence?: (typeof CADENCES)[number] };
export type ProfileInput = z.infer<z.ZodObject<typeof profileFields>>;
export type ItemInput =
  | { phase_id: string; title: string; description: string | null }
  | { label: string; description: string | null }
  | { area: string; label: string; description: string | null; is_mandatory: boolean };

const NOTICES: Record<string, string> = {
  created: "Created.",
  duplicated: "Duplicated with all its items. This is the copy.",
  deleted: "Deleted for good: nothing had ever used it.",
  archived: "Archived: it had been used before, so it is kept (restorable) but can no longer be chosen.",
  restored: "Restored.",
  saved: "Saved.",
  unchanged: "Nothing changed.",
  item_added: "Item added.",
  item_saved: "Item saved.",
  item_deleted: "Item deleted.",
  item_moved: "Item moved.",
};

/** The confirmation shown after a redirect (?notice=…). */
export function noticeText(notice: string | null): string | null {
  if (!notice) return null;
  const assigned = /^assigned_(\d+)$/.exec(notice);
  if (assigned) {
    const n = Number(assigned[1]);
    return n === 0 ? "Everyone chosen already had this profile." : `Assigned to ${n} ${n === 1 ? "person" : "people"}; their onboarding, scorecard and review templates now follow this profile.`;
  }
  return NOTICES[notice] ?? null;
}
