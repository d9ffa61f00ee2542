// Project reports (periodic status snapshots with narrative), AI project summaries (through the
// shared AI module, with a labelled rule-based fallback) and per-project agent configuration.
import { sql, type SqlBool } from "kysely";
import { batch } from "~/platform/batch.server";
import { generateText } from "~/platform/ai.server";
import type { AppLoadContext } from "~/platform/context.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import type { Viewer } from "~/platform/session.server";
import { isDoneStatus } from "./config-lists.server";
import type { ProjectIntent } from "./schemas";
import { slaFlags } from "./sla.server";
import { orgToday } from "./tasks.server";

const DAY_MS = 86_400_000;
const PERIOD_DAYS = { weekly: 7, fortnightly: 14, monthly: 30 } as const;

type ReportIntent = Extract<ProjectIntent, { intent: "create_report" | "generate_summary" | "agent_config" }>;
export type ReportResult = { ok: true; message?: string } | { ok: false; status: 400; errors: Record<string, string> };

/** Facts about a project for reports and summaries (one batch). */
async function projectFacts(context: AppLoadContext, projectId: string, sinceDate: string) {
  const { db } = context;
  const now = nowIso();
  const flags = slaFlags("s", now);
  const today = orgToday();
  const [projects, counts, goals, decisions, overdue] = await batch(db, [
    db.query
      .selectFrom("projects as p")
      .leftJoin("companies as c", "c.id", "p.company_id")
      .select(["p.name", "p.status", "p.start_date", "p.end_date", "c.name as company_name"])
      .where("p.id", "=", projectId),
    db.query
      .selectFrom("tasks as t")
      .leftJoin("task_sla as s", "s.task_id", "t.id")
      .select([
        sql<number>`count(*)`.as("total"),
        sql<number>`coalesce(sum(case when ${isDoneStatus("t.status_id")} then 1 else 0 end), 0)`.as("done"),
        sql<number>`coalesce(sum(case when t.completed_at >= ${sinceDate} then 1 else 0 end), 0)`.as("done_in_period"),
        sql<number>`coalesce(sum(case when t.due_date < ${today} and not ${isDoneStatus("t.status_id")} then 1 else 0 end), 0)`.as("overdue"),
        sql<number>`coalesce(sum(case when s.resolved_at is null and (${flags.response_breached} = 1 or ${flags.resolution_breached} = 1) then 1 else 0 end), 0)`.as("breached"),
      ])
      .where("t.project_id", "=", projectId)
      .where("t.is_phase", "=", 0),
    db.query.selectFrom("project_goals").select(["title", "status"]).where("project_id", "=", projectId).orderBy("position").limit(10),
    db.query.selectFrom("project_decisions").select(["title", "outcome"]).where("project_id", "=", projectId).orderBy("created_at", "desc").limit(5),
    db.query
      .selectFrom("tasks as t")
      .select(["t.title", "t.due_date"])
      .where("t.project_id", "=", projectId)
      .where("t.is_phase", "=", 0)
      .where("t.due_date", "<", today)
      .where(sql<SqlBool>`not ${isDoneStatus("t.status_id")}`)
      .orderBy("t.due_date")
      .limit(5),
  ]);
  const c = counts[0] ?? { total: 0, done: 0, done_in_period: 0, overdue: 0, breached: 0 };
  return {
    project: projects[0]!,
    metrics: {
      total: Number(c.total), done: Number(c.done), done_in_period: Number(c.done_in_period),
      overdue: Number(c.overdue), breached_slas: Number(c.breached),
    },
    goals, decisions, overdue,
  };
}

/** The rule-based summary: plain sentences from the numbers (used when no AI provider answers). */
export function ruleBasedSummary(facts: Awaited<ReturnType<typeof projectFacts>>) {
  const { project, metrics, goals, decisions, overdue } = facts;
  const pct = metrics.total ? Math.round((metrics.done / metrics.total) * 100) : 0;
  const lines = [
    `${project.name}${project.company_name ? ` for ${project.company_name}` : ""} is ${project.status.replace("_", " ")}: ${metrics.done} of ${metrics.total} tasks done (${pct}%), ${metrics.done_in_period} completed in the last week.`,
    metrics.overdue ? `${metrics.overdue} task${metrics.overdue === 1 ? " is" : "s are"} overdue${overdue.length ? ` (oldest: ${overdue[0]!.title}, due ${overdue[0]!.due_date})` : ""}.` : "Nothing is overdue.",
    metrics.breached_slas ? `${metrics.breached_slas} open ticket${metrics.breached_slas === 1 ? " has" : "s have"} breached the SLA.` : "No open SLA breaches.",
  ];
  if (goals.length) lines.push(`Goals: ${goals.map((g) => `${g.title} (${g.status.replace(/_/g, " ")})`).join("; ")}.`);
  if (decisions.length) lines.push(`Latest decision: ${decisions[0]!.title}${decisions[0]!.outcome ? ` — ${decisions[0]!.outcome}` : ""}.`);
  return lines.join("\n");
}

export async function applyReportIntent(context: AppLoadContext, viewer: Viewer, project: { id: string; name: string }, intent: ReportIntent): Promise<ReportResult> {
  const { db } = context;
  const now = nowIso();
  switch (intent.intent) {
    case "create_report": {
      const settings = await db.query.selectFrom("project_report_settings").select("frequency").where("project_id", "=", project.id).executeTakeFirst();
      const days = PERIOD_DAYS[(settings?.frequency ?? "weekly") as keyof typeof PERIOD_DAYS] ?? 7;
      const end = orgToday();
      const start = new Date(Date.parse(`${end}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
      const facts = await projectFacts(context, project.id, `${start}T00:00:00Z`);
      const id = newId();
      await batch(db, [
        db.query.insertInto("project_reports").values({
          id, project_id: project.id, period_start: start, period_end: end, health: intent.health,
          narrative: intent.narrative ?? ruleBasedSummary(facts), metrics: JSON.stringify(facts.metrics), status: "draft",
          created_by: viewer.userId, created_at: now, updated_at: now,
        }),
        historyEntry(db, { actorId: viewer.userId, resourceType: "project", resourceId: project.id, action: "report_created", details: { period: `${start} – ${end}`, health: intent.health } }),
      ]);
      return { ok: true, message: "Report created" };
    }
    case "generate_summary": {
      const since = new Date(Date.now() - 7 * DAY_MS).toISOString();
      const facts = await projectFacts(context, project.id, since);
      const generated = await generateText(context, {
        system: "You write short, factual delivery status summaries for an agency's project team. Plain text, at most 6 sentences. No invented facts.",
        prompt: `Summarise this project's status for its team.\n\n${JSON.stringify(facts)}`,
        maxTokens: 400,
        fallback: () => ruleBasedSummary(facts),
      });
      await batch(db, [
        db.query.insertInto("project_ai_summaries").values({
          id: newId(), project_id: project.id, summary: generated.text, source: generated.source,
          model: generated.source === "ai" ? (context.env.AI_MODEL ?? null) : null, generated_by: viewer.userId, created_at: now,
        }),
        historyEntry(db, { actorId: viewer.userId, resourceType: "project", resourceId: project.id, action: "summary_generated", details: { source: generated.label } }),
      ]);
      return { ok: true, message: generated.label };
    }
    case "agent_config": {
      const values = {
        is_enabled: intent.is_enabled ? 1 : 0, features: JSON.stringify([...new Set(intent.features)]), confidence_threshold: intent.confidence_threshold,
        max_runs_per_task: intent.max_runs_per_task, instructions: intent.instructions, updated_by: viewer.userId, updated_at: now,
      };
      await batch(db, [
        db.query
          .insertInto("agent_project_config")
          .values({ id: newId(), project_id: project.id, ...values })
          .onConflict((oc) => oc.column("project_id").doUpdateSet(values)),
        historyEntry(db, {
          actorId: viewer.userId, resourceType: "project", resourceId: project.id, action: "agent_config_saved",
          details: { enabled: intent.is_enabled, features: intent.features.join(", ") },
        }),
      ]);
      return { ok: true, message: "Agent settings saved" };
    }
  }
}
