// Client-safe: the action centre's vocabulary — source modules, the source types other areas
// raise, and the quick filter tabs (ORIGINAL.md §7.5). Areas raising items should use these
// names so the tabs pick them up.
import { z } from "zod";

/** `icon` is a two-letter source mark (font-independent), shown next to the module name. */
export const ACTION_MODULES = [
  { key: "deals", label: "Deals", icon: "DE" },
  { key: "contracts", label: "Contracts", icon: "CT" },
  { key: "clients", label: "Clients", icon: "CL" },
  { key: "qbr", label: "QBRs", icon: "QB" },
  { key: "invoices", label: "Invoices", icon: "IN" },
  { key: "relationships", label: "Relationships", icon: "RE" },
  { key: "meetings", label: "Meetings", icon: "ME" },
  { key: "granola", label: "Granola", icon: "GR" },
  { key: "recruitment", label: "Recruitment", icon: "RC" },
  { key: "time", label: "Time", icon: "TI" },
  { key: "performance", label: "Performance", icon: "PF" },
  { key: "tasks", label: "Tasks", icon: "TA" },
  { key: "squads", label: "Squads", icon: "SQ" },
  { key: "slack", label: "Slack", icon: "SL" },
  { key: "gmail", label: "Gmail", icon: "GM" },
  { key: "manual", label: "Manual", icon: "MA" },
  { key: "proposals", label: "Proposals", icon: "PR" },
] as const;

export type ActionModuleKey = (typeof ACTION_MODULES)[number]["key"];
export const ACTION_MODULE_KEYS = ACTION_MODULES.map((m) => m.key) as unknown as readonly [ActionModuleKey, ...ActionModuleKey[]];

export function moduleInfo(key: string) {
  return ACTION_MODULES.find((m) => m.key === key) ?? { key, label: key.charAt(0).toUpperCase() + key.slice(1), icon: key.slice(0, 2).toUpperCase() };
}

/** source_type values the quick tabs match (raise items with these). */
export const SOURCE_TYPES = {
  /** Calls tab: follow-up calls and reconnect items. */
  calls: ["call", "follow_up", "follow_up_call", "reconnect"],
  /** Estimate tab: won deals needing a project, unanswered proposals. */
  estimate: ["estimate", "won_deal_no_project", "unanswered_proposal"],
} as const;

export const TABS = [
  { key: "all", label: "All" },
  { key: "calls", label: "Calls" },
  { key: "estimate", label: "Estimate" },
  { key: "relationship", label: "Relationship" },
  { key: "overdue", label: "Overdue" },
  { key: "granola", label: "From Granola" },
] as const;
export type TabKey = (typeof TABS)[number]["key"];
const TAB_KEYS = TABS.map((t) => t.key) as unknown as readonly [TabKey, ...TabKey[]];

/** Modules feeding the "From Granola" tab. */
export const GRANOLA_MODULES = ["meetings", "granola"] as const;

/** Which tab(s) a (module, type) pair belongs to, besides All and Overdue. */
export function tabsFor(sourceModule: string, sourceType: string): TabKey[] {
  const tabs: TabKey[] = [];
  if ((SOURCE_TYPES.calls as readonly string[]).includes(sourceType)) tabs.push("calls");
  if ((SOURCE_TYPES.estimate as readonly string[]).includes(sourceType)) tabs.push("estimate");
  if (sourceModule === "relationships") tabs.push("relationship");
  if ((GRANOLA_MODULES as readonly string[]).includes(sourceModule)) tabs.push("granola");
  return tabs;
}

export const PAGE_SIZE = 50;

const optionalId = z
  .string()
  .trim()
  .max(100)
  .regex(/^[\w.:-]*$/, "Not a valid id")
  .optional()
  .transform((v) => (v ? v : undefined));

/** The feed's URL filters (?tab=&module=&assignee=&status=&page=). Bad values fall back to defaults. */
export const feedFiltersSchema = z.object({
  tab: z.enum(TAB_KEYS).catch("all").default("all"),
  module: z.string().max(40).regex(/^[a-z_]*$/).optional().catch(undefined).transform((v) => (v ? v : undefined)),
  assignee: optionalId.catch(undefined),
  status: z.enum(["open", "done"]).catch("open").default("open"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type FeedFilters = z.infer<typeof feedFiltersSchema>;

export const INTENTS = ["complete", "reopen", "create", "preferences"] as const;
export const intentSchema = z.object({ intent: z.enum(INTENTS, { message: "Unknown action" }) });

export const itemIdSchema = z.object({ id: z.string().trim().min(1, "Missing item").max(100) });

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-30")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "Not a real date");

export const manualItemSchema = z.object({
  title: z.string().trim().min(1, "Give the item a title").max(200, "Keep the title under 200 characters"),
  description: z.string().trim().max(2000, "Keep the description under 2,000 characters").optional().transform((v) => v || null),
  companyId: optionalId.transform((v) => v ?? null),
  dueDate: z.union([z.literal(""), isoDate]).optional().transform((v) => v || null),
  assigneeId: optionalId.transform((v) => v ?? null),
});
export type ManualItemInput = z.infer<typeof manualItemSchema>;

export const preferencesSchema = z.object({
  "visible[]": z.union([z.string(), z.array(z.string())]).optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.enum(ACTION_MODULE_KEYS, { message: "Unknown module" }))),
});
