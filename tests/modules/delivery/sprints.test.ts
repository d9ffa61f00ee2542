import { describe, expect, it } from "vitest";
import { monthsBetween } from "~/modules/delivery/roadmaps.server";
import { action as projectAction, loader as projectLoader } from "~/routes/_app+/projects+/$projectId";
import { action as roadmapAction, loader as roadmapLoader } from "~/routes/_app+/roadmaps+/$roadmapId";
import { loader as roadmapsLoader } from "~/routes/_app+/roadmaps+/_index";
import { loader as sprintsLoader } from "~/routes/_app+/sprints+/_index";
import { action as sprintAction, loader as sprintLoader } from "~/routes/_app+/sprints+/$sprintId";
import { setupTestDb } from "../../support/d1";
import { EMPLOYEE, EXEC, get, load, MANAGER, OUTSIDER, post, roundTrips } from "./helpers";

const db = setupTestDb({ seed: true });
const s15 = { sprintId: "sprint-kp-15" };

describe("sprints", () => {
  it("lists sprints in scope with task and done counts", async () => {
    const data = await load<{ sprints: { id: string; task_count: number; done_count: number }[] }>(sprintsLoader, db.context(), EMPLOYEE, "/sprints");
    expect(data.sprints.map((s) => s.id)).toEqual(["sprint-kp-15", "sprint-kp-16", "sprint-kp-14"]);
    expect(data.sprints[0]).toMatchObject({ task_count: 5, done_count: 1 });
    expect((await load<{ sprints: unknown[] }>(sprintsLoader, db.context(), OUTSIDER, "/sprints")).sprints).toEqual([]);
    expect((await get(sprintLoader, db.context(), OUTSIDER, "/sprints/sprint-kp-15", s15)).status).toBe(404);
  });

  it("the sprint page shows its tasks and the backlog in ≤ 2 round trips", async () => {
    const page = await load<{ tasks: { id: string }[]; backlog: { id: string }[]; nextSprints: { id: string }[] }>(sprintLoader, db.context(), MANAGER, "/sprints/sprint-kp-15", s15);
    expect(page.tasks.map((t) => t.id).sort()).toEqual(["task-kp-crash", "task-kp-dispatch-api", "task-kp-job-sync", "task-kp-offline-cache", "task-kp-push"]);
    expect(page.backlog.map((t) => t.id)).toEqual(["task-kp-photos"]);
    expect(page.nextSprints.map((s) => s.id)).toEqual(["sprint-kp-16"]);
    expect(await roundTrips(sprintLoader, db.context(), MANAGER, "/sprints/sprint-kp-15", s15)).toBeLessThanOrEqual(2);
  });

  it("closing rolls unfinished tasks to the next sprint in one batch, with history", async () => {
    const context = db.context();
    const result = await post(sprintAction, context, MANAGER, "/sprints/sprint-kp-15", { intent: "close", rollover_to: "sprint-kp-16" }, s15);
    expect(result.status).toBe(302);
    expect(new URL(result.location!, "http://x").searchParams.get("notice")).toBe("Sprint closed; 4 unfinished tasks moved to Sprint 16");
    const sprint = await context.db.query.selectFrom("sprints").select(["status", "closed_at"]).where("id", "=", "sprint-kp-15").executeTakeFirstOrThrow();
    expect(sprint.status).toBe("closed");
    const tasks = await context.db.query.selectFrom("tasks").select(["id", "sprint_id"]).where("project_id", "=", "proj-kinetic-platform").orderBy("id").execute();
    expect(Object.fromEntries(tasks.map((t) => [t.id, t.sprint_id]))).toMatchObject({
      "task-kp-dispatch-api": "sprint-kp-15", // done: stays
      "task-kp-job-sync": "sprint-kp-16", "task-kp-offline-cache": "sprint-kp-16", "task-kp-push": "sprint-kp-16", "task-kp-crash": "sprint-kp-16",
    });
    const rolled = await context.db.query.selectFrom("history").select("resource_id").where("action", "=", "rolled_over").execute();
    expect(rolled).toHaveLength(4);
    // Closing twice is refused.
    expect((await post(sprintAction, context, MANAGER, "/sprints/sprint-kp-15", { intent: "close" }, s15)).status).toBe(400);
  });

  it("refuses a rollover target of another project (400, nothing moved)", async () => {
    await db.exec("INSERT INTO sprints (id, project_id, name, status) VALUES ('sprint-hw-1','proj-harbour-web','Harbour 1','planned');");
    const context = db.context();
    const result = await post(sprintAction, context, EXEC, "/sprints/sprint-kp-15", { intent: "close", rollover_to: "sprint-hw-1" }, s15);
    expect(result.status).toBe(400);
    expect((await context.db.query.selectFrom("sprints").select("status").where("id", "=", "sprint-kp-15").executeTakeFirstOrThrow()).status).toBe("active");
    expect((await context.db.query.selectFrom("tasks").select("sprint_id").where("id", "=", "task-kp-push").executeTakeFirstOrThrow()).sprint_id).toBe("sprint-kp-15");
  });

  it("closing into the backlog clears the sprint of unfinished tasks", async () => {
    const context = db.context();
    expect((await post(sprintAction, context, MANAGER, "/sprints/sprint-kp-15", { intent: "close", rollover_to: "" }, s15)).status).toBe(302);
    const left = await context.db.query.selectFrom("tasks").select("id").where("sprint_id", "is", null).where("project_id", "=", "proj-kinetic-platform").where("is_phase", "=", 0).execute();
    expect(left.map((t) => t.id).sort()).toEqual(["task-kp-crash", "task-kp-job-sync", "task-kp-offline-cache", "task-kp-photos", "task-kp-push"]);
  });

  it("plans, starts and fills a sprint; employees only view", async () => {
    const context = db.context();
    const created = await post(projectAction, context, MANAGER, "/projects/proj-kinetic-platform?tab=sprints", { intent: "add_sprint", name: "Sprint 17", start_date: "2026-12-14", end_date: "2026-12-11" }, { projectId: "proj-kinetic-platform" });
    expect(created.status).toBe(400); // end before start
    const ok = await post(projectAction, context, MANAGER, "/projects/proj-kinetic-platform?tab=sprints", { intent: "add_sprint", name: "Sprint 17", start_date: "2026-12-14", end_date: "2026-12-25" }, { projectId: "proj-kinetic-platform" });
    expect(ok.status).toBe(302);
    const id = ok.location!.split("/sprints/")[1]!.split("?")[0]!;
    expect((await post(sprintAction, context, MANAGER, `/sprints/${id}`, { intent: "add_task", task_id: "task-kp-photos" }, { sprintId: id })).status).toBe(302);
    expect((await post(sprintAction, context, MANAGER, `/sprints/${id}`, { intent: "add_task", task_id: "task-hw-visual" }, { sprintId: id })).status).toBe(404);
    expect((await post(sprintAction, context, MANAGER, `/sprints/${id}`, { intent: "start" }, { sprintId: id })).status).toBe(302);
    expect((await post(sprintAction, context, EMPLOYEE, `/sprints/${id}`, { intent: "close" }, { sprintId: id })).status).toBe(403);
    const page = await load<{ data: { sprints: { id: string; status: string; task_count: number }[] } }>(projectLoader, db.context(), EMPLOYEE, "/projects/proj-kinetic-platform?tab=sprints", { projectId: "proj-kinetic-platform" });
    expect(page.data.sprints.find((s) => s.id === id)).toMatchObject({ status: "active", task_count: 1 });
  });
});

describe("roadmaps", () => {
  const rm = { roadmapId: "roadmap-kp" };

  it("shows items linked to goals on a month timeline", async () => {
    const page = await load<{ items: { title: string; goal_title: string | null }[]; months: string[]; tasks: { id: string }[] }>(roadmapLoader, db.context(), EMPLOYEE, "/roadmaps/roadmap-kp", rm);
    expect(page.items.map((i) => [i.title, i.goal_title])).toEqual([
      ["Dispatch integration", "Dispatch integration live"], ["Proof of delivery", "Dispatch integration live"], ["Depot roll-out", "80% of drivers on the app"],
    ]);
    expect(page.months[0]).toBe("2026-10");
    expect(page.months[page.months.length - 1]).toBe("2027-03");
    expect(page.tasks.length).toBeGreaterThan(0);
    expect(monthsBetween("2026-11-30", "2027-02-01")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    expect((await get(roadmapLoader, db.context(), OUTSIDER, "/roadmaps/roadmap-kp", rm)).status).toBe(404);
    expect((await load<{ roadmaps: unknown[] }>(roadmapsLoader, db.context(), OUTSIDER, "/roadmaps")).roadmaps).toEqual([]);
  });

  it("adds items only with goals of the same project; deleting needs roadmaps:manage", async () => {
    const context = db.context();
    const wrongGoal = await post(roadmapAction, context, MANAGER, "/roadmaps/roadmap-kp", { intent: "add_item", title: "Steal a goal", goal_id: "goal-hw-launch" }, rm);
    expect(wrongGoal.status).toBe(400);
    const ok = await post(roadmapAction, context, MANAGER, "/roadmaps/roadmap-kp", { intent: "add_item", title: "Driver feedback survey", goal_id: "goal-kp-adoption", start_date: "2027-03-01", end_date: "2027-03-31", status: "planned" }, rm);
    expect(ok.status).toBe(302);
    expect((await post(roadmapAction, context, MANAGER, "/roadmaps/roadmap-kp", { intent: "delete" }, rm)).status).toBe(403);
    expect((await post(roadmapAction, context, EXEC, "/roadmaps/roadmap-kp", { intent: "delete" }, rm)).status).toBe(302);
    expect(await context.db.query.selectFrom("roadmap_items").select("id").where("roadmap_id", "=", "roadmap-kp").execute()).toEqual([]);
  });
});
