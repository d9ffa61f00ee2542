// Project setup templates: named sets of phases, each with ordered tasks. Creating a project
// from one (projects.server.ts createProject) turns them into phase tasks and their subtasks.
import { sql } from "kysely";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import type { Viewer } from "~/platform/session.server";
import { configItemsQuery } from "./config-lists.server";
import type { TemplateIntent } from "./schemas";

export async function loadTemplatesPage(db: Db) {
  const [templates, phases, tasks, types] = await batch(db, [
    db.query
      .selectFrom("project_setup_templates as t")
      .leftJoin("config_list_items as ty", "ty.id", "t.project_type_id")
      .select([
        "t.id", "t.name", "t.description", "t.is_active", "ty.label as type_label",
        sql<number>`(select count(*) from projects p where p.setup_template_id = t.id)`.as("project_count"),
      ])
      .orderBy("t.is_active", "desc")
      .orderBy("t.name")
      .limit(100),
    db.query.selectFrom("project_setup_template_phases").selectAll().orderBy("template_id").orderBy("position").limit(1000),
    db.query.selectFrom("project_setup_template_tasks").selectAll().orderBy("phase_id").orderBy("position").limit(5000),
    configItemsQuery(db, ["project_type"]),
  ]);
  return {
    templates: templates.map((t) => ({
      ...t,
      phases: phases.filter((p) => p.template_id === t.id).map((p) => ({ ...p, tasks: tasks.filter((k) => k.phase_id === p.id) })),
    })),
    types,
  };
}

export type TemplateResult = { ok: true; message?: string } | { ok: false; status: 404 } | { ok: false; status: 400; errors: Record<string, string> };

export async function applyTemplateIntent(db: Db, viewer: Viewer, intent: TemplateIntent): Promise<TemplateResult> {
  const now = nowIso();
  const history = (id: string, action: string, details: Record<string, unknown>) =>
    historyEntry(db, { actorId: viewer.userId, resourceType: "project_setup_template", resourceId: id, action, details });
  switch (intent.intent) {
    case "create_template": {
      if (intent.project_type_id) {
        const type = await configItemsQuery(db, ["project_type"]).where("i.id", "=", intent.project_type_id).executeTakeFirst();
        if (!type) return { ok: false, status: 400, errors: { project_type_id: "Choose a project type from the list" } };
      }
      const id = newId();
      await batch(db, [
        db.query.insertInto("project_setup_templates").values({
          id, name: intent.name, description: intent.description, project_type_id: intent.project_type_id, created_by: viewer.userId, created_at: now, updated_at: now,
        }),
        history(id, "created", { name: intent.name }),
      ]);
      return { ok: true, message: "Template created" };
    }
    case "add_phase": {
      const template = await db.query.selectFrom("project_setup_templates").select(["id"]).where("id", "=", intent.template_id).executeTakeFirst();
      if (!template) return { ok: false, status: 404 };
      await batch(db, [
        db.query.insertInto("project_setup_template_phases").values({
          id: newId(), template_id: template.id, name: intent.name, offset_days: intent.offset_days, duration_days: intent.duration_days,
          position: sql<number>`(select coalesce(max(position), 0) + 1 from project_setup_template_phases where template_id = ${template.id})`,
        }),
        db.query.updateTable("project_setup_templates").set({ updated_at: now }).where("id", "=", template.id),
        history(template.id, "phase_added", { phase: intent.name }),
      ]);
      return { ok: true, message: "Phase added" };
    }
    case "add_template_task": {
      const phase = await db.query.selectFrom("project_setup_template_phases").select(["id", "template_id", "name"]).where("id", "=", intent.phase_id).executeTakeFirst();
      if (!phase) return { ok: false, status: 404 };
      await batch(db, [
        db.query.insertInto("project_setup_template_tasks").values({
          id: newId(), template_id: phase.template_id, phase_id: phase.id, title: intent.title, estimated_hours: intent.estimated_hours,
          position: sql<number>`(select coalesce(max(position), 0) + 1 from project_setup_template_tasks where phase_id = ${phase.id})`,
        }),
        db.query.updateTable("project_setup_templates").set({ updated_at: now }).where("id", "=", phase.template_id),
        history(phase.template_id, "task_added", { phase: phase.name, task: intent.title }),
      ]);
      return { ok: true, message: "Task added" };
    }
    case "toggle_template": {
      const template = await db.query.selectFrom("project_setup_templates").select(["id", "name", "is_active"]).where("id", "=", intent.template_id).executeTakeFirst();
      if (!template) return { ok: false, status: 404 };
      const next = template.is_active ? 0 : 1;
      await batch(db, [
        db.query.updateTable("project_setup_templates").set({ is_active: next, updated_at: now }).where("id", "=", template.id),
        history(template.id, next ? "activated" : "deactivated", { name: template.name }),
      ]);
      return { ok: true, message: next ? "Template activated" : "Template deactivated" };
    }
  }
}
