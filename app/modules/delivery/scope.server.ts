// Who sees which projects and tasks (ORIGINAL §3.5 / §10.1 / §10.2), as SQL conditions.
//
// Projects — executive/head: all. Everyone else: projects where someone in their person scope
// (themself; a manager also everyone below them in people.manager_id) is the owner, the
// delivery manager or a member.
//
// Tasks — executive/head: all. Everyone else: tasks where someone in their person scope is the
// assignee or the reporter, tasks they created or watch, and the non-private tasks of projects
// they can see (a project board is useless to its own members otherwise).
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { inPersonScope, personScope } from "~/platform/scope.server";
import type { Viewer } from "~/platform/session.server";

export type ScopeViewer = Pick<Viewer, "userId" | "personId" | "accessLevel">;

export const seesAll = (viewer: Pick<Viewer, "accessLevel" | "personId">) => personScope(viewer).kind === "all";

/** `alias.id` is a project the viewer may see. */
export function projectVisible(viewer: ScopeViewer, alias = "projects"): RawBuilder<SqlBool> {
  if (seesAll(viewer)) return sql<SqlBool>`1 = 1`;
  if (!viewer.personId) return sql<SqlBool>`1 = 0`;
  // Non-correlated `in (...)` subqueries: SQLite evaluates each once per statement.
  return sql<SqlBool>`(${inPersonScope(`${alias}.owner_id`, viewer)}
    or ${inPersonScope(`${alias}.delivery_manager_id`, viewer)}
    or ${sql.ref(`${alias}.id`)} in (select vis_pm.project_id from project_members vis_pm where ${inPersonScope("vis_pm.person_id", viewer)}))`;
}

/** `(select id from projects where visible)`: for `project_id in (...)`. */
export function visibleProjectIds(viewer: ScopeViewer): RawBuilder<string> {
  return sql<string>`(select vis_p.id from projects vis_p where ${projectVisible(viewer, "vis_p")})`;
}

/** `alias` (a tasks row) is a task the viewer may see. */
export function taskVisible(viewer: ScopeViewer, alias = "tasks"): RawBuilder<SqlBool> {
  if (seesAll(viewer)) return sql<SqlBool>`1 = 1`;
  const t = (column: string) => `${alias}.${column}`;
  const own = viewer.personId
    ? sql<SqlBool>`${inPersonScope(t("assignee_id"), viewer)} or ${inPersonScope(t("reporter_id"), viewer)} or`
    : sql<SqlBool>``;
  return sql<SqlBool>`(${own} ${sql.ref(t("created_by"))} = ${viewer.userId}
    or ${sql.ref(t("id"))} in (select vis_w.task_id from task_watchers vis_w where vis_w.user_id = ${viewer.userId})
    or (${sql.ref(t("is_private"))} = 0 and ${sql.ref(t("project_id"))} in ${visibleProjectIds(viewer)}))`;
}
