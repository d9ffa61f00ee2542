// Google Calendar events on a shared calendar, through the org's service account
// (base URL from GOOGLE_API_URL, default https://www.googleapis.com):
//   POST   {base}/calendar/v3/calendars/{calendarId}/events {summary, description, start: {date}, end: {date}, transparency}
//          → {id, htmlLink, ...}   (all-day: end.date is the day AFTER the last day)
//   DELETE {base}/calendar/v3/calendars/{calendarId}/events/{eventId} → 204
import type { Env } from "~/platform/env.server";
import type { RequestOptions } from "./json-http.server";
import { googleApiBaseUrl, serviceAccountToken, type ServiceAccount } from "./google-oauth.server";
import { field, IntegrationError, joinUrl, requestJson } from "./request.server";

export const CALENDAR_EVENTS_SCOPE = "https://www.googleapis.com/auth/calendar.events";

type GoogleEnv = Pick<Env, "GOOGLE_API_URL" | "GOOGLE_OAUTH_URL">;

function nextDay(date: string) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const eventsUrl = (env: GoogleEnv, calendarId: string) => joinUrl(googleApiBaseUrl(env), `calendar/v3/calendars/${encodeURIComponent(calendarId)}/events`);

export async function createAllDayEvent(
  env: GoogleEnv,
  account: ServiceAccount,
  input: { calendarId: string; summary: string; description?: string; startDate: string; endDate: string; subject?: string },
  options: RequestOptions = {},
): Promise<string> {
  const { accessToken } = await serviceAccountToken(env, account, [CALENDAR_EVENTS_SCOPE], input.subject, options);
  const { body } = await requestJson("Google", eventsUrl(env, input.calendarId), {
    method: "POST",
    headers: { Authorization: `Bearer ${accessToken}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      summary: input.summary,
      description: input.description ?? "",
      start: { date: input.startDate },
      end: { date: nextDay(input.endDate) },
      transparency: "transparent",
    }),
  }, options);
  const id = field(body, "id");
  if (!id) throw new IntegrationError("Google", "Google Calendar answered without an event id");
  return id;
}

export async function deleteEvent(
  env: GoogleEnv,
  account: ServiceAccount,
  input: { calendarId: string; eventId: string; subject?: string },
  options: RequestOptions = {},
): Promise<void> {
  const { accessToken } = await serviceAccountToken(env, account, [CALENDAR_EVENTS_SCOPE], input.subject, options);
  await requestJson("Google", joinUrl(eventsUrl(env, input.calendarId), encodeURIComponent(input.eventId)), {
    method: "DELETE",
    headers: { Authorization: `Bearer ${accessToken}` },
  }, options);
}
