import { describe, expect, it } from "vitest";
import { action as preferencesAction, loader as preferencesLoader } from "~/routes/_app+/notifications+/preferences";
import { deliverNotifications, notify, resolveChannels } from "~/platform/notify.server";
import { setupTestDb } from "../../support/d1";
import { getAs, postAs, statusOf } from "../../support/requests";

const db = setupTestDb({ seed: true });

function contextWithWaits() {
  const context = db.context();
  const pending: Promise<unknown>[] = [];
  context.waitUntil = (p) => pending.push(p);
  return { context, settle: () => Promise.all(pending) };
}

async function logFor(notificationId: string) {
  const rows = await db.context().db.query
    .selectFrom("notification_delivery_log")
    .select(["channel", "status", "error"])
    .where("notification_id", "=", notificationId)
    .orderBy("channel")
    .execute();
  return rows;
}

const mention = (userIds: string[]) => ({
  userIds,
  type: "note_mention",
  title: "Daniel Costa mentioned you in a note on Ethan Brown",
  body: "Nice work",
  actionUrl: "/people/ethan-brown?tab=notes",
});

describe("resolveChannels", () => {
  it("uses saved choices, else the type's defaults, and keeps in-app on for system", () => {
    expect([...resolveChannels("note_mention", '["in_app","email"]', [])]).toEqual(["in_app", "email"]);
    expect([...resolveChannels("note_mention", '["in_app","email"]', [{ channel: "email", enabled: 0 }, { channel: "push", enabled: 1 }])]).toEqual(["in_app", "push"]);
    expect([...resolveChannels("system", '["in_app"]', [{ channel: "in_app", enabled: 0 }])]).toEqual(["in_app"]);
  });
});

describe("notify() and delivery", () => {
  it("writes the notification, then delivers per channel per preference and logs every attempt", async () => {
    await db.exec(`
      INSERT INTO notification_preferences (id, user_id, type_key, channel, enabled) VALUES
        ('np1','user-ethan-brown','note_mention','email',0),
        ('np2','user-ethan-brown','note_mention','slack',1),
        ('np3','user-ethan-brown','note_mention','push',1),
        ('np4','user-chloe-martin','note_mention','push',1);
      INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth) VALUES
        ('ps1','user-chloe-martin','https://push.example/abc','BPk3dGVzdGtleXRlc3RrZXl0ZXN0a2V5dGVzdGtleXRlc3Q','YXV0aHNlY3JldA');
    `);
    const { context, settle } = contextWithWaits();
    const ids = await notify(context, mention(["user-ethan-brown", "user-chloe-martin", "user-priya-raman"]));
    expect(ids).toHaveLength(3);
    // The notifications exist before any delivery has run.
    const unread = await db.context().db.query.selectFrom("notifications").select("user_id").where("id", "in", ids).execute();
    expect(unread).toHaveLength(3);
    await settle();

    const [ethan, chloe, priya] = ids as [string, string, string];
    // Ethan: email off, slack and push on (no device).
    expect(await logFor(ethan)).toEqual([
      { channel: "in_app", status: "sent", error: null },
      { channel: "push", status: "skipped", error: "No push subscription on any device" },
      { channel: "slack", status: "skipped", error: "Slack DM delivery not configured" },
    ]);
    // Chloe: type defaults (in-app + email) plus push on a subscribed device.
    expect(await logFor(chloe)).toEqual([
      { channel: "email", status: "skipped", error: "No mail provider configured; captured in mail_outbox" },
      { channel: "in_app", status: "sent", error: null },
      { channel: "push", status: "skipped", error: "web push needs VAPID keys" },
    ]);
    // Priya: defaults only.
    expect((await logFor(priya)).map((r) => r.channel)).toEqual(["email", "in_app"]);
    const mail = await db.context().db.query.selectFrom("mail_outbox").select(["to_address", "subject", "text_body"]).orderBy("to_address").execute();
    expect(mail.map((m) => m.to_address)).toEqual(["chloe.martin@dotcollective.com.au", "priya.raman@dotcollective.com.au"]);
    expect(mail[0]!.text_body).toContain("http://localhost:8788/people/ethan-brown?tab=notes");
  });

  it("an email provider that answers is recorded as sent", async () => {
    const { context, settle } = contextWithWaits();
    const original = globalThis.fetch;
    globalThis.fetch = (async () => new Response(JSON.stringify({ id: "msg-1" }), { status: 200, headers: { "Content-Type": "application/json" } })) as typeof fetch;
    try {
      context.env = { ...context.env, MAIL_API_URL: "https://mail.test/send", MAIL_API_KEY: "k" };
      const [id] = await notify(context, mention(["user-priya-raman"]));
      await settle();
      expect(await logFor(id!)).toContainEqual({ channel: "email", status: "sent", error: null });
    } finally {
      globalThis.fetch = original;
    }
  });

  it("turning in-app off dismisses the row (it leaves the bell) and logs it as skipped", async () => {
    await db.exec("INSERT INTO notification_preferences (id, user_id, type_key, channel, enabled) VALUES ('np1','user-ethan-brown','access_changed','in_app',0);");
    const { context, settle } = contextWithWaits();
    const [id] = await notify(context, { userIds: ["user-ethan-brown"], type: "access_changed", title: "Your access changed" });
    await settle();
    expect(await logFor(id!)).toEqual([{ channel: "in_app", status: "skipped", error: "In-app notifications of this type are turned off" }]);
    const row = await db.context().db.query.selectFrom("notifications").select("dismissed_at").where("id", "=", id!).executeTakeFirstOrThrow();
    expect(row.dismissed_at).not.toBeNull();
  });

  it("reads all recipients' preferences in one round trip, whatever the number of notifications", async () => {
    const { context, settle } = contextWithWaits();
    const users = await db.context().db.query.selectFrom("users").select("id").execute();
    const ids = await notify(context, { userIds: users.map((u) => u.id), type: "access_changed", title: "Heads up" });
    await settle();
    const fresh = db.context();
    const attempts = await deliverNotifications(fresh, ids);
    // 1 batch of reads + 1 batch of log writes (no email channel for this type by default).
    expect(fresh.db.stats.roundTrips).toBe(2);
    expect(attempts).toHaveLength(users.length);
  });

  it("splits large deliveries under D1's parameter limit", async () => {
    const { context, settle } = contextWithWaits();
    const users = await db.context().db.query.selectFrom("users").select("id").execute();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(...(await notify(context, { userIds: users.map((u) => u.id), type: "access_changed", title: `Round ${i}` })));
    await settle();
    expect(ids.length).toBeGreaterThan(100);
    const attempts = await deliverNotifications(db.context(), ids);
    expect(attempts).toHaveLength(ids.length);
  });
});

describe("preferences page", () => {
  async function save(userId: string, prefs: string[]) {
    const context = db.context();
    const request = await postAs(context, userId, "/notifications/preferences", { pref: prefs });
    return preferencesAction({ request, context, params: {} });
  }

  it("shows every type × channel with defaults, and saves the grid in one POST", async () => {
    const context = db.context();
    const data = await preferencesLoader({ request: await getAs(context, "user-ethan-brown", "/notifications/preferences"), context, params: {} });
    const mentionRow = data.rows.find((r) => r.key === "note_mention")!;
    expect(mentionRow.channels).toEqual({ in_app: true, email: true, slack: false, push: false });
    expect(data.rows.find((r) => r.key === "system")!.locked).toEqual(["in_app"]);

    expect(await statusOf(() => save("user-ethan-brown", ["note_mention:in_app", "note_mention:push"]))).toBe(303);
    const after = await preferencesLoader({ request: await getAs(db.context(), "user-ethan-brown", "/notifications/preferences"), context: db.context(), params: {} });
    expect(after.rows.find((r) => r.key === "note_mention")!.channels).toEqual({ in_app: true, email: false, slack: false, push: true });
    // Everything not ticked is now off (explicit rows), except in-app for system.
    expect(after.rows.find((r) => r.key === "leave_decided")!.channels.in_app).toBe(false);
    expect(after.rows.find((r) => r.key === "system")!.channels.in_app).toBe(true);
    const history = await db.context().db.query.selectFrom("history").select(["action", "details"]).where("resource_id", "=", "user-ethan-brown").execute();
    expect(history[0]!.action).toBe("notification_preferences_updated");
    expect(JSON.parse(history[0]!.details!).changes["note_mention:email"]).toEqual({ from: true, to: false });
  });

  it("rejects unknown types and channels with a 400", async () => {
    expect(await statusOf(() => save("user-ethan-brown", ["no_such_type:email"]))).toBe(400);
    expect(await statusOf(() => save("user-ethan-brown", ["note_mention:pigeon"]))).toBe(400);
    const rows = await db.context().db.query.selectFrom("notification_preferences").select("id").execute();
    expect(rows).toEqual([]);
  });
});
