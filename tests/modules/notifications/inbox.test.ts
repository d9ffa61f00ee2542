import { describe, expect, it } from "vitest";
import { action as inboxAction, loader as inboxLoader } from "~/routes/_app+/notifications+/_index";
import { action as pushAction } from "~/routes/_app+/notifications+/push";
import { setupTestDb } from "../../support/d1";
import { getAs, ORIGIN, postAs, sessionCookie, statusOf } from "../../support/requests";

const db = setupTestDb({ seed: true });

async function seedNotifications(userId: string, count: number) {
  const values = Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(3, "0");
    return `('n-${userId}-${n}','${userId}','system','Message ${n}','2026-01-01T00:${String(Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z')`;
  });
  await db.exec(`INSERT INTO notifications (id, user_id, type, title, created_at) VALUES ${values.join(",\n")};`);
}

async function inbox(userId: string, search = "") {
  const context = db.context();
  return inboxLoader({ request: await getAs(context, userId, `/notifications${search}`), context, params: {} });
}

async function act(userId: string, fields: Record<string, string>, search = "?index") {
  const context = db.context();
  const request = await postAs(context, userId, `/notifications${search}`, fields);
  return inboxAction({ request, context, params: {} });
}

describe("inbox", () => {
  it("pages 25 at a time, newest first, and filters unread", async () => {
    await seedNotifications("user-ethan-brown", 30);
    const first = await inbox("user-ethan-brown");
    expect(first.items).toHaveLength(25);
    expect(first.items[0]!.title).toBe("Message 029");
    expect(first.hasNext).toBe(true);
    expect(first.unread).toBe(30);
    const second = await inbox("user-ethan-brown", "?page=2");
    expect(second.items.map((n) => n.title)).toEqual(["Message 004", "Message 003", "Message 002", "Message 001", "Message 000"]);
    expect(second.hasNext).toBe(false);
    // Out-of-range or junk query values fall back safely.
    expect((await inbox("user-ethan-brown", "?page=-3&filter=bogus")).query).toEqual({ filter: "all", page: 1 });
  });

  it("marks read, marks all read and dismisses, only the viewer's own", async () => {
    await seedNotifications("user-ethan-brown", 3);
    await seedNotifications("user-chloe-martin", 1);
    const response = (await act("user-ethan-brown", { intent: "read", id: "n-user-ethan-brown-002" }, "?index&filter=unread")) as Response;
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/notifications?filter=unread");
    expect((await inbox("user-ethan-brown", "?filter=unread")).items.map((n) => n.id)).toEqual(["n-user-ethan-brown-001", "n-user-ethan-brown-000"]);

    expect(await statusOf(() => act("user-ethan-brown", { intent: "read", id: "n-user-chloe-martin-000" }))).toBe(404);
    expect(await statusOf(() => act("user-ethan-brown", { intent: "dismiss", id: "n-user-ethan-brown-000" }))).toBe(303);
    expect((await inbox("user-ethan-brown")).items.map((n) => n.id)).toEqual(["n-user-ethan-brown-002", "n-user-ethan-brown-001"]);

    expect(await statusOf(() => act("user-ethan-brown", { intent: "read_all" }))).toBe(303);
    expect((await inbox("user-ethan-brown")).unread).toBe(0);
    expect((await inbox("user-chloe-martin")).unread).toBe(1);
    expect(await statusOf(() => act("user-ethan-brown", { intent: "unread", id: "n-user-ethan-brown-001" }))).toBe(303);
    expect((await inbox("user-ethan-brown")).unread).toBe(1);
  });

  it("answers bad input with a 400", async () => {
    expect(await statusOf(() => act("user-ethan-brown", { intent: "shred" }))).toBe(400);
    expect(await statusOf(() => act("user-ethan-brown", { intent: "read" }))).toBe(400);
  });

  it("sends anonymous visitors to sign-in", async () => {
    const context = db.context();
    expect(await statusOf(() => inboxLoader({ request: new Request(ORIGIN + "/notifications"), context, params: {} }))).toBe(302);
  });
});

describe("push subscriptions", () => {
  const subscription = {
    endpoint: "https://fcm.googleapis.com/fcm/send/abc123",
    expirationTime: null,
    keys: { p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM", auth: "tBHItJI5svbpez7KI4CCXg" },
  };

  async function postJson(userId: string, body: unknown) {
    const context = db.context();
    const request = new Request(ORIGIN + "/notifications/push", {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: ORIGIN, Cookie: await sessionCookie(context, userId) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return pushAction({ request, context, params: {} });
  }

  it("saves, re-saves (upsert by endpoint) and deletes a subscription", async () => {
    expect(await statusOf(() => postJson("user-ethan-brown", { intent: "save", ...subscription }))).toBe(201);
    expect(await statusOf(() => postJson("user-ethan-brown", { intent: "save", ...subscription }))).toBe(201);
    const q = () => db.context().db.query.selectFrom("push_subscriptions").select(["user_id", "endpoint"]).execute();
    expect(await q()).toEqual([{ user_id: "user-ethan-brown", endpoint: subscription.endpoint }]);
    // Someone else cannot remove it.
    await postJson("user-chloe-martin", { intent: "delete", endpoint: subscription.endpoint });
    expect(await q()).toHaveLength(1);
    expect(await statusOf(() => postJson("user-ethan-brown", { intent: "delete", endpoint: subscription.endpoint }))).toBe(200);
    expect(await q()).toEqual([]);
    const history = await db.context().db.query.selectFrom("history").select("action").where("resource_id", "=", "user-ethan-brown").orderBy("created_at").execute();
    expect(history.map((h) => h.action).sort()).toEqual(["push_subscribed", "push_subscribed", "push_unsubscribed"]);
  });

  it("the preferences page's Remove button (a form) works without JavaScript", async () => {
    await postJson("user-ethan-brown", { intent: "save", ...subscription });
    const context = db.context();
    const request = await postAs(context, "user-ethan-brown", "/notifications/push", { intent: "delete", endpoint: subscription.endpoint });
    const response = (await pushAction({ request, context, params: {} })) as Response;
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/notifications/preferences");
  });

  it("rejects malformed bodies with a 400", async () => {
    expect(await statusOf(() => postJson("user-ethan-brown", "{not json"))).toBe(400);
    expect(await statusOf(() => postJson("user-ethan-brown", { intent: "save", endpoint: "http://insecure.example/x", keys: subscription.keys }))).toBe(400);
    expect(await statusOf(() => postJson("user-ethan-brown", { intent: "save", endpoint: subscription.endpoint }))).toBe(400);
    expect(await statusOf(() => postJson("user-ethan-brown", { intent: "save", endpoint: subscription.endpoint, keys: { p256dh: "<script>", auth: "x" } }))).toBe(400);
    const rows = await db.context().db.query.selectFrom("push_subscriptions").select("id").execute();
    expect(rows).toEqual([]);
  });
});
