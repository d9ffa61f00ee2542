// "Sync now" for one signed-in user: their Google Calendar (their own user connection) and the
// org's Granola notes (org connection). Everything is fetched first, then looked up in ONE read
// batch, planned in memory, and written in ONE atomic batch together with the run record:
// meetings upserted by external id (calendar event id / Granola note id — a re-sync never
// duplicates), attendees matched to people and contacts by email, the match scored (>= 80 auto,
// 50–79 suggestion, < 50 triage; a human decision is never overwritten), action items parsed
// from the note and raised in the action centre for their owner.
import { sql, type Compilable } from "kysely";
import { getConnectionCredentials, getUserConnectionCredentials } from "~/integrations/credentials.server";
import { listCalendarEvents, type CalendarEvent } from "~/integrations/google-calendar-events.server";
import { listGranolaNotesWithAttendees, type GranolaNote } from "~/integrations/granola.server";
import { IntegrationError, redactSecrets } from "~/integrations/request.server";
import { raiseActionItem, upsertActionItem } from "~/modules/action-centre/action-items.server";
import { batch, chunkForInsert } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { hitRateLimit } from "~/platform/rate-limit.server";
import type { Viewer } from "~/platform/session.server";
import { ACTION_SOURCE, MEETING_RESOURCE } from "./meetings.server";
import { actionKey, parseActionItems, resolveOwner, type OwnerCandidate } from "./parse";
import { emailDomain, scoreMeeting, type ScoringCandidate } from "./scoring";
import { MATCH_TARGETS, toCandidates, type CandidateRow } from "./targets.server";

export const SYNC_LOOKBACK_DAYS = 30;
export const SYNC_LOOKAHEAD_DAYS = 14;
/** Each sync calls two providers: at most 10 per user per 10 minutes. */
export const SYNC_RATE_LIMIT = { limit: 10, windowSeconds: 600 };

export interface MeetingSyncSummary {
  status: "succeeded" | "partial" | "failed";
  calendarEvents: number;
  granolaNotes: number;
  created: number;
  updated: number;
  actionItems: number;
  errors: string[];
}

interface DraftAttendee {
  email: string;
  name: string | null;
  organizer: boolean;
  responseStatus: "accepted" | "declined" | "tentative" | "needs_action" | null;
}

interface Draft {
  calendarEventId: string | null;
  granolaNoteId: string | null;
  title: string;
  description: string | null;
  startsAt: string;
  endsAt: string | null;
  allDay: boolean;
  location: string | null;
  meetingUrl: string | null;
  status: "confirmed" | "tentative" | "cancelled";
  organizerEmail: string | null;
  ownerEmail: string | null;
  summary: string | null;
  summaryMarkdown: string | null;
  folders: string[];
  attendees: DraftAttendee[];
}

const json = (values: unknown[]) => JSON.stringify(values);
const iso = (d: Date) => nowIso(d);

function addAttendees(draft: Draft, list: DraftAttendee[]) {
  for (const a of list) {
    const existing = draft.attendees.find((x) => x.email === a.email);
    if (!existing) draft.attendees.push({ ...a });
    else {
      existing.name ??= a.name;
      existing.organizer ||= a.organizer;
      existing.responseStatus ??= a.responseStatus;
    }
  }
}

function fromEvent(e: CalendarEvent, ownerEmail: string): Draft {
  const draft: Draft = {
    calendarEventId: e.id, granolaNoteId: null, title: e.title, description: e.description, startsAt: e.startsAt, endsAt: e.endsAt,
    allDay: e.allDay, location: e.location, meetingUrl: e.meetingUrl, status: e.status, organizerEmail: e.organizerEmail,
    ownerEmail, summary: null, summaryMarkdown: null, folders: [], attendees: [],
  };
  addAttendees(draft, e.attendees.map((a) => ({ email: a.email, name: a.name, organizer: a.organizer || a.email === e.organizerEmail, responseStatus: a.responseStatus })));
  if (e.organizerEmail && !draft.attendees.some((a) => a.email === e.organizerEmail)) {
    draft.attendees.push({ email: e.organizerEmail, name: null, organizer: true, responseStatus: "accepted" });
  }
  return draft;
}

function applyNote(draft: Draft, n: GranolaNote) {
  draft.granolaNoteId = n.id;
  draft.summary = n.summaryText ?? n.summaryMarkdown;
  draft.summaryMarkdown = n.summaryMarkdown ?? n.summaryText;
  draft.folders = n.folders;
  draft.organizerEmail ??= n.organizerEmail;
  addAttendees(draft, n.attendees.map((a) => ({ email: a.email, name: a.name, organizer: a.email === n.organizerEmail, responseStatus: null })));
}

function fromNote(n: GranolaNote): Draft {
  const draft: Draft = {
    calendarEventId: null, granolaNoteId: n.id, title: n.title, description: null, startsAt: n.startsAt ?? n.createdAt, endsAt: n.endsAt,
    allDay: false, location: null, meetingUrl: null, status: "confirmed", organizerEmail: n.organizerEmail, ownerEmail: n.ownerEmail,
    summary: null, summaryMarkdown: null, folders: [], attendees: [],
  };
  applyNote(draft, n);
  if (n.ownerEmail && !draft.attendees.some((a) => a.email === n.ownerEmail)) draft.attendees.push({ email: n.ownerEmail, name: null, organizer: false, responseStatus: null });
  return draft;
}

async function sha(text: string) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(digest.slice(0, 12), (b) => b.toString(16).padStart(2, "0")).join("");
}

function errorText(e: unknown, secrets: unknown[]) {
  const message = e instanceof IntegrationError ? e.message : "An unexpected error stopped this source";
  return redactSecrets(message, secrets);
}

/** Runs a sync for the viewer. Never throws for provider problems: they are in `errors`. */
export async function syncMeetingsForUser(context: AppLoadContext, viewer: Viewer, now = new Date()): Promise<MeetingSyncSummary> {
  const { db } = context;
  const startedAt = iso(now);
  const errors: string[] = [];
  const limited = await hitRateLimit(db, `meetings-sync:${viewer.userId}`, SYNC_RATE_LIMIT, now);
  if (!limited.allowed) {
    errors.push(`Too many syncs in a short time. Try again in ${Math.ceil(limited.retryAfterSeconds / 60)} minute(s).`);
    return { status: "failed", calendarEvents: 0, granolaNotes: 0, created: 0, updated: 0, actionItems: 0, errors };
  }
  const [google, granola] = await Promise.all([
    getUserConnectionCredentials(context, viewer.userId, "google"),
    getConnectionCredentials(context, "granola"),
  ]);
  const summary: MeetingSyncSummary = { status: "failed", calendarEvents: 0, granolaNotes: 0, created: 0, updated: 0, actionItems: 0, errors };

  let events: CalendarEvent[] = [];
  let notes: GranolaNote[] = [];
  if (!google) errors.push("Google Calendar is not connected for you: add your Google token under Connections.");
  else {
    try {
      const timeMin = iso(new Date(now.getTime() - SYNC_LOOKBACK_DAYS * 86_400_000));
      const timeMax = iso(new Date(now.getTime() + SYNC_LOOKAHEAD_DAYS * 86_400_000));
      events = await listCalendarEvents(context.env, google.accessToken, { timeMin, timeMax, maxEvents: 500 });
    } catch (e) {
      errors.push(errorText(e, [google.accessToken]));
    }
  }
  if (!granola) errors.push("Granola is not connected: an administrator can add its API key under Admin ▸ Connections.");
  else {
    try {
      notes = await listGranolaNotesWithAttendees(context.env, granola.apiKey, { createdAfter: iso(new Date(now.getTime() - SYNC_LOOKBACK_DAYS * 86_400_000)), maxNotes: 60 });
    } catch (e) {
      errors.push(errorText(e, [granola.apiKey]));
    }
  }
  summary.calendarEvents = events.length;
  summary.granolaNotes = notes.length;

  // Personal blocks (no other attendees) are not meetings.
  const drafts = events.filter((e) => e.attendees.some((a) => a.email !== viewer.email.toLowerCase())).map((e) => fromEvent(e, viewer.email.toLowerCase()));

  // --- one read batch: people, contacts, existing meetings, candidates -----------------------
  const eventIds = drafts.map((d) => d.calendarEventId!).concat(notes.map((n) => n.calendarEventId).filter((v): v is string => Boolean(v)));
  const noteIds = notes.map((n) => n.id);
  const emails = new Set<string>([viewer.email.toLowerCase()]);
  for (const d of drafts) for (const a of d.attendees) emails.add(a.email);
  for (const n of notes) {
    for (const a of n.attendees) emails.add(a.email);
    if (n.ownerEmail) emails.add(n.ownerEmail);
    if (n.organizerEmail) emails.add(n.organizerEmail);
  }
  const emailList = json([...emails]);
  const [people, contacts, existing, ...candidateRows] = await batch(db, [
    db.query.selectFrom("people").select(["id", "email", "first_name", "last_name", "preferred_name"]).where(sql<boolean>`people.email in (select value from json_each(${emailList}))`),
    db.query.selectFrom("contacts").select(["id", "email", "company_id"]).where(sql<boolean>`contacts.email in (select value from json_each(${emailList}))`).orderBy("contacts.is_primary", "desc").orderBy("contacts.created_at"),
    db.query
      .selectFrom("meetings")
      .select(["id", "calendar_event_id", "granola_note_id", "match_status", "matched_by", "matched_type", "matched_id", "owner_person_id"])
      .where((eb) =>
        eb.or([
          eb(sql`meetings.calendar_event_id`, "in", sql`(select value from json_each(${json(eventIds)}))`),
          eb(sql`meetings.granola_note_id`, "in", sql`(select value from json_each(${json(noteIds)}))`),
        ]),
      ),
    ...MATCH_TARGETS.map((t) => t.candidates(db)),
  ]);

  const personByEmail = new Map(people.map((p) => [p.email.toLowerCase(), p]));
  const contactByEmail = new Map<string, { id: string; company_id: string | null }>();
  for (const c of contacts) if (c.email && !contactByEmail.has(c.email.toLowerCase())) contactByEmail.set(c.email.toLowerCase(), c);
  const candidates: ScoringCandidate[] = MATCH_TARGETS.flatMap((t, i) => toCandidates(t, (candidateRows[i] ?? []) as CandidateRow[]));
  const internalDomains = [context.env.WORKSPACE_DOMAIN, emailDomain(viewer.email)].filter((d): d is string => Boolean(d));

  // --- merge Granola notes into their calendar meetings ---------------------------------------
  const byEvent = new Map(drafts.map((d) => [d.calendarEventId!, d]));
  for (const n of notes) {
    const target = n.calendarEventId ? byEvent.get(n.calendarEventId) : undefined;
    if (target) applyNote(target, n);
    else {
      const draft = fromNote(n);
      // A note for a calendar event someone else synced earlier joins that meeting.
      if (n.calendarEventId && existing.some((m) => m.calendar_event_id === n.calendarEventId)) draft.calendarEventId = n.calendarEventId;
      drafts.push(draft);
      if (draft.calendarEventId) byEvent.set(draft.calendarEventId, draft);
    }
  }

  // --- plan ------------------------------------------------------------------------------------
  const statements: Compilable<unknown>[] = [];
  const attendeeRows: Record<string, unknown>[] = [];
  const syncedAt = iso(now);
  const seenIds = new Set<string>();
  for (const d of drafts) {
    const current =
      (d.calendarEventId ? existing.find((m) => m.calendar_event_id === d.calendarEventId) : undefined) ??
      (d.granolaNoteId ? existing.find((m) => m.granola_note_id === d.granolaNoteId) : undefined);
    const id = current?.id ?? newId();
    if (seenIds.has(id)) continue;
    seenIds.add(id);
    if (!current && d.status === "cancelled") continue;

    const attendees = d.attendees.map((a) => {
      const person = personByEmail.get(a.email);
      const contact = person ? undefined : contactByEmail.get(a.email);
      return { ...a, personId: person?.id ?? null, contactId: contact?.id ?? null, contactCompanyId: contact?.company_id ?? null };
    });
    const hasExternal = attendees.some((a) => !a.personId && !internalDomains.includes(emailDomain(a.email)));
    const result = scoreMeeting({ title: d.title, folders: d.folders, attendees }, candidates, internalDomains);
    const humanDecided = Boolean(current && (current.matched_by || current.match_status === "confirmed" || current.match_status === "dismissed"));
    const match = humanDecided
      ? {}
      : {
          matched_type: result.status === "triage" ? null : result.best!.type,
          matched_id: result.status === "triage" ? null : result.best!.id,
          match_confidence: result.best?.score ?? 0,
          match_status: result.status,
          match_reasons: JSON.stringify(result.best ? { best: result.best, others: result.ranked.slice(1, 4).map((r) => ({ type: r.type, id: r.id, name: r.name, score: r.score })) } : null),
          matched_at: result.status === "triage" ? null : syncedAt,
        };
    const organizer = d.organizerEmail ? personByEmail.get(d.organizerEmail) : undefined;
    const owner = d.ownerEmail ? personByEmail.get(d.ownerEmail) : undefined;
    const fields = {
      title: d.title,
      description: d.description,
      starts_at: d.startsAt,
      ends_at: d.endsAt,
      all_day: d.allDay ? 1 : 0,
      location: d.location,
      meeting_url: d.meetingUrl,
      status: d.status,
      category: hasExternal ? "client" : "internal",
      organizer_email: d.organizerEmail,
      organizer_person_id: organizer?.id ?? null,
      synced_at: syncedAt,
      updated_at: syncedAt,
      ...(d.calendarEventId ? { calendar_event_id: d.calendarEventId } : {}),
      ...(d.granolaNoteId ? { granola_note_id: d.granolaNoteId, summary: d.summary } : {}),
    };
    if (current) {
      statements.push(db.query.updateTable("meetings").set({ ...fields, ...match, ...(current.owner_person_id ? {} : { owner_person_id: owner?.id ?? viewer.personId }) } as never).where("id", "=", id));
      summary.updated++;
      if (!humanDecided && (current.matched_type !== (match.matched_type ?? null) || current.matched_id !== (match.matched_id ?? null))) {
        statements.push(historyEntry(db, { resourceType: MEETING_RESOURCE, resourceId: id, actorId: viewer.userId, action: "rematched", details: { status: result.status, confidence: result.best?.score ?? 0 }, changes: { matched: { from: current.matched_id ? `${current.matched_type}:${current.matched_id}` : null, to: match.matched_id ? `${match.matched_type}:${match.matched_id}` : null } } }));
      }
    } else {
      statements.push(
        db.query.insertInto("meetings").values({
          id, ...fields, calendar_event_id: d.calendarEventId, granola_note_id: d.granolaNoteId, summary: d.summary,
          owner_person_id: owner?.id ?? viewer.personId, ...match, created_at: syncedAt,
        } as never),
      );
      statements.push(historyEntry(db, { resourceType: MEETING_RESOURCE, resourceId: id, actorId: viewer.userId, action: "synced", details: { source: d.calendarEventId ? "google_calendar" : "granola", match: result.status, confidence: result.best?.score ?? 0, matched: result.status === "triage" ? null : `${result.best!.type}:${result.best!.id}` } }));
      summary.created++;
    }
    for (const a of attendees) {
      attendeeRows.push({
        id: newId(), meeting_id: id, email: a.email, name: a.name?.slice(0, 200) ?? null, person_id: a.personId, contact_id: a.contactId,
        is_organizer: a.organizer ? 1 : 0, response_status: a.responseStatus, created_at: syncedAt,
      });
    }

    // Action items from the note: stable ids, raised once (then only refreshed).
    if (d.summaryMarkdown) {
      const ownerCandidates: OwnerCandidate[] = attendees
        .filter((a) => a.personId)
        .map((a) => personByEmail.get(a.email)!)
        .map((p) => ({ personId: p.id, email: p.email, firstName: p.first_name, lastName: p.last_name, preferredName: p.preferred_name }));
      const fallbackOwner = owner?.id ?? (current?.owner_person_id ?? viewer.personId);
      for (const item of parseActionItems(d.summaryMarkdown)) {
        const itemId = `mai-${await sha(`${id}|${actionKey(item.text)}`)}`;
        const assignee = resolveOwner(item.owner, ownerCandidates) ?? fallbackOwner;
        statements.push(
          db.query
            .insertInto("meeting_action_items")
            .values({ id: itemId, meeting_id: id, text: item.text, external_key: item.key, assignee_person_id: assignee, assignee_name: item.owner, source: "granola", created_at: syncedAt, updated_at: syncedAt })
            .onConflict((oc) => oc.columns(["meeting_id", "external_key"]).doUpdateSet({ text: item.text, assignee_person_id: assignee, assignee_name: item.owner, updated_at: syncedAt })),
        );
        const raise = {
          sourceModule: ACTION_SOURCE.module, sourceType: ACTION_SOURCE.type, sourceId: itemId,
          title: item.text, description: `From the meeting “${d.title}” (${d.startsAt.slice(0, 10)}): /meetings/${id}`,
          assignedPersonId: assignee,
          companyId: match.matched_type === "company" ? match.matched_id : null,
          projectId: match.matched_type === "project" ? match.matched_id : null,
          createdBy: viewer.userId,
        };
        // New items get their "raised" history row; known ones are refreshed quietly.
        statements.push(
          ...(current ? [upsertActionItem(db, raise)] : raiseActionItem(db, raise, viewer.userId)),
        );
        summary.actionItems++;
      }
    }
  }
  for (const chunk of chunkForInsert(attendeeRows, 9)) {
    statements.push(
      db.query
        .insertInto("meeting_attendees")
        .values(chunk as never)
        .onConflict((oc) =>
          oc.columns(["meeting_id", "email"]).doUpdateSet((eb) => ({
            name: eb.fn.coalesce(eb.ref("excluded.name"), eb.ref("meeting_attendees.name")),
            person_id: eb.ref("excluded.person_id"),
            contact_id: eb.ref("excluded.contact_id"),
            is_organizer: eb.ref("excluded.is_organizer"),
            response_status: eb.fn.coalesce(eb.ref("excluded.response_status"), eb.ref("meeting_attendees.response_status")),
          }) as never),
        ),
    );
  }

  const fetched = (google ? 1 : 0) + (granola ? 1 : 0);
  const failedSources = errors.length - (google ? 0 : 1) - (granola ? 0 : 1);
  summary.status = fetched === 0 || failedSources >= fetched ? "failed" : errors.length ? "partial" : "succeeded";
  const run = {
    id: newId(), user_id: viewer.userId, person_id: viewer.personId, status: summary.status, calendar_events: summary.calendarEvents,
    granola_notes: summary.granolaNotes, created_count: summary.created, updated_count: summary.updated, action_items: summary.actionItems,
    errors: errors.length ? errors.join("\n").slice(0, 2000) : null, started_at: startedAt, finished_at: iso(new Date()),
  };
  try {
    await batch(db, [...statements, db.query.insertInto("meeting_sync_runs").values(run)]);
  } catch (e) {
    const message = `The sync could not be saved: ${e instanceof Error ? e.message.slice(0, 200) : "unknown error"}`;
    errors.push(message);
    summary.status = "failed";
    summary.created = summary.updated = summary.actionItems = 0;
    await db.query.insertInto("meeting_sync_runs").values({ ...run, status: "failed", created_count: 0, updated_count: 0, action_items: 0, errors: errors.join("\n").slice(0, 2000) }).execute();
  }
  return summary;
}
