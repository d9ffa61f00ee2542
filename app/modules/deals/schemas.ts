// Client-safe: deal enums, labels, money / weighted-value maths and the form and query-string
// schemas (zod).
import { z } from "zod";
import { checkbox, optionalDate, optionalId, optionalText, requiredId, requiredText } from "~/modules/delivery/schemas";

export const DEAL_STATUSES = ["open", "won", "lost"] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];
export const DEAL_STATUS_LABELS: Record<DealStatus, string> = { open: "Open", won: "Won", lost: "Lost" };

export const STAGE_TYPES = ["open", "won", "lost"] as const;
export type StageType = (typeof STAGE_TYPES)[number];
export const STAGE_TYPE_LABELS: Record<StageType, string> = { open: "Open", won: "Won", lost: "Lost" };

export const CONTACT_ROLES = ["decision_maker", "champion", "influencer", "economic_buyer", "technical", "billing", "other"] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];
export const CONTACT_ROLE_LABELS: Record<ContactRole, string> = {
  decision_maker: "Decision maker", champion: "Champion", influencer: "Influencer", economic_buyer: "Economic buyer",
  technical: "Technical", billing: "Billing", other: "Other",
};

export const DEAL_TABS = ["overview", "contacts", "participants", "stages", "meetings", "research", "notes", "history"] as const;
export type DealTab = (typeof DEAL_TABS)[number];
export const DEAL_TAB_LABELS: Record<DealTab, string> = {
  overview: "Overview", contacts: "Contacts", participants: "Deal team", stages: "Stage history", meetings: "Meetings", research: "Research",
  notes: "Notes", history: "History",
};

export const DEALS_PAGE_SIZE = 25;
export const DEALS_EXPORT_CAP = 5000;
/** Cards per board column (the column header says when there are more). */
export const DEAL_BOARD_COLUMN_LIMIT = 20;
/** Won / lost columns on the board show deals closed in the last N days. */
export const BOARD_CLOSED_DAYS = 30;
export const ROTTING_SOURCE_TYPE = "stale_deal";
export const WON_NO_PROJECT_SOURCE_TYPE = "won_deal_no_project";

// ---------------------------------------------------------------------------------------------
// Maths (integer cents; probability in whole percent)

const DAY_MS = 86_400_000;

/** value × probability, rounded to the cent. */
export function weightedCents(valueCents: number, probability: number) {
  return Math.round((Number(valueCents) * Number(probability)) / 100);
}

/** The probability that applies: the deal's override, else its stage's. */
export function effectiveProbability(stageProbability: number, override: number | null | undefined) {
  return override === null || override === undefined ? Number(stageProbability) : Number(override);
}

/** Whole days from `fromIso` to `now` (never negative). */
export function daysSince(fromIso: string, now: Date = new Date()) {
  const from = Date.parse(fromIso);
  if (Number.isNaN(from)) return 0;
  return Math.max(0, Math.floor((now.getTime() - from) / DAY_MS));
}

/** An open deal untouched (no update) for at least its stage's rotting days. */
export function isRotting(
  deal: { status: string; updated_at: string },
  stage: { rotting_days: number | null; stage_type?: string | null },
  now: Date = new Date(),
) {
  if (deal.status !== "open" || !stage.rotting_days || (stage.stage_type && stage.stage_type !== "open")) return false;
  return daysSince(deal.updated_at, now) >= stage.rotting_days;
}

export function formatMoney(cents: number | null | undefined, currency = "AUD") {
  const value = Number(cents ?? 0) / 100;
  try {
    return new Intl.NumberFormat("en-AU", { style: "currency", currency, maximumFractionDigits: 0 }).format(value);
  } catch {
    return `${currency} ${value.toFixed(0)}`;
  }
}

/** "12,500.50" / "$12,500" → cents; null when it is not a money amount. */
export function parseMoney(value: unknown): number | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const text = String(value).replace(/[$,\s]/g, "").replace(/^AUD/i, "");
  if (text === "") return 0;
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(text)) return null;
  return Math.round(Number(text) * 100);
}

// ---------------------------------------------------------------------------------------------
// Forms

const money = z.preprocess(
  (v) => (v === undefined || v === null ? 0 : parseMoney(v) ?? Number.NaN),
  z.number({ invalid_type_error: "Value: enter an amount like 12500 or 12,500.50" })
    .refine((n) => Number.isFinite(n), "Value: enter an amount like 12500 or 12,500.50")
    .refine((n) => n >= 0, "Value cannot be negative")
    .refine((n) => n <= 100_000_000_000, "Value is too large"),
);
const optionalPercent = (label: string) =>
  z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? null : v),
    z.coerce.number({ invalid_type_error: `${label} must be a whole number from 0 to 100` })
      .int(`${label} must be a whole number from 0 to 100`).min(0, `${label} must be from 0 to 100`).max(100, `${label} must be from 0 to 100`).nullable(),
  );
const percent = (label: string) =>
  z.coerce.number({ invalid_type_error: `${label} must be a whole number from 0 to 100` })
    .int(`${label} must be a whole number from 0 to 100`).min(0, `${label} must be from 0 to 100`).max(100, `${label} must be from 0 to 100`);
const optionalDays = (label: string) =>
  z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? null : v),
    z.coerce.number({ invalid_type_error: `${label} must be a whole number of days` })
      .int(`${label} must be a whole number of days`).min(1, `${label}: at least 1 day`).max(365, `${label}: at most 365 days`).nullable(),
  );

export const dealFieldsSchema = z.object({
  title: requiredText(200, "Title"),
  description: optionalText(5000, "Description"),
  company_id: optionalId,
  primary_contact_id: optionalId,
  owner_id: optionalId,
  value: money,
  currency: z.preprocess((v) => (typeof v === "string" && v.trim() ? v.trim().toUpperCase() : "AUD"), z.string().regex(/^[A-Z]{3}$/, "Currency: a three-letter code like AUD")),
  probability_override: optionalPercent("Probability"),
  expected_close_date: optionalDate("Expected close date"),
  source: optionalText(100, "Source"),
});
export type DealFields = z.infer<typeof dealFieldsSchema>;

export const dealCreateSchema = dealFieldsSchema.extend({
  pipeline_id: optionalId,
  stage_id: optionalId,
});
export type DealCreateInput = z.infer<typeof dealCreateSchema>;

export const moveSchema = z.object({
  intent: z.literal("move"),
  deal_id: requiredId("Choose a deal"),
  stage_id: requiredId("Choose a stage"),
});

export const dealIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("move"), stage_id: requiredId("Choose a stage") }),
  z.object({
    intent: z.literal("win"),
    reason: optionalText(1000, "Reason"),
    create_project: checkbox,
  }),
  z.object({ intent: z.literal("lose"), reason: requiredText(1000, "A reason for losing the deal") }),
  z.object({ intent: z.literal("reopen") }),
  z.object({ intent: z.literal("add_participant"), person_id: requiredId("Choose a person"), role: optionalText(80, "Role") }),
  z.object({ intent: z.literal("remove_participant"), participant_id: requiredId("Choose a participant") }),
  z.object({
    intent: z.literal("add_contact"),
    contact_id: requiredId("Choose a contact"),
    role: z.enum(CONTACT_ROLES, { errorMap: () => ({ message: "Choose a role" }) }),
  }),
  z.object({ intent: z.literal("remove_contact"), link_id: requiredId("Choose a contact link") }),
  z.object({ intent: z.literal("research") }),
  z.object({ intent: z.literal("delete") }),
]);
export type DealIntent = z.infer<typeof dealIntentSchema>;

// Pipelines admin
const stageFields = {
  name: requiredText(80, "Stage name"),
  probability: percent("Probability"),
  stage_type: z.enum(STAGE_TYPES, { errorMap: () => ({ message: "Choose a stage type" }) }),
  rotting_days: optionalDays("Rotting days"),
};
export const pipelineIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create_pipeline"), name: requiredText(120, "Pipeline name"), description: optionalText(1000, "Description") }),
  z.object({
    intent: z.literal("update_pipeline"), pipeline_id: requiredId("Choose a pipeline"),
    name: requiredText(120, "Pipeline name"), description: optionalText(1000, "Description"), is_active: checkbox,
  }),
  z.object({ intent: z.literal("set_default"), pipeline_id: requiredId("Choose a pipeline") }),
  z.object({ intent: z.literal("add_stage"), pipeline_id: requiredId("Choose a pipeline"), ...stageFields }),
  z.object({ intent: z.literal("update_stage"), stage_id: requiredId("Choose a stage"), ...stageFields }),
  z.object({ intent: z.literal("move_stage"), stage_id: requiredId("Choose a stage"), direction: z.enum(["up", "down"]) }),
  z.object({ intent: z.literal("delete_stage"), stage_id: requiredId("Choose a stage") }),
]);
export type PipelineIntent = z.infer<typeof pipelineIntentSchema>;

// ---------------------------------------------------------------------------------------------
// List query string

const q = z.preprocess((v) => (typeof v === "string" ? v.trim().slice(0, 100) : ""), z.string()).catch("");
const idParam = z.preprocess((v) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 200) : undefined), z.string().optional()).catch(undefined);
export const DEAL_SORTS = ["title", "company", "stage", "value", "weighted", "close", "updated", "created", "owner"] as const;
export type DealSort = (typeof DEAL_SORTS)[number];
export const dealListSchema = z.object({
  q,
  pipeline: idParam,
  stage: idParam,
  owner: idParam, // a person id, or "me"
  company: idParam,
  status: z.enum(DEAL_STATUSES).optional().catch(undefined),
  rotting: z.preprocess((v) => v === "1" || v === "true", z.boolean()).catch(false),
  sort: z.enum(DEAL_SORTS).catch("updated").default("updated"),
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type DealListFilters = z.infer<typeof dealListSchema>;
/** The deal form's fields echoed in a GET (the form re-rendered with another company's contacts). */
export const DEAL_FORM_FIELDS = [
  "title", "description", "company_id", "primary_contact_id", "owner_id", "value", "currency", "probability_override",
  "expected_close_date", "source", "pipeline_id", "stage_id",
] as const;
export function dealFormValuesFrom(params: URLSearchParams): Partial<Record<(typeof DEAL_FORM_FIELDS)[number], string>> | null {
  if (!params.has("company_id")) return null;
  return Object.fromEntries(DEAL_FORM_FIELDS.map((k) => [k, (params.get(k) ?? "").slice(0, 5000)]));
}

export const parseDealListParams = (params: URLSearchParams): DealListFilters => dealListSchema.parse(Object.fromEntries(params));
