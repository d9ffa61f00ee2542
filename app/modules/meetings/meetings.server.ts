// Meetings: scoped lists and detail, the match workflow (accept / dismiss / manual link / no
// link), the record query for company and contact pages, and the lazily cached transcript.
//
// Scope (ORIGINAL.md §3.5, §8.7): a meeting is the viewer's when they own it (their sync brought
// it in) or attend it (organiser included); managers also see their whole reporting subtree's;
// heads and executives see all. Applied in SQL; an out-of-scope id is simply not found.
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { getConnectionCredentials } from "~/integrations/credentials.server";
import { getGranolaTranscript, type GranolaTranscriptSegment } from "~/integrations/granola.server";
import { IntegrationError } from "~/integrations/request.server";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Db } from "~/platform/db.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { contains } from "~/platform/like";
import { inPersonScope, personScope } from "~/platform/scope.server";
import type { Viewer } from "~/platform/session.server";
import { MEETING_PAGE_SIZE, TRIAGE_PAGE_SIZE, type MeetingListFilters, type MeetingListRow } from "./schemas";
import { MATCH_TARGETS, matchedNameSql, matchTarget } from "./targets.server";

export const MEETING_RESOURCE = "meeting";
/** Action-centre source of items raised from meeting notes. */
export const ACTION_SOURCE = { module: "granola", type: "meeting_action" } as const;

type ScopeViewer = Pick<Viewer, "accessLevel" | "personId">;

/** WHERE: the `meetings` row is in the viewer's scope. */
export function meetingInScope(viewer: ScopeViewer): RawBuilder<SqlBool> {
  const scope = personScope(viewer);
  if (scope.kind === "all") return sql<SqlBool>`1 = 1`;
  if (scope.kind === "none") return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${inPersonScope("meetings.owner_person_id", viewer)} or exists (
    select 1 from meeting_attendees msa where msa.meeting_id = meetings.id and ${inPersonScope("msa.person_id", viewer)}))`;
}

/** WHERE: the viewer themself owns or attends the meeting. */
function meetingIsMine(viewer: ScopeViewer): RawBuilder<SqlBool> {
  if (!viewer.personId) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(meetings.owner_person_id = ${viewer.personId} or exists (
    select 1 from meeting_attendees mma where mma.meeting_id = meetings.id and mma.person_id = ${viewer.personId}))`;
}

/** Whether "team" means the viewer's reports (managers) or everyone (heads, executives). */
export function teamLabel(viewer: ScopeViewer) {
  const scope = personScope(viewer);
  return scope.kind === "all" ? "Everyone" : scope.kind === "subtree" ? "My team" : null;
}

const LIST_COLUMNS = (_db: Db) => [
  "meetings.id",
  "meetings.title",
  "meetings.starts_at",
  "meetings.ends_at",
  "meetings.status",
  "meetings.category",
  "meetings.match_status",
  "meetings.match_confidence",
  "meetings.matched_type",
  "meetings.matched_id",
  matchedNameSql().as("matched_name"),
  sql<number>`(select count(*) from meeting_attendees ca where ca.meeting_id = meetings.id)`.as("attendee_count"),
  sql<number>`meetings.granola_note_id is not null`.as("has_note"),
  sql<string | null>`(select coalesce(op.preferred_name, op.first_name) || ' ' || op.last_name from people op where op.id = meetings.organizer_person_id)`.as("organizer_name"),
] as const;


/** The /meetings page: rows, total, status counts, the viewer's last sync and connection state. ONE batch. */
export async function loadMeetingList(db: Db, viewer: Viewer, filters: MeetingListFilters, now = new Date()) {
  const nowText = nowIso(now);
  const base = () => {
    let q = db.query.selectFrom("meetings").where(meetingInScope(viewer));
    if (filters.view === "mine") q = q.where(meetingIsMine(viewer));
    if (filters.when === "upcoming") q = q.where("meetings.starts_at", ">=", nowText);
    if (filters.when === "past") q = q.where("meetings.starts_at", "<", nowText);
    if (filters.match === "linked") q = q.where("meetings.match_status", "in", ["auto", "confirmed"]);
    if (filters.match === "suggested") q = q.where("meetings.match_status", "=", "suggested");
    if (filters.match === "triage") q = q.where("meetings.match_status", "in", ["triage", "dismissed"]).where("meetings.matched_id", "is", null);
    if (filters.q) q = q.where("meetings.title", "like", contains(filters.q));
    return q;
  };
  const offset = (filters.page - 1) * MEETING_PAGE_SIZE;
  const dir = filters.when === "upcoming" ? "asc" : "desc";
  const [rows, count, pending, lastRun, google, granola] = await batch(db, [
    base().select(LIST_COLUMNS(db)).orderBy("meetings.starts_at", dir).orderBy("meetings.id", dir).limit(MEETING_PAGE_SIZE).offset(offset),
    base().select(sql<number>`count(*)`.as("n")),
    db.query
      .selectFrom("meetings")
      .select([
        sql<number>`coalesce(sum(meetings.match_status = 'suggested'), 0)`.as("suggested"),
        sql<number>`coalesce(sum(meetings.match_status = 'triage'), 0)`.as("triage"),
      ])
      .where("meetings.match_status", "in", ["suggested", "triage"])
      .where(meetingInScope(viewer)),
    db.query
      .selectFrom("meeting_sync_runs")
      .select(["status", "calendar_events", "granola_notes", "created_count", "updated_count", "action_items", "errors", "finished_at"])
      .where("user_id", "=", viewer.userId)
      .orderBy("started_at", "desc")
      .limit(1),
    db.query.selectFrom("user_connections").select("status").where("user_id", "=", viewer.userId).where("provider", "=", "google"),
    db.query.selectFrom("connections").select("status").where("provider", "=", "granola"),
  ]);
  const total = Number(count[0]?.n ?? 0);
  return {
    rows: rows as MeetingListRow[],
    total,
    page: filters.page,
    pageCount: Math.max(1, Math.ceil(total / MEETING_PAGE_SIZE)),
    pending: { suggested: Number(pending[0]?.suggested ?? 0), triage: Number(pending[0]?.triage ?? 0) },
    lastRun: lastRun[0] ?? null,
    connected: { google: google[0]?.status === "active", granola: granola[0]?.status === "active" },
  };
}

export type RecordRef = { companyId: string } | { contactId: string } | { linkedTo: { type: "project" | "deal"; id: string } };

/**
 * Meetings for a company, contact, project or deal page (for its existing batch): in the viewer's
 * scope; for a company, linked to it (or one of its projects or deals — any registered target
 * with a company) or attended by its contacts; for a project or deal, linked to it. Newest first; returns up to `limit + 1` rows so the page knows
 * whether there are more. Render with <MeetingList>.
 */
export function meetingsForRecordQuery(db: Db, viewer: ScopeViewer, record: RecordRef, page: { limit: number; offset: number }) {
  const limit = Math.min(Math.max(page.limit, 1), 100);
  const offset = Math.max(0, Math.min(page.offset, 100_000));
  return db.query
    .selectFrom("meetings")
    .select(LIST_COLUMNS(db))
    .where(recordCondition(record))
    .where(meetingInScope(viewer))
    .orderBy("meetings.starts_at", "desc")
    .orderBy("meetings.id", "desc")
    .limit(limit + 1)
    .offset(offset);
}

/** WHERE: the meeting concerns the company (linked to it or its records, or a contact attended) / the contact attended / it is linked to the project or deal. */
export function recordCondition(record: RecordRef): RawBuilder<SqlBool> {
  if ("linkedTo" in record) {
    return sql<SqlBool>`(meetings.match_status in ('auto','confirmed') and meetings.matched_type = ${record.linkedTo.type} and meetings.matched_id = ${record.linkedTo.id})`;
  }
  if ("contactId" in record) {
    return sql<SqlBool>`exists (select 1 from meeting_attendees rca where rca.meeting_id = meetings.id and rca.contact_id = ${record.contactId})`;
  }
  const companyId = record.companyId;
  const linked = MATCH_TARGETS.map((t) =>
    t.type === "company"
      ? sql<SqlBool>`(meetings.matched_type = 'company' and meetings.matched_id = ${companyId})`
      : sql<SqlBool>`(meetings.matched_type = ${t.type} and ${t.companySql} = ${companyId})`,
  );
  return sql<SqlBool>`((meetings.match_status in ('auto','confirmed') and (${sql.join(linked, sql` or `)}))
    or exists (select 1 from meeting_attendees rca join contacts rc on rc.id = rca.contact_id where rca.meeting_id = meetings.id and rc.company_id = ${companyId}))`;
}

// ---------------------------------------------------------------------------------------------
// Detail

function meetingQuery(db: Db, viewer: ScopeViewer, id: string) {
  return db.query
    .selectFrom("meetings")
    .select([
      ...LIST_COLUMNS(db),
      "meetings.description",
      "meetings.location",
      "meetings.meeting_url",
      "meetings.summary",
      "meetings.granola_note_id",
      "meetings.calendar_event_id",
      "meetings.match_reasons",
      "meetings.matched_at",
      "meetings.organizer_email",
      "meetings.synced_at",
      sql<string | null>`(select mu.name from users mu where mu.id = meetings.matched_by)`.as("matched_by_name"),
    ])
    .where("meetings.id", "=", id)
    .where(meetingInScope(viewer));
}

/** The meeting page: the meeting, attendees, action items, cached transcript and picker options. ONE batch. */
export async function loadMeeting(db: Db, viewer: ScopeViewer, id: string) {
  const [meeting, attendees, actionItems, transcript, history, ...options] = await batch(db, [
    meetingQuery(db, viewer, id),
    db.query
      .selectFrom("meeting_attendees as a")
      .leftJoin("people as p", "p.id", "a.person_id")
      .leftJoin("contacts as c", "c.id", "a.contact_id")
      .leftJoin("companies as co", "co.id", "c.company_id")
      .select([
        "a.id", "a.email", "a.name", "a.is_organizer", "a.response_status", "a.person_id", "a.contact_id",
        sql<string | null>`case when p.id is null then null else coalesce(p.preferred_name, p.first_name) || ' ' || p.last_name end`.as("person_name"),
        sql<string | null>`case when c.id is null then null else trim(c.first_name || ' ' || c.last_name) end`.as("contact_name"),
        "co.id as company_id", "co.name as company_name",
      ])
      .where("a.meeting_id", "=", id)
      .orderBy("a.is_organizer", "desc")
      .orderBy("a.email")
      .limit(200),
    db.query
      .selectFrom("meeting_action_items as mai")
      .leftJoin("people as ap", "ap.id", "mai.assignee_person_id")
      .leftJoin("action_items as ai", (join) =>
        join.onRef("ai.source_id", "=", "mai.id").on("ai.source_module", "=", ACTION_SOURCE.module).on("ai.source_type", "=", ACTION_SOURCE.type),
      )
      .select([
        "mai.id", "mai.text", "mai.due_date", "mai.assignee_name", "ai.is_completed", "ai.id as action_item_id",
        sql<string | null>`case when ap.id is null then null else coalesce(ap.preferred_name, ap.first_name) || ' ' || ap.last_name end`.as("assignee"),
      ])
      .where("mai.meeting_id", "=", id)
      .orderBy("mai.created_at")
      .orderBy("mai.id")
      .limit(100),
    db.query.selectFrom("meeting_transcripts").select(["status", "content", "message", "fetched_at"]).where("meeting_id", "=", id),
    db.query
      .selectFrom("history")
      .leftJoin("users", "users.id", "history.actor_id")
      .select(["history.id", "history.action", "history.details", "history.created_at", "users.name as actor_name"])
      .where("history.resource_type", "=", MEETING_RESOURCE)
      .where("history.resource_id", "=", id)
      .orderBy("history.created_at", "desc")
      .limit(20),
    ...MATCH_TARGETS.map((t) => t.options(db)),
  ]);
  const row = meeting[0];
  if (!row) return null;
  return {
    meeting: row,
    attendees,
    actionItems,
    transcript: transcript[0] ?? null,
    history,
    options: MATCH_TARGETS.map((t, i) => ({ type: t.type, label: t.label, records: (options[i] ?? []) as { id: string; name: string }[] })),
  };
}

// ---------------------------------------------------------------------------------------------
// Transcript: fetched from Granola on first view, then served from meeting_transcripts.

export type TranscriptView =
  | { status: "available"; segments: GranolaTranscriptSegment[]; fetchedAt: string }
  | { status: "unavailable"; message: string }
  | { status: "error"; message: string };

const NO_NOTE = "No transcript: this meeting has no Granola note (only notes shared into a Granola space are synced).";

function fromCache(row: { status: string; content: string | null; message: string | null; fetched_at: string }): TranscriptView {
  if (row.status === "available" && row.content) {
    try {
      return { status: "available", segments: JSON.parse(row.content) as GranolaTranscriptSegment[], fetchedAt: row.fetched_at };
    } catch {
      // fall through
    }
  }
  return { status: "unavailable", message: row.message ?? "Granola has no transcript for this meeting." };
}

/**
 * The transcript for a meeting the caller has already loaded (in scope): the cached copy, or —
 * on first open — one call to Granola whose answer (transcript or "none") is cached. Errors
 * (Granola down, not connected) are shown and not cached, so the next open tries again.
 */
export async function meetingTranscript(
  context: AppLoadContext,
  meeting: { id: string; granola_note_id: string | null },
  cached: { status: string; content: string | null; message: string | null; fetched_at: string } | null,
): Promise<TranscriptView> {
  if (cached) return fromCache(cached);
  if (!meeting.granola_note_id) return { status: "unavailable", message: NO_NOTE };
  const granola = await getConnectionCredentials(context, "granola");
  if (!granola) return { status: "error", message: "Granola is not connected. An administrator can connect it under Admin ▸ Connections." };
  let segments: GranolaTranscriptSegment[] | null;
  try {
    segments = await getGranolaTranscript(context.env, granola.apiKey, meeting.granola_note_id);
  } catch (e) {
    return { status: "error", message: e instanceof IntegrationError ? e.message : "The transcript could not be fetched from Granola." };
  }
  const fetchedAt = nowIso();
  const message = segments ? null : "Granola has no transcript for this meeting (it may not have been recorded).";
  await context.db.query
    .insertInto("meeting_transcripts")
    .values({ id: newId(), meeting_id: meeting.id, status: segments ? "available" : "unavailable", source: "granola", content: segments ? JSON.stringify(segments) : null, message, fetched_at: fetchedAt, created_at: fetchedAt })
    .onConflict((oc) => oc.column("meeting_id").doNothing())
    .execute();
  return segments ? { status: "available", segments, fetchedAt } : { status: "unavailable", message: message! };
}

/** Drops the cached transcript so the next open fetches it again. */
export async function clearTranscript(db: Db, viewer: Viewer, id: string) {
  const found = await db.query.selectFrom("meetings").select("meetings.id").where("meetings.id", "=", id).where(meetingInScope(viewer)).executeTakeFirst();
  if (!found) return false;
  await db.query.deleteFrom("meeting_transcripts").where("meeting_id", "=", id).execute();
  return true;
}

// ---------------------------------------------------------------------------------------------
// Match workflow

export type LinkResult = { ok: true; message: string } | { ok: false; kind: "not_found" } | { ok: false; kind: "invalid"; errors: Record<string, string> };

async function scopedMatch(db: Db, viewer: ScopeViewer, id: string) {
  return db.query
    .selectFrom("meetings")
    .select(["meetings.id", "meetings.title", "meetings.match_status", "meetings.matched_type", "meetings.matched_id", "meetings.match_confidence", matchedNameSql().as("matched_name")])
    .where("meetings.id", "=", id)
    .where(meetingInScope(viewer))
    .executeTakeFirst();
}

function setMatch(db: Db, id: string, values: { matched_type: string | null; matched_id: string | null; match_status: string; matched_by: string | null; match_confidence?: number | null }) {
  const now = nowIso();
  return db.query
    .updateTable("meetings")
    .set({ ...values, matched_at: now, updated_at: now } as never)
    .where("id", "=", id);
}

/** Accepts the suggested link ("Link to Acme? 65%"). */
export async function acceptSuggestion(db: Db, viewer: Viewer, id: string): Promise<LinkResult> {
  const m = await scopedMatch(db, viewer, id);
  if (!m) return { ok: false, kind: "not_found" };
  if (m.match_status !== "suggested" || !m.matched_type || !m.matched_id) return { ok: false, kind: "invalid", errors: { form: "There is no suggestion to accept on this meeting any more." } };
  await batch(db, [
    setMatch(db, id, { matched_type: m.matched_type, matched_id: m.matched_id, match_status: "confirmed", matched_by: viewer.userId }).where("match_status", "=", "suggested"),
    historyEntry(db, { resourceType: MEETING_RESOURCE, resourceId: id, actorId: viewer.userId, action: "link_accepted", details: { matched_type: m.matched_type, matched_id: m.matched_id, confidence: m.match_confidence }, changes: { match_status: { from: "suggested", to: "confirmed" } } }),
  ]);
  return { ok: true, message: `Linked to ${m.matched_name ?? "the suggested record"}.` };
}

/** Dismisses the suggestion: the meeting goes to the triage queue without a link. */
export async function dismissSuggestion(db: Db, viewer: Viewer, id: string): Promise<LinkResult> {
  const m = await scopedMatch(db, viewer, id);
  if (!m) return { ok: false, kind: "not_found" };
  if (m.match_status !== "suggested") return { ok: false, kind: "invalid", errors: { form: "There is no suggestion to dismiss on this meeting any more." } };
  await batch(db, [
    setMatch(db, id, { matched_type: null, matched_id: null, match_status: "triage", matched_by: viewer.userId }).where("match_status", "=", "suggested"),
    historyEntry(db, { resourceType: MEETING_RESOURCE, resourceId: id, actorId: viewer.userId, action: "suggestion_dismissed", details: { matched_type: m.matched_type, matched_id: m.matched_id, confidence: m.match_confidence }, changes: { match_status: { from: "suggested", to: "triage" } } }),
  ]);
  return { ok: true, message: "Suggestion dismissed. The meeting is in the triage queue." };
}

/** Links the meeting to a record picked by hand (triage or the detail page). */
export async function linkMeeting(db: Db, viewer: Viewer, id: string, target: { type: string; id: string }): Promise<LinkResult> {
  const definition = matchTarget(target.type);
  if (!definition) return { ok: false, kind: "invalid", errors: { target: "Choose a company or project" } };
  const [meeting, record] = await batch(db, [
    db.query.selectFrom("meetings").select(["meetings.id", "meetings.match_status", "meetings.matched_type", "meetings.matched_id"]).where("meetings.id", "=", id).where(meetingInScope(viewer)),
    definition.find(db, target.id),
  ]);
  const m = meeting[0];
  if (!m) return { ok: false, kind: "not_found" };
  const r = record[0];
  if (!r) return { ok: false, kind: "invalid", errors: { target: `That ${definition.label.toLowerCase()} no longer exists` } };
  await batch(db, [
    setMatch(db, id, { matched_type: definition.type, matched_id: r.id, match_status: "confirmed", matched_by: viewer.userId, match_confidence: null }),
    historyEntry(db, {
      resourceType: MEETING_RESOURCE, resourceId: id, actorId: viewer.userId, action: "linked",
      changes: { matched: { from: m.matched_id ? `${m.matched_type}:${m.matched_id}` : null, to: `${definition.type}:${r.id}` }, match_status: { from: m.match_status, to: "confirmed" } },
    }),
  ]);
  return { ok: true, message: `Linked to ${r.name}.` };
}

/** Marks the meeting as needing no link (internal, personal): it leaves the triage queue. */
export async function markNoLink(db: Db, viewer: Viewer, id: string): Promise<LinkResult> {
  const m = await scopedMatch(db, viewer, id);
  if (!m) return { ok: false, kind: "not_found" };
  await batch(db, [
    setMatch(db, id, { matched_type: null, matched_id: null, match_status: "dismissed", matched_by: viewer.userId }),
    historyEntry(db, { resourceType: MEETING_RESOURCE, resourceId: id, actorId: viewer.userId, action: "marked_no_link", changes: { match_status: { from: m.match_status, to: "dismissed" } } }),
  ]);
  return { ok: true, message: "Marked as needing no link." };
}

// ---------------------------------------------------------------------------------------------
// Triage queue

/** Meetings in scope waiting for a manual link, with the picker's options. ONE batch. */
export async function loadTriage(db: Db, viewer: ScopeViewer, page: number) {
  const base = () => db.query.selectFrom("meetings").where("meetings.match_status", "=", "triage").where(meetingInScope(viewer));
  const [rows, count, ...options] = await batch(db, [
    base()
      .select([
        ...LIST_COLUMNS(db),
        sql<string | null>`(select group_concat(coalesce(ta.name, ta.email), ', ') from (select name, email from meeting_attendees where meeting_id = meetings.id and person_id is null order by email limit 4) ta)`.as("external_attendees"),
      ])
      .orderBy("meetings.starts_at", "desc")
      .orderBy("meetings.id", "desc")
      .limit(TRIAGE_PAGE_SIZE)
      .offset((page - 1) * TRIAGE_PAGE_SIZE),
    base().select(sql<number>`count(*)`.as("n")),
    ...MATCH_TARGETS.map((t) => t.options(db)),
  ]);
  const total = Number(count[0]?.n ?? 0);
  return {
    rows: rows as (MeetingListRow & { external_attendees: string | null })[],
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / TRIAGE_PAGE_SIZE)),
    options: MATCH_TARGETS.map((t, i) => ({ type: t.type, label: t.label, records: (options[i] ?? []) as { id: string; name: string }[] })),
  };
}

// ---------------------------------------------------------------------------------------------
// Page entry points (one call per loader / action)

export type MeetingTab = "overview" | "transcript" | "history";

/** The meeting page's data; the transcript is fetched (once, then cached) only on its tab. */
export async function loadMeetingPage(context: AppLoadContext, viewer: Viewer, id: string, tab: MeetingTab) {
  const page = await loadMeeting(context.db, viewer, id);
  if (!page) return null;
  const transcript = tab === "transcript" ? await meetingTranscript(context, page.meeting, page.transcript) : null;
  return { ...page, transcript: transcript, hasCachedTranscript: Boolean(page.transcript) };
}

export type MeetingCommand =
  | { intent: "accept" }
  | { intent: "dismiss" }
  | { intent: "link"; target: { type: string; id: string } }
  | { intent: "no-link" }
  | { intent: "refresh-transcript" };

export async function runMeetingCommand(db: Db, viewer: Viewer, id: string, command: MeetingCommand): Promise<LinkResult> {
  switch (command.intent) {
    case "accept":
      return acceptSuggestion(db, viewer, id);
    case "dismiss":
      return dismissSuggestion(db, viewer, id);
    case "link":
      return linkMeeting(db, viewer, id, command.target);
    case "no-link":
      return markNoLink(db, viewer, id);
    case "refresh-transcript":
      return (await clearTranscript(db, viewer, id)) ? { ok: true, message: "The transcript will be fetched again." } : { ok: false, kind: "not_found" };
  }
}

/** A same-site path to go back to after a form post (anything else is ignored). */
export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\") || value.length > 300) return null;
  return value;
}
