// Pipeline templates (deals:manage): named pipelines with ordered stages (probability, stage type
// open / won / lost, rotting days). Exactly one default pipeline. A stage that holds deals
// cannot be deleted; a stage's type cannot change while deals sit in it.
import { sql } from "kysely";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { diffFields, historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import type { Viewer } from "~/platform/session.server";
import type { DealResult } from "./deals.server";
import type { PipelineIntent } from "./schemas";

export const PIPELINE_RESOURCE = "deal_pipeline";

/** Every pipeline with its stages and how many deals sit in each (ONE batch). */
export async function loadPipelines(db: Db) {
  const [pipelines, stages] = await batch(db, [
    db.query
      .selectFrom("deal_pipeline_templates as p")
      .select(["p.id", "p.name", "p.description", "p.is_default", "p.is_active", sql<number>`(select count(*) from deals d where d.pipeline_id = p.id)`.as("deal_count")])
      .orderBy("p.is_default", "desc")
      .orderBy("p.name")
      .limit(100),
    db.query
      .selectFrom("deal_pipeline_stages as s")
      .select(["s.id", "s.template_id", "s.name", "s.position", "s.probability", "s.stage_type", "s.rotting_days", sql<number>`(select count(*) from deals d where d.stage_id = s.id)`.as("deal_count")])
      .orderBy("s.template_id")
      .orderBy("s.position")
      .limit(1000),
  ]);
  return pipelines.map((p) => ({ ...p, stages: stages.filter((s) => s.template_id === p.id) }));
}

const bad = (errors: Record<string, string>): DealResult => ({ ok: false, status: 400, errors });

export async function applyPipelineIntent(db: Db, viewer: Viewer, intent: PipelineIntent): Promise<DealResult> {
  const at = nowIso();
  const history = (resourceId: string, action: string, details: Record<string, unknown> = {}, changes?: ReturnType<typeof diffFields>) =>
    historyEntry(db, { actorId: viewer.userId, resourceType: PIPELINE_RESOURCE, resourceId, action, details, changes });
  switch (intent.intent) {
    case "create_pipeline": {
      const id = newId();
      // A new pipeline starts with the usual open stages plus Won and Lost, ready to edit.
      const stages = [["Lead", 10, "open", 21], ["Qualified", 25, "open", 14], ["Proposal", 50, "open", 14], ["Negotiation", 75, "open", 10], ["Won", 100, "won", null], ["Lost", 0, "lost", null]] as const;
      await batch(db, [
        db.query.insertInto("deal_pipeline_templates").values({ id, name: intent.name, description: intent.description, is_default: 0, is_active: 1, created_by: viewer.userId, created_at: at, updated_at: at }),
        db.query.insertInto("deal_pipeline_stages").values(stages.map(([name, probability, stage_type, rotting_days], i) => ({
          id: newId(), template_id: id, name, position: i + 1, probability, stage_type, rotting_days, created_at: at, updated_at: at,
        }))),
        history(id, "created", { name: intent.name }),
      ]);
      return { ok: true, id, message: `Pipeline “${intent.name}” created` };
    }
    case "update_pipeline": {
      const [rows] = await batch(db, [db.query.selectFrom("deal_pipeline_templates").selectAll().where("id", "=", intent.pipeline_id)]);
      const row = rows[0];
      if (!row) return { ok: false, status: 404 };
      if (row.is_default && !intent.is_active) return bad({ is_active: "The default pipeline cannot be archived: make another one the default first" });
      const values = { name: intent.name, description: intent.description, is_active: intent.is_active ? 1 : 0 };
      const changes = diffFields(row as unknown as Record<string, unknown>, values);
      if (!Object.keys(changes).length) return { ok: true, message: "No changes" };
      await batch(db, [
        db.query.updateTable("deal_pipeline_templates").set({ ...values, updated_at: at }).where("id", "=", intent.pipeline_id),
        history(intent.pipeline_id, "updated", {}, changes),
      ]);
      return { ok: true, message: "Pipeline saved" };
    }
    case "set_default": {
      const [rows] = await batch(db, [db.query.selectFrom("deal_pipeline_templates").select(["id", "name", "is_active"]).where("id", "=", intent.pipeline_id)]);
      if (!rows[0]) return { ok: false, status: 404 };
      if (!rows[0].is_active) return bad({ pipeline_id: "Archived pipelines cannot be the default" });
      await batch(db, [
        db.query.updateTable("deal_pipeline_templates").set({ is_default: 0, updated_at: at }).where("is_default", "=", 1).where("id", "!=", intent.pipeline_id),
        db.query.updateTable("deal_pipeline_templates").set({ is_default: 1, updated_at: at }).where("id", "=", intent.pipeline_id),
        history(intent.pipeline_id, "set_default", { name: rows[0].name }),
      ]);
      return { ok: true, message: `“${rows[0].name}” is now the default pipeline` };
    }
    case "add_stage": {
      const [rows, last] = await batch(db, [
        db.query.selectFrom("deal_pipeline_templates").select("id").where("id", "=", intent.pipeline_id),
        db.query.selectFrom("deal_pipeline_stages").select(sql<number>`coalesce(max(position), 0)`.as("max")).where("template_id", "=", intent.pipeline_id),
      ]);
      if (!rows[0]) return { ok: false, status: 404 };
      const id = newId();
      await batch(db, [
        db.query.insertInto("deal_pipeline_stages").values({
          id, template_id: intent.pipeline_id, name: intent.name, position: Number(last[0]?.max ?? 0) + 1, probability: intent.probability,
          stage_type: intent.stage_type, rotting_days: intent.stage_type === "open" ? intent.rotting_days : null, created_at: at, updated_at: at,
        }),
        history(intent.pipeline_id, "stage_added", { stage: intent.name, probability: intent.probability, stage_type: intent.stage_type }),
      ]);
      return { ok: true, message: `Stage “${intent.name}” added` };
    }
    case "update_stage": {
      const [rows, used] = await batch(db, [
        db.query.selectFrom("deal_pipeline_stages").selectAll().where("id", "=", intent.stage_id),
        db.query.selectFrom("deals").select("id").where("stage_id", "=", intent.stage_id).limit(1),
      ]);
      const row = rows[0];
      if (!row) return { ok: false, status: 404 };
      if (row.stage_type !== intent.stage_type && used[0]) return bad({ stage_type: "Deals sit in this stage: move them before changing its type" });
      const values = { name: intent.name, probability: intent.probability, stage_type: intent.stage_type, rotting_days: intent.stage_type === "open" ? intent.rotting_days : null };
      const changes = diffFields(row as unknown as Record<string, unknown>, values);
      if (!Object.keys(changes).length) return { ok: true, message: "No changes" };
      await batch(db, [
        db.query.updateTable("deal_pipeline_stages").set({ ...values, updated_at: at }).where("id", "=", intent.stage_id),
        history(row.template_id, "stage_updated", { stage: row.name }, changes),
      ]);
      return { ok: true, message: `Stage “${intent.name}” saved` };
    }
    case "move_stage": {
      const [rows] = await batch(db, [
        db.query.selectFrom("deal_pipeline_stages").select(["id", "template_id", "position", "name"])
          .where(sql<boolean>`template_id = (select template_id from deal_pipeline_stages where id = ${intent.stage_id})`).orderBy("position").orderBy("name"),
      ]);
      const index = rows.findIndex((r) => r.id === intent.stage_id);
      if (index < 0) return { ok: false, status: 404 };
      const other = rows[intent.direction === "up" ? index - 1 : index + 1];
      if (!other) return { ok: true, message: "Already at the end" };
      const order = rows.map((r) => r.id);
      order[index] = other.id;
      order[intent.direction === "up" ? index - 1 : index + 1] = intent.stage_id;
      await batch(db, [
        ...order.map((id, i) => db.query.updateTable("deal_pipeline_stages").set({ position: i + 1, updated_at: at }).where("id", "=", id)),
        history(rows[index]!.template_id, "stage_moved", { stage: rows[index]!.name, direction: intent.direction }),
      ]);
      return { ok: true, message: `Stage “${rows[index]!.name}” moved ${intent.direction}` };
    }
    case "delete_stage": {
      const [rows, used] = await batch(db, [
        db.query.selectFrom("deal_pipeline_stages").select(["id", "name", "template_id"]).where("id", "=", intent.stage_id),
        db.query.selectFrom("deals").select("id").where("stage_id", "=", intent.stage_id).limit(1),
      ]);
      const row = rows[0];
      if (!row) return { ok: false, status: 404 };
      if (used[0]) return bad({ stage_id: `Deals sit in “${row.name}”: move them before deleting the stage` });
      await batch(db, [
        db.query.deleteFrom("deal_pipeline_stages").where("id", "=", intent.stage_id),
        history(row.template_id, "stage_deleted", { stage: row.name }),
      ]);
      return { ok: true, message: `Stage “${row.name}” deleted` };
    }
  }
}
