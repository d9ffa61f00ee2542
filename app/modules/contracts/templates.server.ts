// Contract templates (tool `contracts`, manage): type, ordered signer roles, fields placed on
// the PDF by page and % position, and an optional base PDF in R2 (contract-templates/<id>/…).
// Without an uploaded PDF a generated two-page document is used, and new templates get a
// signature and a date field per role at the generated document's signature blocks.
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Db } from "~/platform/db.server";
import { parseFormData } from "~/platform/forms.server";
import { historyEntry, historyFor } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import type { Viewer } from "~/platform/session.server";
import { generateBasePdf, generatedSignatureBlock, GENERATED_PAGE_COUNT, pdfPageCount } from "./pdf.server";
import { pdfResponse } from "./contracts.server";
import {
  MAX_PDF_BYTES, TEMPLATE_RESOURCE, fieldDefSchema, parseFields, parseRoles, removeFieldSchema, templateFieldsSchema,
  templateIntentSchema, type ContractType, type FieldDef, type SignerRole,
} from "./schemas";

type Actor = Pick<Viewer, "userId">;
export type TemplateResult = { ok: true; id: string; message: string } | { ok: false; status: 400 | 404 | 413; errors: Record<string, string> };

export async function listTemplates(db: Db) {
  return db.query
    .selectFrom("contract_templates")
    .select([
      "id", "name", "contract_type", "signer_roles", "fields_schema", "pdf_file_name", "page_count", "is_active", "updated_at",
      (eb) => eb.selectFrom("contracts").select((e) => e.fn.countAll<number>().as("n")).whereRef("contracts.template_id", "=", "contract_templates.id").as("contracts"),
    ])
    .orderBy("is_active", "desc")
    .orderBy("name")
    .limit(200)
    .execute();
}

export async function loadTemplate(db: Db, id: string) {
  const [rows, history] = await batch(db, [
    db.query.selectFrom("contract_templates").selectAll().where("id", "=", id),
    historyFor(db, TEMPLATE_RESOURCE, id, 50),
  ]);
  const template = rows[0];
  if (!template) return null;
  return { template, roles: parseRoles(template.signer_roles), fields: parseFields(template.fields_schema), history };
}

type PdfCheck = { ok: true; bytes: Uint8Array; fileName: string; pages: number } | { ok: false; status: 400 | 413; message: string };

/** A base PDF upload: size, extension or type, the %PDF- magic bytes, and pdf-lib can read it. */
export async function checkPdf(value: FormDataEntryValue | null): Promise<PdfCheck | null> {
  if (!value || typeof value === "string" || value.size === 0) return null;
  const file = value as File;
  if (file.size > MAX_PDF_BYTES) return { ok: false, status: 413, message: "The PDF is larger than the 10 MB limit. Nothing was uploaded." };
  const fileName = (file.name || "template.pdf").split(/[\\/]/).pop()!.replace(/[^\x20-\x7e]/g, "_").slice(-200);
  if (!/\.pdf$/i.test(fileName) && file.type !== "application/pdf") return { ok: false, status: 400, message: "Upload a PDF file." };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const magic = [0x25, 0x50, 0x44, 0x46, 0x2d];
  if (!magic.every((b, i) => bytes[i] === b)) return { ok: false, status: 400, message: "That file is not a PDF (its contents do not start with %PDF-)." };
  const pages = await pdfPageCount(bytes);
  if (!pages) return { ok: false, status: 400, message: "The PDF could not be read (damaged or password-protected)." };
  if (pages > 200) return { ok: false, status: 400, message: "The PDF has more than 200 pages." };
  return { ok: true, bytes, fileName, pages };
}

/** Keeps the ids of roles whose label is unchanged (so their fields stay attached). */
function rolesFromLabels(labels: string[], existing: SignerRole[]): SignerRole[] {
  return labels.map((label) => existing.find((r) => r.label.toLowerCase() === label.toLowerCase()) ?? { id: newId(), label });
}

function defaultFields(roles: SignerRole[]): FieldDef[] {
  return roles.slice(0, 3).flatMap((role, i) => {
    const block = generatedSignatureBlock(i);
    return [
      { id: newId(), type: "signature" as const, label: `${role.label} signature`, signer_role_id: role.id, required: true, ...block.signature },
      { id: newId(), type: "date" as const, label: `${role.label} date`, signer_role_id: role.id, required: true, ...block.date },
    ];
  });
}

export async function createTemplate(context: AppLoadContext, viewer: Actor, form: FormData): Promise<TemplateResult> {
  const { db, env } = context;
  const parsed = parseFormData(form, templateFieldsSchema);
  if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors };
  const pdf = await checkPdf(form.get("pdf"));
  if (pdf && !pdf.ok) return { ok: false, status: pdf.status, errors: { pdf: pdf.message } };
  const id = newId();
  const roles = rolesFromLabels(parsed.data.roles, []);
  const fields = pdf ? [] : defaultFields(roles);
  const key = pdf ? `contract-templates/${id}/${newId()}.pdf` : null;
  if (pdf && key) await env.FILES.put(key, pdf.bytes, { httpMetadata: { contentType: "application/pdf" }, customMetadata: { templateId: id } });
  const now = nowIso();
  try {
    await batch(db, [
      db.query.insertInto("contract_templates").values({
        id, name: parsed.data.name, description: parsed.data.description ?? null, contract_type: parsed.data.contractType,
        signer_roles: JSON.stringify(roles), fields_schema: JSON.stringify(fields), pdf_key: key,
        pdf_file_name: pdf ? pdf.fileName : null, pdf_size: pdf ? pdf.bytes.byteLength : null,
        page_count: pdf ? pdf.pages : GENERATED_PAGE_COUNT, created_by: viewer.userId, created_at: now, updated_at: now,
      }),
      historyEntry(db, {
        actorId: viewer.userId, resourceType: TEMPLATE_RESOURCE, resourceId: id, action: "created",
        details: { name: parsed.data.name, roles: roles.map((r) => r.label), pdf: pdf ? pdf.fileName : "generated" },
      }),
    ]);
  } catch (error) {
    if (key) await env.FILES.delete(key).catch(() => {});
    throw error;
  }
  return { ok: true, id, message: "Template created." };
}

/** Every form on a template's page, told apart by `intent`. */
export async function updateTemplate(context: AppLoadContext, viewer: Actor, id: string, form: FormData): Promise<TemplateResult> {
  const { db, env } = context;
  const intent = parseFormData(form, templateIntentSchema);
  if (!intent.ok) return { ok: false, status: 400, errors: { form: "Unknown action." } };
  const loaded = await db.query.selectFrom("contract_templates").selectAll().where("id", "=", id).executeTakeFirst();
  if (!loaded) return { ok: false, status: 404, errors: { form: "Not found" } };
  const roles = parseRoles(loaded.signer_roles);
  const fields = parseFields(loaded.fields_schema);
  const now = nowIso();
  const save = async (set: Partial<{ name: string; description: string | null; contract_type: string; signer_roles: string; fields_schema: string; is_active: number; pdf_key: string | null; pdf_file_name: string | null; pdf_size: number | null; page_count: number }>, action: string, details: Record<string, unknown>, message: string): Promise<TemplateResult> => {
    await batch(db, [
      db.query.updateTable("contract_templates").set({ ...set, updated_at: now }).where("id", "=", id),
      historyEntry(db, { actorId: viewer.userId, resourceType: TEMPLATE_RESOURCE, resourceId: id, action, details }),
    ]);
    return { ok: true, id, message };
  };
  switch (intent.data.intent) {
    case "details": {
      const parsed = parseFormData(form, templateFieldsSchema);
      if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors };
      const nextRoles = rolesFromLabels(parsed.data.roles, roles);
      const kept = fields.filter((f) => nextRoles.some((r) => r.id === f.signer_role_id));
      return save(
        { name: parsed.data.name, description: parsed.data.description ?? null, contract_type: parsed.data.contractType, signer_roles: JSON.stringify(nextRoles), fields_schema: JSON.stringify(kept) },
        "updated",
        { name: parsed.data.name, contractType: parsed.data.contractType, roles: nextRoles.map((r) => r.label), removedFields: fields.length - kept.length },
        fields.length === kept.length ? "Template saved." : `Template saved. ${fields.length - kept.length} field(s) of removed roles were removed.`,
      );
    }
    case "addField": {
      const parsed = parseFormData(form, fieldDefSchema);
      if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors };
      const f = parsed.data;
      if (!roles.some((r) => r.id === f.roleId)) return { ok: false, status: 400, errors: { roleId: "Choose one of the template's roles" } };
      if (f.page > loaded.page_count) return { ok: false, status: 400, errors: { page: `The PDF has ${loaded.page_count} page(s)` } };
      if (fields.length >= 100) return { ok: false, status: 400, errors: { form: "A template can have at most 100 fields." } };
      const field: FieldDef = { id: newId(), type: f.type, label: f.label, signer_role_id: f.roleId, page: f.page, x_pct: f.x, y_pct: f.y, w_pct: f.w, h_pct: f.h, required: f.required };
      return save({ fields_schema: JSON.stringify([...fields, field]) }, "field_added", { field }, `Field "${f.label}" placed on page ${f.page}.`);
    }
    case "removeField": {
      const parsed = parseFormData(form, removeFieldSchema);
      const field = parsed.ok ? fields.find((f) => f.id === parsed.data.fieldId) : undefined;
      if (!field) return { ok: false, status: 400, errors: { form: "That field is no longer on the template." } };
      return save({ fields_schema: JSON.stringify(fields.filter((f) => f.id !== field.id)) }, "field_removed", { field }, `Field "${field.label}" removed.`);
    }
    case "deactivate":
      return save({ is_active: 0 }, "deactivated", { changes: { is_active: { from: 1, to: 0 } } }, "Template archived. Existing contracts are not affected.");
    case "activate":
      return save({ is_active: 1 }, "activated", { changes: { is_active: { from: 0, to: 1 } } }, "Template restored.");
    case "removePdf": {
      const kept = fields.filter((f) => f.page <= GENERATED_PAGE_COUNT);
      return save(
        { pdf_key: null, pdf_file_name: null, pdf_size: null, page_count: GENERATED_PAGE_COUNT, fields_schema: JSON.stringify(kept) },
        "pdf_removed", { fileName: loaded.pdf_file_name }, "The generated document is used again.",
      );
    }
    case "uploadPdf": {
      const pdf = await checkPdf(form.get("pdf"));
      if (!pdf) return { ok: false, status: 400, errors: { pdf: "Choose a PDF to upload." } };
      if (!pdf.ok) return { ok: false, status: pdf.status, errors: { pdf: pdf.message } };
      const key = `contract-templates/${id}/${newId()}.pdf`;
      await env.FILES.put(key, pdf.bytes, { httpMetadata: { contentType: "application/pdf" }, customMetadata: { templateId: id } });
      // Older objects stay: contracts created earlier keep pointing at the PDF they were made from.
      const kept = fields.filter((f) => f.page <= pdf.pages);
      try {
        return await save(
          { pdf_key: key, pdf_file_name: pdf.fileName, pdf_size: pdf.bytes.byteLength, page_count: pdf.pages, fields_schema: JSON.stringify(kept) },
          "pdf_uploaded", { fileName: pdf.fileName, size: pdf.bytes.byteLength, pages: pdf.pages }, `${pdf.fileName} uploaded (${pdf.pages} page${pdf.pages === 1 ? "" : "s"}).`,
        );
      } catch (error) {
        await env.FILES.delete(key).catch(() => {});
        throw error;
      }
    }
  }
}

/** The template's base PDF (uploaded, or the generated preview) for placing fields. */
export async function templatePdf(context: AppLoadContext, id: string) {
  const t = await context.db.query.selectFrom("contract_templates").selectAll().where("id", "=", id).executeTakeFirst();
  if (!t) return null;
  if (t.pdf_key) {
    const object = await context.env.FILES.get(t.pdf_key);
    if (object) return pdfResponse(object.body, t.pdf_file_name ?? "template.pdf", "attachment", object.size);
  }
  const bytes = await generateBasePdf({ title: t.name, contractType: t.contract_type as ContractType, roles: parseRoles(t.signer_roles), createdAt: t.created_at });
  return pdfResponse(bytes, `${t.name.replace(/[^A-Za-z0-9 ._-]+/g, "").trim() || "template"}.pdf`, "attachment");
}
