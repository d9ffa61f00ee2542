// What an absence puts at risk, shown to the approver before they decide. A small registry:
// each source contributes ONE query (run in the request page's batch, so adding a source adds no
// round trip) returning uniform rows {id, title, detail, date, href}. Add allocations, events,
// meetings… by appending to LEAVE_OVERLAP_SOURCES.
import { sql, type Compilable } from "kysely";
import type { Db } from "~/platform/db.server";
import { inPersonScope } from "~/platform/scope.server";
import type { Viewer } from "~/platform/session.server";

export interface OverlapRow {
  id: string;
  title: string;
  detail: string | null;
  date: string | null;
  href: string | null;
}


const LIMIT = 20;

export interface LeaveOverlapSource {
  key: string;
  label: string;
  empty: string;
  /** One query for the request page's batch, selecting id, title, detail, date, href. */
  query: (db: Db, viewer: Viewer, requestId: string) => OverlapQuery;
}
type OverlapQuery = Compilable<OverlapRow>;

export const LEAVE_OVERLAP_SOURCES: LeaveOverlapSource[] = [
  {
    key: "squad_leave",
    label: "Others in the same squad away",
    empty: "Nobody else in the squad is away on these dates.",
    query: (db, viewer, requestId) =>
      db.query
        .selectFrom("leave_requests as me")
        .innerJoin("people as mp", "mp.id", "me.person_id")
        .innerJoin("people as p", (j) => j.onRef("p.squad", "=", "mp.squad").onRef("p.id", "!=", "mp.id"))
        .innerJoin("leave_requests as lr", "lr.person_id", "p.id")
        .innerJoin("leave_types as lt", "lt.id", "lr.leave_type_id")
        .select([
          "lr.id",
          sql<string>`coalesce(p.preferred_name, p.first_name) || ' ' || p.last_name || ' — ' || lt.name`.as("title"),
          sql<string>`case lr.status when 'approved' then 'Approved' else 'Pending' end || ' · ' || lr.start_date || ' to ' || lr.end_date`.as("detail"),
          "lr.start_date as date",
          sql<string>`'/leave/requests/' || lr.id`.as("href"),
        ])
        .where("me.id", "=", requestId)
        .where("mp.squad", "is not", null)
        .where("lr.status", "in", ["pending_manager", "pending_exec", "approved"])
        .where(sql.ref("lr.start_date"), "<=", sql.ref("me.end_date"))
        .where(sql.ref("lr.end_date"), ">=", sql.ref("me.start_date"))
        .where(inPersonScope("p.id", viewer))
        .orderBy("lr.start_date")
        .limit(LIMIT),
  },
  {
    key: "tasks",
    label: "Open tasks due or SLA deadlines in the absence",
    empty: "No open tasks are due while they are away.",
    query: (db, _viewer, requestId) =>
      db.query
        .selectFrom("leave_requests as me")
        .innerJoin("tasks as t", "t.assignee_id", "me.person_id")
        .leftJoin("task_sla as s", (j) => j.onRef("s.task_id", "=", "t.id").on("s.resolved_at", "is", null))
        .leftJoin("projects as pr", "pr.id", "t.project_id")
        .select([
          "t.id",
          "t.title",
          sql<string>`coalesce(pr.name, 'No project') || case when s.id is not null and substr(s.resolution_deadline, 1, 10) between me.start_date and me.end_date then ' · SLA due ' || substr(s.resolution_deadline, 1, 10) else '' end`.as("detail"),
          sql<string | null>`coalesce(t.due_date, substr(s.resolution_deadline, 1, 10))`.as("date"),
          sql<string>`'/tasks/' || t.id`.as("href"),
        ])
        .where("me.id", "=", requestId)
        .where(sql<boolean>`coalesce(t.status_id, '') not in (select d.id from config_list_items d where d.stage_type = 'done')`)
        .where((eb) => eb.or([
          eb.and([eb("t.due_date", ">=", eb.ref("me.start_date")), eb("t.due_date", "<=", eb.ref("me.end_date"))]),
          sql<boolean>`substr(s.resolution_deadline, 1, 10) between me.start_date and me.end_date`,
        ]))
        .orderBy("date")
        .limit(LIMIT),
  },
];

export function overlapQueries(db: Db, viewer: Viewer, requestId: string) {
  return LEAVE_OVERLAP_SOURCES.map((s) => s.query(db, viewer, requestId));
}

export function readOverlaps(results: unknown[]) {
  return LEAVE_OVERLAP_SOURCES.map((s, i) => ({ key: s.key, label: s.label, empty: s.empty, rows: (results[i] ?? []) as OverlapRow[] }));
}
