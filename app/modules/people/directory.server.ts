// The people directory (ORIGINAL §5.1): search (name, email, title), sort (name, title, start
// date), filters (squad, employment status, manager) in the URL, 25 per page, CSV export with the
// same filters. Scoped in SQL by inPersonScope: a manager sees their subtree, a lead or employee
// only themself, heads and executives everyone. One batch per page view.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Database, Db } from "~/platform/db.server";
import { contains } from "~/platform/like";
import { inPersonScope, personIdInScope } from "~/platform/scope.server";
import type { Viewer } from "~/platform/session.server";
import { csvCell } from "./csv";
import { shownIds } from "./org-chart.server";
import { nameWithPronunciation } from "./names";
import {
  DIRECTORY_EXPORT_CAP, DIRECTORY_PAGE_SIZE, EMPLOYMENT_BASIS_LABELS, EMPLOYMENT_STATUS_LABELS,
  type DirectoryFilters, type EmploymentStatus,
} from "./schemas";
import { isProductiveConfigured } from "./sync-config.server";
import { refreshProductiveInBackground } from "./sync-productive.server";
import { freshness, latestRunQuery, latestSuccessQuery } from "./sync-runs.server";

type Eb = ExpressionBuilder<Database, "people">;
type Scoped = Pick<Viewer, "accessLevel" | "personId">;

function filtered(db: Db, viewer: Scoped, filters: DirectoryFilters) {
  return db.query
    .selectFrom("people")
    .where(inPersonScope("people.id", viewer))
    .where((eb: Eb) => {
      const conditions: Expression<SqlBool>[] = [];
      if (filters.q) {
        const term = contains(filters.q);
        conditions.push(
          eb.or([
            eb(sql`people.first_name || ' ' || people.last_name`, "like", term),
            eb(sql`coalesce(people.preferred_name, '') || ' ' || people.last_name`, "like", term),
            eb("people.email", "like", term),
            eb("people.title", "like", term),
          ]),
        );
      }
      if (filters.status === "current") conditions.push(eb("people.employment_status", "!=", "terminated"));
      else if (filters.status !== "all") conditions.push(eb("people.employment_status", "=", filters.status));
      if (filters.squad) conditions.push(eb("people.squad", "=", filters.squad));
      if (filters.manager) conditions.push(eb("people.manager_id", "=", filters.manager));
      return eb.and(conditions);
    });
}

function directoryRows(db: Db, viewer: Scoped, filters: DirectoryFilters, limit: number, offset: number) {
  const dir = filters.dir;
  let query = filtered(db, viewer, filters)
    .leftJoin("people as mgr", "mgr.id", "people.manager_id")
    .select([
      "people.id", "people.first_name", "people.last_name", "people.preferred_name", "people.pronunciation",
      "people.email", "people.title", "people.avatar_url", "people.squad", "people.employment_status",
      "people.employment_basis", "people.start_date", "people.location",
      "mgr.id as manager_id", "mgr.first_name as manager_first_name", "mgr.last_name as manager_last_name",
      "mgr.preferred_name as manager_preferred_name", "mgr.pronunciation as manager_pronunciation",
    ]);
  if (filters.sort === "title") query = query.orderBy(sql`people.title is null`).orderBy("people.title", dir);
  if (filters.sort === "start_date") query = query.orderBy(sql`people.start_date is null`).orderBy("people.start_date", dir);
  const nameDir = filters.sort === "name" ? dir : "asc";
  return query
    .orderBy("people.last_name", nameDir)
    .orderBy("people.first_name", nameDir)
    .orderBy("people.id", "asc")
    .limit(limit)
    .offset(offset);
}

export type DirectoryRow = Awaited<ReturnType<ReturnType<typeof directoryRows>["execute"]>>[number];

/**
 * The manager filter's options: people who manage someone, in the top MANAGER_OPTION_LEVELS
 * levels of the viewer's part of the org chart (a bounded list at any size; anyone else's team
 * is one click away through the "team" link on each row).
 */
export const MANAGER_OPTION_LEVELS = 3;
function managerOptions(db: Db, viewer: Scoped) {
  return db.query
    .selectFrom("people")
    .select(["people.id", "people.first_name", "people.last_name", "people.preferred_name", "people.pronunciation"])
    .where("people.id", "in", shownIds(viewer, "", MANAGER_OPTION_LEVELS))
    .where(({ exists, selectFrom }) =>
      exists(selectFrom("people as r").select("r.id").whereRef("r.manager_id", "=", "people.id").where("r.employment_status", "!=", "terminated")),
    )
    .orderBy("people.last_name")
    .orderBy("people.first_name")
    .limit(100);
}

/** The manager the list is filtered by (named in the filter even when not among the options). */
function selectedManager(db: Db, viewer: Scoped, id: string | undefined) {
  return db.query
    .selectFrom("people")
    .select(["people.id", "people.first_name", "people.last_name", "people.preferred_name", "people.pronunciation"])
    .where("people.id", "=", id ?? "")
    .where(personIdInScope(id ?? "", viewer));
}

/**
 * One directory page: rows, the total (for the page count), filter options and the Productive
 * sync state — ONE batch. When Productive is configured and the data is older than its 6 h TTL,
 * a sync is started after the response (stale-while-refresh).
 */
export async function loadDirectory(context: AppLoadContext, viewer: Viewer, filters: DirectoryFilters, now = new Date()) {
  const { db } = context;
  const [rows, counts, squads, managers, selected, lastRun, lastSuccess, connection] = await batch(db, [
    directoryRows(db, viewer, filters, DIRECTORY_PAGE_SIZE, (filters.page - 1) * DIRECTORY_PAGE_SIZE),
    filtered(db, viewer, filters).select((eb) => eb.fn.countAll<number>().as("n")),
    db.query.selectFrom("squads").select(["id", "name"]).where("is_active", "=", 1).orderBy("name").limit(200),
    managerOptions(db, viewer),
    selectedManager(db, viewer, filters.manager),
    latestRunQuery(db, "productive"),
    latestSuccessQuery(db, "productive"),
    db.query.selectFrom("connections").select("id").where("provider", "=", "productive").where("status", "=", "active").limit(1),
  ]);
  const total = Number(counts[0]?.n ?? 0);
  const configured = isProductiveConfigured(context.env, connection.length > 0);
  const state = freshness(lastRun[0], lastSuccess[0], now);
  const refreshing = configured && state.stale && !state.recentlyAttempted;
  if (refreshing) refreshProductiveInBackground(context);
  return {
    rows,
    total,
    page: filters.page,
    pageCount: Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE)),
    squads,
    managers: selected[0] && !managers.some((m) => m.id === selected[0]!.id) ? [selected[0], ...managers] : managers,
    sync: { ...state, configured, refreshing },
  };
}

const CSV_COLUMNS = [
  "Name", "Email", "Title", "Squad", "Manager", "Employment status", "Employment basis", "Start date", "Location",
] as const;

/** The directory as CSV: same scope, filters and sort, every page, capped. One query. */
export async function exportDirectoryCsv(db: Db, viewer: Viewer, filters: DirectoryFilters) {
  const rows = await directoryRows(db, viewer, filters, DIRECTORY_EXPORT_CAP + 1, 0).execute();
  const truncated = rows.length > DIRECTORY_EXPORT_CAP;
  const lines = [CSV_COLUMNS.map(csvCell).join(",")];
  for (const r of rows.slice(0, DIRECTORY_EXPORT_CAP)) {
    const manager = r.manager_id
      ? nameWithPronunciation({ first_name: r.manager_first_name ?? "", last_name: r.manager_last_name ?? "", preferred_name: r.manager_preferred_name, pronunciation: r.manager_pronunciation })
      : "";
    lines.push(
      [
        nameWithPronunciation(r), r.email, r.title, r.squad, manager,
        EMPLOYMENT_STATUS_LABELS[r.employment_status as EmploymentStatus] ?? r.employment_status,
        r.employment_basis ? EMPLOYMENT_BASIS_LABELS[r.employment_basis] ?? r.employment_basis : "",
        r.start_date, r.location,
      ].map(csvCell).join(","),
    );
  }
  return { body: lines.join("\r\n") + "\r\n", truncated, count: Math.min(rows.length, DIRECTORY_EXPORT_CAP) };
}
