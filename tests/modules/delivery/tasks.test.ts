import { describe, expect, it } from "vitest";
import { action as projectAction, loader as projectLoader } from "~/routes/_app+/projects+/$projectId";
import { loader as tasksLoader } from "~/routes/_app+/tasks+/_index";
import { loader as mineLoader } from "~/routes/_app+/tasks+/mine";
import { action as newTaskAction } from "~/routes/_app+/tasks+/new";
import { action as taskAction, loader as taskLoader } from "~/routes/_app+/tasks+/$taskId";
import { setupTestDb } from "../../support/d1";
import { EMPLOYEE, EXEC, get, HEAD, load, MANAGER, OUTSIDER, post, roundTrips } from "./helpers";

const db = setupTestDb({ seed: true });

type Rows = { rows: { id: string }[]; total: number };
const ids = (data: Rows) => data.rows.map((r) => r.id).sort();
const kinetic = { projectId: "proj-kinetic-platform" };

describe("task scope", () => {
  it("an employee sees tasks on their projects and their own, not others'", async () => {
    const data = await load<Rows>(tasksLoader, db.context(), EMPLOYEE, "/tasks");
    expect(ids(data)).toEqual([
      "task-kp-crash", "task-kp-dispatch-api", "task-kp-job-sync", "task-kp-login", "task-kp-offline-cache", "task-kp-photos", "task-kp-push",
    ]);
    expect((await get(taskLoader, db.context(), EMPLOYEE, "/tasks/task-hw-wireframes", { taskId: "task-hw-wireframes" })).status).toBe(404);
    expect((await get(taskLoader, db.context(), EMPLOYEE, "/tasks/task-kp-crash", { taskId: "task-kp-crash" })).status).toBe(200);
  });

  it("a watcher sees a task outside their projects", async () => {
    await db.exec("INSERT INTO task_watchers (id, task_id, user_id) VALUES ('tw-test','task-gl-articles','user-ethan-brown');");
    expect((await get(taskLoader, db.context(), EMPLOYEE, "/tasks/task-gl-articles", { taskId: "task-gl-articles" })).status).toBe(200);
  });

  it("a private task is hidden from project members who are not on it", async () => {
    // Zara (Atlas member, in Daniel's tree) and Daniel: not assignee/reporter/creator/watcher.
    expect((await get(taskLoader, db.context(), "user-zara-ahmed", "/tasks/task-ap-private", { taskId: "task-ap-private" })).status).toBe(404);
    expect((await get(taskLoader, db.context(), MANAGER, "/tasks/task-ap-private", { taskId: "task-ap-private" })).status).toBe(404);
    expect((await get(taskLoader, db.context(), "user-zara-ahmed", "/tasks/task-ap-discovery", { taskId: "task-ap-discovery" })).status).toBe(200);
    expect((await get(taskLoader, db.context(), HEAD, "/tasks/task-ap-private", { taskId: "task-ap-private" })).status).toBe(200);
  });

  it("out-of-scope task actions are 404 and write nothing", async () => {
    const context = db.context();
    const result = await post(taskAction, context, OUTSIDER, "/tasks/task-kp-crash", { intent: "move", status_id: "cli-status-done" }, { taskId: "task-kp-crash" });
    expect(result.status).toBe(404);
    const task = await context.db.query.selectFrom("tasks").select("status_id").where("id", "=", "task-kp-crash").executeTakeFirstOrThrow();
    expect(task.status_id).toBe("cli-status-todo");
  });
});

describe("lists", () => {
  it("filter by status, priority, assignee, project, due and search", async () => {
    const context = db.context();
    const urgent = await load<Rows>(tasksLoader, context, EXEC, "/tasks?priority=cli-priority-urgent");
    expect(ids(urgent)).toEqual(["task-kp-crash"]);
    const review = await load<Rows>(tasksLoader, db.context(), EXEC, "/tasks?status=cli-status-in-review,cli-status-done&project=proj-kinetic-platform");
    expect(ids(review)).toEqual(["task-kp-dispatch-api", "task-kp-login", "task-kp-offline-cache"]);
    const search = await load<Rows>(tasksLoader, db.context(), EXEC, "/tasks?q=shipping");
    expect(ids(search)).toEqual(["task-hs-checkout"]);
    const overdue = await load<Rows>(tasksLoader, db.context(), EXEC, "/tasks?due=overdue&project=proj-greenleaf-seo");
    expect(ids(overdue)).toContain("task-gl-schema");
    expect(ids(overdue)).not.toContain("task-gl-audit"); // done, so never overdue
    const unassigned = await load<Rows>(tasksLoader, db.context(), EXEC, "/tasks?assignee=none&project=proj-kinetic-platform");
    expect(ids(unassigned)).toEqual(["task-kp-photos"]);
    const phasesHidden = await load<Rows>(tasksLoader, db.context(), EXEC, "/tasks?project=proj-harbour-web");
    expect(ids(phasesHidden)).not.toContain("task-hw-design");
  });

  it("my tasks: assigned to me, open ones, soonest due first", async () => {
    const data = await load<{ rows: { id: string }[] }>(mineLoader, db.context(), "user-chloe-martin", "/tasks/mine");
    expect(data.rows.map((r) => r.id)).toEqual(["task-kp-crash", "task-kp-job-sync"]);
  });

  it("list, my tasks and the board each cost at most 2 round trips", async () => {
    expect(await roundTrips(tasksLoader, db.context(), MANAGER, "/tasks?open=1&sort=priority")).toBeLessThanOrEqual(2);
    expect(await roundTrips(mineLoader, db.context(), EMPLOYEE, "/tasks/mine")).toBeLessThanOrEqual(2);
    expect(await roundTrips(projectLoader, db.context(), MANAGER, "/projects/proj-kinetic-platform?tab=board", kinetic)).toBeLessThanOrEqual(2);
    expect(await roundTrips(taskLoader, db.context(), MANAGER, "/tasks/task-kp-job-sync", { taskId: "task-kp-job-sync" })).toBeLessThanOrEqual(2);
    expect(await roundTrips(taskLoader, db.context(), MANAGER, "/tasks/task-kp-job-sync?tab=notes", { taskId: "task-kp-job-sync" })).toBeLessThanOrEqual(2);
    expect(await roundTrips(taskLoader, db.context(), MANAGER, "/tasks/task-kp-job-sync?tab=history", { taskId: "task-kp-job-sync" })).toBeLessThanOrEqual(2);
  });
});

describe("the board", () => {
  type Board = { data: { cards: { id: string; status_id: string }[]; statuses: { id: string; label: string }[] } };

  it("has a column per status (in order) and cards in their columns", async () => {
    const board = await load<Board>(projectLoader, db.context(), MANAGER, "/projects/proj-kinetic-platform?tab=board", kinetic);
    expect(board.data.statuses.map((s) => s.label)).toEqual(["To do", "In progress", "In review", "Done"]);
    expect(board.data.cards.find((c) => c.id === "task-kp-job-sync")!.status_id).toBe("cli-status-in-progress");
    const sprint = await load<Board>(projectLoader, db.context(), MANAGER, "/projects/proj-kinetic-platform?tab=board&sprint=sprint-kp-14", kinetic);
    expect(sprint.data.cards.map((c) => c.id)).toEqual(["task-kp-login"]);
  });

  it("moves a task (history + watchers notified) and rejects an unknown status with 400", async () => {
    const context = db.context();
    const path = "/projects/proj-kinetic-platform?tab=board";
    const bad = await post(projectAction, context, EMPLOYEE, path, { intent: "move_task", task_id: "task-kp-job-sync", status_id: "cli-priority-high" }, kinetic);
    expect(bad.status).toBe(400);
    const unknown = await post(projectAction, context, EMPLOYEE, path, { intent: "move_task", task_id: "task-kp-job-sync", status_id: "no-such-status" }, kinetic);
    expect(unknown.status).toBe(400);
    expect((await context.db.query.selectFrom("tasks").select("status_id").where("id", "=", "task-kp-job-sync").executeTakeFirstOrThrow()).status_id).toBe("cli-status-in-progress");

    const moved = await post(projectAction, context, EMPLOYEE, path, { intent: "move_task", task_id: "task-kp-job-sync", status_id: "cli-status-in-review" }, kinetic);
    expect(moved.status).toBe(302);
    expect(moved.location).toContain("tab=board");
    const task = await context.db.query.selectFrom("tasks").select(["status_id", "completed_at"]).where("id", "=", "task-kp-job-sync").executeTakeFirstOrThrow();
    expect(task.status_id).toBe("cli-status-in-review");
    const history = await context.db.query.selectFrom("history").select(["action", "details"]).where("resource_id", "=", "task-kp-job-sync").where("action", "=", "moved").executeTakeFirstOrThrow();
    expect(JSON.parse(history.details!).changes.status_id).toEqual({ from: "cli-status-in-progress", to: "cli-status-in-review" });
    // Watchers (Liam, Daniel) and the assignee (Chloe) hear about it; the mover (Ethan) does not.
    const notes = await context.db.query.selectFrom("notifications").select(["user_id", "type", "body", "action_url"]).where("resource_id", "=", "task-kp-job-sync").orderBy("user_id").execute();
    expect(notes.map((n) => n.user_id)).toEqual(["user-chloe-martin", "user-daniel-costa", "user-liam-murphy"]);
    expect(notes[0]).toMatchObject({ type: "task_updated", action_url: "/tasks/task-kp-job-sync" });
    expect(notes[0]!.body).toContain("Status: In progress → In review");
  });

  it("a fetcher move (drag and drop) gets data back instead of a redirect", async () => {
    const result = await post(projectAction, db.context(), EMPLOYEE, "/projects/proj-kinetic-platform?tab=board&fetch=1", { intent: "move_task", task_id: "task-kp-push", status_id: "cli-status-done" }, kinetic);
    expect(result.status).toBe(200);
    const task = await db.context().db.query.selectFrom("tasks").select(["status_id", "completed_at"]).where("id", "=", "task-kp-push").executeTakeFirstOrThrow();
    expect(task.status_id).toBe("cli-status-done");
    expect(task.completed_at).not.toBeNull();
  });

  it("a task of another project cannot be moved through this board", async () => {
    const result = await post(projectAction, db.context(), EXEC, "/projects/proj-kinetic-platform?tab=board", { intent: "move_task", task_id: "task-hw-visual", status_id: "cli-status-done" }, kinetic);
    expect(result.status).toBe(404);
  });
});

describe("task changes", () => {
  const params = { taskId: "task-kp-job-sync" };
  const path = "/tasks/task-kp-job-sync";

  it("updates fields with history and notifies watchers of what changed", async () => {
    const context = db.context();
    const result = await post(taskAction, context, "user-liam-murphy", path, {
      intent: "update", title: "Two-way job status sync", status_id: "cli-status-in-progress", priority_id: "cli-priority-urgent",
      type_id: "cli-type-feature", assignee_id: "ethan-brown", reporter_id: "liam-murphy", due_date: "2026-12-01", estimated_hours: "30",
      sprint_id: "sprint-kp-15", description: "Statuses from the app update the dispatch board and back.", start_date: "2026-11-18",
      roadmap_item_id: "rmi-kp-dispatch",
    }, params);
    expect(result.status).toBe(302);
    const history = await context.db.query.selectFrom("history").select("details").where("resource_id", "=", "task-kp-job-sync").where("action", "=", "updated").where("actor_id", "=", "user-liam-murphy").executeTakeFirstOrThrow();
    const changes = JSON.parse(history.details!).changes;
    expect(Object.keys(changes).sort()).toEqual(["assignee_id", "due_date", "estimated_hours", "priority_id"]);
    const notified = await context.db.query.selectFrom("notifications").select("user_id").where("resource_id", "=", "task-kp-job-sync").orderBy("user_id").execute();
    // Watchers (Daniel; Liam is the actor), the old assignee (Chloe) and the new one (Ethan).
    expect(notified.map((n) => n.user_id)).toEqual(["user-chloe-martin", "user-daniel-costa", "user-ethan-brown"]);
  });

  it("rejects ids from the wrong list or project (400, nothing written)", async () => {
    const context = db.context();
    const result = await post(taskAction, context, "user-liam-murphy", path, {
      intent: "update", title: "x", status_id: "cli-priority-low", priority_id: "cli-status-done", assignee_id: "nobody", sprint_id: "sprint-nope", due_date: "2026-13-01",
    }, params);
    expect(result.status).toBe(400);
    const errors = (result.data as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors)).toContain("due_date");
    const second = await post(taskAction, context, "user-liam-murphy", path, { intent: "update", title: "x", status_id: "cli-priority-low", priority_id: "cli-status-done", assignee_id: "nobody", sprint_id: "sprint-nope" }, params);
    expect(Object.keys((second.data as { errors: Record<string, string> }).errors).sort()).toEqual(["assignee_id", "priority_id", "sprint_id", "status_id"]);
    expect((await context.db.query.selectFrom("tasks").select("title").where("id", "=", "task-kp-job-sync").executeTakeFirstOrThrow()).title).toBe("Two-way job status sync");
  });

  it("todos are ordered, can be reordered, completed and deleted", async () => {
    const context = db.context();
    expect((await post(taskAction, context, EMPLOYEE, path, { intent: "add_todo", title: "Load test the webhook" }, params)).status).toBe(302);
    const order = async () => (await context.db.query.selectFrom("task_todos").select(["id", "title", "is_done"]).where("task_id", "=", "task-kp-job-sync").orderBy("position").execute());
    expect((await order()).map((t) => t.title)).toEqual(["Map app statuses to dispatch codes", "Webhook receiver for dispatch updates", "Retry queue for failed pushes", "Load test the webhook"]);
    const added = (await order())[3]!;
    await post(taskAction, context, EMPLOYEE, path, { intent: "move_todo", todo_id: added.id, direction: "up" }, params);
    await post(taskAction, context, EMPLOYEE, path, { intent: "move_todo", todo_id: added.id, direction: "up" }, params);
    expect((await order()).map((t) => t.title)).toEqual(["Map app statuses to dispatch codes", "Load test the webhook", "Webhook receiver for dispatch updates", "Retry queue for failed pushes"]);
    await post(taskAction, context, EMPLOYEE, path, { intent: "toggle_todo", todo_id: added.id }, params);
    expect((await order()).find((t) => t.id === added.id)!.is_done).toBe(1);
    await post(taskAction, context, EMPLOYEE, path, { intent: "delete_todo", todo_id: added.id }, params);
    expect(await order()).toHaveLength(3);
    expect((await post(taskAction, context, EMPLOYEE, path, { intent: "toggle_todo", todo_id: "todo-hw-wire-1" }, params)).status).toBe(404);
  });

  it("subtasks, watchers and resources", async () => {
    const context = db.context();
    expect((await post(taskAction, context, EMPLOYEE, path, { intent: "add_subtask", title: "Handle 409 conflicts" }, params)).status).toBe(302);
    const sub = await context.db.query.selectFrom("tasks").select(["id", "parent_task_id", "project_id", "sprint_id"]).where("title", "=", "Handle 409 conflicts").executeTakeFirstOrThrow();
    expect(sub).toMatchObject({ parent_task_id: "task-kp-job-sync", project_id: "proj-kinetic-platform", sprint_id: "sprint-kp-15" });
    expect((await post(taskAction, context, EMPLOYEE, path, { intent: "watch" }, params)).status).toBe(302);
    expect((await post(taskAction, context, EMPLOYEE, path, { intent: "add_watcher", user_id: "user-mia-taylor" }, params)).status).toBe(302);
    expect((await post(taskAction, context, EMPLOYEE, path, { intent: "add_watcher", user_id: "nobody" }, params)).status).toBe(400);
    const watchers = await context.db.query.selectFrom("task_watchers").select("user_id").where("task_id", "=", "task-kp-job-sync").orderBy("user_id").execute();
    expect(watchers.map((w) => w.user_id)).toEqual(["user-daniel-costa", "user-ethan-brown", "user-liam-murphy", "user-mia-taylor"]);
    expect((await post(taskAction, context, EMPLOYEE, path, { intent: "add_resource", kind: "link", label: "Dispatch API docs", url: "https://dispatch.example.com/docs" }, params)).status).toBe(302);
    expect((await post(taskAction, context, EMPLOYEE, path, { intent: "add_resource", kind: "link", label: "Bad", url: "javascript:alert(1)" }, params)).status).toBe(400);
    const page = await load<{ overview: { subtasks: unknown[]; resources: { label: string }[]; watching: boolean } }>(taskLoader, db.context(), EMPLOYEE, path, params);
    expect(page.overview.subtasks).toHaveLength(1);
    expect(page.overview.resources.map((r) => r.label)).toEqual(["Dispatch API docs"]);
    expect(page.overview.watching).toBe(true);
  });

  it("approval: requested by anyone on the task, decided by the project owner, never by the assignee", async () => {
    const context = db.context();
    await post(taskAction, context, EMPLOYEE, path, { intent: "request_approval" }, params);
    expect((await post(taskAction, context, "user-chloe-martin", path, { intent: "approve" }, params)).status).toBe(403);
    expect((await post(taskAction, context, MANAGER, path, { intent: "approve" }, params)).status).toBe(302);
    const task = await context.db.query.selectFrom("tasks").select(["approval_status", "approved_by"]).where("id", "=", "task-kp-job-sync").executeTakeFirstOrThrow();
    expect(task).toEqual({ approval_status: "approved", approved_by: "user-daniel-costa" });
  });

  it("creates tasks on a project (creator watches, assignee notified) and internal tasks", async () => {
    const context = db.context();
    const result = await post(newTaskAction, context, EMPLOYEE, "/tasks/new", { title: "Crash reporting dashboard", resource_id: "proj-kinetic-platform", assignee_id: "chloe-martin", priority_id: "cli-priority-low" });
    expect(result.status).toBe(302);
    const id = result.location!.split("/tasks/")[1]!.split("?")[0]!;
    const task = await context.db.query.selectFrom("tasks").select(["status_id", "reporter_id", "created_by", "project_id", "type_id"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(task).toEqual({ status_id: "cli-status-todo", reporter_id: "ethan-brown", created_by: "user-ethan-brown", project_id: "proj-kinetic-platform", type_id: "cli-type-task" });
    expect((await context.db.query.selectFrom("notifications").select("user_id").where("resource_id", "=", id).execute()).map((n) => n.user_id)).toEqual(["user-chloe-martin"]);
    const internal = await post(newTaskAction, context, EMPLOYEE, "/tasks/new", { title: "Update my LinkedIn", resource_id: "internal" });
    expect(internal.status).toBe(302);
    // Not a member of Harbour web: 404 (its existence does not leak).
    expect((await post(newTaskAction, context, EMPLOYEE, "/tasks/new", { title: "Sneaky", resource_id: "proj-harbour-web" })).status).toBe(404);
  });
});
