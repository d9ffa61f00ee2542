import { describe, expect, it } from "vitest";
import { linkedinUrlVariants } from "~/modules/linkedin/linkedin.server";
import { hmacSha256Hex } from "~/platform/crypto.server";
import type { AppLoadContext } from "~/platform/context.server";
import { action as linkedinAction, loader as linkedinLoader } from "~/routes/_app+/linkedin+/_index";
import { action as webhookAction, loader as webhookLoader } from "~/routes/webhooks+/linkedin";
import { setupTestDb } from "../../support/d1";
import { getAs, ORIGIN, postAs, sessionCookie, statusOf } from "../../support/requests";

const SECRET = "test-webhook-secret";
const db = setupTestDb({ seed: true, vars: { WEBHOOK_SECRET: SECRET } });

function trackedContext() {
  const pending: Promise<unknown>[] = [];
  const context: AppLoadContext = { ...db.context(), waitUntil: (p) => void pending.push(p) };
  return { context, settle: () => Promise.all(pending) };
}

async function deliver(body: unknown, options: { signature?: string | null; secret?: string; headers?: Record<string, string>; context?: AppLoadContext } = {}) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const signature = options.signature === undefined ? `sha256=${await hmacSha256Hex(options.secret ?? SECRET, raw)}` : options.signature;
  const headers: Record<string, string> = { "Content-Type": "application/json", ...options.headers };
  if (signature !== null) headers["X-Nucleus-Signature"] = signature;
  const tracked = trackedContext();
  const context = options.context ?? tracked.context;
  const response = (await webhookAction({ request: new Request(`${ORIGIN}/webhooks/linkedin`, { method: "POST", headers, body: raw }), context, params: {} })) as Response;
  await tracked.settle();
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const q = () => db.context().db.query;
async function counts() {
  const n = async (table: "person_change_alerts" | "person_linkedin_activities" | "notifications" | "history") =>
    Number((await q().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  return { alerts: await n("person_change_alerts"), activities: await n("person_linkedin_activities"), notifications: await n("notifications"), history: await n("history") };
}

const titleChange = {
  event_id: "evt-100",
  person: { email: "Ethan.Brown@dotcollective.com.au" },
  changes: [{ type: "title_change", before: { title: "Developer" }, after: { title: "Senior Developer" }, detected_at: "2026-11-28T02:00:00Z" }],
  activities: [{ type: "post", url: "https://www.linkedin.com/feed/update/urn:li:activity:1", text: "Excited to share…", posted_at: "2026-11-27T23:00:00Z" }],
};

describe("LinkedIn webhook: authentication", () => {
  it("a bad or missing signature is a 401 and nothing is written", async () => {
    const before = await counts();
    expect((await deliver(titleChange, { signature: "sha256=" + "0".repeat(64) })).status).toBe(401);
    expect((await deliver(titleChange, { secret: "wrong-secret" })).status).toBe(401);
    expect((await deliver(titleChange, { signature: null })).status).toBe(401);
    expect((await deliver(titleChange, { signature: "deadbeef" })).status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it("a session cookie is not authentication", async () => {
    const context = db.context();
    const cookie = await sessionCookie(context, "user-olivia-bennett");
    const before = await counts();
    expect((await deliver(titleChange, { signature: null, headers: { Cookie: cookie }, context })).status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it("without a configured secret nothing is accepted (503)", async () => {
    const context = { ...db.context(), env: { ...db.env, WEBHOOK_SECRET: undefined } };
    expect((await deliver(titleChange, { context })).status).toBe(503);
  });

  it("GET is 405", async () => {
    expect(await statusOf(async () => webhookLoader())).toBe(405);
  });
});

describe("LinkedIn webhook: recording", () => {
  it("records the alert and the activity, and notifies the person's manager, in one go", async () => {
    const before = await counts();
    const result = await deliver(titleChange);
    expect(result).toEqual({ status: 200, json: { ok: true, person_id: "ethan-brown", alerts: 1, activities: 1, notified: 1 } });
    const alert = await q().selectFrom("person_change_alerts").selectAll().where("person_id", "=", "ethan-brown").executeTakeFirstOrThrow();
    expect(alert).toMatchObject({ change_type: "title_change", external_id: "evt-100", detected_at: "2026-11-28T02:00:00Z", acknowledged_at: null });
    expect(JSON.parse(alert.after_json!)).toEqual({ title: "Senior Developer" });
    const notification = await q().selectFrom("notifications").selectAll().where("type", "=", "linkedin_change").executeTakeFirstOrThrow();
    expect(notification).toMatchObject({ user_id: "user-liam-murphy", action_url: "/linkedin?person=ethan-brown", title: "Ethan Brown's LinkedIn profile changed" });
    expect(notification.body).toBe("Job title changed: Developer → Senior Developer");
    const after = await counts();
    expect(after.alerts - before.alerts).toBe(1);
    expect(after.activities - before.activities).toBe(1);
    expect(after.history - before.history).toBe(2);
  });

  it("a replayed event id is recognised and ignored", async () => {
    await deliver(titleChange);
    const before = await counts();
    const again = await deliver(titleChange);
    expect(again.json).toMatchObject({ ok: true, duplicate: true });
    expect(await counts()).toEqual(before);
  });

  it("matches people by LinkedIn URL whatever its spelling; re-delivered activities refresh, not duplicate", async () => {
    const payload = {
      person: { linkedin_url: "http://LinkedIn.com/in/zara-ahmed-design/" },
      activities: [{ type: "post", url: "https://www.linkedin.com/feed/update/urn:li:activity:7261000000000000001", text: "Edited post" }],
    };
    const before = await counts();
    const result = await deliver(payload);
    expect(result.json).toMatchObject({ person_id: "zara-ahmed", activities: 1, alerts: 0, notified: 0 });
    expect((await counts()).activities).toBe(before.activities);
    const row = await q().selectFrom("person_linkedin_activities").select("text_excerpt").where("id", "=", "pla-zara-1").executeTakeFirstOrThrow();
    expect(row.text_excerpt).toBe("Edited post");
    expect(linkedinUrlVariants("https://www.linkedin.com/in/A/")).toContain("http://linkedin.com/in/a");
  });

  it("an unknown person is accepted but ignored (202), nothing written", async () => {
    const before = await counts();
    const result = await deliver({ person: { email: "someone@else.com" }, changes: [{ type: "company_change", after: { company: "Acme" } }] });
    expect(result.status).toBe(202);
    expect(await counts()).toEqual(before);
  });

  it("an invalid payload is a 400 with reasons, nothing written", async () => {
    const before = await counts();
    expect((await deliver("{not json")).status).toBe(400);
    const bad = await deliver({ person: { email: "ethan.brown@dotcollective.com.au" }, changes: [{ type: "haircut" }] });
    expect(bad.status).toBe(400);
    expect(String(bad.json.issues)).toMatch(/changes\.0\.type/);
    expect((await deliver({ person: {}, activities: [{ type: "post", url: "javascript:alert(1)" }] })).status).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe("LinkedIn page", () => {
  async function open(userId: string, path: string) {
    const context = db.context();
    const request = await getAs(context, userId, path);
    return { context, run: () => linkedinLoader({ request, context, params: {} }) };
  }

  it("shows a report's alerts and activity to their manager in ≤ 2 round trips; out of scope is a 404", async () => {
    const page = await open("user-daniel-costa", "/linkedin?person=noah-wilson");
    const before = page.context.db.stats.roundTrips;
    const data = await page.run();
    expect(page.context.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
    expect(data.alerts.map((a) => a.id)).toEqual(["pca-noah-title"]);
    expect(data.activities.map((a) => a.id)).toEqual(["pla-noah-1"]);
    expect(data.canAcknowledge).toBe(true);
    expect(await statusOf((await open("user-daniel-costa", "/linkedin?person=ava-jones")).run)).toBe(404);
    expect(await statusOf((await open("user-ethan-brown", "/linkedin?person=noah-wilson")).run)).toBe(404);
  });

  it("a manager acknowledges an alert (with history); an employee cannot", async () => {
    const employee = db.context();
    const denied = await postAs(employee, "user-ethan-brown", "/linkedin?index", { intent: "acknowledge", alert_id: "pca-noah-title" });
    expect(await statusOf(() => linkedinAction({ request: denied, context: employee, params: {} }))).toBe(404);

    const context = db.context();
    const request = await postAs(context, "user-daniel-costa", "/linkedin?index", { intent: "acknowledge", alert_id: "pca-noah-title" });
    const response = (await linkedinAction({ request, context, params: {} })) as Response;
    expect(response.headers.get("Location")).toBe("/linkedin?person=noah-wilson");
    const alert = await q().selectFrom("person_change_alerts").select(["acknowledged_at", "acknowledged_by"]).where("id", "=", "pca-noah-title").executeTakeFirstOrThrow();
    expect(alert.acknowledged_by).toBe("user-daniel-costa");
    expect(alert.acknowledged_at).toBeTruthy();
    const history = await q().selectFrom("history").select("action").where("resource_type", "=", "person_change_alert").where("resource_id", "=", "pca-noah-title").execute();
    expect(history.map((h) => h.action)).toEqual(["acknowledged"]);

    await deliver(titleChange);
    const own = await q().selectFrom("person_change_alerts").select("id").where("person_id", "=", "ethan-brown").executeTakeFirstOrThrow();
    const self = db.context();
    const selfAck = await postAs(self, "user-ethan-brown", "/linkedin?index", { intent: "acknowledge", alert_id: own.id });
    expect(await statusOf(() => linkedinAction({ request: selfAck, context: self, params: {} }))).toBe(403);
  });
});
