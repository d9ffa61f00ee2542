// The org chart (ORIGINAL §5.1). ONE batch reads: how many people are visible, the people shown
// (the top CHART_DEPTH levels under the roots, or under ?focus=<id>, each with its number of
// visible direct reports), the focus breadcrumb and, with ?peek=<id>, that person's contact and
// system details. The tree is built in JS (org-tree.ts). Deeper people are reachable by focusing
// on their manager, so a page costs the same at any size of organisation. Roots: people without a (visible, current) manager,
// or the viewer themself for a manager's subtree.
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { historyFor } from "~/platform/history.server";
import { inPersonScope, personIdInScope, personScope } from "~/platform/scope.server";
import type { Viewer } from "~/platform/session.server";
import { buildOrgTree, pathTo, type OrgNode } from "./org-tree";
import { canSeeRestrictedTabs } from "./profile-access";

/** Levels shown below the chart's root (the root is level 0); the first two are open. */
/** Levels read below the chart's root (the root is level 0); the first two are open. */
export const CHART_DEPTH = 3;
export const OPEN_LEVELS = 2;
/**
 * At most this many people are drawn: the deepest level that would exceed it is left out (its
 * managers get a "show their reports" link), but levels 0–1 always show. Keeps big charts fast.
 */
export const CHART_NODE_BUDGET = 60;

export interface ChartPerson {
  id: string;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  pronunciation: string | null;
  title: string | null;
  avatar_url: string | null;
  squad: string | null;
  manager_id: string | null;
}

export interface ChartNode {
  person: Omit<ChartPerson, "manager_id">;
  children: ChartNode[];
  /** Direct reports the viewer can see. */
  reports: number;
  /** Has reports who are not sent (beyond CHART_DEPTH): link to focus on this person. */
  truncated: boolean;
}

type ShownNode = OrgNode<ChartPerson & { reports: number }>;

function trim(node: ShownNode, depth: number, maxDepth: number): ChartNode {
  const { reports, manager_id: _manager, ...person } = node.person;
  return {
    person,
    children: depth < maxDepth ? node.children.map((c) => trim(c, depth + 1, maxDepth)) : [],
    reports: Number(reports),
    // Reports who are not drawn: link to focus on this person.
    truncated: depth >= maxDepth && Number(reports) > 0,
  };
}

/** The deepest level (≥ 1, ≤ CHART_DEPTH) whose people, with all levels above, fit the budget. */
export function drawnDepth(roots: readonly { children: readonly unknown[] }[], budget = CHART_NODE_BUDGET) {
  let level: { children: readonly unknown[] }[] = [...roots];
  let total = level.length;
  for (let depth = 1; depth <= CHART_DEPTH; depth++) {
    level = level.flatMap((n) => n.children as { children: readonly unknown[] }[]);
    if (depth > 1 && total + level.length > budget) return depth - 1;
    total += level.length;
  }
  return CHART_DEPTH;
}

function peekQuery(db: Db, viewer: Viewer, id: string) {
  return db.query
    .selectFrom("people")
    .leftJoin("people as mgr", "mgr.id", "people.manager_id")
    .leftJoin("users", "users.id", "people.user_id")
    .select([
      "people.id", "people.first_name", "people.last_name", "people.preferred_name", "people.pronunciation",
      "people.title", "people.avatar_url", "people.email", "people.phone", "people.mobile", "people.location",
      "people.squad", "people.employment_status", "people.start_date", "people.productive_id", "people.synced_at",
      sql<number>`people.xero_employee_id is not null`.as("xero_linked"),
      "users.access_level", "users.last_login_at",
      "mgr.id as manager_id", "mgr.first_name as manager_first_name", "mgr.last_name as manager_last_name",
      "mgr.preferred_name as manager_preferred_name", "mgr.pronunciation as manager_pronunciation",
    ])
    .where("people.id", "=", id)
    .where(personIdInScope(id, viewer));
}

/** SQL: the chart's top people — the focused person when visible, else the roots of the visible set. */
function anchorCondition(viewer: Pick<Viewer, "accessLevel" | "personId">, focus: string): RawBuilder<SqlBool> {
  const scope = personScope(viewer);
  const roots =
    scope.kind === "all"
      ? sql<SqlBool>`(people.manager_id IS NULL OR NOT EXISTS (SELECT 1 FROM people m WHERE m.id = people.manager_id AND m.employment_status != 'terminated'))`
      : scope.kind === "none"
        ? sql<SqlBool>`1 = 0`
        : sql<SqlBool>`people.id = ${scope.personId}`;
  const focusVisible = sql<SqlBool>`(EXISTS (SELECT 1 FROM people f WHERE f.id = ${focus} AND f.employment_status != 'terminated') AND ${personIdInScope(focus, viewer)})`;
  return sql<SqlBool>`people.employment_status != 'terminated' AND (
    (people.id = ${focus} AND ${focusVisible}) OR (NOT ${focusVisible} AND ${roots}))`;
}

/**
 * SQL: ids of the anchor people and everyone below them up to CHART_DEPTH levels. Everyone below
 * a visible person is visible (subtree and "all" scopes); an own-only scope never descends.
 */
export function shownIds(viewer: Pick<Viewer, "accessLevel" | "personId">, focus: string, depth = CHART_DEPTH) {
  const maxDepth = ["all", "subtree"].includes(personScope(viewer).kind) ? depth : 0;
  return sql<string>`(WITH RECURSIVE shown(id, depth) AS (
      SELECT people.id, 0 FROM people WHERE ${anchorCondition(viewer, focus)}
      UNION
      SELECT p.id, shown.depth + 1 FROM people p JOIN shown ON p.manager_id = shown.id
      WHERE shown.depth < ${maxDepth} AND p.employment_status != 'terminated'
    ) SELECT id FROM shown)`;
}

/** SQL: the focused person's managers up the chain (for the breadcrumb), at most 50 levels. */
function ancestorIds(focus: string) {
  return sql<string>`(WITH RECURSIVE up(id, depth) AS (
      SELECT ${focus}, 0
      UNION
      SELECT p.manager_id, up.depth + 1 FROM people p JOIN up ON p.id = up.id WHERE p.manager_id IS NOT NULL AND up.depth < 50
    ) SELECT id FROM up)`;
}

const CHART_COLUMNS = [
  "people.id", "people.first_name", "people.last_name", "people.preferred_name", "people.pronunciation",
  "people.title", "people.avatar_url", "people.squad", "people.manager_id",
] as const;

/**
 * ONE batch: the number of people visible, the people shown (the top CHART_DEPTH levels, with
 * direct-report counts), the focus breadcrumb, and the peek panel.
 */
export async function loadOrgChart(db: Db, viewer: Viewer, options: { focus?: string; peek?: string }) {
  const focus = options.focus ?? "";
  const peekId = options.peek ?? "";
  const activityAllowed = canSeeRestrictedTabs(viewer, peekId);
  const [counts, shownRows, path, peeks, activity] = await batch(db, [
    db.query
      .selectFrom("people")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where(inPersonScope("people.id", viewer))
      .where("people.employment_status", "!=", "terminated"),
    db.query
      .selectFrom("people")
      .select(CHART_COLUMNS)
      // Direct reports the viewer can see (indexed by manager): the "N reports" on each card. The
      // reports of a visible person are visible too, except in an own-only scope (none then).
      .select(
        (personScope(viewer).kind === "all" || personScope(viewer).kind === "subtree"
          ? sql<number>`(SELECT count(*) FROM people r WHERE r.manager_id = people.id AND r.employment_status != 'terminated')`
          : sql<number>`0`
        ).as("reports"),
      )
      .where("people.id", "in", shownIds(viewer, focus)),
    db.query
      .selectFrom("people")
      .select(["people.id", "people.first_name", "people.last_name", "people.preferred_name", "people.pronunciation", "people.manager_id"])
      .where(sql<SqlBool>`${focus} != ''`)
      .where("people.id", "in", ancestorIds(focus))
      .where(inPersonScope("people.id", viewer)),
    peekQuery(db, viewer, peekId),
    // Only read when allowed; the scope check is the peek row itself (no row, no activity shown).
    historyFor(db, "person", activityAllowed ? peekId : "", 5),
  ]);
  const roots = buildOrgTree(shownRows);
  const focused = roots.length === 1 && roots[0]!.person.id === focus;
  const peek = peeks[0] ?? null;
  return {
    roots: roots.map((r) => trim(r, 0, drawnDepth(roots))),
    total: Number(counts[0]?.n ?? 0),
    focus: focused ? pathTo(path, focus).map(({ manager_id: _m, ...p }) => p) : null,
    peek,
    peekActivity: peek && activityAllowed ? activity : [],
  };
}
