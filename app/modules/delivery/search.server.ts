// Global search: projects and tasks in the viewer's scope.
import { sql } from "kysely";
import type { Searcher } from "~/modules/search/search.server";
import { contains } from "~/platform/like";
import { projectVisible, taskVisible } from "./scope.server";

export const searchProjects: Searcher = {
  type: "project",
  label: "Projects",
  tool: "projects",
  query: (db, viewer, term, limit) =>
    db.query
      .selectFrom("projects as p")
      .leftJoin("companies as c", "c.id", "p.company_id")
      .select(["p.id", "p.name as title", "c.name as subtitle", sql<string>`'/projects/' || p.id`.as("url")])
      .where(projectVisible(viewer, "p"))
      .where((eb) => eb.or([eb("p.name", "like", contains(term)), eb("c.name", "like", contains(term))]))
      .orderBy("p.name")
      .limit(limit),
};

export const searchTasks: Searcher = {
  type: "task",
  label: "Tasks",
  tool: "tasks",
  query: (db, viewer, term, limit) =>
    db.query
      .selectFrom("tasks as t")
      .leftJoin("projects as p", "p.id", "t.project_id")
      .select(["t.id", "t.title", "p.name as subtitle", sql<string>`'/tasks/' || t.id`.as("url")])
      .where("t.is_phase", "=", 0)
      .where(taskVisible(viewer, "t"))
      .where("t.title", "like", contains(term))
      .orderBy("t.updated_at", "desc")
      .limit(limit),
};
