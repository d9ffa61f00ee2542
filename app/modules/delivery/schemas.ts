// Client-safe: delivery enums, labels and form / query-string schemas (zod).
import { z } from "zod";

export const PROJECT_STATUSES = ["planning", "active", "on_hold", "completed", "cancelled"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  planning: "Planning", active: "Active", on_hold: "On hold", completed: "Completed", cancelled: "Cancelled",
};
export const MEMBER_ROLES = ["owner", "delivery_manager", "lead", "member", "observer"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const MEMBER_ROLE_LABELS: Record<MemberRole, string> = {
  owner: "Owner", delivery_manager: "Delivery manager", lead: "Lead", member: "Member", observer: "Observer",
};
export const GOAL_STATUSES = ["not_started", "on_track", "at_risk", "off_track", "achieved"] as const;
export const GOAL_STATUS_LABELS: Record<(typeof GOAL_STATUSES)[number], string> = {
  not_started: "Not started", on_track: "On track", at_risk: "At risk", off_track: "Off track", achieved: "Achieved",
};
export const DECISION_STATUSES = ["proposed", "decided", "superseded"] as const;
export const DECISION_STATUS_LABELS: Record<(typeof DECISION_STATUSES)[number], string> = {
  proposed: "Proposed", decided: "Decided", superseded: "Superseded",
};
export const SPRINT_STATUSES = ["planned", "active", "closed"] as const;
export const SPRINT_STATUS_LABELS: Record<(typeof SPRINT_STATUSES)[number], string> = {
  planned: "Planned", active: "Active", closed: "Closed",
};
export const ROADMAP_ITEM_STATUSES = ["planned", "in_progress", "done", "at_risk"] as const;
export const ROADMAP_ITEM_STATUS_LABELS: Record<(typeof ROADMAP_ITEM_STATUSES)[number], string> = {
  planned: "Planned", in_progress: "In progress", done: "Done", at_risk: "At risk",
};
export const TASK_RESOURCE_TYPES = ["project", "company", "contact", "deal", "client", "person", "internal"] as const;
export const TASK_RESOURCE_KINDS = ["team", "budget", "compute", "link", "other"] as const;
export const REPORT_FREQUENCIES = ["weekly", "fortnightly", "monthly"] as const;
export const REPORT_SECTIONS = ["summary", "progress", "risks", "sla", "decisions"] as const;
export const AGENT_FEATURES = ["triage", "summarise", "next_steps", "draft_reply"] as const;
export type AgentFeature = (typeof AGENT_FEATURES)[number];
export const AGENT_FEATURE_LABELS: Record<AgentFeature, string> = {
  triage: "Triage (priority and type)", summarise: "Summarise", next_steps: "Suggest next steps", draft_reply: "Draft a reply",
};
export const PROJECT_TABS = [
  "overview", "tasks", "board", "sprints", "roadmap", "members", "goals", "decisions", "reports", "meetings", "agents", "notes", "history",
] as const;
export type ProjectTab = (typeof PROJECT_TABS)[number];
export const TASK_TABS = ["overview", "notes", "history"] as const;
export type TaskTab = (typeof TASK_TABS)[number];
export const DUE_FILTERS = ["today", "upcoming", "overdue"] as const;

export const PROJECTS_PAGE_SIZE = 25;
export const TASKS_PAGE_SIZE = 50;
export const EXPORT_CAP = 5000;
/** Cards per board column (the column header says when there are more). */
export const BOARD_COLUMN_LIMIT = 50;

// ---------------------------------------------------------------------------------------------
// Field helpers

const blankToNull = (v: unknown) => (typeof v === "string" ? (v.trim() === "" ? null : v.trim()) : v ?? null);
export const optionalText = (max: number, label = "This") =>
  z.preprocess(blankToNull, z.string().max(max, `${label} is too long (max ${max} characters)`).nullable());
export const requiredText = (max: number, label: string) =>
  z.string({ required_error: `${label} is required` }).trim().min(1, `${label} is required`).max(max, `${label} is too long (max ${max} characters)`);
export const optionalId = z.preprocess(blankToNull, z.string().max(200).nullable());
export const requiredId = (message: string) => z.string({ required_error: message }).trim().min(1, message).max(200);

export function isRealDate(value: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
export const optionalDate = (label = "Date") =>
  z.preprocess(blankToNull, z.string().refine(isRealDate, `${label}: use a real date (YYYY-MM-DD)`).nullable());
export const optionalHours = (label = "Hours") =>
  z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? null : v),
    z.coerce.number({ invalid_type_error: `${label} must be a number` }).min(0, `${label} cannot be negative`).max(100_000, `${label} is too large`).nullable(),
  );
export const checkbox = z.preprocess((v) => v === "on" || v === "1" || v === "true" || v === true, z.boolean());
const toList = (value: unknown) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]);

const datesInOrder = <T extends { start_date: string | null; end_date: string | null }>(v: T) =>
  !v.start_date || !v.end_date || v.start_date <= v.end_date;
const datesMessage = { message: "The end date must be on or after the start date", path: ["end_date"] };
/** For discriminated unions (their members cannot carry refinements): end date ≥ start date. */
const checkDateOrder = (value: object, ctx: z.RefinementCtx) => {
  const v = value as { start_date?: string | null; end_date?: string | null; due_date?: string | null };
  if (v.start_date && v.end_date && v.start_date > v.end_date) ctx.addIssue({ code: "custom", ...datesMessage });
  if (v.start_date && v.due_date && v.start_date > v.due_date) {
    ctx.addIssue({ code: "custom", message: "The due date must be on or after the start date", path: ["due_date"] });
  }
};
const unionErrors = {
  errorMap: (issue: z.ZodIssueOptionalMessage, ctx: { defaultError: string }) =>
    issue.code === "invalid_union_discriminator" ? { message: "Unknown action" } : { message: ctx.defaultError },
};

// ---------------------------------------------------------------------------------------------
// Query strings (a URL is not a form: bad values fall back to defaults)

const q = z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined);
const idParam = z.string().trim().max(200).optional().catch(undefined).transform((v) => v || undefined);
const page = z.coerce.number().int().min(1).max(100_000).catch(1).default(1);
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" || v === "all" ? undefined : v), z.enum(values).optional()).catch(undefined);
const csvIds = z
  .string()
  .optional()
  .catch(undefined)
  .transform((v) => (v ? v.split(",").map((s) => s.trim()).filter(Boolean).slice(0, 20) : []));

export const projectListSchema = z.object({
  q,
  status: optionalEnum(PROJECT_STATUSES),
  company: idParam,
  type: idParam,
  owner: idParam,
  squad: idParam,
  sort: z.enum(["name", "status", "start_date", "end_date", "created"]).catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page,
});
export type ProjectListFilters = z.infer<typeof projectListSchema>;
export const parseProjectListParams = (params: URLSearchParams): ProjectListFilters =>
  projectListSchema.parse(Object.fromEntries(params));

export const taskListSchema = z.object({
  q,
  status: csvIds,
  priority: idParam,
  type: idParam,
  assignee: idParam, // a person id, or "me"
  project: idParam,
  due: optionalEnum(DUE_FILTERS),
  open: z.preprocess((v) => v === "1" || v === "true", z.boolean()).catch(false),
  top: z.preprocess((v) => v === "1" || v === "true", z.boolean()).catch(false),
  sort: z.enum(["updated", "due", "priority", "title"]).catch("updated").default("updated"),
  page,
});
export type TaskListFilters = z.infer<typeof taskListSchema>;
export const parseTaskListParams = (params: URLSearchParams): TaskListFilters => taskListSchema.parse(Object.fromEntries(params));

export function parseTab<T extends readonly string[]>(tabs: T, value: string | null): T[number] {
  return value && (tabs as readonly string[]).includes(value) ? (value as T[number]) : tabs[0]!;
}

// ---------------------------------------------------------------------------------------------
// Config lists

export const configItemSchema = z.object({
  label: requiredText(80, "Label"),
  value: z
    .string({ required_error: "Value is required" })
    .trim()
    .min(1, "Value is required")
    .max(60, "Value is too long")
    .regex(/^[a-z0-9_-]+$/, "Value: lowercase letters, digits, '-' or '_'"),
  color: z.preprocess(blankToNull, z.string().regex(/^#[0-9a-fA-F]{6}$/, "Colour: a hex value like #2563eb").nullable()),
  position: z.preprocess((v) => (v === "" || v === undefined ? 99 : v), z.coerce.number({ invalid_type_error: "Position must be a number" }).int().min(0).max(9999)),
  stage_type: z.preprocess(blankToNull, z.enum(["not_started", "in_progress", "done"], { errorMap: () => ({ message: "Choose a stage" }) }).nullable()),
  is_default: checkbox,
});
export const configListFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), list_id: requiredId("Choose a list"), ...configItemSchema.shape }),
  z.object({ intent: z.literal("update"), item_id: requiredId("Choose an item"), ...configItemSchema.shape }),
  z.object({ intent: z.literal("toggle"), item_id: requiredId("Choose an item") }),
]);
export type ConfigListForm = z.infer<typeof configListFormSchema>;

// ---------------------------------------------------------------------------------------------
// Projects

const projectFields = z.object({
    name: requiredText(160, "Name"),
    description: optionalText(5000, "Description"),
    company_id: optionalId,
    type_id: optionalId,
    status: z.enum(PROJECT_STATUSES, { errorMap: () => ({ message: "Choose a status" }) }).default("active"),
    owner_id: optionalId,
    delivery_manager_id: optionalId,
    squad: optionalText(60, "Squad"),
    start_date: optionalDate("Start date"),
    end_date: optionalDate("End date"),
    sla_policy_id: optionalId,
    auto_ticket_enabled: checkbox,
    inbound_address: z.preprocess(blankToNull, z.string().email("Inbound address: use an email address").max(200).nullable()),
    match_sender_domain: checkbox,
  });
export const projectFieldsSchema = projectFields.refine(datesInOrder, datesMessage);
export const projectCreateSchema = z
  .object({ ...projectFields.shape, setup_template_id: optionalId })
  .refine(datesInOrder, datesMessage);
export type ProjectFields = z.infer<typeof projectFieldsSchema>;
export type ProjectCreateInput = z.infer<typeof projectCreateSchema>;

const goalFields = {
  title: requiredText(200, "Goal"),
  description: optionalText(2000, "Description"),
  status: z.enum(GOAL_STATUSES).catch("not_started"),
  target_date: optionalDate("Target date"),
};
const decisionFields = {
  title: requiredText(200, "Decision"),
  context: optionalText(5000, "Context"),
  outcome: optionalText(5000, "Outcome"),
  status: z.enum(DECISION_STATUSES).catch("decided"),
  decided_on: optionalDate("Decided on"),
};
const taskQuickFields = {
  title: requiredText(200, "Title"),
  status_id: optionalId,
  priority_id: optionalId,
  type_id: optionalId,
  assignee_id: optionalId,
  due_date: optionalDate("Due date"),
  sprint_id: optionalId,
};

export const projectIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update"), ...projectFields.shape }),
  z.object({ intent: z.literal("add_member"), person_id: requiredId("Choose a person"), role: z.enum(MEMBER_ROLES, { errorMap: () => ({ message: "Choose a role" }) }) }),
  z.object({ intent: z.literal("set_member_role"), member_id: requiredId("Choose a member"), role: z.enum(MEMBER_ROLES, { errorMap: () => ({ message: "Choose a role" }) }) }),
  z.object({ intent: z.literal("remove_member"), member_id: requiredId("Choose a member") }),
  z.object({ intent: z.literal("add_goal"), ...goalFields }),
  z.object({ intent: z.literal("update_goal"), goal_id: requiredId("Choose a goal"), ...goalFields }),
  z.object({ intent: z.literal("delete_goal"), goal_id: requiredId("Choose a goal") }),
  z.object({ intent: z.literal("add_decision"), ...decisionFields }),
  z.object({ intent: z.literal("delete_decision"), decision_id: requiredId("Choose a decision") }),
  z.object({ intent: z.literal("add_task"), ...taskQuickFields }),
  z.object({ intent: z.literal("move_task"), task_id: requiredId("Choose a task"), status_id: requiredId("Choose a status") }),
  z.object({
    intent: z.literal("add_sprint"),
    name: requiredText(120, "Sprint name"),
    goal: optionalText(1000, "Goal"),
    start_date: optionalDate("Start date"),
    end_date: optionalDate("End date"),
  }),
  z.object({
    intent: z.literal("add_roadmap"),
    name: requiredText(120, "Roadmap name"),
    description: optionalText(2000, "Description"),
    start_date: optionalDate("Start date"),
    end_date: optionalDate("End date"),
  }),
  z.object({
    intent: z.literal("report_settings"),
    frequency: z.enum(REPORT_FREQUENCIES, { errorMap: () => ({ message: "Choose a frequency" }) }),
    recipients: z.preprocess(
      (v) => (typeof v === "string" ? v.split(/[\s,;]+/).filter(Boolean) : []),
      z.array(z.string().email("Recipients: use email addresses separated by commas")).max(30, "At most 30 recipients"),
    ),
    sections: z.preprocess(toList, z.array(z.enum(REPORT_SECTIONS)).min(1, "Choose at least one section")),
    is_active: checkbox,
  }),
  z.object({ intent: z.literal("create_report"), narrative: optionalText(10_000, "Narrative"), health: z.enum(["green", "amber", "red"]).catch("green") }),
  z.object({ intent: z.literal("generate_summary") }),
  z.object({
    intent: z.literal("agent_config"),
    is_enabled: checkbox,
    features: z.preprocess(toList, z.array(z.enum(AGENT_FEATURES, { errorMap: () => ({ message: "Unknown feature" }) }))),
    confidence_threshold: z.coerce.number({ invalid_type_error: "Threshold must be a number" }).int().min(0, "0–100").max(100, "0–100"),
    max_runs_per_task: z.coerce.number({ invalid_type_error: "Limit must be a number" }).int().min(1, "At least 1").max(1000, "At most 1000"),
    instructions: optionalText(4000, "Instructions"),
  }),
], unionErrors).superRefine(checkDateOrder);
export type ProjectIntent = z.infer<typeof projectIntentSchema>;

// ---------------------------------------------------------------------------------------------
// Setup templates

export const templateIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create_template"), name: requiredText(120, "Template name"), description: optionalText(2000, "Description"), project_type_id: optionalId }),
  z.object({
    intent: z.literal("add_phase"),
    template_id: requiredId("Choose a template"),
    name: requiredText(120, "Phase name"),
    offset_days: z.coerce.number({ invalid_type_error: "Offset must be a number" }).int().min(0).max(3650).catch(0),
    duration_days: z.coerce.number({ invalid_type_error: "Duration must be a number" }).int().min(0).max(3650).catch(7),
  }),
  z.object({
    intent: z.literal("add_template_task"),
    phase_id: requiredId("Choose a phase"),
    title: requiredText(200, "Task title"),
    estimated_hours: optionalHours("Estimate"),
  }),
  z.object({ intent: z.literal("toggle_template"), template_id: requiredId("Choose a template") }),
], unionErrors).superRefine(checkDateOrder);
export type TemplateIntent = z.infer<typeof templateIntentSchema>;

// ---------------------------------------------------------------------------------------------
// Tasks

const taskFields = z.object({
    title: requiredText(200, "Title"),
    description: optionalText(20_000, "Description"),
    status_id: optionalId,
    priority_id: optionalId,
    type_id: optionalId,
    assignee_id: optionalId,
    reporter_id: optionalId,
    parent_task_id: optionalId,
    sprint_id: optionalId,
    roadmap_item_id: optionalId,
    due_date: optionalDate("Due date"),
    start_date: optionalDate("Start date"),
    estimated_hours: optionalHours("Estimate"),
    internal_hours: optionalHours("Internal hours"),
    is_private: checkbox,
    requires_approval: checkbox,
  });
const dueAfterStart = (v: { start_date: string | null; due_date: string | null }) => !v.start_date || !v.due_date || v.start_date <= v.due_date;
const dueMessage = { message: "The due date must be on or after the start date", path: ["due_date"] };
export const taskFieldsSchema = taskFields.refine(dueAfterStart, dueMessage);
export type TaskFields = z.infer<typeof taskFieldsSchema>;

export const taskCreateSchema = z.preprocess(
  // The form's project select offers "internal" too: that is a task on no project.
  (v) => (v && typeof v === "object" && (v as Record<string, unknown>).resource_id === "internal" ? { ...v, resource_type: "internal" } : v),
  z
    .object({
      ...taskFields.shape,
      resource_type: z.enum(TASK_RESOURCE_TYPES, { errorMap: () => ({ message: "Choose what the task is for" }) }).default("project"),
      resource_id: requiredId("Choose a project or record"),
    })
    .refine(dueAfterStart, dueMessage),
);
export type TaskCreateInput = z.infer<typeof taskCreateSchema>;

export const taskIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update"), ...taskFields.shape }),
  z.object({ intent: z.literal("move"), status_id: requiredId("Choose a status") }),
  z.object({ intent: z.literal("add_subtask"), title: requiredText(200, "Subtask title") }),
  z.object({ intent: z.literal("add_todo"), title: requiredText(300, "To-do") }),
  z.object({ intent: z.literal("toggle_todo"), todo_id: requiredId("Choose a to-do") }),
  z.object({ intent: z.literal("move_todo"), todo_id: requiredId("Choose a to-do"), direction: z.enum(["up", "down"]) }),
  z.object({ intent: z.literal("delete_todo"), todo_id: requiredId("Choose a to-do") }),
  z.object({ intent: z.literal("watch") }),
  z.object({ intent: z.literal("unwatch") }),
  z.object({ intent: z.literal("add_watcher"), user_id: requiredId("Choose a person") }),
  z.object({ intent: z.literal("remove_watcher"), user_id: requiredId("Choose a person") }),
  z.object({
    intent: z.literal("add_resource"),
    kind: z.enum(TASK_RESOURCE_KINDS, { errorMap: () => ({ message: "Choose a kind" }) }),
    label: requiredText(200, "Label"),
    quantity: optionalHours("Quantity"),
    unit: optionalText(30, "Unit"),
    url: z.preprocess(blankToNull, z.string().url("Link: use a full URL").max(500).refine((u) => /^https?:\/\//i.test(u), "Link: use an http(s) address").nullable()),
  }),
  z.object({ intent: z.literal("remove_resource"), resource_id: requiredId("Choose a resource") }),
  z.object({ intent: z.literal("request_approval") }),
  z.object({ intent: z.literal("approve") }),
  z.object({ intent: z.literal("reject") }),
  z.object({ intent: z.literal("apply_sla"), policy_id: requiredId("Choose an SLA policy") }),
  z.object({ intent: z.literal("sla_respond") }),
  z.object({ intent: z.literal("sla_resolve") }),
  z.object({ intent: z.literal("agent_run"), feature: z.enum(AGENT_FEATURES, { errorMap: () => ({ message: "Choose what the agent should do" }) }) }),
  z.object({ intent: z.literal("delete") }),
], unionErrors).superRefine(checkDateOrder);
export type TaskIntent = z.infer<typeof taskIntentSchema>;

// ---------------------------------------------------------------------------------------------
// SLA policies

export const slaPolicySchema = z
  .object({
    name: requiredText(120, "Name"),
    description: optionalText(2000, "Description"),
    company_id: optionalId,
    timezone: z.string().trim().min(1).max(60).default("Australia/Melbourne"),
    business_days: z.preprocess(toList, z.array(z.coerce.number().int().min(1).max(7)).min(1, "Choose at least one business day")),
    business_start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Opening time: HH:MM"),
    business_end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Closing time: HH:MM"),
    // rule_<priorityItemId>_response / _resolution, validated in the module against the priorities.
  })
  .passthrough()
  .refine((v) => v.business_start < v.business_end, { message: "Closing time must be after opening time", path: ["business_end"] });
export type SlaPolicyInput = z.infer<typeof slaPolicySchema>;

// ---------------------------------------------------------------------------------------------
// Sprints and roadmaps

export const sprintIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("update"),
    name: requiredText(120, "Sprint name"),
    goal: optionalText(1000, "Goal"),
    start_date: optionalDate("Start date"),
    end_date: optionalDate("End date"),
  }),
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("close"), rollover_to: optionalId }),
  z.object({ intent: z.literal("add_task"), task_id: requiredId("Choose a task") }),
  z.object({ intent: z.literal("remove_task"), task_id: requiredId("Choose a task") }),
], unionErrors).superRefine(checkDateOrder);
export type SprintIntent = z.infer<typeof sprintIntentSchema>;

export const roadmapIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add_item"),
    title: requiredText(200, "Item title"),
    description: optionalText(2000, "Description"),
    goal_id: optionalId,
    owner_id: optionalId,
    status: z.enum(ROADMAP_ITEM_STATUSES).catch("planned"),
    start_date: optionalDate("Start date"),
    end_date: optionalDate("End date"),
  }),
  z.object({ intent: z.literal("set_item_status"), item_id: requiredId("Choose an item"), status: z.enum(ROADMAP_ITEM_STATUSES, { errorMap: () => ({ message: "Choose a status" }) }) }),
  z.object({ intent: z.literal("delete_item"), item_id: requiredId("Choose an item") }),
  z.object({ intent: z.literal("delete") }),
], unionErrors).superRefine(checkDateOrder);
export type RoadmapIntent = z.infer<typeof roadmapIntentSchema>;

// ---------------------------------------------------------------------------------------------
// Inbound email webhook (JSON body)

export const inboundEmailSchema = z.object({
  message_id: z.string().trim().min(1).max(500),
  from: z.string().trim().email().max(320),
  from_name: z.string().trim().max(200).optional().nullable(),
  to: z.string().trim().email().max(320),
  subject: z.string().trim().max(500).default(""),
  text: z.string().max(100_000).default(""),
  in_reply_to: z.string().trim().max(500).optional().nullable(),
  references: z.string().trim().max(5000).optional().nullable(),
  thread_id: z.string().trim().max(500).optional().nullable(),
  received_at: z.string().datetime({ offset: true }).optional().nullable(),
});
export type InboundEmail = z.infer<typeof inboundEmailSchema>;
