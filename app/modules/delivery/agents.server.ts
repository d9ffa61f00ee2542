// Task agents: per-project configuration (enabled features, thresholds) decides what may run;
// a run started from the task page goes through the shared AI module (rule-based, labelled
// fallback without a provider) and is recorded with its input, output, duration and status.
import { sql } from "kysely";
import { can } from "~/platform/access.server";
import { generateText } from "~/platform/ai.server";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Db } from "~/platform/db.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import type { Viewer } from "~/platform/session.server";
import { AGENT_FEATURE_LABELS, type AgentFeature } from "./schemas";
import { projectVisible, taskVisible, type ScopeViewer } from "./scope.server";
import { personName } from "./tasks.server";

export type AgentResult = { ok: true; message: string; runId: string } | { ok: false; status: 403 | 404 } | { ok: false; status: 400; errors: Record<string, string> };

interface TaskFacts {
  title: string;
  description: string | null;
  status: string | null;
  priority: string | null;
  type: string | null;
  assignee: string | null;
  due_date: string | null;
  project: string | null;
  todos: { title: string; done: boolean }[];
}

const PROMPTS: Record<AgentFeature, string> = {
  triage: "Suggest a priority (Low, Medium, High or Urgent) and a type (Task, Bug, Feature, Support ticket) for this task, with one sentence of reasoning each.",
  summarise: "Summarise this task in at most three sentences for someone picking it up.",
  next_steps: "List the next three concrete steps to move this task forward, as a numbered list.",
  draft_reply: "Draft a short, friendly reply to the client acknowledging this request and saying what happens next. No promises about dates.",
};

/** The rule-based answer for each feature (used when no AI provider answers). */
export function ruleBasedAgentOutput(feature: AgentFeature, facts: TaskFacts) {
  const text = `${facts.title} ${facts.description ?? ""}`.toLowerCase();
  switch (feature) {
    case "triage": {
      const urgent = /\b(down|outage|urgent|asap|broken|cannot|can't|error|fail|crash)/.test(text);
      const bug = /\b(bug|error|broken|fail|crash|issue)/.test(text);
      const priority = urgent ? (facts.priority === "Urgent" ? "Urgent" : "High") : (facts.priority ?? "Medium");
      return [
        `Priority: ${priority} — ${urgent ? "the request mentions something broken or urgent" : "no urgency signals in the request"}.`,
        `Type: ${bug ? "Bug" : facts.type ?? "Task"} — ${bug ? "it describes something not working" : "it reads as planned work"}.`,
      ].join("\n");
    }
    case "summarise": {
      const open = facts.todos.filter((t) => !t.done).length;
      return `${facts.title}${facts.project ? ` (${facts.project})` : ""} is ${facts.status ?? "not started"}${facts.assignee ? `, assigned to ${facts.assignee}` : ", unassigned"}${facts.due_date ? `, due ${facts.due_date}` : ""}. ${facts.todos.length ? `${open} of ${facts.todos.length} to-dos open.` : "No to-dos yet."}`;
    }
    case "next_steps": {
      const open = facts.todos.filter((t) => !t.done).slice(0, 3).map((t) => t.title);
      const steps = [...open, "Confirm the acceptance criteria with the requester", "Estimate the work and set a due date", "Share progress in the task notes"].slice(0, 3);
      return steps.map((s, i) => `${i + 1}. ${s}`).join("\n");
    }
    case "draft_reply":
      return `Hi,\n\nThanks for getting in touch about "${facts.title}". We've logged it${facts.assignee ? ` and ${facts.assignee} is looking after it` : ""}, and we'll update you as soon as we've reviewed it.\n\nKind regards,\nThe delivery team`;
  }
}

function readQueries(db: Db, viewer: ScopeViewer, taskId: string) {
  return [
    db.query
      .selectFrom("tasks as t")
      .leftJoin("projects as p", "p.id", "t.project_id")
      .leftJoin("config_list_items as st", "st.id", "t.status_id")
      .leftJoin("config_list_items as pr", "pr.id", "t.priority_id")
      .leftJoin("config_list_items as ty", "ty.id", "t.type_id")
      .leftJoin("people as a", "a.id", "t.assignee_id")
      .leftJoin("agent_project_config as c", "c.project_id", "t.project_id")
      .leftJoin("agent_task_meta as m", "m.task_id", "t.id")
      .select([
        "t.id", "t.title", "t.description", "t.due_date", "p.name as project", "st.label as status", "pr.label as priority", "ty.label as type",
        personName("a").as("assignee"), "c.is_enabled", "c.features", "c.max_runs_per_task", "c.instructions", "c.confidence_threshold",
        "m.id as meta_id", "m.session_id", "m.run_count",
      ])
      .where("t.id", "=", taskId)
      .where(taskVisible(viewer, "t")),
    db.query.selectFrom("task_todos").select(["title", "is_done"]).where("task_id", "=", taskId).orderBy("position").limit(50),
  ] as const;
}

/** Runs one agent feature on a task and records the run (input, output, duration, status). */
export async function runTaskAgent(context: AppLoadContext, viewer: Viewer, taskId: string, feature: AgentFeature): Promise<AgentResult> {
  if (!can(viewer, "agents", "update")) return { ok: false, status: 403 };
  const { db } = context;
  const [tasks, todos] = await batch(db, readQueries(db, viewer, taskId));
  const task = tasks[0];
  if (!task) return { ok: false, status: 404 };
  if (task.is_enabled !== 1) return { ok: false, status: 400, errors: { feature: "Agents are not enabled for this task's project" } };
  let features: string[] = [];
  try {
    features = JSON.parse(task.features ?? "[]") as string[];
  } catch {
    features = [];
  }
  if (!features.includes(feature)) return { ok: false, status: 400, errors: { feature: `${AGENT_FEATURE_LABELS[feature]} is not enabled for this project` } };
  if ((task.run_count ?? 0) >= (task.max_runs_per_task ?? 10)) {
    return { ok: false, status: 400, errors: { feature: `This task has reached its limit of ${task.max_runs_per_task} agent runs` } };
  }
  const facts: TaskFacts = {
    title: task.title, description: task.description, status: task.status, priority: task.priority, type: task.type,
    assignee: task.assignee, due_date: task.due_date, project: task.project, todos: todos.map((t) => ({ title: t.title, done: t.is_done === 1 })),
  };
  const input = JSON.stringify({ feature, instructions: task.instructions ?? null, task: facts });
  const startedAt = nowIso();
  const started = Date.now();
  let output: string | null = null;
  let source: "ai" | "rules" = "rules";
  let error: string | null = null;
  let label = "";
  try {
    const generated = await generateText(context, {
      system: `You are a delivery assistant for a digital agency. ${task.instructions ?? ""}`.trim(),
      prompt: `${PROMPTS[feature]}\n\nTask:\n${JSON.stringify(facts, null, 2)}`,
      maxTokens: 500,
      fallback: () => ruleBasedAgentOutput(feature, facts),
    });
    output = generated.text;
    source = generated.source;
    label = generated.label;
  } catch (e) {
    error = e instanceof Error ? e.message.slice(0, 300) : "Agent run failed";
  }
  const duration = Math.max(0, Date.now() - started);
  const finishedAt = nowIso();
  const runId = newId();
  const status = output ? "succeeded" : "failed";
  await batch(db, [
    db.query.insertInto("agent_task_runs").values({
      id: runId, task_id: task.id, feature, status, source, model: source === "ai" ? (context.env.AI_MODEL ?? null) : null,
      input, output, error, duration_ms: duration, started_by: viewer.userId, started_at: startedAt, finished_at: finishedAt,
    }),
    db.query
      .insertInto("agent_task_meta")
      .values({ id: newId(), task_id: task.id, session_id: newId(), status, run_count: 1, last_run_id: runId, last_run_at: finishedAt, updated_at: finishedAt })
      .onConflict((oc) =>
        oc.column("task_id").doUpdateSet({ status, run_count: sql<number>`agent_task_meta.run_count + 1`, last_run_id: runId, last_run_at: finishedAt, updated_at: finishedAt }),
      ),
    historyEntry(db, { actorId: viewer.userId, resourceType: "task", resourceId: task.id, action: "agent_run", details: { feature: AGENT_FEATURE_LABELS[feature], status, source } }),
  ]);
  return { ok: true, message: output ? `${AGENT_FEATURE_LABELS[feature]}: ${label}` : "The agent run failed", runId };
}

/** The agents page: projects with agent settings and the latest runs, in the viewer's scope. */
export async function loadAgentsPage(db: Db, viewer: ScopeViewer) {
  const [configs, runs] = await batch(db, [
    db.query
      .selectFrom("agent_project_config as c")
      .innerJoin("projects as p", "p.id", "c.project_id")
      .select(["c.project_id", "p.name as project_name", "c.is_enabled", "c.features", "c.confidence_threshold", "c.max_runs_per_task", "c.updated_at"])
      .where(projectVisible(viewer, "p"))
      .orderBy("p.name")
      .limit(200),
    db.query
      .selectFrom("agent_task_runs as r")
      .innerJoin("tasks as t", "t.id", "r.task_id")
      .leftJoin("projects as p", "p.id", "t.project_id")
      .leftJoin("users as u", "u.id", "r.started_by")
      .select(["r.id", "r.task_id", "t.title as task_title", "p.name as project_name", "r.feature", "r.status", "r.source", "r.duration_ms", "r.started_at", "u.name as started_by_name"])
      .where(taskVisible(viewer, "t"))
      .orderBy("r.started_at", "desc")
      .limit(50),
  ]);
  return { configs, runs };
}
