import { describe, expect, it } from "vitest";
import { computeDeadlines, riskOf, type RiskRow } from "~/modules/delivery/sla.server";
import { action as editAction } from "~/routes/_app+/projects+/$projectId_.edit";
import { loader as slaLoader } from "~/routes/_app+/sla+/_index";
import { action as policyAction, loader as policyLoader } from "~/routes/_app+/sla+/policies.$policyId";
import { action as taskAction, loader as taskLoader } from "~/routes/_app+/tasks+/$taskId";
import { action as newTaskAction } from "~/routes/_app+/tasks+/new";
import { setupTestDb } from "../../support/d1";
import { EMPLOYEE, EXEC, get, load, MANAGER, post, roundTrips, TOM } from "./helpers";

const db = setupTestDb({ seed: true });

const STANDARD = { id: "sla-standard", name: "Standard", timezone: "Australia/Melbourne", business_days: "1,2,3,4,5", business_start: "09:00", business_end: "17:30" };
type TaskPage = { task: { response_breached: number; resolution_breached: number; response_deadline: string; resolution_deadline: string; responded_at: string | null; sla_id: string | null } };

async function sla(taskId: string) {
  return db.context().db.query.selectFrom("task_sla").selectAll().where("task_id", "=", taskId).executeTakeFirst();
}

describe("deadlines", () => {
  it("the seeded deadlines are exactly what the business-hours rules compute", () => {
    // Tuesday 09:00 Melbourne, High (4 h / 16 h).
    expect(computeDeadlines(STANDARD, { response_hours: 4, resolution_hours: 16 }, new Date("2026-11-23T22:00:00Z"))).toEqual({
      response_deadline: "2026-11-24T02:00:00Z", resolution_deadline: "2026-11-25T05:30:00Z",
    });
    // Thursday 10:30, Medium (8 h / 40 h): across a weekend.
    expect(computeDeadlines(STANDARD, { response_hours: 8, resolution_hours: 40 }, new Date("2026-11-18T23:30:00Z"))).toEqual({
      response_deadline: "2026-11-19T23:00:00Z", resolution_deadline: "2026-11-25T05:30:00Z",
    });
    // Wednesday 11:00, Low (16 h / 80 h).
    expect(computeDeadlines(STANDARD, { response_hours: 16, resolution_hours: 80 }, new Date("2026-11-25T00:00:00Z"))).toEqual({
      response_deadline: "2026-11-26T23:00:00Z", resolution_deadline: "2026-12-08T03:30:00Z",
    });
  });

  it("a task past its response deadline shows as breached (judged against now in SQL)", async () => {
    const page = await load<TaskPage>(taskLoader, db.context(), TOM, "/tasks/task-hs-checkout", { taskId: "task-hs-checkout" });
    expect(page.task.response_breached).toBe(1);
    // Responded within the target earlier: not breached, even though it is long past now.
    const banner = await load<TaskPage>(taskLoader, db.context(), TOM, "/tasks/task-hs-banner", { taskId: "task-hs-banner" });
    expect(banner.task.response_breached).toBe(0);
    expect(banner.task.resolution_breached).toBe(0);
  });

  it("responding late records the breach; resolving closes the SLA", async () => {
    const context = db.context();
    const result = await post(taskAction, context, TOM, "/tasks/task-hs-checkout", { intent: "sla_respond" }, { taskId: "task-hs-checkout" });
    expect(result.status).toBe(302);
    expect(new URL(result.location!, "http://x").searchParams.get("notice")).toContain("after the deadline");
    expect(await sla("task-hs-checkout")).toMatchObject({ response_breached: 1 });
    expect((await sla("task-hs-checkout"))!.responded_at).not.toBeNull();
    await post(taskAction, context, TOM, "/tasks/task-hs-checkout", { intent: "sla_resolve" }, { taskId: "task-hs-checkout" });
    expect((await sla("task-hs-checkout"))!.resolved_at).not.toBeNull();
  });

  it("a priority change recomputes the deadlines from the original start", async () => {
    const context = db.context();
    const before = await sla("task-hs-giftcards");
    const result = await post(taskAction, context, TOM, "/tasks/task-hs-giftcards", {
      intent: "update", title: "Gift card balance page copy tweaks", status_id: "cli-status-in-progress", priority_id: "cli-priority-urgent",
      type_id: "cli-type-ticket", assignee_id: "max-patel",
    }, { taskId: "task-hs-giftcards" });
    expect(result.status).toBe(302);
    const after = await sla("task-hs-giftcards");
    expect(after!.started_at).toBe(before!.started_at);
    // Urgent: 1 h / 8 h from Wednesday 11:00 → 12:00 the same day, Thursday 10:30.
    expect(after).toMatchObject({ priority_id: "cli-priority-urgent", response_deadline: "2026-11-25T01:00:00Z", resolution_deadline: "2026-11-25T23:30:00Z" });
  });

  it("assigning a task on a project with a policy computes its deadlines", async () => {
    const context = db.context();
    const created = await post(newTaskAction, context, TOM, "/tasks/new", { title: "Add Afterpay to checkout", resource_id: "proj-harbour-support", priority_id: "cli-priority-high" });
    const id = created.location!.split("/tasks/")[1]!.split("?")[0]!;
    expect(await sla(id)).toBeUndefined(); // nobody assigned yet
    const result = await post(taskAction, context, TOM, `/tasks/${id}`, { intent: "update", title: "Add Afterpay to checkout", priority_id: "cli-priority-high", assignee_id: "max-patel", status_id: "cli-status-todo" }, { taskId: id });
    expect(result.status).toBe(302);
    const row = await sla(id);
    const task = await context.db.query.selectFrom("tasks").select("created_at").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ policy_id: "sla-standard", started_at: task.created_at, ...computeDeadlines(STANDARD, { response_hours: 4, resolution_hours: 16 }, new Date(task.created_at)) });
  });

  it("a project gaining a policy sets deadlines on its open, assigned tasks", async () => {
    const context = db.context();
    const result = await post(editAction, context, MANAGER, "/projects/proj-kinetic-platform/edit", {
      name: "Kinetic driver app", status: "active", company_id: "co-kinetic", type_id: "cli-ptype-product", owner_id: "daniel-costa",
      delivery_manager_id: "liam-murphy", squad: "Apex", start_date: "2026-05-04", end_date: "2027-03-31", sla_policy_id: "sla-standard",
      description: "Driver scheduling app and dispatch integrations.",
    }, { projectId: "proj-kinetic-platform" });
    expect(result.status).toBe(302);
    expect(new URL(result.location!, "http://x").searchParams.get("notice")).toContain("SLA deadlines set on 4 open tasks");
    const rows = await context.db.query.selectFrom("task_sla").select("task_id").where("policy_id", "=", "sla-standard").where("task_id", "like", "task-kp-%").orderBy("task_id").execute();
    expect(rows.map((r) => r.task_id)).toEqual(["task-kp-crash", "task-kp-job-sync", "task-kp-offline-cache", "task-kp-push"]);
  });

  it("applying a policy to a task without a priority rule is a 400", async () => {
    const context = db.context();
    await db.exec("UPDATE tasks SET priority_id = 'cli-priority-low' WHERE id = 'task-kp-photos';");
    const result = await post(taskAction, context, MANAGER, "/tasks/task-kp-photos", { intent: "apply_sla", policy_id: "sla-priority" }, { taskId: "task-kp-photos" });
    expect(result.status).toBe(400); // sla-priority has no Low rule
    const ok = await post(taskAction, context, MANAGER, "/tasks/task-kp-photos", { intent: "apply_sla", policy_id: "sla-standard" }, { taskId: "task-kp-photos" });
    expect(ok.status).toBe(302);
    expect(await sla("task-kp-photos")).toMatchObject({ policy_id: "sla-standard" });
    // Employees have no SLA update grant.
    expect((await post(taskAction, context, EMPLOYEE, "/tasks/task-kp-crash", { intent: "apply_sla", policy_id: "sla-standard" }, { taskId: "task-kp-crash" })).status).toBe(403);
  });
});

describe("the SLA page", () => {
  it("lists breaches and the at-risk view in the viewer's scope, ≤ 2 round trips", async () => {
    const breached = await load<{ rows: { task_id: string }[] }>(slaLoader, db.context(), TOM, "/sla?tab=breached");
    expect(breached.rows.map((r) => r.task_id)).toContain("task-hs-checkout");
    expect(breached.rows.map((r) => r.task_id)).not.toContain("task-hs-banner"); // resolved in time
    const manager = await load<{ rows: { task_id: string }[] }>(slaLoader, db.context(), MANAGER, "/sla?tab=breached");
    expect(manager.rows).toEqual([]);
    expect(await roundTrips(slaLoader, db.context(), EXEC, "/sla")).toBeLessThanOrEqual(2);
    expect((await get(slaLoader, db.context(), EMPLOYEE, "/sla")).status).toBe(403);
  });

  it("at risk means little business time left before the deadline", () => {
    const row: RiskRow = {
      task_id: "t", title: "t", project_id: null, project_name: null, assignee_name: null, priority_label: "High", policy_name: "p",
      started_at: "2026-11-23T22:00:00Z", response_deadline: "2026-11-24T02:00:00Z", resolution_deadline: "2026-11-25T05:30:00Z",
      responded_at: null, response_breached: 0, resolution_breached: 0, next_deadline: "2026-11-24T02:00:00Z", ...STANDARD,
      response_hours: 4, resolution_hours: 16,
    };
    // Tuesday 12:30 Melbourne: 30 business minutes left of 4 h → at risk.
    expect(riskOf(row, new Date("2026-11-24T01:30:00Z"))).toMatchObject({ atRisk: true, remainingMs: 30 * 60_000, which: "response" });
    // Tuesday 09:30: 3.5 h left → fine.
    expect(riskOf(row, new Date("2026-11-23T22:30:00Z"))).toMatchObject({ atRisk: false, remainingMs: 3.5 * 3_600_000 });
    // Friday 17:00 with the deadline on Monday 10:00: the weekend does not count (1.5 h left).
    const weekend = { ...row, next_deadline: "2026-11-29T23:00:00Z", response_deadline: "2026-11-29T23:00:00Z" };
    expect(riskOf(weekend, new Date("2026-11-27T06:00:00Z"))).toMatchObject({ atRisk: true, remainingMs: 1.5 * 3_600_000 });
  });
});

describe("policies", () => {
  it("creates a policy with one rule per priority; rules are replaced on save", async () => {
    const context = db.context();
    const result = await post(policyAction, context, MANAGER, "/sla/policies/new", {
      name: "Weekend cover", business_days: ["1", "2", "3", "4", "5", "6"], business_start: "08:00", business_end: "20:00", timezone: "Australia/Melbourne",
      "rule_cli-priority-urgent_response": "0.5", "rule_cli-priority-urgent_resolution": "4",
      "rule_cli-priority-high_response": "2", "rule_cli-priority-high_resolution": "12",
    }, { policyId: "new" });
    expect(result.status).toBe(302);
    const policy = await context.db.query.selectFrom("sla_policies").selectAll().where("name", "=", "Weekend cover").executeTakeFirstOrThrow();
    expect(policy.business_days).toBe("1,2,3,4,5,6");
    const save = await post(policyAction, context, MANAGER, `/sla/policies/${policy.id}`, {
      name: "Weekend cover", business_days: ["6", "7"], business_start: "10:00", business_end: "16:00", timezone: "Australia/Melbourne",
      "rule_cli-priority-low_response": "8", "rule_cli-priority-low_resolution": "24",
    }, { policyId: policy.id });
    expect(save.status).toBe(302);
    const rules = await context.db.query.selectFrom("sla_policy_rules").select("priority_id").where("policy_id", "=", policy.id).execute();
    expect(rules.map((r) => r.priority_id)).toEqual(["cli-priority-low"]);
    expect(await roundTrips(policyLoader, db.context(), MANAGER, `/sla/policies/${policy.id}`, { policyId: policy.id })).toBeLessThanOrEqual(2);
  });

  it("refuses bad rules and hours (400) and only sla:manage deletes", async () => {
    const context = db.context();
    const bad = await post(policyAction, context, MANAGER, "/sla/policies/new", {
      name: "Broken", business_days: ["1"], business_start: "17:00", business_end: "09:00", timezone: "Mars/Olympus",
      "rule_cli-priority-high_response": "10", "rule_cli-priority-high_resolution": "2",
    }, { policyId: "new" });
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.data as { errors: Record<string, string> }).errors)).toContain("business_end");
    const badRules = await post(policyAction, context, MANAGER, "/sla/policies/new", {
      name: "Broken", business_days: ["1"], business_start: "09:00", business_end: "17:00", timezone: "Mars/Olympus",
      "rule_cli-priority-high_response": "10", "rule_cli-priority-high_resolution": "2",
    }, { policyId: "new" });
    expect(Object.keys((badRules.data as { errors: Record<string, string> }).errors).sort()).toEqual(["rule_cli-priority-high_resolution", "timezone"]);
    expect((await post(policyAction, context, MANAGER, "/sla/policies/sla-priority", { intent: "delete" }, { policyId: "sla-priority" })).status).toBe(403);
    expect((await post(policyAction, context, "user-priya-raman", "/sla/policies/sla-priority", { intent: "delete" }, { policyId: "sla-priority" })).status).toBe(302);
    expect(await context.db.query.selectFrom("sla_policies").select("id").where("id", "=", "sla-priority").executeTakeFirst()).toBeUndefined();
  });
});
