/**
 * Threaded notes on any registered record (ORIGINAL §13.1).
 *
 * - Permission: the VIEW grant of the tool owning the record suffices to read, add and reply.
 * - Visibility: a set of access levels; 'executive' is always included. A viewer sees a note only
 *   if their level is in it (executives see all), filtered in SQL over the JSON column. The
 *   record itself must be in the viewer's scope (registry `visible`): person notes follow the
 *   hierarchy (sensitive scope). Replies inherit their thread's visibility; threads are one level
 *   deep (a reply to a reply joins the same thread).
 * - Edit (content only) and delete: the author or an executive; others get 403.
 * - Mentions: the form's multi-select (`mentions`, user ids) plus `@handle` in the text, where the
 *   handle is the part of the user's email before the @ (e.g. @ethan.brown). Each mentioned user
 *   who may see the note (tool view grant, level in the visibility, record in their scope) gets a
 *   'note_mention' notification in the SAME batch as the note and its history row; the others are
 *   reported back, not notified. Edits do not re-notify.
 * - History rows on the record (note_added / note_replied / note_edited / note_deleted) carry the
 *   note id only, never its content (the history tab has no per-note visibility).
 */
import { redirect } from "@remix-run/cloudflare";
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { z } from "zod";
import { forbidden, notFound } from "~/platform/access.server";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Db } from "~/platform/db.server";
import { invalid } from "~/platform/forms.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { deliverInBackground, prepareNotifications } from "~/platform/notify.server";
import { safeRedirect, type Viewer } from "~/platform/session.server";
import { ACCESS_LEVELS, type AccessLevel, type ToolKey } from "~/platform/tools";
import { recordType, type RecordType, type ScopeViewer } from "./registry.server";

export const NOTES_LIMIT = 100;
export const MAX_MENTIONS = 20;

type NoteViewer = ScopeViewer & Pick<Viewer, "permissions">;

function requireType(type: string): RecordType {
  const entry = recordType(type);
  if (!entry) notFound();
  return entry;
}

function assertToolView(viewer: NoteViewer, tool: ToolKey) {
  if (!viewer.permissions[tool]?.view) forbidden();
}

/** Whether this access level may use notes on the record type at all (`noteLevels`). */
export function mayUseNotes(entry: Pick<RecordType, "noteLevels">, level: AccessLevel) {
  return !entry.noteLevels || entry.noteLevels.includes(level);
}

/** The levels a note on this type can be shown to (the visibility picker's choices). */
export function noteLevelChoices(type: string): readonly AccessLevel[] {
  return recordType(type)?.noteLevels ?? ACCESS_LEVELS;
}

/** SQL: the viewer's access level is in notes.visibility (executives see every note). */
export function noteVisibleTo(viewer: Pick<Viewer, "accessLevel">): RawBuilder<SqlBool> {
  if (viewer.accessLevel === "executive") return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`exists (select 1 from json_each(notes.visibility) where json_each.value = ${viewer.accessLevel})`;
}

/**
 * The notes on a record the viewer may read, newest first (up to NOTES_LIMIT), with author name
 * and picture and whether the viewer may edit each one. Empty when the record is out of the
 * viewer's scope. Put it in the detail page's own batch; render with <NotesPanel>.
 */
export function notesQuery(db: Db, viewer: ScopeViewer, type: string, id: string, limit = NOTES_LIMIT) {
  const entry = requireType(type);
  const isExecutive = viewer.accessLevel === "executive" ? 1 : 0;
  return db.query
    .selectFrom("notes")
    .leftJoin("users", "users.id", "notes.author_id")
    .select([
      "notes.id", "notes.parent_id", "notes.content", "notes.visibility", "notes.created_at", "notes.updated_at",
      "notes.author_id", "users.name as author_name", "users.picture as author_picture",
      sql<number>`case when notes.author_id = ${viewer.userId} or ${isExecutive} = 1 then 1 else 0 end`.as("can_edit"),
    ])
    .where("notes.resource_type", "=", type)
    .where("notes.resource_id", "=", id)
    .where(noteVisibleTo(viewer))
    .where(mayUseNotes(entry, viewer.accessLevel) ? sql<SqlBool>`1 = 1` : sql<SqlBool>`0 = 1`)
    .where(sql<SqlBool>`exists ${entry.visible(db, viewer, id)}`)
    .orderBy("notes.created_at", "desc")
    .orderBy("notes.id", "desc")
    .limit(Math.min(limit, 200));
}

/** Users offered in the mention picker (active, by name; bounded). */
export function mentionableUsersQuery(db: Db, limit = 500) {
  return db.query
    .selectFrom("users")
    .select(["id", "name", sql<string>`substr(users.email, 1, instr(users.email, '@') - 1)`.as("handle")])
    .where("disabled_at", "is", null)
    .orderBy("name")
    .limit(limit);
}

// ---------------------------------------------------------------------------------------------
// Form schema (POST /notes)

const toList = (value: unknown) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]);
const recordFields = {
  resourceType: z.string().trim().min(1, "Choose a record type").refine((t) => recordType(t) !== null, "Unknown record type"),
  resourceId: z.string().trim().min(1, "Choose a record").max(200),
  redirectTo: z.string().max(500).optional(),
};
const content = z.string({ required_error: "Write something first" }).trim().min(1, "Write something first").max(5000, "Keep notes under 5,000 characters");
const noteId = z.string({ required_error: "Choose a note" }).trim().min(1, "Choose a note").max(200);
const mentions = z.preprocess(
  toList,
  z.array(z.string().trim().min(1).max(100)).max(MAX_MENTIONS, `Mention at most ${MAX_MENTIONS} people`),
);
const visibility = z.preprocess(
  (v) => (v === undefined ? undefined : toList(v)),
  z.array(z.enum(ACCESS_LEVELS, { errorMap: () => ({ message: "Choose access levels from the list" }) })).optional(),
);

export const noteFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), ...recordFields, content, visibility, mentions }),
  z.object({ intent: z.literal("reply"), ...recordFields, content, mentions, parentId: noteId }),
  z.object({ intent: z.literal("edit"), ...recordFields, content, noteId }),
  z.object({ intent: z.literal("delete"), ...recordFields, noteId }),
], { errorMap: (issue, ctx) => (issue.code === "invalid_union_discriminator" ? { message: "Unknown action" } : { message: ctx.defaultError }) });
export type NoteForm = z.infer<typeof noteFormSchema>;

/** 'executive' is always in; no field at all means everyone. Stored in ACCESS_LEVELS order. */
export function normaliseVisibility(levels: readonly AccessLevel[] | undefined): AccessLevel[] {
  const chosen = new Set<AccessLevel>(levels ?? ACCESS_LEVELS);
  chosen.add("executive");
  return ACCESS_LEVELS.filter((l) => chosen.has(l));
}

/** `@first.last` handles in the text (the email's local part), lower-cased, unique. */
export function mentionHandles(text: string): string[] {
  const handles = new Set<string>();
  for (const match of text.matchAll(/(?:^|[^\w.@])@([a-z0-9][a-z0-9._'-]{0,62}[a-z0-9])/gi)) {
    handles.add(match[1]!.toLowerCase());
    if (handles.size >= MAX_MENTIONS) break;
  }
  return [...handles];
}

function parseLevels(json: string): AccessLevel[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((v): v is AccessLevel => (ACCESS_LEVELS as readonly string[]).includes(v)) : [];
  } catch {
    return [];
  }
}

/** `path?key=value` keeping the path's own query, for redirects back to the page. */
export function withParams(path: string, params: Record<string, string | undefined>, hash?: string) {
  const url = new URL(path, "http://local");
  for (const [key, value] of Object.entries(params)) {
    url.searchParams.delete(key);
    if (value) url.searchParams.set(key, value);
  }
  return url.pathname + url.search + (hash ? `#${hash}` : url.hash);
}

// ---------------------------------------------------------------------------------------------
// Writes

export interface NoteResult {
  noteId: string | null;
  /** Where to send the browser next (same-site, validated). */
  redirectTo: string;
  notified: string[];
  notNotified: string[];
}

function excerpt(text: string, max = 200) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The note (by id) on this record, if the viewer may read it. */
function visibleNote(db: Db, viewer: ScopeViewer, type: string, resourceId: string, id: string) {
  return db.query
    .selectFrom("notes")
    .select(["notes.id", "notes.parent_id", "notes.author_id", "notes.content", "notes.visibility"])
    .where("notes.id", "=", id)
    .where("notes.resource_type", "=", type)
    .where("notes.resource_id", "=", resourceId)
    .where(noteVisibleTo(viewer));
}

/** Applies one POST /notes intent. Throws 404 (record/note not visible) or 403 (not allowed). */
export async function applyNoteIntent(context: AppLoadContext, viewer: Viewer, form: NoteForm): Promise<NoteResult> {
  const entry = requireType(form.resourceType);
  assertToolView(viewer, entry.tool);
  if (!mayUseNotes(entry, viewer.accessLevel)) forbidden(`Notes on a ${entry.label.toLowerCase()} are for ${entry.noteLevels!.join(", ")} levels only`);
  const fallback = `${entry.url(form.resourceId)}?tab=notes`;
  const back = safeRedirect(form.redirectTo, fallback);
  if (form.intent === "create" || form.intent === "reply") return addNote(context, viewer, entry, form, back);
  return changeNote(context, viewer, entry, form, back);
}

async function addNote(
  context: AppLoadContext,
  viewer: Viewer,
  entry: RecordType,
  form: Extract<NoteForm, { intent: "create" | "reply" }>,
  back: string,
): Promise<NoteResult> {
  const { db } = context;
  const { resourceType: type, resourceId } = form;
  const handles = mentionHandles(form.content);
  const wanted = [...new Set(form.mentions)];
  const [records, parents, candidates] = await batch(db, [
    entry.visible(db, viewer, resourceId),
    visibleNote(db, viewer, type, resourceId, form.intent === "reply" ? form.parentId : ""),
    db.query
      .selectFrom("users")
      .leftJoin("people", "people.user_id", "users.id")
      .leftJoin("tool_permissions", (join) =>
        join.onRef("tool_permissions.access_level", "=", "users.access_level").on("tool_permissions.tool", "=", entry.tool),
      )
      .select(["users.id", "users.name", "users.access_level", "people.id as person_id", "tool_permissions.can_view"])
      .where("users.disabled_at", "is", null)
      .where((eb) =>
        eb.or([
          wanted.length ? eb("users.id", "in", wanted) : sql<SqlBool>`0`,
          handles.length ? eb(sql`lower(substr(users.email, 1, instr(users.email, '@') - 1))`, "in", handles) : sql<SqlBool>`0`,
        ]),
      )
      .limit(MAX_MENTIONS * 2),
  ]);
  const record = records[0];
  if (!record) notFound();
  let parentId: string | null = null;
  let levels: AccessLevel[];
  if (form.intent === "reply") {
    const parent = parents[0];
    if (!parent) notFound();
    parentId = parent.parent_id ?? parent.id;
    levels = normaliseVisibility(parseLevels(parent.visibility));
  } else {
    levels = normaliseVisibility(form.visibility).filter((l) => mayUseNotes(entry, l));
  }

  // Who may see the note: tool view grant, level in the visibility, record in their scope.
  const others = candidates.filter((u) => u.id !== viewer.userId);
  const eligible = others.filter(
    (u) =>
      u.can_view === 1 &&
      mayUseNotes(entry, u.access_level as AccessLevel) &&
      (u.access_level === "executive" || levels.includes(u.access_level as AccessLevel)),
  );
  const scoped = eligible.length
    ? await batch(
        db,
        eligible.map((u) =>
          entry.visible(db, { userId: u.id, personId: u.person_id, accessLevel: u.access_level as AccessLevel }, resourceId),
        ),
      )
    : [];
  const recipients = eligible.filter((_, i) => (scoped[i] ?? []).length > 0);
  const notNotified = others.filter((u) => !recipients.includes(u)).map((u) => u.name);

  const id = newId();
  const now = nowIso();
  const notifications = prepareNotifications(db, {
    userIds: recipients.map((u) => u.id),
    type: "note_mention",
    title: `${viewer.name} mentioned you in a note on ${record.title}`,
    body: excerpt(form.content),
    actionUrl: `${entry.url(resourceId)}?tab=notes#note-${id}`,
    resourceType: type,
    resourceId,
  });
  await batch(db, [
    db.query.insertInto("notes").values({
      id,
      resource_type: type,
      resource_id: resourceId,
      author_id: viewer.userId,
      content: form.content,
      visibility: JSON.stringify(levels),
      mentions: JSON.stringify(others.map((u) => u.id)),
      parent_id: parentId,
      created_at: now,
      updated_at: now,
    }),
    historyEntry(db, {
      actorId: viewer.userId,
      resourceType: type,
      resourceId,
      action: parentId ? "note_replied" : "note_added",
      details: { note_id: id, ...(parentId ? { parent_id: parentId } : {}), ...(recipients.length ? { mentioned: recipients.length } : {}) },
    }),
    ...notifications.inserts,
  ]);
  if (notifications.ids.length) context.waitUntil(deliverInBackground(context, notifications.ids));
  const notice = notNotified.length ? `Not notified (they cannot see this note): ${notNotified.join(", ")}` : undefined;
  return {
    noteId: id,
    redirectTo: withParams(back, { noteError: undefined, noteNotice: notice }, `note-${id}`),
    notified: recipients.map((u) => u.name),
    notNotified,
  };
}

async function changeNote(
  context: AppLoadContext,
  viewer: Viewer,
  entry: RecordType,
  form: Extract<NoteForm, { intent: "edit" | "delete" }>,
  back: string,
): Promise<NoteResult> {
  const { db } = context;
  const { resourceType: type, resourceId } = form;
  const [records, notes] = await batch(db, [
    entry.visible(db, viewer, resourceId),
    visibleNote(db, viewer, type, resourceId, form.noteId),
  ]);
  const note = notes[0];
  if (!records[0] || !note) notFound();
  if (note.author_id !== viewer.userId && viewer.accessLevel !== "executive") forbidden("Only the author or an executive may change this note");
  const clean = withParams(back, { noteError: undefined, noteNotice: undefined });
  if (form.intent === "delete") {
    await batch(db, [
      db.query.deleteFrom("notes").where("id", "=", note.id),
      historyEntry(db, { actorId: viewer.userId, resourceType: type, resourceId, action: "note_deleted", details: { note_id: note.id } }),
    ]);
    return { noteId: null, redirectTo: clean, notified: [], notNotified: [] };
  }
  if (note.content === form.content) return { noteId: note.id, redirectTo: withParams(clean, {}, `note-${note.id}`), notified: [], notNotified: [] };
  await batch(db, [
    db.query.updateTable("notes").set({ content: form.content, updated_at: nowIso() }).where("id", "=", note.id),
    historyEntry(db, { actorId: viewer.userId, resourceType: type, resourceId, action: "note_edited", details: { note_id: note.id } }),
  ]);
  return { noteId: note.id, redirectTo: withParams(clean, {}, `note-${note.id}`), notified: [], notNotified: [] };
}

/**
 * Bad input on POST /notes: a browser navigation without JavaScript goes back to the page with
 * the message (?noteError=); everything else (fetchers, API clients, tests) gets 400 with field
 * messages.
 */
export function isDocumentNavigation(request: Request) {
  return request.headers.get("Sec-Fetch-Mode") === "navigate";
}

export function firstError(errors: Record<string, string>) {
  return Object.values(errors)[0] ?? "The note could not be saved.";
}

/** The response for bad POST /notes input (see isDocumentNavigation). */
export function noteFormFailure(request: Request, values: Record<string, unknown>, errors: Record<string, string>) {
  const target = typeof values.redirectTo === "string" ? safeRedirect(values.redirectTo, "") : "";
  if (isDocumentNavigation(request) && target) {
    return redirect(withParams(target, { noteNotice: undefined, noteError: firstError(errors) }), 303);
  }
  return invalid(errors, { content: values.content });
}
