import { describe, expect, it } from "vitest";
import { signInboundBody, SIGNATURE_HEADER } from "~/modules/delivery/inbound.server";
import { computeDeadlines } from "~/modules/delivery/sla.server";
import { action as webhookAction, loader as webhookLoader } from "~/routes/webhooks+/inbound-email";
import type { AppLoadContext } from "~/platform/context.server";
import { setupTestDb } from "../../support/d1";
import { ORIGIN } from "../../support/requests";

const SECRET = "test-webhook-secret";
const db = setupTestDb({ seed: true, vars: { WEBHOOK_SECRET: SECRET } });

async function deliver(context: AppLoadContext, body: unknown, signature?: string | null) {
  const raw = JSON.stringify(body);
  const headers = new Headers({ "Content-Type": "application/json" });
  const sig = signature === undefined ? await signInboundBody(SECRET, raw) : signature;
  if (sig) headers.set(SIGNATURE_HEADER, sig);
  const response = (await webhookAction({ request: new Request(`${ORIGIN}/webhooks/inbound-email`, { method: "POST", headers, body: raw }), context, params: {} })) as Response;
  return { status: response.status, body: (await response.json()) as { ok: boolean; result?: string; task_id?: string | null } };
}

const email = (overrides: Record<string, unknown> = {}) => ({
  message_id: "<m1@harbourco.com.au>",
  from: "ben@harbourco.com.au",
  from_name: "Ben Cooper",
  to: "support-harbour@inbound.dotcollective.com.au",
  subject: "Product images not loading on mobile",
  text: "Since this morning product images show as broken on iPhones.",
  received_at: "2026-11-25T00:00:00Z", // Wednesday 11:00 Melbourne
  ...overrides,
});

async function counts(context: AppLoadContext) {
  const [emails, tasks, notes] = await Promise.all([
    context.db.query.selectFrom("inbound_emails").select("id").execute(),
    context.db.query.selectFrom("tasks").select("id").execute(),
    context.db.query.selectFrom("notes").select("id").execute(),
  ]);
  return { emails: emails.length, tasks: tasks.length, notes: notes.length };
}

describe("inbound email webhook", () => {
  it("refuses a bad or missing signature with 401 and writes nothing", async () => {
    const context = db.context();
    const before = await counts(context);
    expect((await deliver(context, email(), "sha256=" + "0".repeat(64))).status).toBe(401);
    expect((await deliver(context, email(), null)).status).toBe(401);
    expect((await deliver(context, email(), await signInboundBody("another-secret", JSON.stringify(email())))).status).toBe(401);
    expect(await counts(context)).toEqual(before);
  });

  it("is not configured without WEBHOOK_SECRET (503) and GET is 405", async () => {
    const context = { ...db.context(), env: { ...db.env, WEBHOOK_SECRET: undefined } };
    expect((await deliver(context, email())).status).toBe(503);
    expect(((await webhookLoader()) as Response).status).toBe(405);
  });

  it("rejects a signed body that is not a valid email (400)", async () => {
    const context = db.context();
    expect((await deliver(context, { subject: "no sender" })).status).toBe(400);
  });

  it("turns a matching email into a ticket with the project's SLA applied", async () => {
    const context = db.context();
    const { status, body } = await deliver(context, email());
    expect(status).toBe(200);
    expect(body.result).toBe("ticketed");
    const task = await context.db.query.selectFrom("tasks").selectAll().where("id", "=", body.task_id!).executeTakeFirstOrThrow();
    expect(task).toMatchObject({
      project_id: "proj-harbour-support", title: "Product images not loading on mobile", assignee_id: "sienna-clarke", source: "email",
      type_id: "cli-type-ticket", priority_id: "cli-priority-medium", status_id: "cli-status-todo", created_at: "2026-11-25T00:00:00Z",
    });
    const sla = await context.db.query.selectFrom("task_sla").selectAll().where("task_id", "=", task.id).executeTakeFirstOrThrow();
    const expected = computeDeadlines(
      { id: "sla-standard", name: "", timezone: "Australia/Melbourne", business_days: "1,2,3,4,5", business_start: "09:00", business_end: "17:30" },
      { response_hours: 8, resolution_hours: 40 }, new Date("2026-11-25T00:00:00Z"),
    );
    expect(sla).toMatchObject({ policy_id: "sla-standard", started_at: "2026-11-25T00:00:00Z", ...expected });
    const stored = await context.db.query.selectFrom("inbound_emails").selectAll().where("message_id", "=", "<m1@harbourco.com.au>").executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: "ticketed", task_id: task.id, contact_id: "ct-ben-cooper", company_id: "co-harbour-co" });
    const notified = await context.db.query.selectFrom("notifications").select("user_id").where("resource_id", "=", task.id).execute();
    expect(notified.map((n) => n.user_id)).toEqual(["user-sienna-clarke"]);
    const history = await context.db.query.selectFrom("history").select("action").where("resource_id", "=", task.id).execute();
    expect(history.map((h) => h.action)).toEqual(["created"]);
    // The same message again is a no-op.
    const again = await deliver(context, email());
    expect(again.body.result).toBe("duplicate");
    expect(await context.db.query.selectFrom("tasks").select("id").where("email_thread_id", "=", "<m1@harbourco.com.au>").execute()).toHaveLength(1);
  });

  it("a reply on the same thread appends a note to the ticket", async () => {
    const context = db.context();
    const first = await deliver(context, email());
    const reply = await deliver(context, email({
      message_id: "<m2@harbourco.com.au>", subject: "Re: Product images not loading on mobile", text: "Also on Android now.",
      in_reply_to: "<m1@harbourco.com.au>", references: "<m1@harbourco.com.au>", received_at: "2026-11-25T02:00:00Z",
    }));
    expect(reply.body).toMatchObject({ result: "noted", task_id: first.body.task_id });
    const notes = await context.db.query.selectFrom("notes").select(["resource_type", "resource_id", "content", "author_id"]).where("resource_id", "=", first.body.task_id!).execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ resource_type: "task", author_id: null });
    expect(notes[0]!.content).toContain("Also on Android now.");
    expect(await context.db.query.selectFrom("tasks").select("id").where("project_id", "=", "proj-harbour-support").execute()).toHaveLength(4);
    // A reply to a seeded ticket's thread finds it too.
    const seeded = await deliver(context, email({ message_id: "<m3@harbourco.com.au>", subject: "Re: Checkout", text: "Any update?", in_reply_to: "<seed-checkout-1@harbourco.com.au>" }));
    expect(seeded.body).toMatchObject({ result: "noted", task_id: "task-hs-checkout" });
  });

  it("matches on the sender's company domain, and ignores mail nobody asked for", async () => {
    const context = db.context();
    const byDomain = await deliver(context, email({ message_id: "<d1@harbourco.com.au>", to: "hello@dotcollective.com.au", from: "rachel@harbourco.com.au" }));
    expect(byDomain.body.result).toBe("ticketed");
    expect((await context.db.query.selectFrom("tasks").select("project_id").where("id", "=", byDomain.body.task_id!).executeTakeFirstOrThrow()).project_id).toBe("proj-harbour-support");
    const stranger = await deliver(context, email({ message_id: "<x1@example.com>", to: "hello@dotcollective.com.au", from: "someone@example.com" }));
    expect(stranger.body.result).toBe("ignored");
    expect((await context.db.query.selectFrom("inbound_emails").select("status").where("message_id", "=", "<x1@example.com>").executeTakeFirstOrThrow()).status).toBe("ignored");
  });
});
