import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { Viewer } from "./session.server";

/**
 * Data scope over people (FEATURES.md "Access model"):
 * - executive: everyone;
 * - head: everyone, except for sensitive records (HR documents, confidential and person
 *   notes), where it is own + whole reporting subtree;
 * - manager: own + everyone below them in people.manager_id (recursive);
 * - lead, employee: own only.
 * Applied IN SQL as a subquery, never as a bound list of ids (D1 allows 100 parameters).
 */
export type Sensitivity = "default" | "sensitive";
export type PersonScope =
  | { kind: "all" }
  | { kind: "subtree"; personId: string }
  | { kind: "self"; personId: string }
  | { kind: "none" };

export function personScope(viewer: Pick<Viewer, "accessLevel" | "personId">, sensitivity: Sensitivity = "default"): PersonScope {
  if (viewer.accessLevel === "executive") return { kind: "all" };
  if (!viewer.personId) return { kind: "none" };
  if (viewer.accessLevel === "head") {
    return sensitivity === "default" ? { kind: "all" } : { kind: "subtree", personId: viewer.personId };
  }
  if (viewer.accessLevel === "manager") return { kind: "subtree", personId: viewer.personId };
  return { kind: "self", personId: viewer.personId };
}

/** `(SELECT id FROM ...)`: the ids of the viewer and everyone below them. */
export function subtreeIds(personId: string): RawBuilder<string> {
  return sql<string>`(WITH RECURSIVE scope_tree(id) AS (
      SELECT id FROM people WHERE id = ${personId}
      UNION
      SELECT p.id FROM people p JOIN scope_tree t ON p.manager_id = t.id
    ) SELECT id FROM scope_tree)`;
}

/**
 * A WHERE condition: `column` (a person id column, e.g. "people.id" or "documents.person_id")
 * is within the viewer's scope. Use as `.where(inPersonScope("people.id", viewer))`.
 */
export function inPersonScope(
  column: string,
  viewer: Pick<Viewer, "accessLevel" | "personId">,
  sensitivity: Sensitivity = "default",
): RawBuilder<SqlBool> {
  const scope = personScope(viewer, sensitivity);
  switch (scope.kind) {
    case "all":
      return sql<SqlBool>`1 = 1`;
    case "none":
      return sql<SqlBool>`1 = 0`;
    case "self":
      return sql<SqlBool>`${sql.ref(column)} = ${scope.personId}`;
    case "subtree":
      return sql<SqlBool>`${sql.ref(column)} IN ${subtreeIds(scope.personId)}`;
  }
}

/** First-tier approvals (leave, time) belong to the direct manager. */
export function directReportCondition(column: string, viewer: Pick<Viewer, "personId">): RawBuilder<SqlBool> {
  if (!viewer.personId) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref(column)} IN (SELECT id FROM people WHERE manager_id = ${viewer.personId})`;
}

/**
 * `inPersonScope` for ONE person id (a bound value, e.g. a route param): the same scope, but a
 * manager's subtree is checked by walking UP the reporting chain from that person (a few index
 * lookups) instead of listing the whole subtree, so a detail page costs the same however large
 * the viewer's subtree is. Use it for single-person lookups; use `inPersonScope` for lists.
 */
export function personIdInScope(
  personId: string,
  viewer: Pick<Viewer, "accessLevel" | "personId">,
  sensitivity: Sensitivity = "default",
): RawBuilder<SqlBool> {
  const scope = personScope(viewer, sensitivity);
  switch (scope.kind) {
    case "all":
      return sql<SqlBool>`1 = 1`;
    case "none":
      return sql<SqlBool>`1 = 0`;
    case "self":
      return sql<SqlBool>`${personId} = ${scope.personId}`;
    case "subtree":
      return sql<SqlBool>`${scope.personId} IN (WITH RECURSIVE scope_chain(id, depth) AS (
          SELECT ${personId}, 0
          UNION
          SELECT people.manager_id, scope_chain.depth + 1 FROM people JOIN scope_chain ON people.id = scope_chain.id
          WHERE people.manager_id IS NOT NULL AND scope_chain.depth < 100
        ) SELECT id FROM scope_chain)`;
  }
}
