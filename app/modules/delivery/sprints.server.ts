// Sprints (ORIGINAL §10.3): planned → active → closed; task and done counts; the sprint page
// with its tasks and the project backlog; closing rolls unfinished tasks to the next sprint (or
// the backlog) in ONE batch with history rows for the sprint and every moved task.
import { sql, type SqlBool } from "kysely";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { diffFields, historyEntry, historyFor } from "~/platform/history.server";
import { nowIso } from "~/platform/ids";
import type { Viewer } from "~/platform/session.server";
import { isDoneStatus } from "./config-lists.server";
import { SPRINT_STATUSES, type SprintIntent } from "./schemas";
import { projectVisible, taskVisible, type ScopeViewer } from "./scope.server";
import { historyRows, personName } from "./tasks.server";

const counts = (alias: string) => [
  sql<number>`(select count(*) from tasks t where t.sprint_id = ${sql.ref(`${alias}.id`)} and t.parent_task_id is null)`.as("task_count"),
  sql<number>`(select count(*) from tasks t where t.sprint_id = ${sql.ref(`${alias}.id`)} and t.parent_task_id is null and ${isDoneStatus("t.status_id")})`.as("done_count"),
];

/** Sprints of the projects the viewer can see (active first, then planned, then closed). */
export async function listSprints(db: Db, viewer: ScopeViewer, status: string | null) {
  const filter = status && (SPRINT_STATUSES as readonly string[]).includes(status) ? status : null;
  const [sprints] = await batch(db, [
    db.query
      .selectFrom("sprints as s")
      .innerJoin("projects as p", "p.id", "s.project_id")
      .select(["s.id", "s.name", "s.goal", "s.status", "s.start_date", "s.end_date", "s.project_id", "p.name as project_name", ...counts("s")])
      .where(projectVisible(viewer, "p"))
      .where(filter ? sql<SqlBool>`s.status = ${filter}` : sql<SqlBool>`1 = 1`)
      .orderBy(sql`case s.status when 'active' then 0 when 'planned' then 1 else 2 end`)
      .orderBy("s.start_date", "desc")
      .orderBy("s.created_at", "desc")
      .limit(200),
  ]);
  return { sprints, status: filter };
}

const BACKLOG_LIMIT = 50;

/** The sprint page in ONE batch; null when the sprint's project is out of scope. */
export async function loadSprintPage(db: Db, viewer: Viewer, sprintId: string) {
  const [sprints, tasks, backlog, others, history] = await batch(db, [
    db.query
      .selectFrom("sprints as s")
      .innerJoin("projects as p", "p.id", "s.project_id")
      .select(["s.id", "s.name", "s.goal", "s.status", "s.start_date", "s.end_date", "s.closed_at", "s.project_id", "p.name as project_name", ...counts("s")])
      .where("s.id", "=", sprintId)
      .where(projectVisible(viewer, "p")),
    db.query
      .selectFrom("tasks as t")
      .leftJoin("config_list_items as st", "st.id", "t.status_id")
      .leftJoin("config_list_items as pr", "pr.id", "t.priority_id")
      .leftJoin("people as a", "a.id", "t.assignee_id")
      .select(["t.id", "t.title", "t.due_date", "st.label as status_label", "st.color as status_color", "st.stage_type", "pr.label as priority_label", personName("a").as("assignee_name")])
      .where("t.sprint_id", "=", sprintId)
      .where("t.parent_task_id", "is", null)
      .where(taskVisible(viewer, "t"))
      .orderBy("st.position")
      .orderBy("t.sort_order")
      .limit(300),
    db.query
      .selectFrom("tasks as t")
      .leftJoin("config_list_items as st", "st.id", "t.status_id")
      .leftJoin("config_list_items as pr", "pr.id", "t.priority_id")
      .leftJoin("people as a", "a.id", "t.assignee_id")
      .select(["t.id", "t.title", "t.due_date", "st.label as status_label", "st.color as status_color", "st.stage_type", "pr.label as priority_label", personName("a").as("assignee_name")])
      .where(sql<SqlBool>`t.project_id = (select project_id from sprints where id = ${sprintId})`)
      .where("t.sprint_id", "is", null)
      .where("t.is_phase", "=", 0)
      .where(sql<SqlBool>`not ${isDoneStatus("t.status_id")}`)
      .where(taskVisible(viewer, "t"))
      .orderBy("t.created_at")
      .limit(BACKLOG_LIMIT),
    db.query
      .selectFrom("sprints")
      .select(["id", "name", "status", "start_date"])
      .where(sql<SqlBool>`project_id = (select project_id from sprints where id = ${sprintId})`)
      .where("id", "!=", sprintId)
      .where("status", "!=", "closed")
      .orderBy("position")
      .orderBy("start_date"),
    historyFor(db, "sprint", sprintId, 20),
  ]);
  const sprint = sprints[0];
  if (!sprint) return null;
  return { sprint, tasks, backlog, nextSprints: others, history };
}

export type SprintResult = { ok: true; message?: string } | { ok: false; status: 404 } | { ok: false; status: 400; errors: Record<string, string> };

/** One sprint-page intent (edit, start, close with rollover, add/remove a task). */
export async function applySprintIntent(db: Db, viewer: Viewer, sprintId: string, intent: SprintIntent): Promise<SprintResult> {
  const targetId = intent.intent === "close" ? intent.rollover_to : null;
  const taskId = intent.intent === "add_task" || intent.intent === "remove_task" ? intent.task_id : null;
  const [sprints, targets, tasks, unfinished] = await batch(db, [
    db.query
      .selectFrom("sprints as s")
      .innerJoin("projects as p", "p.id", "s.project_id")
      .select(["s.id", "s.name", "s.goal", "s.status", "s.start_date", "s.end_date", "s.project_id"])
      .where("s.id", "=", sprintId)
      .where(projectVisible(viewer, "p")),
    db.query.selectFrom("sprints").select(["id", "name", "status", "project_id"]).where("id", "=", targetId ?? ""),
    db.query.selectFrom("tasks as t").select(["t.id", "t.title", "t.project_id", "t.sprint_id"]).where("t.id", "=", taskId ?? "").where(taskVisible(viewer, "t")),
    db.query
      .selectFrom("tasks as t")
      .select(["t.id", "t.title"])
      .where("t.sprint_id", "=", intent.intent === "close" ? sprintId : "")
      .where(sql<SqlBool>`not ${isDoneStatus("t.status_id")}`),
  ]);
  const sprint = sprints[0];
  if (!sprint) return { ok: false, status: 404 };
  const now = nowIso();
  const history = (action: string, details: Record<string, unknown>, changes?: ReturnType<typeof diffFields>) =>
    historyEntry(db, { actorId: viewer.userId, resourceType: "sprint", resourceId: sprint.id, action, details, changes });

  switch (intent.intent) {
    case "update": {
      const { intent: _i, ...fields } = intent;
      const changes = diffFields(sprint, fields);
      if (!Object.keys(changes).length) return { ok: true };
      await batch(db, [db.query.updateTable("sprints").set({ ...fields, updated_at: now }).where("id", "=", sprint.id), history("updated", {}, changes)]);
      return { ok: true, message: "Sprint saved" };
    }
    case "start": {
      if (sprint.status !== "planned") return { ok: false, status: 400, errors: { form: "Only a planned sprint can start" } };
      await batch(db, [
        db.query.updateTable("sprints").set({ status: "active", start_date: sprint.start_date ?? now.slice(0, 10), updated_at: now }).where("id", "=", sprint.id),
        history("started", {}, { status: { from: "planned", to: "active" } }),
      ]);
      return { ok: true, message: "Sprint started" };
    }
    case "close": {
      if (sprint.status === "closed") return { ok: false, status: 400, errors: { form: "This sprint is already closed" } };
      const target = targets[0];
      if (targetId && (!target || target.project_id !== sprint.project_id || target.status === "closed" || target.id === sprint.id)) {
        return { ok: false, status: 400, errors: { rollover_to: "Choose an open sprint of the same project, or the backlog" } };
      }
      const destination = target ? target.name : "the backlog";
      await batch(db, [
        db.query
          .updateTable("tasks")
          .set({ sprint_id: target?.id ?? null, updated_at: now })
          .where("sprint_id", "=", sprint.id)
          .where(sql<SqlBool>`not ${isDoneStatus("tasks.status_id")}`),
        db.query.updateTable("sprints").set({ status: "closed", closed_at: now, end_date: sprint.end_date ?? now.slice(0, 10), updated_at: now }).where("id", "=", sprint.id),
        history("closed", { rolled_over: unfinished.length, to: destination }, { status: { from: sprint.status, to: "closed" } }),
        ...historyRows(db, unfinished.map((t) => ({
          resourceType: "task", resourceId: t.id, action: "rolled_over", actorId: viewer.userId,
          details: { from: sprint.name, to: destination },
        }))),
      ]);
      return { ok: true, message: `Sprint closed; ${unfinished.length} unfinished task${unfinished.length === 1 ? "" : "s"} moved to ${destination}` };
    }
    case "add_task":
    case "remove_task": {
      const task = tasks[0];
      if (!task || task.project_id !== sprint.project_id) return { ok: false, status: 404 };
      if (intent.intent === "add_task" && sprint.status === "closed") return { ok: false, status: 400, errors: { form: "This sprint is closed" } };
      const next = intent.intent === "add_task" ? sprint.id : null;
      if (intent.intent === "remove_task" && task.sprint_id !== sprint.id) return { ok: true };
      await batch(db, [
        db.query.updateTable("tasks").set({ sprint_id: next, updated_at: now }).where("id", "=", task.id),
        historyEntry(db, {
          actorId: viewer.userId, resourceType: "task", resourceId: task.id, action: "updated",
          changes: { sprint_id: { from: task.sprint_id, to: next } }, details: { sprint: sprint.name },
        }),
      ]);
      return { ok: true, message: next ? "Added to the sprint" : "Moved to the backlog" };
    }
  }
}
