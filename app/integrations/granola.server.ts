// Granola Enterprise API client. Base URL from GRANOLA_API_URL (default https://public-api.granola.ai).
// GET {base}/v1/notes?limit=N with a bearer API key → {notes: [...], hasMore, cursor}.
import type { Env } from "~/platform/env.server";
import type { RequestOptions } from "./json-http.server";
import { IntegrationError, joinUrl, requestJson } from "./request.server";

export const GRANOLA_DEFAULT_URL = "https://public-api.granola.ai";

export const granolaBaseUrl = (env: Pick<Env, "GRANOLA_API_URL">) => env.GRANOLA_API_URL || GRANOLA_DEFAULT_URL;

export async function listGranolaNotes(env: Pick<Env, "GRANOLA_API_URL">, apiKey: string, limit = 1, options: RequestOptions = {}) {
  const { body } = await requestJson(
    "Granola",
    joinUrl(granolaBaseUrl(env), `v1/notes?limit=${Math.max(1, Math.min(limit, 100))}`),
    { headers: { Authorization: `Bearer ${apiKey}` } },
    options,
  );
  if (!body || typeof body !== "object") throw new IntegrationError("Granola", "Granola answered without a list of notes");
  const notes = (body as { notes?: unknown }).notes;
  return { notes: Array.isArray(notes) ? (notes as Record<string, unknown>[]) : [], hasMore: (body as { hasMore?: unknown }).hasMore === true };
}

// --- meetings sync (app/modules/meetings) -------------------------------------------------------
// GET {base}/v1/notes?page_size=N&created_after=ISO[&cursor=…] → {notes: [NoteSummary], hasMore, cursor}
//   NoteSummary: {id ("not_…"), object: "note", title, owner {name, email}, created_at, updated_at}
// GET {base}/v1/notes/{id}[?include=transcript] → Note:
//   {id, title, owner, created_at, updated_at, attendees [{name, email}],
//    calendar_event {event_title, calendar_event_id, scheduled_start_time, scheduled_end_time,
//      organiser {email}, invitees [{email}]} | null, folder_membership [{id, name}],
//    summary_text, summary_markdown, transcript [{speaker {source}, text, start_time, end_time}] | null}
//   404 when the note is not shared with the key's workspace.

export interface GranolaPerson {
  email: string;
  name: string | null;
}

export interface GranolaNote {
  id: string;
  title: string;
  createdAt: string;
  ownerEmail: string | null;
  attendees: GranolaPerson[];
  calendarEventId: string | null;
  startsAt: string | null;
  endsAt: string | null;
  organizerEmail: string | null;
  folders: string[];
  summaryText: string | null;
  summaryMarkdown: string | null;
}

export interface GranolaTranscriptSegment {
  speaker: string;
  text: string;
  startTime: string | null;
}

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
const isoOrNull = (v: unknown) => {
  const s = text(v);
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isFinite(t) ? new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z") : null;
};
const obj = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function people(list: unknown): GranolaPerson[] {
  const out: GranolaPerson[] = [];
  for (const item of Array.isArray(list) ? list : []) {
    const p = obj(item);
    const email = text(p.email)?.toLowerCase();
    if (email && !out.some((o) => o.email === email)) out.push({ email, name: text(p.name) });
  }
  return out;
}

/** One API note → our shape (null without an id). */
export function parseGranolaNote(raw: unknown): GranolaNote | null {
  const n = obj(raw);
  const id = text(n.id);
  if (!id) return null;
  const event = obj(n.calendar_event);
  const attendees = people(n.attendees);
  for (const invitee of people(event.invitees)) if (!attendees.some((a) => a.email === invitee.email)) attendees.push(invitee);
  return {
    id,
    title: (text(n.title) ?? text(event.event_title) ?? "(untitled note)").slice(0, 300),
    createdAt: isoOrNull(n.created_at) ?? new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    ownerEmail: text(obj(n.owner).email)?.toLowerCase() ?? null,
    attendees,
    calendarEventId: text(event.calendar_event_id),
    startsAt: isoOrNull(event.scheduled_start_time),
    endsAt: isoOrNull(event.scheduled_end_time),
    organizerEmail: text(obj(event.organiser).email)?.toLowerCase() ?? null,
    folders: (Array.isArray(n.folder_membership) ? n.folder_membership : []).map((f) => text(obj(f).name)).filter((f): f is string => Boolean(f)),
    summaryText: text(n.summary_text)?.slice(0, 20000) ?? null,
    summaryMarkdown: text(n.summary_markdown)?.slice(0, 20000) ?? null,
  };
}

/** One page of notes created after `createdAfter` (newest first, as the API returns them). */
export async function listGranolaNotesPage(
  env: Pick<Env, "GRANOLA_API_URL">,
  apiKey: string,
  query: { createdAfter?: string; cursor?: string | null; pageSize?: number },
  options: RequestOptions = {},
) {
  const params = new URLSearchParams({ page_size: String(Math.max(1, Math.min(query.pageSize ?? 30, 30))) });
  if (query.createdAfter) params.set("created_after", query.createdAfter);
  if (query.cursor) params.set("cursor", query.cursor);
  const { body } = await requestJson("Granola", joinUrl(granolaBaseUrl(env), `v1/notes?${params.toString()}`), { headers: { Authorization: `Bearer ${apiKey}` } }, options);
  const b = obj(body);
  if (!Array.isArray(b.notes)) throw new IntegrationError("Granola", "Granola answered without a list of notes");
  return { ids: b.notes.map((n) => text(obj(n).id)).filter((id): id is string => Boolean(id)), hasMore: b.hasMore === true, cursor: text(b.cursor) };
}

/** One note with its attendees, calendar event and summary (no transcript). */
export async function getGranolaNote(env: Pick<Env, "GRANOLA_API_URL">, apiKey: string, noteId: string, options: RequestOptions = {}): Promise<GranolaNote> {
  const { body } = await requestJson("Granola", joinUrl(granolaBaseUrl(env), `v1/notes/${encodeURIComponent(noteId)}`), { headers: { Authorization: `Bearer ${apiKey}` } }, options);
  const note = parseGranolaNote(body);
  if (!note) throw new IntegrationError("Granola", "Granola answered without a note");
  return note;
}

/**
 * Notes with attendees created after `createdAfter`: the list (cursor pages), then each note's
 * detail, up to `maxNotes`.
 */
export async function listGranolaNotesWithAttendees(
  env: Pick<Env, "GRANOLA_API_URL">,
  apiKey: string,
  query: { createdAfter: string; maxNotes?: number },
  options: RequestOptions = {},
): Promise<GranolaNote[]> {
  const max = Math.max(1, Math.min(query.maxNotes ?? 60, 200));
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 10 && ids.length < max; page++) {
    const result = await listGranolaNotesPage(env, apiKey, { createdAfter: query.createdAfter, cursor }, options);
    for (const id of result.ids) if (!ids.includes(id) && ids.length < max) ids.push(id);
    if (!result.hasMore || !result.cursor) break;
    cursor = result.cursor;
  }
  const notes: GranolaNote[] = [];
  for (const id of ids) notes.push(await getGranolaNote(env, apiKey, id, options));
  return notes;
}

/**
 * A note's transcript, or null when Granola has none for it (no transcript recorded, or the note
 * is not shared with the workspace: HTTP 404).
 */
export async function getGranolaTranscript(
  env: Pick<Env, "GRANOLA_API_URL">,
  apiKey: string,
  noteId: string,
  options: RequestOptions = {},
): Promise<GranolaTranscriptSegment[] | null> {
  let body: unknown;
  try {
    ({ body } = await requestJson("Granola", joinUrl(granolaBaseUrl(env), `v1/notes/${encodeURIComponent(noteId)}?include=transcript`), { headers: { Authorization: `Bearer ${apiKey}` } }, options));
  } catch (e) {
    if (e instanceof IntegrationError && e.status === 404) return null;
    throw e;
  }
  const transcript = obj(body).transcript;
  if (!Array.isArray(transcript) || transcript.length === 0) return null;
  return transcript
    .map((s) => {
      const seg = obj(s);
      const speaker = obj(seg.speaker);
      const source = text(speaker.source);
      return {
        speaker: text(speaker.name) ?? (source === "microphone" ? "Note taker" : source === "speaker" ? "Other participants" : "Speaker"),
        text: text(seg.text) ?? "",
        startTime: text(seg.start_time),
      };
    })
    .filter((s) => s.text);
}
