// SLA policies and per-task deadlines (ORIGINAL §10.5). A policy has one rule per task priority
// (response and resolution hours) and business hours; a task's deadlines are computed from its
// start (its creation, or the email's arrival) in business hours, skipping weekends and holidays.
// Breach flags: once responded/resolved they are recorded; while open they are judged against
// now in SQL (slaFlags), so a page never shows a stale flag.
import { sql, type RawBuilder } from "kysely";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { historyEntry } from "~/platform/history.server";
import { DEFAULT_HOLIDAY_STATE } from "~/modules/settings/schemas";
import { newId, nowIso } from "~/platform/ids";
import type { Viewer } from "~/platform/session.server";
import {
  addBusinessHours, businessMsBetween, isValidTimeZone, parseBusinessDays, type BusinessCalendar,
} from "./business-hours";
import { configItemsQuery, groupItems, type ConfigItem } from "./config-lists.server";
import type { SlaPolicyInput } from "./schemas";
import { taskVisible, type ScopeViewer } from "./scope.server";

/**
 * SQL: the public holidays the SLA clock skips, as a JSON array of local YYYY-MM-DD dates — the
 * cached public_holidays (Nager.Date, see ~/modules/holidays) that apply to the org's holiday state
 * (org_settings `holiday_state`, default AU-VIC; national rows have NULL counties). It is a
 * correlated column of the policy reads (`policyCalendarColumns`), so every SLA code path gets the
 * dates inside the batch it already runs — no extra D1 round trip. The window (400 days back, 800
 * ahead) covers recomputing deadlines of older tasks and long resolution targets.
 */
export const policyHolidaysSql = sql<string | null>`(select json_group_array(h.date) from (
    select ph.date from public_holidays ph
    where ph.date >= date('now', '-400 days') and ph.date <= date('now', '+800 days')
      and (ph.counties is null or exists (select 1 from json_each(ph.counties)
        where json_each.value = coalesce((select value from org_settings where key = 'holiday_state'), ${DEFAULT_HOLIDAY_STATE})))
    order by ph.date limit 200) h)`;

/** Parses the `holidays` column of a policy read (JSON array of dates; anything else → none). */
export function publicHolidayDates(json: string | null | undefined): readonly string[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((d): d is string => typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d)) : [];
  } catch {
    return [];
  }
}

export interface PolicyCalendarRow {
  id: string;
  name: string;
  timezone: string;
  business_days: string;
  business_start: string;
  business_end: string;
  /** JSON array of holiday dates (policyHolidaysSql); absent → no holidays. */
  holidays?: string | null;
}
export interface RuleRow {
  policy_id: string;
  priority_id: string;
  response_hours: number;
  resolution_hours: number;
}

export function calendarFor(policy: PolicyCalendarRow, holidays: readonly string[] = publicHolidayDates(policy.holidays)): BusinessCalendar {
  return {
    timeZone: policy.timezone,
    days: parseBusinessDays(policy.business_days),
    start: policy.business_start,
    end: policy.business_end,
    holidays,
  };
}

/** Response and resolution deadlines for a task started at `startedAt` under `rule`. */
export function computeDeadlines(policy: PolicyCalendarRow, rule: Pick<RuleRow, "response_hours" | "resolution_hours">, startedAt: Date) {
  const cal = calendarFor(policy);
  return {
    response_deadline: nowIso(addBusinessHours(startedAt, rule.response_hours, cal)),
    resolution_deadline: nowIso(addBusinessHours(startedAt, rule.resolution_hours, cal)),
  };
}

export const policyCalendarColumns = ["id", "name", "timezone", "business_days", "business_start", "business_end", policyHolidaysSql.as("holidays")] as const;

export interface ExistingSla {
  id: string;
  policy_id: string;
  started_at: string;
  responded_at: string | null;
  resolved_at: string | null;
}

/**
 * The statement that (re)computes a task's SLA (insert, or update of the existing row keeping its
 * responded/resolved times and re-judging their breach against the new deadlines).
 */
export function slaUpsert(
  db: Db,
  input: { taskId: string; policy: PolicyCalendarRow; rule: RuleRow; startedAt: string; existing?: ExistingSla | null },
) {
  const now = nowIso();
  const deadlines = computeDeadlines(input.policy, input.rule, new Date(input.startedAt));
  const existing = input.existing ?? null;
  const response_breached = existing?.responded_at && existing.responded_at > deadlines.response_deadline ? 1 : 0;
  const resolution_breached = existing?.resolved_at && existing.resolved_at > deadlines.resolution_deadline ? 1 : 0;
  const values = {
    policy_id: input.policy.id,
    priority_id: input.rule.priority_id,
    started_at: input.startedAt,
    ...deadlines,
    response_breached,
    resolution_breached,
    updated_at: now,
  };
  const statement = existing
    ? db.query.updateTable("task_sla").set(values).where("id", "=", existing.id)
    : db.query.insertInto("task_sla").values({ id: newId(), task_id: input.taskId, ...values, created_at: now });
  return { statement, deadlines };
}

/** SQL breach flags of a task_sla row (`alias`) judged against `now` while still open. */
export function slaFlags(alias: string, now = nowIso()) {
  const c = (column: string) => sql.ref(`${alias}.${column}`);
  return {
    response_breached: sql<number>`case when ${c("id")} is null then 0 when ${c("responded_at")} is not null then ${c("response_breached")} when ${c("response_deadline")} < ${now} then 1 else 0 end`,
    resolution_breached: sql<number>`case when ${c("id")} is null then 0 when ${c("resolved_at")} is not null then ${c("resolution_breached")} when ${c("resolution_deadline")} < ${now} then 1 else 0 end`,
  };
}

/** The next open deadline of a task_sla row: the response one until responded, then resolution. */
export function nextDeadline(alias: string): RawBuilder<string | null> {
  const c = (column: string) => sql.ref(`${alias}.${column}`);
  return sql<string | null>`case when ${c("resolved_at")} is not null then null when ${c("responded_at")} is null then min(${c("response_deadline")}, ${c("resolution_deadline")}) else ${c("resolution_deadline")} end`;
}

// ---------------------------------------------------------------------------------------------
// Risk view

export const SLA_VIEWS = ["at_risk", "breached", "open"] as const;
export type SlaView = (typeof SLA_VIEWS)[number];
const RISK_LIMIT = 200;

export interface RiskRow {
  task_id: string;
  title: string;
  project_id: string | null;
  project_name: string | null;
  assignee_name: string | null;
  priority_label: string | null;
  policy_name: string;
  started_at: string;
  response_deadline: string;
  resolution_deadline: string;
  responded_at: string | null;
  response_breached: number;
  resolution_breached: number;
  next_deadline: string | null;
  timezone: string;
  business_days: string;
  business_start: string;
  business_end: string;
  response_hours: number | null;
  resolution_hours: number | null;
  holidays?: string | null;
}

/**
 * Time left on the next deadline in business hours and whether it is at risk: under a quarter of
 * its target or under two business hours left.
 */
export function riskOf(row: RiskRow, now = new Date()) {
  const breached = row.response_breached === 1 || row.resolution_breached === 1;
  if (!row.next_deadline) return { breached, remainingMs: null as number | null, atRisk: false, which: null as "response" | "resolution" | null };
  const which: "response" | "resolution" = !row.responded_at && row.next_deadline === row.response_deadline ? "response" : "resolution";
  const cal = calendarFor({ id: "", name: "", ...row });
  const remainingMs = businessMsBetween(now, new Date(row.next_deadline), cal);
  const targetHours = (which === "response" ? row.response_hours : row.resolution_hours) ?? 0;
  const atRisk = !breached && remainingMs > 0 && (remainingMs <= 2 * 3_600_000 || remainingMs <= targetHours * 0.25 * 3_600_000);
  return { breached, remainingMs, atRisk, which };
}

/** The SLA page: open task SLAs in the viewer's scope nearest their deadline, and the policies. */
export async function loadSlaPage(db: Db, viewer: ScopeViewer, view: SlaView) {
  const now = nowIso();
  const flags = slaFlags("s", now);
  let rows = db.query
    .selectFrom("task_sla as s")
    .innerJoin("tasks as t", "t.id", "s.task_id")
    .innerJoin("sla_policies as sp", "sp.id", "s.policy_id")
    .leftJoin("projects as p", "p.id", "t.project_id")
    .leftJoin("people as a", "a.id", "t.assignee_id")
    .leftJoin("config_list_items as pr", "pr.id", "s.priority_id")
    .leftJoin("sla_policy_rules as r", (join) => join.onRef("r.policy_id", "=", "s.policy_id").onRef("r.priority_id", "=", "s.priority_id"))
    .select([
      "t.id as task_id", "t.title", "t.project_id", "p.name as project_name",
      sql<string | null>`a.first_name || ' ' || a.last_name`.as("assignee_name"),
      "pr.label as priority_label", "sp.name as policy_name", "s.started_at", "s.response_deadline", "s.resolution_deadline",
      "s.responded_at", flags.response_breached.as("response_breached"), flags.resolution_breached.as("resolution_breached"),
      nextDeadline("s").as("next_deadline"), "sp.timezone", "sp.business_days", "sp.business_start", "sp.business_end",
      "r.response_hours", "r.resolution_hours", policyHolidaysSql.as("holidays"),
    ])
    .where("s.resolved_at", "is", null)
    .where(taskVisible(viewer, "t"));
  if (view === "breached") rows = rows.where(sql<boolean>`(${flags.response_breached} = 1 or ${flags.resolution_breached} = 1)`);
  else rows = rows.where(sql<boolean>`(${flags.response_breached} = 0 and ${flags.resolution_breached} = 0)`);
  const [risk, policies, counts] = await batch(db, [
    rows.orderBy(sql`next_deadline`).orderBy("t.id").limit(RISK_LIMIT),
    db.query
      .selectFrom("sla_policies as sp")
      .leftJoin("companies as c", "c.id", "sp.company_id")
      .select([
        "sp.id", "sp.name", "sp.description", "sp.business_days", "sp.business_start", "sp.business_end", "sp.timezone", "c.name as company_name",
        sql<number>`(select count(*) from sla_policy_rules r where r.policy_id = sp.id)`.as("rule_count"),
        sql<number>`(select count(*) from projects p where p.sla_policy_id = sp.id)`.as("project_count"),
      ])
      .orderBy("sp.name")
      .limit(200),
    db.query
      .selectFrom("task_sla as s")
      .innerJoin("tasks as t", "t.id", "s.task_id")
      .select([
        sql<number>`coalesce(sum(case when ${flags.response_breached} = 1 or ${flags.resolution_breached} = 1 then 1 else 0 end), 0)`.as("breached"),
        sql<number>`count(*)`.as("open"),
      ])
      .where("s.resolved_at", "is", null)
      .where(taskVisible(viewer, "t")),
  ]);
  const nowDate = new Date(now);
  const withRisk = (risk as RiskRow[]).map((row) => ({ ...row, ...riskOf(row, nowDate) }));
  return {
    view,
    rows: view === "at_risk" ? withRisk.filter((r) => r.atRisk) : withRisk,
    policies,
    counts: { breached: Number(counts[0]?.breached ?? 0), open: Number(counts[0]?.open ?? 0), atRisk: withRisk.filter((r) => r.atRisk).length },
  };
}

// ---------------------------------------------------------------------------------------------
// Policies

/** The policy form: the policy (or null for a new one), its rules, the active priorities, companies. */
export async function loadPolicyForm(db: Db, policyId: string | null) {
  const [policies, rules, items, companies] = await batch(db, [
    db.query.selectFrom("sla_policies").selectAll().where("id", "=", policyId ?? ""),
    db.query.selectFrom("sla_policy_rules").select(["priority_id", "response_hours", "resolution_hours"]).where("policy_id", "=", policyId ?? ""),
    configItemsQuery(db, ["task_priority"]),
    db.query.selectFrom("companies").select(["id", "name"]).orderBy("name").limit(1000),
  ]);
  if (policyId && !policies[0]) return null;
  return { policy: policies[0] ?? null, rules, priorities: groupItems(items as ConfigItem[]).task_priority, companies };
}

export type PolicyResult = { ok: true; id: string } | { ok: false; status: 404 } | { ok: false; status: 400; errors: Record<string, string> };

/** Reads rule_<priorityId>_response / _resolution fields for each active priority. */
export function parseRules(raw: Record<string, unknown>, priorities: { id: string; label: string }[]) {
  const errors: Record<string, string> = {};
  const rules: { priority_id: string; response_hours: number; resolution_hours: number }[] = [];
  for (const p of priorities) {
    const response = String(raw[`rule_${p.id}_response`] ?? "").trim();
    const resolution = String(raw[`rule_${p.id}_resolution`] ?? "").trim();
    if (!response && !resolution) continue;
    const r = Number(response);
    const s = Number(resolution);
    if (!response || !Number.isFinite(r) || r <= 0 || r > 10_000) errors[`rule_${p.id}_response`] = `${p.label}: response hours must be a positive number`;
    else if (!resolution || !Number.isFinite(s) || s <= 0 || s > 10_000) errors[`rule_${p.id}_resolution`] = `${p.label}: resolution hours must be a positive number`;
    else if (s < r) errors[`rule_${p.id}_resolution`] = `${p.label}: resolution cannot be sooner than response`;
    else rules.push({ priority_id: p.id, response_hours: r, resolution_hours: s });
  }
  if (rules.length === 0 && Object.keys(errors).length === 0) errors.form = "Set response and resolution hours for at least one priority";
  return { rules, errors };
}

/** Creates or updates a policy; `PUT` semantics for rules (they replace all existing ones). One batch. */
export async function savePolicy(db: Db, viewer: Viewer, policyId: string | null, input: SlaPolicyInput): Promise<PolicyResult> {
  const [policies, items, companies] = await batch(db, [
    db.query.selectFrom("sla_policies").selectAll().where("id", "=", policyId ?? ""),
    configItemsQuery(db, ["task_priority"]),
    db.query.selectFrom("companies").select("id").where("id", "=", input.company_id ?? ""),
  ]);
  const existing = policies[0];
  if (policyId && !existing) return { ok: false, status: 404 };
  const errors: Record<string, string> = {};
  if (input.company_id && !companies[0]) errors.company_id = "Choose a company from the list";
  if (!isValidTimeZone(input.timezone)) errors.timezone = "Unknown time zone";
  const { rules, errors: ruleErrors } = parseRules(input as Record<string, unknown>, groupItems(items as ConfigItem[]).task_priority);
  Object.assign(errors, ruleErrors);
  if (Object.keys(errors).length) return { ok: false, status: 400, errors };
  const now = nowIso();
  const id = policyId ?? newId();
  const fields = {
    name: input.name,
    description: input.description,
    company_id: input.company_id,
    timezone: input.timezone,
    business_days: [...new Set(input.business_days)].sort().join(","),
    business_start: input.business_start,
    business_end: input.business_end,
  };
  await batch(db, [
    existing
      ? db.query.updateTable("sla_policies").set({ ...fields, updated_at: now }).where("id", "=", id)
      : db.query.insertInto("sla_policies").values({ id, ...fields, created_by: viewer.userId, created_at: now, updated_at: now }),
    db.query.deleteFrom("sla_policy_rules").where("policy_id", "=", id),
    db.query.insertInto("sla_policy_rules").values(rules.map((r) => ({ id: newId(), policy_id: id, ...r, created_at: now }))),
    historyEntry(db, {
      actorId: viewer.userId, resourceType: "sla_policy", resourceId: id, action: existing ? "updated" : "created",
      details: { name: input.name, rules: rules.length },
    }),
  ]);
  return { ok: true, id };
}

export async function deletePolicy(db: Db, viewer: Viewer, policyId: string) {
  const policy = await db.query.selectFrom("sla_policies").select(["id", "name"]).where("id", "=", policyId).executeTakeFirst();
  if (!policy) return false;
  await batch(db, [
    db.query.deleteFrom("sla_policies").where("id", "=", policyId),
    historyEntry(db, { actorId: viewer.userId, resourceType: "sla_policy", resourceId: policyId, action: "deleted", details: { name: policy.name } }),
  ]);
  return true;
}
