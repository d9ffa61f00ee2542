// People ▸ HR documents: files in R2 (binding FILES) under documents/<person-id>/<uuid>.<ext>,
// metadata in D1. Scope is the sensitive one (scope.server.ts): executives any person, heads and
// managers their own + subtree, leads and employees their own. Out of scope → not found.
import { sql, type SqlBool } from "kysely";
import { can } from "~/platform/access.server";
import { batch } from "~/platform/batch.server";
import { parseFormData } from "~/platform/forms.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Db } from "~/platform/db.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { deliverInBackground, prepareNotifications } from "~/platform/notify.server";
import { inPersonScope, personScope } from "~/platform/scope.server";
import type { Viewer } from "~/platform/session.server";
import { checkUpload, type FileProblem } from "./files.server";
import {
  CATEGORY_LABELS, DOCUMENTS_PAGE_SIZE, documentActionSchema, uploadFieldsSchema, type DocumentCategory, type UploadFields,
} from "./schemas";

export const DOCUMENT_RESOURCE = "document";
/** How many documents one expiry check handles (each costs ≤ 4 statements); run again for more. */
export const REMINDER_BATCH = 50;
const PEOPLE_OPTIONS_LIMIT = 200;

type ScopeViewer = Pick<Viewer, "accessLevel" | "personId">;

/**
 * A person's documents, newest first, for the profile's Documents tab: a Compilable for the
 * profile loader's batch. Empty when the person is outside the viewer's (sensitive) scope.
 */
export function documentsForPerson(db: Db, viewer: ScopeViewer, personId: string, page = 1) {
  return db.query
    .selectFrom("documents as d")
    .select([
      "d.id", "d.person_id", "d.category", "d.name", "d.file_name", "d.file_size", "d.content_type",
      "d.expiry_date", "d.uploaded_by_name", "d.created_at",
    ])
    .where("d.person_id", "=", personId)
    .where(inPersonScope("d.person_id", viewer, "sensitive"))
    .orderBy("d.created_at", "desc")
    .orderBy("d.id", "desc")
    .limit(DOCUMENTS_PAGE_SIZE)
    .offset((Math.max(1, page) - 1) * DOCUMENTS_PAGE_SIZE);
}
export type DocumentRow = {
  id: string; person_id: string; category: string; name: string; file_name: string; file_size: number;
  content_type: string; expiry_date: string | null; uploaded_by_name: string | null; created_at: string;
};

/**
 * The /documents page: the chosen person (default: the viewer) and their documents, plus the
 * people the viewer may choose from — ONE batch. Null when the person is unknown or out of scope.
 */
export async function loadDocumentsPage(db: Db, viewer: ScopeViewer, requested: string | undefined, page: number) {
  const personId = requested ?? viewer.personId ?? "";
  const chooser = personScope(viewer, "sensitive").kind !== "self";
  const [people, documents, count, options] = await batch(db, [
    db.query
      .selectFrom("people as p")
      .select(["p.id", "p.first_name", "p.last_name", "p.preferred_name", "p.title"])
      .where("p.id", "=", personId)
      .where(inPersonScope("p.id", viewer, "sensitive")),
    documentsForPerson(db, viewer, personId, page),
    db.query
      .selectFrom("documents as d")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("d.person_id", "=", personId)
      .where(inPersonScope("d.person_id", viewer, "sensitive")),
    db.query
      .selectFrom("people as p")
      .select(["p.id", "p.first_name", "p.last_name", "p.preferred_name"])
      .where(inPersonScope("p.id", viewer, "sensitive"))
      .where("p.employment_status", "!=", "terminated")
      .where(sql<SqlBool>`${chooser ? 1 : 0} = 1`)
      .orderBy("p.last_name")
      .orderBy("p.first_name")
      .limit(PEOPLE_OPTIONS_LIMIT),
  ]);
  const person = people[0];
  if (!person) return requested ? null : { person: null, documents: [], total: 0, options };
  return { person, documents: documents as DocumentRow[], total: Number(count[0]?.n ?? 0), options };
}

export type UploadResult = { ok: true; id: string } | { ok: false; status: 404 } | ({ ok: false } & FileProblem & { field: string });

/**
 * Checks the file, puts it in R2, then writes the metadata row and its history row in ONE batch;
 * if that batch fails the object is deleted again (nothing half-written is left behind).
 */
export async function uploadDocument(
  context: AppLoadContext, viewer: Pick<Viewer, "accessLevel" | "personId" | "userId" | "name">, fields: UploadFields, value: FormDataEntryValue | null,
): Promise<UploadResult> {
  const { db, env } = context;
  const person = await db.query
    .selectFrom("people")
    .select(["id", "first_name", "last_name"])
    .where("id", "=", fields.person_id)
    .where(inPersonScope("people.id", viewer, "sensitive"))
    .executeTakeFirst();
  if (!person) return { ok: false, status: 404 };
  const file = await checkUpload(value);
  if (!file.ok) return { ...file, field: "file" };
  const id = newId();
  const key = `documents/${person.id}/${newId()}.${file.ext}`;
  await env.FILES.put(key, file.bytes, {
    httpMetadata: { contentType: file.contentType },
    customMetadata: { documentId: id, personId: person.id },
  });
  const now = nowIso();
  const name = fields.name ?? file.fileName.replace(/\.[^.]+$/, "");
  try {
    await batch(db, [
      db.query.insertInto("documents").values({
        id, person_id: person.id, category: fields.category, name, file_key: key, file_name: file.fileName,
        file_size: file.bytes.byteLength, content_type: file.contentType, expiry_date: fields.expiry_date,
        uploaded_by: viewer.userId, uploaded_by_name: viewer.name, created_at: now, updated_at: now,
      }),
      historyEntry(db, {
        actorId: viewer.userId, resourceType: DOCUMENT_RESOURCE, resourceId: id, action: "uploaded",
        details: { personId: person.id, name, category: fields.category, fileName: file.fileName, size: file.bytes.byteLength, expiryDate: fields.expiry_date },
      }),
    ]);
  } catch (error) {
    await env.FILES.delete(key).catch(() => {});
    throw error;
  }
  return { ok: true, id };
}

function scopedDocument(db: Db, viewer: ScopeViewer, id: string) {
  return db.query
    .selectFrom("documents as d")
    .select(["d.id", "d.person_id", "d.name", "d.category", "d.file_key", "d.file_name", "d.file_size", "d.content_type"])
    .where("d.id", "=", id)
    .where(inPersonScope("d.person_id", viewer, "sensitive"));
}

/**
 * Deletes the R2 object first, then the row and its history row in ONE batch: if the batch
 * fails the row is still there and deleting again finishes the job (R2 deletes are idempotent).
 */
export async function deleteDocument(context: AppLoadContext, viewer: Pick<Viewer, "accessLevel" | "personId" | "userId">, id: string) {
  const { db, env } = context;
  const doc = await scopedDocument(db, viewer, id).executeTakeFirst();
  if (!doc) return { ok: false as const, status: 404 as const };
  await env.FILES.delete(doc.file_key);
  await batch(db, [
    db.query.deleteFrom("documents").where("id", "=", id),
    historyEntry(db, {
      actorId: viewer.userId, resourceType: DOCUMENT_RESOURCE, resourceId: id, action: "deleted",
      details: { personId: doc.person_id, name: doc.name, category: doc.category, fileName: doc.file_name },
    }),
  ]);
  return { ok: true as const, personId: doc.person_id };
}

function asciiFileName(name: string) {
  return name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
}

/**
 * The download response (an attachment, never rendered inline), or null when the document is
 * unknown, out of scope or its object is missing.
 */
export async function documentDownload(context: AppLoadContext, viewer: ScopeViewer, id: string): Promise<Response | null> {
  const doc = await scopedDocument(context.db, viewer, id).executeTakeFirst();
  if (!doc) return null;
  const object = await context.env.FILES.get(doc.file_key);
  if (!object) return null;
  return new Response(object.body, {
    headers: {
      "Content-Type": doc.content_type,
      "Content-Length": String(object.size),
      "Content-Disposition": `attachment; filename="${asciiFileName(doc.file_name)}"; filename*=UTF-8''${encodeURIComponent(doc.file_name)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
function addDays(day: string, days: number) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDay(d);
}
function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface ReminderRun {
  /** Documents reminded in this run. */
  reminded: number;
  notifications: number;
  /** True when more documents are due than one run handles: run it again. */
  more: boolean;
}

/**
 * Reminds the person and their manager (their users) about documents expiring within 30 days
 * and again within 7 days. Idempotent: a document's reminded_30_at / reminded_7_at record what
 * was sent, so running it again (the button, or a scheduled handler) sends nothing twice. A
 * document first seen inside 7 days gets only the 7-day reminder. One read, one batch.
 */
export async function raiseDocumentExpiryReminders(context: AppLoadContext, today: Date | string = new Date(), actorId: string | null = null): Promise<ReminderRun> {
  const { db } = context;
  const day = typeof today === "string" ? today : isoDay(today);
  const in7 = addDays(day, 7);
  const in30 = addDays(day, 30);
  const due = await db.query
    .selectFrom("documents as d")
    .innerJoin("people as p", "p.id", "d.person_id")
    .leftJoin("people as m", "m.id", "p.manager_id")
    .select([
      "d.id", "d.name", "d.category", "d.expiry_date", "d.person_id", "d.reminded_30_at", "d.reminded_7_at",
      "p.first_name", "p.last_name", "p.user_id as person_user_id", "m.user_id as manager_user_id",
    ])
    .where("d.expiry_date", "is not", null)
    .where("d.expiry_date", ">=", day)
    .where("d.expiry_date", "<=", in30)
    .where((eb) =>
      eb.or([
        eb.and([eb("d.expiry_date", "<=", in7), eb("d.reminded_7_at", "is", null)]),
        eb.and([eb("d.expiry_date", ">", in7), eb("d.reminded_30_at", "is", null)]),
      ]),
    )
    .orderBy("d.expiry_date")
    .orderBy("d.id")
    .limit(REMINDER_BATCH)
    .execute();
  if (due.length === 0) return { reminded: 0, notifications: 0, more: false };

  const now = nowIso();
  const writes = [];
  const notificationIds: string[] = [];
  for (const doc of due) {
    const expiry = doc.expiry_date as string;
    const stage = expiry <= in7 ? 7 : 30;
    const days = daysBetween(day, expiry);
    const who = `${doc.first_name} ${doc.last_name}`;
    const when = days === 0 ? "today" : days === 1 ? "tomorrow" : `in ${days} days`;
    const { ids, inserts } = prepareNotifications(db, {
      userIds: [doc.person_user_id, doc.manager_user_id].filter((u): u is string => Boolean(u)),
      type: "document_expiring",
      title: `${CATEGORY_LABELS[doc.category as DocumentCategory] ?? "Document"} for ${who} expires ${when}`,
      body: `"${doc.name}" expires on ${expiry}. Upload the renewed document when it arrives.`,
      actionUrl: `/documents?person=${encodeURIComponent(doc.person_id)}`,
      resourceType: DOCUMENT_RESOURCE,
      resourceId: doc.id,
    });
    notificationIds.push(...ids);
    const set = stage === 7 ? { reminded_7_at: now, reminded_30_at: doc.reminded_30_at ?? now } : { reminded_30_at: now };
    writes.push(
      db.query.updateTable("documents").set(set).where("id", "=", doc.id),
      ...inserts,
      historyEntry(db, { actorId, resourceType: DOCUMENT_RESOURCE, resourceId: doc.id, action: `expiry_reminder_${stage}`, details: { expiryDate: expiry, recipients: ids.length } }),
    );
  }
  await batch(db, writes);
  if (notificationIds.length) context.waitUntil(deliverInBackground(context, notificationIds));
  return { reminded: due.length, notifications: notificationIds.length, more: due.length === REMINDER_BATCH };
}

export type DocumentsActionResult =
  | { ok: true; redirectTo: string }
  | { ok: false; status: 400 | 403 | 404 | 413; errors: Record<string, string> };

/**
 * The /documents action, given the (size-capped) form: upload and delete need documents:update
 * and the person in the viewer's sensitive scope; "Check expiring documents" needs
 * documents:manage. Redirects back to `redirect_to` (same-site paths only) or the person's list.
 */
export async function handleDocumentsForm(
  context: AppLoadContext, viewer: Viewer, form: FormData,
): Promise<DocumentsActionResult> {
  const intent = form.get("intent");
  const back = (fallback: string) => {
    const target = form.get("redirect_to");
    return typeof target === "string" && target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/\\") ? target : fallback;
  };
  if (intent === "upload") {
    if (!can(viewer, "documents", "update")) return { ok: false, status: 403, errors: { form: "Not allowed" } };
    const fields = parseFormData(form, uploadFieldsSchema);
    if (!fields.ok) return { ok: false, status: 400, errors: fields.errors };
    const result = await uploadDocument(context, viewer, fields.data, form.get("file"));
    if (!result.ok) return result.status === 404 ? { ok: false, status: 404, errors: {} } : { ok: false, status: result.status, errors: { [result.field]: result.message } };
    return { ok: true, redirectTo: back(`/documents?person=${encodeURIComponent(fields.data.person_id)}&notice=uploaded`) };
  }
  const parsed = parseFormData(form, documentActionSchema);
  if (!parsed.ok) return { ok: false, status: 400, errors: { form: "Unknown action. Reload the page and try again." } };
  if (parsed.data.intent === "delete") {
    if (!can(viewer, "documents", "update")) return { ok: false, status: 403, errors: { form: "Not allowed" } };
    const result = await deleteDocument(context, viewer, parsed.data.document_id);
    if (!result.ok) return { ok: false, status: 404, errors: {} };
    return { ok: true, redirectTo: back(`/documents?person=${encodeURIComponent(result.personId)}&notice=deleted`) };
  }
  if (!can(viewer, "documents", "manage")) return { ok: false, status: 403, errors: { form: "Not allowed" } };
  const run = await raiseDocumentExpiryReminders(context, new Date(), viewer.userId);
  return { ok: true, redirectTo: `/documents?reminded=${run.reminded}&notified=${run.notifications}${run.more ? "&more=1" : ""}` };
}
