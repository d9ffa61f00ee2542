import { batch, chunkForInsert } from "./batch.server";
import type { AppLoadContext } from "./context.server";
import type { Db } from "./db.server";
import { newId, nowIso } from "./ids";
import { sendMail } from "./mail.server";

export interface NotificationInput {
  /** Recipients (user ids). */
  userIds: string[];
  type: string; // a notification_types.key
  title: string;
  body?: string | null;
  actionUrl?: string | null;
  resourceType?: string | null;
  resourceId?: string | null;
}

export const CHANNELS = ["in_app", "email", "slack", "push"] as const;
export type Channel = (typeof CHANNELS)[number];

/** The in-app channel of this type cannot be turned off. */
export const ALWAYS_IN_APP = new Set(["system"]);

/**
 * In-app notification rows plus their ids, as statements for the caller's batch (with the
 * change that caused them). After the batch, pass the ids to `deliverNotifications` through
 * `context.waitUntil` (or simply call `notify()` when there is no other write).
 */
export function prepareNotifications(db: Db, input: NotificationInput) {
  const now = nowIso();
  const recipients = [...new Set(input.userIds)];
  const ids = recipients.map(() => newId());
  const inserts = recipients.map((userId, i) =>
    db.query.insertInto("notifications").values({
      id: ids[i]!,
      user_id: userId,
      type: input.type,
      title: input.title,
      body: input.body ?? null,
      action_url: input.actionUrl ?? null,
      resource_type: input.resourceType ?? null,
      resource_id: input.resourceId ?? null,
      created_at: now,
    }),
  );
  return { ids, inserts };
}

/**
 * In-app notification rows, as statements for the caller's batch (with the change that caused
 * them). Delivery to other channels is done by `deliverNotifications` after the batch.
 */
export function notificationInserts(db: Db, input: NotificationInput) {
  return prepareNotifications(db, input).inserts;
}

/**
 * Writes the notifications (one batch) and delivers them to the other channels after the
 * response (context.waitUntil). Returns the new notification ids.
 */
export async function notify(context: AppLoadContext, input: NotificationInput): Promise<string[]> {
  const { ids, inserts } = prepareNotifications(context.db, input);
  if (inserts.length === 0) return [];
  await batch(context.db, inserts);
  context.waitUntil(deliverInBackground(context, ids));
  return ids;
}

/** For `waitUntil`: delivery failures are logged (without message bodies), never thrown. */
export function deliverInBackground(context: AppLoadContext, ids: string[]) {
  return deliverNotifications(context, ids).catch((e: unknown) => {
    console.error("notification delivery failed:", e instanceof Error ? e.message : "unknown error");
  });
}

/** The channels a recipient gets for a type: their saved choices, else the type's defaults. */
export function resolveChannels(
  typeKey: string,
  defaultChannels: string,
  preferences: { channel: string; enabled: number }[],
): Set<Channel> {
  let defaults: unknown = [];
  try {
    defaults = JSON.parse(defaultChannels);
  } catch {
    defaults = ["in_app"];
  }
  const result = new Set<Channel>();
  for (const channel of CHANNELS) {
    const saved = preferences.find((p) => p.channel === channel);
    const on = saved ? saved.enabled === 1 : Array.isArray(defaults) && defaults.includes(channel);
    if (on) result.add(channel);
  }
  if (ALWAYS_IN_APP.has(typeKey)) result.add("in_app");
  return result;
}

export interface DeliveryAttempt {
  notificationId: string;
  channel: Channel;
  status: "sent" | "failed" | "skipped";
  error: string | null;
}

const ID_CHUNK = 90;

function excerpt(text: string | null, max = 400) {
  if (!text) return "";
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Delivers notifications to the channels each recipient's preferences ask for (their
 * notification_preferences rows, else the type's default_channels) and records every attempt in
 * notification_delivery_log:
 * - in_app: the row itself ('sent'); when turned off, the row is dismissed ('skipped');
 * - email: sendMail (captured in mail_outbox without a provider: 'skipped' with that reason);
 * - slack: 'skipped' (DM delivery is not configured here);
 * - push: 'skipped' (sending web push needs VAPID keys; no send is faked).
 * Reads everything in ONE batch, sends the emails, then writes all log rows in ONE batch.
 */
export async function deliverNotifications(context: AppLoadContext, notificationIds: string[]): Promise<DeliveryAttempt[]> {
  const { db, env } = context;
  const ids = [...new Set(notificationIds)];
  if (ids.length === 0) return [];
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += ID_CHUNK) chunks.push(ids.slice(i, i + ID_CHUNK));

  const reads = chunks.flatMap((chunk) => [
    db.query
      .selectFrom("notifications as n")
      .innerJoin("users as u", "u.id", "n.user_id")
      .innerJoin("notification_types as t", "t.key", "n.type")
      .select([
        "n.id", "n.type", "n.title", "n.body", "n.action_url", "n.dismissed_at",
        "u.email", "u.name", "u.disabled_at", "t.default_channels",
      ])
      .where("n.id", "in", chunk),
    db.query
      .selectFrom("notification_preferences as p")
      .innerJoin("notifications as n", (join) => join.onRef("n.user_id", "=", "p.user_id").onRef("n.type", "=", "p.type_key"))
      .select(["n.id as notification_id", "p.channel", "p.enabled"])
      .where("n.id", "in", chunk),
    db.query
      .selectFrom("push_subscriptions as s")
      .innerJoin("notifications as n", "n.user_id", "s.user_id")
      .select((eb) => ["n.id as notification_id", eb.fn.countAll<number>().as("devices")])
      .where("n.id", "in", chunk)
      .groupBy("n.id"),
  ]);
  const slackQuery = db.query
    .selectFrom("connections")
    .select("id")
    .where("provider", "=", "slack")
    .where("status", "=", "active")
    .limit(1);
  const results = (await batch(db, [...reads, slackQuery])) as unknown as unknown[][];
  const slackConnected = (results[results.length - 1] ?? []).length > 0;

  type NotificationRow = {
    id: string; type: string; title: string; body: string | null; action_url: string | null; dismissed_at: string | null;
    email: string; name: string; disabled_at: string | null; default_channels: string;
  };
  const notifications: NotificationRow[] = [];
  const prefsById = new Map<string, { channel: string; enabled: number }[]>();
  const devicesById = new Map<string, number>();
  for (let c = 0; c < chunks.length; c++) {
    notifications.push(...(results[c * 3] as NotificationRow[]));
    for (const p of results[c * 3 + 1] as { notification_id: string; channel: string; enabled: number }[]) {
      const list = prefsById.get(p.notification_id) ?? [];
      list.push(p);
      prefsById.set(p.notification_id, list);
    }
    for (const d of results[c * 3 + 2] as { notification_id: string; devices: number }[]) {
      devicesById.set(d.notification_id, Number(d.devices));
    }
  }

  const attempts: DeliveryAttempt[] = [];
  const dismiss: string[] = [];
  const emails: Promise<void>[] = [];
  const appUrl = (env.APP_URL ?? "").replace(/\/$/, "");
  for (const n of notifications) {
    const channels = resolveChannels(n.type, n.default_channels, prefsById.get(n.id) ?? []);
    const attempt = (channel: Channel, status: DeliveryAttempt["status"], error: string | null = null) =>
      attempts.push({ notificationId: n.id, channel, status, error });

    if (channels.has("in_app")) attempt("in_app", "sent");
    else if (!n.dismissed_at) {
      dismiss.push(n.id);
      attempt("in_app", "skipped", "In-app notifications of this type are turned off");
    }

    if (channels.has("email")) {
      if (n.disabled_at) attempt("email", "skipped", "Recipient's account is disabled");
      else {
        const link = n.action_url ? `${appUrl}${n.action_url}` : `${appUrl}/notifications`;
        const text = [
          n.title,
          excerpt(n.body),
          `Open in Nucleus: ${link}`,
          `Choose what you receive: ${appUrl}/notifications/preferences`,
        ].filter(Boolean).join("\n\n");
        emails.push(
          sendMail(context, { to: n.email, subject: n.title, text })
            .then((sent) => {
              if (sent.status === "sent") attempt("email", "sent");
              else if (sent.status === "captured") attempt("email", "skipped", "No mail provider configured; captured in mail_outbox");
              else attempt("email", "failed", "Mail provider refused the message");
            })
            .catch((e: unknown) => {
              attempt("email", "failed", e instanceof Error ? e.message.slice(0, 300) : "Mail delivery failed");
            }),
        );
      }
    }

    if (channels.has("slack")) {
      attempt("slack", "skipped", slackConnected ? "Slack DM delivery needs a Slack user mapping (not available yet)" : "Slack DM delivery not configured");
    }

    if (channels.has("push")) {
      attempt("push", "skipped", (devicesById.get(n.id) ?? 0) > 0 ? "web push needs VAPID keys" : "No push subscription on any device");
    }
  }
  await Promise.all(emails);

  const now = nowIso();
  const writes = [
    ...chunkForInsert(attempts, 6).map((rows) =>
      db.query.insertInto("notification_delivery_log").values(
        rows.map((a) => ({
          id: newId(),
          notification_id: a.notificationId,
          channel: a.channel,
          status: a.status,
          error: a.error,
          attempted_at: now,
        })),
      ),
    ),
    ...Array.from({ length: Math.ceil(dismiss.length / ID_CHUNK) }, (_, i) =>
      db.query
        .updateTable("notifications")
        .set({ dismissed_at: now })
        .where("id", "in", dismiss.slice(i * ID_CHUNK, (i + 1) * ID_CHUNK)),
    ),
  ];
  if (writes.length) await batch(db, writes);
  return attempts;
}
