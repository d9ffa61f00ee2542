// People ▸ LinkedIn: activity snapshots and change alerts per person, ingested by a signed
// webhook (POST /webhooks/linkedin) and shown on /linkedin?person= (and the profile's tab).
import { sql, type SqlBool } from "kysely";
import { readBytesWithLimit } from "~/modules/documents/files.server";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import { hmacSha256Hex, timingSafeEqual } from "~/platform/crypto.server";
import type { Db } from "~/platform/db.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { deliverInBackground, prepareNotifications } from "~/platform/notify.server";
import { inPersonScope, personScope } from "~/platform/scope.server";
import type { Viewer } from "~/platform/session.server";
import { describeChange, EXCERPT_LENGTH, WEBHOOK_MAX_BYTES, webhookSchema, type WebhookPayload } from "./schemas";

export const ALERT_RESOURCE = "person_change_alert";
export const LINKEDIN_LIST_LIMIT = 50;
const PEOPLE_OPTIONS_LIMIT = 200;
const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;

type ScopeViewer = Pick<Viewer, "accessLevel" | "personId">;

/** Managers, heads and executives acknowledge alerts about people in their scope. */
export const canAcknowledge = (viewer: Pick<Viewer, "accessLevel">) => ["executive", "head", "manager"].includes(viewer.accessLevel);

/**
 * The profile's LinkedIn tab: two Compilables for the profile loader's batch (newest first;
 * open alerts before acknowledged ones). Empty when the person is outside the viewer's scope.
 */
export function linkedinForPerson(db: Db, viewer: ScopeViewer, personId: string) {
  return {
    activities: db.query
      .selectFrom("person_linkedin_activities as a")
      .select(["a.id", "a.activity_type", "a.url", "a.text_excerpt", "a.posted_at", "a.fetched_at"])
      .where("a.person_id", "=", personId)
      .where(inPersonScope("a.person_id", viewer))
      .orderBy(sql`coalesce(a.posted_at, a.fetched_at)`, "desc")
      .orderBy("a.id")
      .limit(LINKEDIN_LIST_LIMIT),
    alerts: db.query
      .selectFrom("person_change_alerts as c")
      .leftJoin("users as u", "u.id", "c.acknowledged_by")
      .select(["c.id", "c.change_type", "c.before_json", "c.after_json", "c.detected_at", "c.acknowledged_at", "u.name as acknowledged_by_name"])
      .where("c.person_id", "=", personId)
      .where(inPersonScope("c.person_id", viewer))
      .orderBy(sql`c.acknowledged_at is null`, "desc")
      .orderBy("c.detected_at", "desc")
      .orderBy("c.id")
      .limit(LINKEDIN_LIST_LIMIT),
  };
}
export type LinkedInActivityRow = { id: string; activity_type: string; url: string; text_excerpt: string | null; posted_at: string | null; fetched_at: string };
export type ChangeAlertRow = {
  id: string; change_type: string; before_json: string | null; after_json: string | null; detected_at: string;
  acknowledged_at: string | null; acknowledged_by_name: string | null;
};

/** /linkedin?person=: the person (default: the viewer), activities, alerts, people to choose — ONE batch. */
export async function loadLinkedInPage(db: Db, viewer: ScopeViewer, requested: string | undefined) {
  const personId = requested ?? viewer.personId ?? "";
  const chooser = personScope(viewer).kind !== "self";
  const tab = linkedinForPerson(db, viewer, personId);
  const [people, activities, alerts, options] = await batch(db, [
    db.query
      .selectFrom("people as p")
      .select(["p.id", "p.first_name", "p.last_name", "p.preferred_name", "p.title", "p.linkedin_url"])
      .where("p.id", "=", personId)
      .where(inPersonScope("p.id", viewer)),
    tab.activities,
    tab.alerts,
    db.query
      .selectFrom("people as p")
      .select(["p.id", "p.first_name", "p.last_name", "p.preferred_name"])
      .where(inPersonScope("p.id", viewer))
      .where("p.employment_status", "!=", "terminated")
      .where(sql<SqlBool>`${chooser ? 1 : 0} = 1`)
      .orderBy("p.last_name")
      .orderBy("p.first_name")
      .limit(PEOPLE_OPTIONS_LIMIT),
  ]);
  const person = people[0];
  if (!person) return requested ? null : { person: null, activities: [], alerts: [], options };
  return { person, activities: activities as LinkedInActivityRow[], alerts: alerts as ChangeAlertRow[], options };
}

export type AckResult = { ok: true; personId: string } | { ok: false; status: 403 | 404 };

export async function acknowledgeAlert(db: Db, viewer: Pick<Viewer, "accessLevel" | "personId" | "userId">, alertId: string): Promise<AckResult> {
  const alert = await db.query
    .selectFrom("person_change_alerts as c")
    .select(["c.id", "c.person_id", "c.change_type", "c.acknowledged_at"])
    .where("c.id", "=", alertId)
    .where(inPersonScope("c.person_id", viewer))
    .executeTakeFirst();
  if (!alert) return { ok: false, status: 404 };
  if (!canAcknowledge(viewer)) return { ok: false, status: 403 };
  if (alert.acknowledged_at) return { ok: true, personId: alert.person_id };
  const now = nowIso();
  await batch(db, [
    db.query.updateTable("person_change_alerts").set({ acknowledged_at: now, acknowledged_by: viewer.userId }).where("id", "=", alertId),
    historyEntry(db, {
      actorId: viewer.userId, resourceType: ALERT_RESOURCE, resourceId: alertId, action: "acknowledged",
      changes: { acknowledged_at: { from: null, to: now } }, details: { personId: alert.person_id, changeType: alert.change_type },
    }),
  ]);
  return { ok: true, personId: alert.person_id };
}

/** The spellings a stored LinkedIn URL may have (scheme, www, trailing slash), lowercased. */
export function linkedinUrlVariants(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return [];
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\./, "");
  const path = parsed.pathname.replace(/\/+$/, "").toLowerCase();
  const out = new Set<string>();
  for (const scheme of ["https://", "http://"]) {
    for (const h of [host, `www.${host}`]) {
      out.add(`${scheme}${h}${path}`);
      out.add(`${scheme}${h}${path}/`);
    }
  }
  return [...out];
}

export interface WebhookOutcome {
  status: number;
  body: Record<string, unknown>;
}

/**
 * The LinkedIn webhook: verifies the HMAC-SHA256 signature of the raw body with WEBHOOK_SECRET
 * (cookies are never looked at), validates the payload, matches the person (LinkedIn URL, else
 * email), then records the change alerts and activity snapshots, their history and a
 * 'linkedin_change' notification for the person's manager in ONE batch.
 * 401 bad/missing signature · 503 no secret configured · 413 too large · 400 invalid ·
 * 202 unknown person (ignored) · 200 recorded (or a replayed event_id, recorded before).
 */
export async function ingestLinkedInWebhook(context: AppLoadContext, request: Request): Promise<WebhookOutcome> {
  const secret = context.env.WEBHOOK_SECRET;
  if (!secret) return { status: 503, body: { error: "The webhook is not configured." } };
  const signature = SIGNATURE.exec(request.headers.get("X-Nucleus-Signature")?.trim() ?? "");
  if (!signature) return { status: 401, body: { error: "Missing or malformed signature." } };
  const bytes = await readBytesWithLimit(request, WEBHOOK_MAX_BYTES);
  if (!bytes) return { status: 413, body: { error: "Payload too large." } };
  const raw = new TextDecoder().decode(bytes);
  const expected = await hmacSha256Hex(secret, raw);
  if (!timingSafeEqual(expected, signature[1].toLowerCase())) return { status: 401, body: { error: "Invalid signature." } };

  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { status: 400, body: { error: "The body is not JSON." } };
  }
  const parsed = webhookSchema.safeParse(json);
  if (!parsed.success) {
    return { status: 400, body: { error: "Invalid payload.", issues: parsed.error.issues.slice(0, 10).map((i) => `${i.path.join(".") || "body"}: ${i.message}`) } };
  }
  return record(context, parsed.data);
}

async function record(context: AppLoadContext, payload: WebhookPayload): Promise<WebhookOutcome> {
  const { db } = context;
  const variants = payload.person.linkedin_url ? linkedinUrlVariants(payload.person.linkedin_url) : [];
  const email = payload.person.email ?? "";
  const [matches, replays] = await batch(db, [
    db.query
      .selectFrom("people as p")
      .leftJoin("people as m", "m.id", "p.manager_id")
      .select([
        "p.id", "p.first_name", "p.last_name", "p.user_id", "m.user_id as manager_user_id",
        sql<number>`${variants.length ? sql`lower(p.linkedin_url) in (${sql.join(variants)})` : sql`0`}`.as("by_url"),
      ])
      .where((eb) =>
        eb.or([
          ...(variants.length ? [eb(sql`lower(p.linkedin_url)`, "in", variants)] : []),
          eb("p.email", "=", email),
        ]),
      )
      .orderBy("by_url", "desc")
      .limit(2),
    db.query
      .selectFrom("person_change_alerts")
      .select("id")
      .where("source", "=", "linkedin")
      .where("external_id", "=", payload.event_id ?? "")
      .limit(1),
  ]);
  const person = matches[0];
  if (!person) return { status: 202, body: { ok: true, ignored: true, reason: "No person matches this LinkedIn URL or email." } };
  if (payload.event_id && replays.length > 0) return { status: 200, body: { ok: true, duplicate: true, person_id: person.id } };

  const now = nowIso();
  // One alert per change type per event (the event id + type is unique), one row per activity URL.
  const changes = [...new Map(payload.changes.map((c) => [c.type, c])).values()];
  const activities = [...new Map(payload.activities.map((a) => [`${a.type} ${a.url}`, a])).values()];
  const writes = [];
  const alertIds: string[] = [];
  for (const change of changes) {
    const id = newId();
    alertIds.push(id);
    writes.push(
      db.query.insertInto("person_change_alerts").values({
        id, person_id: person.id, source: "linkedin", external_id: payload.event_id ?? null, change_type: change.type,
        before_json: change.before ? JSON.stringify(change.before) : null,
        after_json: change.after ? JSON.stringify(change.after) : null,
        detected_at: change.detected_at ? nowIso(new Date(change.detected_at)) : now, created_at: now,
      }),
      historyEntry(db, { actorId: null, resourceType: ALERT_RESOURCE, resourceId: id, action: "detected", details: { personId: person.id, changeType: change.type, via: "linkedin_webhook" } }),
    );
  }
  for (const activity of activities) {
    const excerpt = activity.text ? activity.text.slice(0, EXCERPT_LENGTH) : null;
    const postedAt = activity.posted_at ? nowIso(new Date(activity.posted_at)) : null;
    writes.push(
      db.query
        .insertInto("person_linkedin_activities")
        .values({ id: newId(), person_id: person.id, activity_type: activity.type, url: activity.url, text_excerpt: excerpt, posted_at: postedAt, fetched_at: now, created_at: now })
        .onConflict((oc) => oc.columns(["person_id", "activity_type", "url"]).doUpdateSet({ text_excerpt: excerpt, posted_at: postedAt, fetched_at: now })),
    );
  }
  if (activities.length) {
    writes.push(historyEntry(db, { actorId: null, resourceType: "person", resourceId: person.id, action: "linkedin_activities_recorded", details: { count: activities.length } }));
  }
  let notificationIds: string[] = [];
  if (changes.length && person.manager_user_id) {
    const name = `${person.first_name} ${person.last_name}`;
    const first = describeChange(changes[0].type, changes[0].before, changes[0].after);
    const prepared = prepareNotifications(db, {
      userIds: [person.manager_user_id],
      type: "linkedin_change",
      title: `${name}'s LinkedIn profile changed`,
      body: changes.length > 1 ? `${first} (and ${changes.length - 1} more change${changes.length > 2 ? "s" : ""})` : first,
      actionUrl: `/linkedin?person=${encodeURIComponent(person.id)}`,
      resourceType: "person",
      resourceId: person.id,
    });
    notificationIds = prepared.ids;
    writes.push(...prepared.inserts);
  }
  await batch(db, writes);
  if (notificationIds.length) context.waitUntil(deliverInBackground(context, notificationIds));
  return {
    status: 200,
    body: { ok: true, person_id: person.id, alerts: alertIds.length, activities: activities.length, notified: notificationIds.length },
  };
}
