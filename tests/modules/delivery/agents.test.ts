import { describe, expect, it } from "vitest";
import { ruleBasedAgentOutput } from "~/modules/delivery/agents.server";
import { loader as agentsLoader } from "~/routes/_app+/agents+/_index";
import { action as projectAction } from "~/routes/_app+/projects+/$projectId";
import { action as taskAction, loader as taskLoader } from "~/routes/_app+/tasks+/$taskId";
import { setupTestDb } from "../../support/d1";
import { EMPLOYEE, EXEC, get, load, MANAGER, post, roundTrips } from "./helpers";

const db = setupTestDb({ seed: true });
const params = { taskId: "task-kp-crash" };

describe("task agents", () => {
  it("a run started from the task page records input, output, duration and status, and is shown", async () => {
    const context = db.context();
    const result = await post(taskAction, context, MANAGER, "/tasks/task-kp-crash", { intent: "agent_run", feature: "triage" }, params);
    expect(result.status).toBe(302);
    expect(new URL(result.location!, "http://x").searchParams.get("notice")).toContain("Rule-based draft");
    const run = await context.db.query.selectFrom("agent_task_runs").selectAll().where("task_id", "=", "task-kp-crash").executeTakeFirstOrThrow();
    expect(run).toMatchObject({ feature: "triage", status: "succeeded", source: "rules", started_by: "user-daniel-costa" });
    expect(JSON.parse(run.input)).toMatchObject({ feature: "triage", task: { title: "App crashes when a job has no address" } });
    expect(run.output).toContain("Priority: Urgent — the request mentions something broken or urgent");
    expect(run.output).toContain("Type: Bug");
    expect(run.duration_ms).toBeGreaterThanOrEqual(0);
    const meta = await context.db.query.selectFrom("agent_task_meta").selectAll().where("task_id", "=", "task-kp-crash").executeTakeFirstOrThrow();
    expect(meta).toMatchObject({ run_count: 1, status: "succeeded", last_run_id: run.id });
    await post(taskAction, context, MANAGER, "/tasks/task-kp-crash", { intent: "agent_run", feature: "summarise" }, params);
    expect((await context.db.query.selectFrom("agent_task_meta").select("run_count").where("task_id", "=", "task-kp-crash").executeTakeFirstOrThrow()).run_count).toBe(2);
    const page = await load<{ overview: { agentRuns: { feature: string; output: string }[] } }>(taskLoader, db.context(), MANAGER, "/tasks/task-kp-crash", params);
    expect(page.overview.agentRuns.map((r) => r.feature)).toEqual(["summarise", "triage"]);
    const agents = await load<{ runs: unknown[]; configs: unknown[] }>(agentsLoader, db.context(), MANAGER, "/agents");
    expect(agents.runs).toHaveLength(2);
    expect(await roundTrips(agentsLoader, db.context(), EXEC, "/agents")).toBeLessThanOrEqual(2);
  });

  it("only enabled features run, within the per-task limit; employees have no agents grant", async () => {
    const context = db.context();
    expect((await post(taskAction, context, MANAGER, "/tasks/task-kp-crash", { intent: "agent_run", feature: "draft_reply" }, params)).status).toBe(400);
    expect((await post(taskAction, context, EMPLOYEE, "/tasks/task-kp-crash", { intent: "agent_run", feature: "triage" }, params)).status).toBe(403);
    expect((await post(taskAction, context, EXEC, "/tasks/task-gl-articles", { intent: "agent_run", feature: "triage" }, { taskId: "task-gl-articles" })).status).toBe(400);
    // The project's settings: one run per task.
    const saved = await post(projectAction, context, MANAGER, "/projects/proj-kinetic-platform?tab=agents", {
      intent: "agent_config", is_enabled: "on", features: ["triage", "next_steps"], confidence_threshold: "80", max_runs_per_task: "1", instructions: "",
    }, { projectId: "proj-kinetic-platform" });
    expect(saved.status).toBe(302);
    expect((await post(taskAction, context, MANAGER, "/tasks/task-kp-crash", { intent: "agent_run", feature: "next_steps" }, params)).status).toBe(302);
    const limited = await post(taskAction, context, MANAGER, "/tasks/task-kp-crash", { intent: "agent_run", feature: "triage" }, params);
    expect(limited.status).toBe(400);
    expect((await context.db.query.selectFrom("agent_task_runs").select("id").execute())).toHaveLength(1);
    expect((await get(agentsLoader, db.context(), EMPLOYEE, "/agents")).status).toBe(403);
  });

  it("the rule-based answers are built from the task", () => {
    const facts = { title: "Export", description: null, status: "To do", priority: "Low", type: "Task", assignee: "Ethan Brown", due_date: "2026-12-01", project: "Kinetic", todos: [{ title: "Write CSV", done: false }] };
    expect(ruleBasedAgentOutput("triage", facts)).toContain("Priority: Low");
    expect(ruleBasedAgentOutput("summarise", facts)).toContain("assigned to Ethan Brown");
    expect(ruleBasedAgentOutput("next_steps", facts)).toMatch(/^1\. Write CSV/);
    expect(ruleBasedAgentOutput("draft_reply", facts)).toContain("Ethan Brown is looking after it");
  });
});
