// Proposal templates (admin, proposals:manage): list, create, edit (meta, pricing outline as
// lines, tax), pages (add / edit / reorder / delete), deactivate; plus the approval settings.
import { sql } from "kysely";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import type { FieldErrors } from "~/platform/forms.server";
import { parseFormData } from "~/platform/forms.server";
import { diffFields, historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import type { Viewer } from "~/platform/session.server";
import { readSettings, settingsQuery } from "./proposals.server";
import {
  MAX_PAGES, addPageSchema, deletePageSchema, movePageSchema, newTemplateSchema, pageSchema, parsePricingLines,
  pricingLines, pricingOutlineSchema, settingsSchema, templateSchema,
} from "./schemas";

const TEMPLATE = "proposal_template";

export async function loadTemplates(db: Db) {
  const [templates, settings] = await batch(db, [
    db.query
      .selectFrom("proposal_templates as t")
      .select([
        "t.id", "t.name", "t.category", "t.description", "t.is_active", "t.updated_at",
        sql<number>`(select count(*) from proposal_template_pages p where p.template_id = t.id)`.as("pages"),
        sql<number>`(select count(*) from proposals where proposals.template_id = t.id)`.as("uses"),
      ])
      .orderBy("t.is_active", "desc")
      .orderBy("t.name")
      .limit(200),
    settingsQuery(db),
  ]);
  return { templates, settings: readSettings(settings) };
}

type Result = { ok: true; notice: string; id?: string } | { ok: false; errors: FieldErrors; values?: Record<string, unknown> };

/** The templates index form: create a template, or save the approval settings. */
export async function templatesIndexAction(db: Db, viewer: Viewer, form: FormData): Promise<Result> {
  const intent = String(form.get("intent") ?? "");
  const now = nowIso();
  if (intent === "settings") {
    const parsed = parseFormData(form, settingsSchema);
    if (!parsed.ok) return { ok: false, errors: parsed.errors, values: parsed.values };
    const [rows] = await batch(db, [settingsQuery(db)]);
    const before = readSettings(rows);
    const followUpDays = parsed.data.followUpDays ?? before.followUpDays;
    await batch(db, [
      db.query
        .insertInto("proposal_settings")
        .values({ id: "org", approval_threshold_cents: parsed.data.threshold, default_valid_days: parsed.data.validDays, follow_up_days: followUpDays, updated_by: viewer.userId, updated_at: now })
        .onConflict((oc) => oc.column("id").doUpdateSet({
          approval_threshold_cents: parsed.data.threshold, default_valid_days: parsed.data.validDays, follow_up_days: followUpDays, updated_by: viewer.userId, updated_at: now,
        })),
      historyEntry(db, {
        actorId: viewer.userId, resourceType: "proposal_settings", resourceId: "org", action: "updated",
        changes: diffFields(
          { threshold_cents: before.thresholdCents, valid_days: before.validDays, follow_up_days: before.followUpDays },
          { threshold_cents: parsed.data.threshold, valid_days: parsed.data.validDays, follow_up_days: followUpDays },
        ),
      }),
    ]);
    return { ok: true, notice: "Settings saved." };
  }
  const parsed = parseFormData(form, newTemplateSchema);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, values: parsed.values };
  const id = newId();
  await batch(db, [
    db.query.insertInto("proposal_templates").values({
      id, name: parsed.data.name, description: parsed.data.description, category: parsed.data.category, created_by: viewer.userId, created_at: now, updated_at: now,
    }),
    historyEntry(db, { actorId: viewer.userId, resourceType: TEMPLATE, resourceId: id, action: "created", details: { name: parsed.data.name } }),
  ]);
  return { ok: true, notice: "Template created.", id };
}

export async function loadTemplate(db: Db, id: string) {
  const [rows, pages] = await batch(db, [
    db.query.selectFrom("proposal_templates").selectAll().where("id", "=", id),
    db.query.selectFrom("proposal_template_pages").select(["id", "position", "title", "body"]).where("template_id", "=", id).orderBy("position").orderBy("id").limit(MAX_PAGES),
  ]);
  const template = rows[0];
  if (!template) return null;
  let outline: ReturnType<typeof pricingOutlineSchema.parse> = [];
  try {
    outline = pricingOutlineSchema.parse(JSON.parse(template.pricing_json));
  } catch {
    outline = [];
  }
  return { template, pages, pricingText: pricingLines(outline) };
}

export async function templateAction(db: Db, viewer: Viewer, id: string, form: FormData): Promise<Result | null> {
  const current = await loadTemplate(db, id);
  if (!current) return null;
  const intent = String(form.get("intent") ?? "");
  const now = nowIso();
  const history = (action: string, extra: Partial<Parameters<typeof historyEntry>[1]> = {}) =>
    historyEntry(db, { actorId: viewer.userId, resourceType: TEMPLATE, resourceId: id, action, ...extra });
  const t = current.template;
  switch (intent) {
    case "template": {
      const parsed = parseFormData(form, templateSchema);
      if (!parsed.ok) return { ok: false, errors: parsed.errors, values: parsed.values };
      const pricing = parsePricingLines(parsed.data.pricing);
      if (!pricing.ok) return { ok: false, errors: { pricing: pricing.error }, values: parsed.values };
      const after = {
        name: parsed.data.name, description: parsed.data.description, category: parsed.data.category,
        tax_rate_bp: parsed.data.taxPercent, pricing_json: JSON.stringify(pricing.sections),
      };
      await batch(db, [
        db.query.updateTable("proposal_templates").set({ ...after, updated_at: now }).where("id", "=", id),
        history("updated", { changes: diffFields(t as Record<string, unknown>, after) }),
      ]);
      return { ok: true, notice: "Template saved." };
    }
    case "toggle-active": {
      const next = t.is_active ? 0 : 1;
      await batch(db, [
        db.query.updateTable("proposal_templates").set({ is_active: next, updated_at: now }).where("id", "=", id),
        history(next ? "activated" : "deactivated", { changes: { is_active: { from: t.is_active, to: next } } }),
      ]);
      return { ok: true, notice: next ? "Template active again." : "Template deactivated; existing proposals are unaffected." };
    }
    case "add-page": {
      const parsed = parseFormData(form, addPageSchema);
      if (!parsed.ok) return { ok: false, errors: parsed.errors, values: parsed.values };
      if (current.pages.length >= MAX_PAGES) return { ok: false, errors: { form: `At most ${MAX_PAGES} pages` } };
      const pageId = newId();
      await batch(db, [
        db.query.insertInto("proposal_template_pages").values({
          id: pageId, template_id: id, title: parsed.data.title, body: parsed.data.body,
          position: Math.max(0, ...current.pages.map((p) => p.position)) + 1, created_at: now, updated_at: now,
        }),
        history("page_added", { details: { page_id: pageId, title: parsed.data.title } }),
      ]);
      return { ok: true, notice: "Page added." };
    }
    case "save-page": {
      const parsed = parseFormData(form, pageSchema);
      if (!parsed.ok) return { ok: false, errors: parsed.errors, values: parsed.values };
      const page = current.pages.find((p) => p.id === parsed.data.pageId);
      if (!page) return null;
      await batch(db, [
        db.query.updateTable("proposal_template_pages").set({ title: parsed.data.title, body: parsed.data.body, updated_at: now }).where("id", "=", page.id).where("template_id", "=", id),
        history("page_updated", { details: { page_id: page.id } }),
      ]);
      return { ok: true, notice: "Page saved." };
    }
    case "move-page": {
      const parsed = parseFormData(form, movePageSchema);
      if (!parsed.ok) return { ok: false, errors: parsed.errors };
      const index = current.pages.findIndex((p) => p.id === parsed.data.pageId);
      if (index < 0) return null;
      const swap = parsed.data.direction === "up" ? index - 1 : index + 1;
      if (swap < 0 || swap >= current.pages.length) return { ok: true, notice: "Page order unchanged." };
      const order = current.pages.map((p) => p.id);
      [order[index], order[swap]] = [order[swap]!, order[index]!];
      await batch(db, [
        db.query
          .updateTable("proposal_template_pages")
          .set({ position: sql<number>`(select key + 1 from json_each(${JSON.stringify(order)}) where value = proposal_template_pages.id)`, updated_at: now })
          .where("template_id", "=", id),
        history("page_moved", { details: { page_id: parsed.data.pageId, direction: parsed.data.direction } }),
      ]);
      return { ok: true, notice: "Page moved." };
    }
    case "delete-page": {
      const parsed = parseFormData(form, deletePageSchema);
      if (!parsed.ok) return { ok: false, errors: parsed.errors };
      const page = current.pages.find((p) => p.id === parsed.data.pageId);
      if (!page) return null;
      await batch(db, [
        db.query.deleteFrom("proposal_template_pages").where("id", "=", page.id).where("template_id", "=", id),
        history("page_deleted", { details: { page_id: page.id, title: page.title } }),
      ]);
      return { ok: true, notice: "Page deleted." };
    }
  }
  return { ok: false, errors: { form: "Unknown action" } };
}
