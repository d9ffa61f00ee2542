// Post-approval pushes (ORIGINAL §7.1): Xero leave application, Productive time-off booking,
// Google Calendar all-day event on the shared calendar, Slack post. Each runs independently
// (Promise.allSettled, short timeouts) and records its status, external id or error on the
// request; one failing never blocks the others. A missing connection is recorded as
// "not_configured". Cancelling reverses every push that succeeded. Credentials are decrypted here
// only (one read for all four connections) and never logged or returned.
import { createAllDayEvent, deleteEvent } from "~/integrations/google-calendar.server";
import type { ServiceAccount } from "~/integrations/google-oauth.server";
import { PRODUCTIVE_DEFAULT_URL, type ProductiveConfig } from "~/integrations/productive.server";
import { createTimeOffBooking, deleteBooking } from "~/integrations/productive-bookings.server";
import { ORG_PROVIDERS } from "~/integrations/registry.server";
import { IntegrationError, redactSecrets } from "~/integrations/request.server";
import { slackDeleteMessage, slackPostMessage } from "~/integrations/slack.server";
import { cancelLeaveApplication, createLeaveApplication } from "~/integrations/xero-leave.server";
import { XERO_DEFAULT_URL, type XeroConfig } from "~/integrations/xero-payroll.server";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import { decryptSecret } from "~/platform/crypto.server";
import { historyEntry } from "~/platform/history.server";
import { nowIso } from "~/platform/ids";

import { INTEGRATION_LABELS, INTEGRATIONS, type IntegrationKey } from "./policy";
export { INTEGRATION_LABELS, INTEGRATIONS, type IntegrationKey };
export type PushStatus = "done" | "failed" | "not_configured" | "reversed" | "reverse_failed";

export const PUSH_TIMEOUT_MS = 8_000;
export const DEFAULT_SLACK_CHANNEL = "#company-leave";

interface Outcome { key: IntegrationKey; status: PushStatus; externalId?: string | null; extra?: Record<string, string | null>; error: string | null }

type Creds = {
  xero: XeroConfig | null;
  productive: ProductiveConfig | null;
  google: { account: ServiceAccount; calendarId: string; subject?: string } | null;
  slack: { token: string; channel: string } | null;
  secrets: string[];
};

function configOf(raw: string | null | undefined): Record<string, unknown> {
  try {
    const v = JSON.parse(raw ?? "{}") as unknown;
    return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);

/** All four connections in ONE query, decrypted and validated (env fallback for Xero/Productive). */
async function loadCredentials(context: AppLoadContext): Promise<Creds & { configs: Record<string, Record<string, unknown>> }> {
  const { env, db } = context;
  const rows = await db.query
    .selectFrom("connections")
    .select(["provider", "status", "encrypted_credentials", "config"])
    .where("provider", "in", ["xero", "productive", "google", "slack"])
    .execute();
  const decoded: Record<string, unknown> = {};
  const configs: Record<string, Record<string, unknown>> = {};
  for (const row of rows) {
    configs[row.provider] = configOf(row.config);
    if (row.status === "disconnected" || !row.encrypted_credentials) continue;
    try {
      const def = ORG_PROVIDERS[row.provider as keyof typeof ORG_PROVIDERS];
      const parsed = def.schema.safeParse(JSON.parse(await decryptSecret(env.ENCRYPTION_KEY, row.encrypted_credentials)));
      if (parsed.success) decoded[row.provider] = parsed.data;
    } catch {
      // unreadable credentials count as not configured
    }
  }
  const xero = decoded.xero as { token: string; tenantId: string } | undefined;
  const productive = decoded.productive as { token: string; orgId: string } | undefined;
  const google = decoded.google as { serviceAccountJson: ServiceAccount } | undefined;
  const slack = decoded.slack as { botToken: string } | undefined;
  const xeroToken = xero?.token ?? env.XERO_ACCESS_TOKEN;
  const xeroTenant = xero?.tenantId ?? env.XERO_TENANT_ID;
  const prodToken = productive?.token ?? env.PRODUCTIVE_API_TOKEN;
  const prodOrg = productive?.orgId ?? env.PRODUCTIVE_ORG_ID;
  const timeoutMs = PUSH_TIMEOUT_MS;
  return {
    configs,
    xero: xeroToken && xeroTenant ? { baseUrl: env.XERO_API_URL || XERO_DEFAULT_URL, token: xeroToken, tenantId: xeroTenant, timeoutMs } : null,
    productive: prodToken && prodOrg ? { baseUrl: env.PRODUCTIVE_API_URL || PRODUCTIVE_DEFAULT_URL, token: prodToken, orgId: prodOrg, timeoutMs } : null,
    google: google
      ? { account: google.serviceAccountJson, calendarId: str(configs.google?.leaveCalendarId) ?? "primary", subject: str(configs.google?.calendarSubject) ?? undefined }
      : null,
    slack: slack ? { token: slack.botToken, channel: str(configs.slack?.leaveChannel) ?? DEFAULT_SLACK_CHANNEL } : null,
    secrets: [xeroToken, prodToken, slack?.botToken, google?.serviceAccountJson.private_key].filter((s): s is string => typeof s === "string"),
  };
}

function requestQuery(context: AppLoadContext, requestId: string) {
  return context.db.query
    .selectFrom("leave_requests as lr")
    .innerJoin("people as p", "p.id", "lr.person_id")
    .innerJoin("leave_types as lt", "lt.id", "lr.leave_type_id")
    .select([
      "lr.id", "lr.status", "lr.start_date", "lr.end_date", "lr.total_hours", "lr.working_days", "lr.notes",
      "lr.xero_status", "lr.xero_leave_application_id", "lr.productive_status", "lr.productive_booking_id",
      "lr.google_status", "lr.google_calendar_event_id", "lr.google_calendar_id", "lr.slack_status", "lr.slack_message_ts", "lr.slack_channel",
      "p.first_name", "p.last_name", "p.preferred_name", "p.xero_employee_id", "p.productive_id", "p.weekly_capacity_hours", "p.working_days as person_working_days",
      "lt.name as type_name", "lt.external_id as type_external_id", "lt.provider as type_provider",
    ])
    .where("lr.id", "=", requestId);
}
type PushRow = NonNullable<Awaited<ReturnType<ReturnType<typeof requestQuery>["executeTakeFirst"]>>>;

const errorText = (e: unknown, secrets: string[], label: string) =>
  redactSecrets(e instanceof IntegrationError ? e.message : `${label} failed unexpectedly`, secrets);

function describe(row: PushRow) {
  const name = `${row.preferred_name || row.first_name} ${row.last_name}`;
  const range = row.start_date === row.end_date ? row.start_date : `${row.start_date} to ${row.end_date}`;
  return { name, range, title: `${name} — ${row.type_name}` };
}

async function push(key: IntegrationKey, row: PushRow, c: Creds & { configs: Record<string, Record<string, unknown>> }, env: AppLoadContext["env"]): Promise<Outcome> {
  const d = describe(row);
  try {
    switch (key) {
      case "xero": {
        if (!c.xero) return { key, status: "not_configured", error: "Xero is not connected" };
        if (!row.xero_employee_id) return { key, status: "not_configured", error: `${d.name} is not linked to a Xero employee` };
        if (row.type_provider !== "xero" || !row.type_external_id) return { key, status: "not_configured", error: `${row.type_name} has no Xero leave type` };
        const id = await createLeaveApplication(c.xero, {
          employeeId: row.xero_employee_id, leaveTypeId: row.type_external_id, title: row.type_name,
          startDate: row.start_date, endDate: row.end_date, description: row.notes,
        });
        return { key, status: "done", externalId: id, error: null };
      }
      case "productive": {
        if (!c.productive) return { key, status: "not_configured", error: "Productive is not connected" };
        if (!row.productive_id) return { key, status: "not_configured", error: `${d.name} is not linked to a Productive person` };
        const perDay = row.working_days > 0 ? row.total_hours / row.working_days : row.total_hours;
        const id = await createTimeOffBooking(c.productive, {
          personId: row.productive_id, startDate: row.start_date, endDate: row.end_date, hoursPerDay: perDay, totalHours: row.total_hours,
          note: `${row.type_name} (Nucleus)`, eventId: str(c.configs.productive?.leaveEventId),
        });
        return { key, status: "done", externalId: id, error: null };
      }
      case "google": {
        if (!c.google) return { key, status: "not_configured", error: "Google Workspace is not connected" };
        const id = await createAllDayEvent(env, c.google.account, {
          calendarId: c.google.calendarId, subject: c.google.subject, summary: `${d.name} on leave`,
          description: `${row.type_name}, ${d.range}`, startDate: row.start_date, endDate: row.end_date,
        }, { timeoutMs: PUSH_TIMEOUT_MS });
        return { key, status: "done", externalId: id, extra: { google_calendar_id: c.google.calendarId }, error: null };
      }
      case "slack": {
        if (!c.slack) return { key, status: "not_configured", error: "Slack is not connected" };
        const posted = await slackPostMessage(env, c.slack.token, c.slack.channel,
          `:palm_tree: ${d.name} is on ${row.type_name.toLowerCase()} ${row.start_date === row.end_date ? "on" : "from"} ${d.range} (${row.total_hours} h).`,
          { timeoutMs: PUSH_TIMEOUT_MS });
        return { key, status: "done", externalId: posted.ts, extra: { slack_channel: posted.channel }, error: null };
      }
    }
  } catch (e) {
    return { key, status: "failed", error: errorText(e, c.secrets, INTEGRATION_LABELS[key]) };
  }
}

async function reverse(key: IntegrationKey, row: PushRow, c: Creds, env: AppLoadContext["env"]): Promise<Outcome | null> {
  const status = row[`${key}_status` as const];
  if (status !== "done") return null;
  try {
    switch (key) {
      case "xero":
        if (!c.xero || !row.xero_leave_application_id) throw new IntegrationError("Xero", "Xero is no longer connected");
        await cancelLeaveApplication(c.xero, row.xero_leave_application_id);
        break;
      case "productive":
        if (!c.productive || !row.productive_booking_id) throw new IntegrationError("Productive", "Productive is no longer connected");
        await deleteBooking(c.productive, row.productive_booking_id);
        break;
      case "google":
        if (!c.google || !row.google_calendar_event_id) throw new IntegrationError("Google", "Google Workspace is no longer connected");
        await deleteEvent(env, c.google.account, { calendarId: row.google_calendar_id ?? c.google.calendarId, eventId: row.google_calendar_event_id, subject: c.google.subject }, { timeoutMs: PUSH_TIMEOUT_MS });
        break;
      case "slack":
        if (!c.slack || !row.slack_message_ts) throw new IntegrationError("Slack", "Slack is no longer connected");
        await slackDeleteMessage(env, c.slack.token, row.slack_channel ?? c.slack.channel, row.slack_message_ts, { timeoutMs: PUSH_TIMEOUT_MS });
        break;
    }
    return { key, status: "reversed", error: null };
  } catch (e) {
    return { key, status: "reverse_failed", error: errorText(e, c.secrets, INTEGRATION_LABELS[key]) };
  }
}

const ID_COLUMN: Record<IntegrationKey, "xero_leave_application_id" | "productive_booking_id" | "google_calendar_event_id" | "slack_message_ts"> = {
  xero: "xero_leave_application_id", productive: "productive_booking_id", google: "google_calendar_event_id", slack: "slack_message_ts",
};

function outcomeColumns(o: Outcome, keepIds: boolean) {
  return {
    [`${o.key}_status`]: o.status,
    [`${o.key}_error`]: o.error,
    ...(keepIds ? {} : { [ID_COLUMN[o.key]]: o.externalId ?? null }),
    ...(o.extra ?? {}),
  };
}

/** Runs the pushes (all, or the listed ones) for an approved request and records every outcome in one batch. */
export async function pushLeave(context: AppLoadContext, requestId: string, actorId: string | null, keys: readonly IntegrationKey[] = INTEGRATIONS) {
  const [row, creds] = await Promise.all([requestQuery(context, requestId).executeTakeFirst(), loadCredentials(context)]);
  if (!row || row.status !== "approved") return [];
  const outcomes = await Promise.all(keys.map((k) => push(k, row, creds, context.env)));
  await record(context, requestId, actorId, outcomes, false, keys.length === INTEGRATIONS.length ? "pushed" : "retried");
  return outcomes;
}

/** Reverses every push that succeeded (after cancellation), recording each outcome. */
export async function reverseLeave(context: AppLoadContext, requestId: string, actorId: string | null) {
  const [row, creds] = await Promise.all([requestQuery(context, requestId).executeTakeFirst(), loadCredentials(context)]);
  if (!row) return [];
  const outcomes = (await Promise.all(INTEGRATIONS.map((k) => reverse(k, row, creds, context.env)))).filter((o): o is Outcome => o !== null);
  if (outcomes.length) await record(context, requestId, actorId, outcomes, true, "reversed");
  return outcomes;
}

async function record(context: AppLoadContext, requestId: string, actorId: string | null, outcomes: Outcome[], keepIds: boolean, action: string) {
  if (!outcomes.length) return;
  const { db } = context;
  const set = Object.assign({ updated_at: nowIso() }, ...outcomes.map((o) => outcomeColumns(o, keepIds))) as Record<string, unknown>;
  const details = Object.fromEntries(outcomes.map((o) => [INTEGRATION_LABELS[o.key], o.status === "done" || o.status === "reversed" ? o.status : `${o.status}: ${o.error ?? ""}`]));
  await batch(db, [
    db.query.updateTable("leave_requests").set(set).where("id", "=", requestId),
    historyEntry(db, { actorId, resourceType: "leave_request", resourceId: requestId, action: `integrations_${action}`, details }),
  ]);
}
