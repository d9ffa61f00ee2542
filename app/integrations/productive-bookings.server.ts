// Productive time-off bookings (base URL from PRODUCTIVE_API_URL, default
// https://api.productive.io/api/v2; headers X-Auth-Token, X-Organization-Id, JSON:API):
//   POST   {base}/bookings {data: {type: "bookings", attributes: {started_on, ended_on, time, total_time, note},
//          relationships: {person: {data: {type: "people", id}}, event?: {data: {type: "events", id}}}}}
//          → {data: {id, type: "bookings", ...}}
//   DELETE {base}/bookings/{id} → 204
import type { ProductiveConfig } from "./productive.server";
import { IntegrationError, joinUrl, requestJson } from "./request.server";

const headers = (c: ProductiveConfig) => ({
  "X-Auth-Token": c.token,
  "X-Organization-Id": c.orgId,
  "Content-Type": "application/vnd.api+json",
  Accept: "application/vnd.api+json",
});

export async function createTimeOffBooking(
  c: ProductiveConfig,
  input: { personId: string; startDate: string; endDate: string; hoursPerDay: number; totalHours: number; note: string; eventId?: string | null },
): Promise<string> {
  const { body } = await requestJson("Productive", joinUrl(c.baseUrl, "bookings"), {
    method: "POST",
    headers: headers(c),
    body: JSON.stringify({
      data: {
        type: "bookings",
        attributes: {
          started_on: input.startDate,
          ended_on: input.endDate,
          time: Math.round(input.hoursPerDay * 60),
          total_time: Math.round(input.totalHours * 60),
          note: input.note,
        },
        relationships: {
          person: { data: { type: "people", id: input.personId } },
          ...(input.eventId ? { event: { data: { type: "events", id: input.eventId } } } : {}),
        },
      },
    }),
  }, c);
  const id = (body as { data?: { id?: unknown } } | null)?.data?.id;
  if ((typeof id !== "string" && typeof id !== "number") || id === "") throw new IntegrationError("Productive", "Productive answered without a booking id");
  return String(id);
}

export async function deleteBooking(c: ProductiveConfig, bookingId: string): Promise<void> {
  await requestJson("Productive", joinUrl(c.baseUrl, `bookings/${encodeURIComponent(bookingId)}`), { method: "DELETE", headers: headers(c) }, c);
}
