// Fakes for the meetings sync: Google Calendar v3 events.list (+ tokeninfo, so the e2e can save
// a user connection through the real form) and Granola's public API (list notes, get a note,
// with ?include=transcript). Shapes follow the providers' documented responses.
import { bearer, type FakeHandler, type FakeRequest, type FakeRoutes } from "../fake-server";
import { googleTokenInfoRoutes } from "./services";

export interface FakeGranolaNote {
  id: string;
  title: string;
  created_at: string;
  owner?: { name: string; email: string };
  attendees?: { name: string | null; email: string }[];
  calendar_event?: {
    event_title: string;
    calendar_event_id: string | null;
    scheduled_start_time: string;
    scheduled_end_time: string;
    organiser?: { email: string };
    invitees?: { email: string }[];
  } | null;
  folder_membership?: { id: string; object: "folder"; name: string }[];
  summary_text?: string | null;
  summary_markdown?: string | null;
  /** Returned only with ?include=transcript. null = none recorded. */
  transcript?: { speaker: { source: "microphone" | "speaker" }; text: string; start_time: string; end_time: string }[] | null;
}

export interface MeetingsFakeState {
  googleToken: string;
  googleEmail: string;
  granolaKey: string;
  /** Raw Google Calendar events (the API's Event resource). */
  events: Record<string, unknown>[];
  notes: FakeGranolaNote[];
  /** Page size for the list endpoints (to exercise pagination). */
  pageSize?: number;
}

const calendarUnauthorized = { status: 401, json: { error: { code: 401, message: "Request had invalid authentication credentials.", status: "UNAUTHENTICATED" } } };

function eventsList(state: MeetingsFakeState): FakeHandler {
  return (req: FakeRequest) => {
    if (bearer(req) !== state.googleToken) return calendarUnauthorized;
    if (req.query.get("singleEvents") !== "true" || !req.query.get("timeMin") || !req.query.get("timeMax")) {
      return { status: 400, json: { error: { code: 400, message: "Missing timeMin/timeMax/singleEvents" } } };
    }
    const min = Date.parse(req.query.get("timeMin")!);
    const max = Date.parse(req.query.get("timeMax")!);
    const inRange = state.events.filter((e) => {
      const start = e.start as { dateTime?: string; date?: string };
      const t = Date.parse(start.dateTime ?? `${start.date}T00:00:00Z`);
      return t >= min && t < max;
    });
    const size = Math.min(Number(req.query.get("maxResults") ?? 250), state.pageSize ?? 250);
    const offset = Number(req.query.get("pageToken") ?? 0);
    const items = inRange.slice(offset, offset + size);
    const next = offset + size < inRange.length ? String(offset + size) : undefined;
    return { json: { kind: "calendar#events", summary: state.googleEmail, timeZone: "Australia/Melbourne", items, ...(next ? { nextPageToken: next } : {}) } };
  };
}

function noteSummary(n: FakeGranolaNote) {
  return { id: n.id, object: "note", title: n.title, owner: n.owner ?? null, created_at: n.created_at, updated_at: n.created_at };
}

function noteDetail(n: FakeGranolaNote, withTranscript: boolean) {
  const { transcript, ...rest } = n;
  return { ...noteSummary(n), ...rest, object: "note", ...(withTranscript ? { transcript: transcript ?? null } : {}) };
}

/** All routes; "GET /v1/notes/{id}" is matched by prefix through a Proxy. */
export function meetingsRoutes(state: MeetingsFakeState): FakeRoutes {
  const fixed: FakeRoutes = {
    ...googleTokenInfoRoutes(state.googleToken, state.googleEmail),
    "GET /calendar/v3/calendars/primary/events": eventsList(state),
    "GET /v1/notes": (req) => {
      if (bearer(req) !== state.granolaKey) return { status: 401, json: { error: "Invalid API key" } };
      const after = req.query.get("created_after");
      const list = state.notes.filter((n) => !after || Date.parse(n.created_at) >= Date.parse(after));
      const size = Number(req.query.get("page_size") ?? req.query.get("limit") ?? 10);
      const offset = Number(req.query.get("cursor") ?? 0);
      const page = list.slice(offset, offset + Math.min(size, state.pageSize ?? 30));
      const hasMore = offset + page.length < list.length;
      return { json: { notes: page.map(noteSummary), hasMore, cursor: hasMore ? String(offset + page.length) : null } };
    },
  };
  const note: FakeHandler = (req) => {
    if (bearer(req) !== state.granolaKey) return { status: 401, json: { error: "Invalid API key" } };
    const id = decodeURIComponent(req.path.slice("/v1/notes/".length));
    const found = state.notes.find((n) => n.id === id);
    if (!found) return { status: 404, json: { error: "Note not found" } };
    return { json: noteDetail(found, req.query.get("include") === "transcript") };
  };
  return new Proxy(fixed, {
    get(target, key) {
      if (typeof key === "string" && key in target) return target[key];
      if (typeof key === "string" && key.startsWith("GET /v1/notes/")) return note;
      return undefined;
    },
  });
}

/** A Google Calendar Event resource. */
export function calendarEvent(input: {
  id: string;
  summary: string;
  start: string;
  end: string;
  organizer: string;
  attendees: (string | { email: string; displayName?: string; responseStatus?: string })[];
  status?: string;
  description?: string;
}) {
  return {
    kind: "calendar#event",
    id: input.id,
    status: input.status ?? "confirmed",
    summary: input.summary,
    ...(input.description ? { description: input.description } : {}),
    start: { dateTime: input.start, timeZone: "Australia/Melbourne" },
    end: { dateTime: input.end, timeZone: "Australia/Melbourne" },
    organizer: { email: input.organizer },
    hangoutLink: `https://meet.google.com/${input.id.slice(0, 3)}-abcd-efg`,
    attendees: input.attendees.map((a) => {
      const v = typeof a === "string" ? { email: a } : a;
      return { email: v.email, ...(v.displayName ? { displayName: v.displayName } : {}), responseStatus: v.responseStatus ?? "accepted", ...(v.email === input.organizer ? { organizer: true } : {}) };
    }),
  };
}
