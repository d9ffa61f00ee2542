// Google Calendar API v3 — LIST a user's events with their attendees (read only).
//   GET {GOOGLE_API_URL, default https://www.googleapis.com}/calendar/v3/calendars/primary/events
//       ?timeMin=…&timeMax=…&singleEvents=true&orderBy=startTime&maxResults=250[&pageToken=…]
//   with the user's OAuth bearer token → {items: [Event], nextPageToken?}.
// Event: {id, status (confirmed|tentative|cancelled), summary, description, location, hangoutLink,
//   start {dateTime | date}, end {dateTime | date}, organizer {email, displayName, self},
//   attendees [{email, displayName, responseStatus (needsAction|declined|tentative|accepted),
//   organizer, self, resource}]}.
// (Creating events for leave lives in google-calendar.server.ts.)
import type { Env } from "~/platform/env.server";
import { googleApiBaseUrl } from "./google-oauth.server";
import type { RequestOptions } from "./json-http.server";
import { IntegrationError, joinUrl, requestJson } from "./request.server";

export interface CalendarAttendee {
  email: string;
  name: string | null;
  responseStatus: "accepted" | "declined" | "tentative" | "needs_action" | null;
  organizer: boolean;
  resource: boolean;
}

export interface CalendarEvent {
  id: string;
  status: "confirmed" | "tentative" | "cancelled";
  title: string;
  description: string | null;
  location: string | null;
  meetingUrl: string | null;
  startsAt: string;
  endsAt: string | null;
  allDay: boolean;
  organizerEmail: string | null;
  attendees: CalendarAttendee[];
}

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);

function when(value: unknown): { at: string | null; allDay: boolean } {
  if (!value || typeof value !== "object") return { at: null, allDay: false };
  const v = value as Record<string, unknown>;
  const dateTime = str(v.dateTime);
  if (dateTime) {
    const parsed = Date.parse(dateTime);
    return { at: Number.isFinite(parsed) ? new Date(parsed).toISOString().replace(/\.\d{3}Z$/, "Z") : null, allDay: false };
  }
  const date = str(v.date);
  return date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { at: `${date}T00:00:00Z`, allDay: true } : { at: null, allDay: false };
}

const RESPONSE: Record<string, CalendarAttendee["responseStatus"]> = {
  accepted: "accepted", declined: "declined", tentative: "tentative", needsAction: "needs_action",
};

/** One API event → our shape (null for events without an id or a start). */
export function parseCalendarEvent(raw: unknown): CalendarEvent | null {
  if (!raw || typeof raw !== "object") return null;
  const e = raw as Record<string, unknown>;
  const id = str(e.id);
  const start = when(e.start);
  if (!id || !start.at) return null;
  const end = when(e.end);
  const organizer = e.organizer && typeof e.organizer === "object" ? (e.organizer as Record<string, unknown>) : {};
  const attendees: CalendarAttendee[] = [];
  for (const a of Array.isArray(e.attendees) ? e.attendees : []) {
    if (!a || typeof a !== "object") continue;
    const r = a as Record<string, unknown>;
    const email = str(r.email)?.toLowerCase();
    if (!email) continue;
    attendees.push({
      email,
      name: str(r.displayName),
      responseStatus: RESPONSE[String(r.responseStatus)] ?? null,
      organizer: r.organizer === true,
      resource: r.resource === true,
    });
  }
  const status = e.status === "cancelled" || e.status === "tentative" ? e.status : "confirmed";
  return {
    id,
    status,
    title: (str(e.summary) ?? "(no title)").slice(0, 300),
    description: str(e.description)?.slice(0, 5000) ?? null,
    location: str(e.location)?.slice(0, 300) ?? null,
    meetingUrl: str(e.hangoutLink),
    startsAt: start.at,
    endsAt: end.at,
    allDay: start.allDay,
    organizerEmail: str(organizer.email)?.toLowerCase() ?? null,
    attendees: attendees.filter((a) => !a.resource),
  };
}

/**
 * The user's primary-calendar events between `timeMin` and `timeMax` (recurring events expanded
 * into single instances), following nextPageToken up to `maxEvents`.
 */
export async function listCalendarEvents(
  env: Pick<Env, "GOOGLE_API_URL">,
  accessToken: string,
  range: { timeMin: string; timeMax: string; maxEvents?: number },
  options: RequestOptions = {},
): Promise<CalendarEvent[]> {
  const max = Math.max(1, Math.min(range.maxEvents ?? 500, 2500));
  const events: CalendarEvent[] = [];
  let pageToken: string | null = null;
  for (let page = 0; page < 20; page++) {
    const params = new URLSearchParams({
      timeMin: range.timeMin,
      timeMax: range.timeMax,
      singleEvents: "true",
      orderBy: "startTime",
      maxResults: String(Math.min(250, max)),
    });
    if (pageToken) params.set("pageToken", pageToken);
    const { body } = await requestJson(
      "Google Calendar",
      joinUrl(googleApiBaseUrl(env), `calendar/v3/calendars/primary/events?${params.toString()}`),
      { headers: { Authorization: `Bearer ${accessToken}` } },
      options,
    );
    if (!body || typeof body !== "object" || !Array.isArray((body as { items?: unknown }).items)) {
      throw new IntegrationError("Google Calendar", "Google Calendar answered without a list of events");
    }
    for (const item of (body as { items: unknown[] }).items) {
      const event = parseCalendarEvent(item);
      if (event) events.push(event);
      if (events.length >= max) return events;
    }
    pageToken = str((body as { nextPageToken?: unknown }).nextPageToken);
    if (!pageToken) break;
  }
  return events;
}
