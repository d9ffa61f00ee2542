// Roadmaps (ORIGINAL §10.4): a project's named roadmap with items linked to project goals,
// shown as a month timeline. update = create/edit; manage = delete.
import { sql, type SqlBool } from "kysely";
import { can } from "~/platform/access.server";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import type { Viewer } from "~/platform/session.server";
import type { RoadmapIntent } from "./schemas";
import { projectVisible, taskVisible, type ScopeViewer } from "./scope.server";
import { personName } from "./tasks.server";

export async function listRoadmaps(db: Db, viewer: ScopeViewer) {
  const [roadmaps] = await batch(db, [
    db.query
      .selectFrom("roadmaps as r")
      .innerJoin("projects as p", "p.id", "r.project_id")
      .select([
        "r.id", "r.name", "r.description", "r.start_date", "r.end_date", "r.project_id", "p.name as project_name",
        sql<number>`(select count(*) from roadmap_items i where i.roadmap_id = r.id)`.as("item_count"),
      ])
      .where(projectVisible(viewer, "p"))
      .orderBy("p.name")
      .orderBy("r.name")
      .limit(200),
  ]);
  return { roadmaps };
}

/** Months (YYYY-MM) from the first to the last, inclusive (at most 36). */
export function monthsBetween(first: string, last: string) {
  const months: string[] = [];
  let [y, m] = first.slice(0, 7).split("-").map(Number) as [number, number];
  const end = last.slice(0, 7);
  for (let i = 0; i < 36; i++) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    months.push(key);
    if (key >= end) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return months;
}

export async function loadRoadmapPage(db: Db, viewer: Viewer, roadmapId: string) {
  const projectOf = sql<string>`(select project_id from roadmaps where id = ${roadmapId})`;
  const [roadmaps, items, goals, people, tasks] = await batch(db, [
    db.query
      .selectFrom("roadmaps as r")
      .innerJoin("projects as p", "p.id", "r.project_id")
      .select(["r.id", "r.name", "r.description", "r.start_date", "r.end_date", "r.project_id", "p.name as project_name"])
      .where("r.id", "=", roadmapId)
      .where(projectVisible(viewer, "p")),
    db.query
      .selectFrom("roadmap_items as i")
      .leftJoin("project_goals as g", "g.id", "i.goal_id")
      .leftJoin("people as o", "o.id", "i.owner_id")
      .select(["i.id", "i.title", "i.description", "i.status", "i.start_date", "i.end_date", "i.goal_id", "g.title as goal_title", personName("o").as("owner_name")])
      .where("i.roadmap_id", "=", roadmapId)
      .orderBy(sql`coalesce(i.start_date, i.end_date, '9999')`)
      .orderBy("i.position")
      .limit(300),
    db.query.selectFrom("project_goals").select(["id", "title"]).where(sql<SqlBool>`project_id = ${projectOf}`).orderBy("position").limit(200),
    db.query
      .selectFrom("project_members as m")
      .innerJoin("people as pe", "pe.id", "m.person_id")
      .select(["pe.id", personName("pe").as("name")])
      .where(sql<SqlBool>`m.project_id = ${projectOf}`)
      .orderBy("pe.first_name"),
    db.query
      .selectFrom("tasks as t")
      .innerJoin("roadmap_items as i", "i.id", "t.roadmap_item_id")
      .leftJoin("config_list_items as st", "st.id", "t.status_id")
      .select(["t.id", "t.title", "t.roadmap_item_id", "st.label as status_label", "st.color as status_color"])
      .where("i.roadmap_id", "=", roadmapId)
      .where(taskVisible(viewer, "t"))
      .limit(500),
  ]);
  const roadmap = roadmaps[0];
  if (!roadmap) return null;
  const dates = [roadmap.start_date, roadmap.end_date, ...items.flatMap((i) => [i.start_date, i.end_date])].filter((d): d is string => !!d).sort();
  const today = nowIso().slice(0, 10);
  const months = monthsBetween(dates[0] ?? today, dates[dates.length - 1] ?? today);
  return { roadmap, items, goals, people, tasks, months };
}

export type RoadmapResult = { ok: true; message?: string; redirectTo?: string } | { ok: false; status: 403 | 404 } | { ok: false; status: 400; errors: Record<string, string> };

export async function applyRoadmapIntent(db: Db, viewer: Viewer, roadmapId: string, intent: RoadmapIntent): Promise<RoadmapResult> {
  if (intent.intent === "delete" && !can(viewer, "roadmaps", "manage")) return { ok: false, status: 403 };
  const itemId = intent.intent === "set_item_status" || intent.intent === "delete_item" ? intent.item_id : "";
  const goalId = intent.intent === "add_item" ? intent.goal_id ?? "" : "";
  const ownerId = intent.intent === "add_item" ? intent.owner_id ?? "" : "";
  const [roadmaps, items, goals, owners] = await batch(db, [
    db.query
      .selectFrom("roadmaps as r")
      .innerJoin("projects as p", "p.id", "r.project_id")
      .select(["r.id", "r.name", "r.project_id"])
      .where("r.id", "=", roadmapId)
      .where(projectVisible(viewer, "p")),
    db.query.selectFrom("roadmap_items").select(["id", "title", "status"]).where("id", "=", itemId).where("roadmap_id", "=", roadmapId),
    db.query.selectFrom("project_goals").select(["id", "project_id"]).where("id", "=", goalId),
    db.query.selectFrom("people").select("id").where("id", "=", ownerId),
  ]);
  const roadmap = roadmaps[0];
  if (!roadmap) return { ok: false, status: 404 };
  const now = nowIso();
  const history = (action: string, details: Record<string, unknown>, changes?: Record<string, { from: unknown; to: unknown }>) =>
    historyEntry(db, { actorId: viewer.userId, resourceType: "roadmap", resourceId: roadmap.id, action, details, changes });
  switch (intent.intent) {
    case "add_item": {
      const errors: Record<string, string> = {};
      if (intent.goal_id && goals[0]?.project_id !== roadmap.project_id) errors.goal_id = "Choose a goal of this project";
      if (intent.owner_id && !owners[0]) errors.owner_id = "Choose a person from the list";
      if (Object.keys(errors).length) return { ok: false, status: 400, errors };
      const { intent: _i, ...fields } = intent;
      await batch(db, [
        db.query.insertInto("roadmap_items").values({
          id: newId(), roadmap_id: roadmap.id, ...fields, created_at: now, updated_at: now,
          position: sql<number>`(select coalesce(max(position), 0) + 1 from roadmap_items where roadmap_id = ${roadmap.id})`,
        }),
        history("item_added", { item: fields.title }),
      ]);
      return { ok: true, message: "Item added" };
    }
    case "set_item_status": {
      const item = items[0];
      if (!item) return { ok: false, status: 404 };
      if (item.status === intent.status) return { ok: true };
      await batch(db, [
        db.query.updateTable("roadmap_items").set({ status: intent.status, updated_at: now }).where("id", "=", item.id),
        history("item_updated", { item: item.title }, { status: { from: item.status, to: intent.status } }),
      ]);
      return { ok: true, message: "Item updated" };
    }
    case "delete_item": {
      const item = items[0];
      if (!item) return { ok: false, status: 404 };
      await batch(db, [db.query.deleteFrom("roadmap_items").where("id", "=", item.id), history("item_deleted", { item: item.title })]);
      return { ok: true, message: "Item deleted" };
    }
    case "delete": {
      await batch(db, [db.query.deleteFrom("roadmaps").where("id", "=", roadmap.id), history("deleted", { name: roadmap.name })]);
      return { ok: true, message: "Roadmap deleted", redirectTo: `/projects/${roadmap.project_id}?tab=roadmap` };
    }
  }
}
