// Client-safe: the squads area's vocabulary and forms (ORIGINAL §7.4).
import { z } from "zod";

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const weekdayName = (day: number | null) => (day && day >= 1 && day <= 7 ? WEEKDAYS[day - 1]! : null);

export const LEAD_ROLES = ["director", "design_lead", "account_lead", "strategy_lead", "other"] as const;
export type LeadRole = (typeof LEAD_ROLES)[number];
export const LEAD_ROLE_LABELS: Record<LeadRole, string> = {
  director: "Director", design_lead: "Design lead", account_lead: "Account lead", strategy_lead: "Strategy lead", other: "Lead",
};

export const SECTIONS = ["progress", "plans", "problems", "promotions"] as const;
export type Section = (typeof SECTIONS)[number];
export const SECTION_LABELS: Record<Section, { title: string; hint: string }> = {
  progress: { title: "Progress", hint: "Last week: completed work, utilisation, time-entry quality" },
  plans: { title: "Plans", hint: "This week: deadlines, sprint work, open actions" },
  problems: { title: "Problems", hint: "Blockers, risks, overdue items, client health flags" },
  promotions: { title: "Promotions", hint: "Wins, callouts, new starters, anniversaries" },
};

const MAX_SECTION = 5000;
const optionalId = z.preprocess((v) => (typeof v === "string" ? v.trim() || null : v ?? null), z.string().max(100).nullable());
const isRealDate = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
};

export const squadEditSchema = z.object({
  intent: z.literal("save-squad"),
  color: z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, "Choose a colour like #2563eb"),
  dm_person_id: optionalId,
  tech_lead_person_id: optionalId,
  kickoff_day: z.preprocess(
    (v) => (v === "" || v === undefined ? null : v),
    z.coerce.number({ invalid_type_error: "Choose a day" }).int().min(1, "Choose a day").max(7, "Choose a day").nullable(),
  ),
  kickoff_time: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || null : v ?? null),
    z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour time like 09:30").nullable(),
  ),
  focus_note: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || null : v ?? null),
    z.string().max(500, "Keep the focus note under 500 characters").nullable(),
  ),
});

export const addLeadSchema = z.object({
  intent: z.literal("add-lead"),
  person_id: z.string({ required_error: "Choose a person" }).trim().min(1, "Choose a person").max(100),
  role: z.enum(LEAD_ROLES, { errorMap: () => ({ message: "Choose a role" }) }),
});
export const removeLeadSchema = z.object({ intent: z.literal("remove-lead"), lead_id: z.string().trim().min(1).max(100) });

const checkbox = z.preprocess((v) => (v === "on" || v === "1" || v === "true" ? 1 : 0), z.union([z.literal(0), z.literal(1)]));
export const notificationConfigSchema = z.object({
  intent: z.literal("save-notifications"),
  slack_channel: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().replace(/^#/, "") || null : v ?? null),
    z.string().regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, "Slack channel names are lower-case letters, digits, - and _").nullable(),
  ),
  notify_members_on_session: checkbox,
  notify_leads_on_session: checkbox,
  notify_assignee_on_action: checkbox,
});

export const openSessionSchema = z.object({ intent: z.literal("open-session") });

export const squadFormSchema = z.discriminatedUnion("intent", [squadEditSchema, addLeadSchema, removeLeadSchema, notificationConfigSchema, openSessionSchema], {
  errorMap: (issue, ctx) => (issue.code === "invalid_union_discriminator" ? { message: "Unknown action" } : { message: ctx.defaultError }),
});
export type SquadForm = z.infer<typeof squadFormSchema>;

const section = z.string().max(MAX_SECTION, `Keep each section under ${MAX_SECTION.toLocaleString("en")} characters`).default("");
export const saveSessionSchema = z.object({ intent: z.literal("save"), progress: section, plans: section, problems: section, promotions: section });
export const addActionSchema = z.object({
  intent: z.literal("add-action"),
  title: z.string({ required_error: "Describe the action" }).trim().min(1, "Describe the action").max(200, "Keep it under 200 characters"),
  assignee_person_id: optionalId,
  due_date: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || null : v ?? null),
    z.string().refine(isRealDate, "Enter a real date (YYYY-MM-DD)").nullable(),
  ),
});
export const actionStatusSchema = z.object({ intent: z.enum(["action-done", "action-reopen"]), action_id: z.string().trim().min(1).max(100) });

export const sessionFormSchema = z.discriminatedUnion("intent", [
  saveSessionSchema,
  z.object({ intent: z.literal("brief") }),
  z.object({ intent: z.literal("complete") }),
  z.object({ intent: z.literal("reopen") }),
  addActionSchema,
  actionStatusSchema.extend({ intent: z.literal("action-done") }),
  actionStatusSchema.extend({ intent: z.literal("action-reopen") }),
], {
  errorMap: (issue, ctx) => (issue.code === "invalid_union_discriminator" ? { message: "Unknown action" } : { message: ctx.defaultError }),
});
export type SessionForm = z.infer<typeof sessionFormSchema>;

export const BRIEF_LABELS = {
  rules: "Rule-based draft from Nucleus data — edit before the session",
  ai: "AI draft — review before sharing",
} as const;
