import { afterEach, describe, expect, it } from "vitest";
import { action as threadAction } from "~/routes/_app+/emails+/$threadId";
import { action as composeAction, loader as composeLoader } from "~/routes/_app+/emails+/compose";
import type { AppLoadContext } from "~/platform/context.server";
import { setupTestDb } from "../../support/d1";
import type { FakeServer } from "../../support/fake-server";
import { rawHeader, seededGmailState } from "../../support/fake-servers/gmail";
import { getAs, postAs, statusOf } from "../../support/requests";
import { fresh, connectGoogle, DANIEL, emailsOf, gmailFake, LIAM, OLIVIA, syncAs, withGoogle } from "./helpers";

const db = setupTestDb({ seed: true });
let fake: FakeServer | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

type Invalid = { data: { ok: false; errors: Record<string, string> }; init: { status: number } };

async function synced() {
  const state = seededGmailState();
  fake = await gmailFake(state);
  const context = withGoogle(db.context(), fake.url);
  await connectGoogle(context, OLIVIA, state.accessToken);
  await syncAs(context, OLIVIA);
  return { state, context, fake };
}

async function reply(context: AppLoadContext, userId: string, threadId: string, body: string) {
  const request = await postAs(context, userId, `/emails/${threadId}`, { intent: "reply", body });
  return threadAction({ request, context: fresh(context), params: { threadId } });
}

describe("reply and compose through Gmail", () => {
  it("a reply goes out with In-Reply-To, References and the threadId, and is stored on the thread", async () => {
    const { state, context } = await synced();
    const response = (await reply(context, OLIVIA, "thread-rachel", "Hi Rachel,\nThe proposal is attached.\nOlivia")) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/emails/thread-rachel?sent=1");

    expect(state.sent).toHaveLength(1);
    const sent = state.sent[0]!;
    expect(sent.threadId).toBe("thread-rachel");
    expect(rawHeader(sent.decoded, "To")).toBe("rachel@harbourco.com.au");
    expect(rawHeader(sent.decoded, "Subject")).toBe("Re: Always-on paid social for Q1");
    expect(rawHeader(sent.decoded, "In-Reply-To")).toBe("<CAF-olivia-2@mail.gmail.com>");
    expect(rawHeader(sent.decoded, "References")).toBe("<CAF-rachel-1@mail.gmail.com> <CAF-olivia-2@mail.gmail.com>");
    expect(sent.decoded).toContain("The proposal is attached.");

    const emails = await emailsOf(context, OLIVIA);
    const stored = emails.find((e) => e.source === "sent")!;
    expect(stored).toMatchObject({ gmail_thread_id: "thread-rachel", direction: "outbound", company_id: "co-harbour-co", contact_id: "ct-rachel-green", is_thread_head: 1 });
    expect(emails.filter((e) => e.is_thread_head === 1)).toHaveLength(1);
    const history = await context.db.query.selectFrom("history").selectAll().where("resource_type", "=", "email").where("resource_id", "=", stored.id).execute();
    expect(history.map((h) => h.action)).toEqual(["replied"]);

    // A later incremental sync does not store the sent message twice.
    await syncAs(context, OLIVIA);
    expect((await emailsOf(context, OLIVIA)).filter((e) => e.gmail_message_id === "sent-1")).toHaveLength(1);
  });

  it("compose sends to the chosen contact and stores it with the contact's company", async () => {
    const { state, context } = await synced();
    const page = await composeLoader({ request: await getAs(context, OLIVIA, "/emails/compose?contact=ct-ben-cooper"), context: fresh(context), params: {} });
    expect(page.connected).toBe(true);
    expect(page.preset).toBe("ct-ben-cooper");
    expect(page.contacts.some((c) => c.id === "ct-ben-cooper")).toBe(true);

    const request = await postAs(context, OLIVIA, "/emails/compose", { contactId: "ct-ben-cooper", subject: "Safari checkout fix", body: "Hi Ben, the fix is live." });
    const response = (await composeAction({ request, context: fresh(context), params: {} })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/emails/thread-sent-1?sent=1");
    expect(rawHeader(state.sent[0]!.decoded, "To")).toBe("ben@harbourco.com.au");
    expect(rawHeader(state.sent[0]!.decoded, "In-Reply-To")).toBeNull();
    expect(state.sent[0]!.threadId).toBeNull();
    const stored = (await emailsOf(context, OLIVIA)).find((e) => e.gmail_message_id === "sent-1")!;
    expect(stored).toMatchObject({ subject: "Safari checkout fix", company_id: "co-harbour-co", contact_id: "ct-ben-cooper", source: "sent" });
  });

  it("rejects bad input with field errors and sends nothing", async () => {
    const { state, context } = await synced();
    const empty = (await reply(context, OLIVIA, "thread-rachel", "   ")) as unknown as Invalid;
    expect(empty.init.status).toBe(400);
    expect(empty.data.errors.body).toBe("Write a message");
    const request = await postAs(context, OLIVIA, "/emails/compose", { contactId: "", subject: "Hi\r\nBcc: x@evil.com", body: "x" });
    const bad = (await composeAction({ request, context: fresh(context), params: {} })) as unknown as Invalid;
    expect(bad.init.status).toBe(400);
    expect(bad.data.errors.contactId).toBe("Choose a contact");
    expect(bad.data.errors.subject).toBe("The subject must be on one line");
    expect(state.sent).toHaveLength(0);
  });

  it("without a Google connection the sender is told to connect first; view-only levels may not send", async () => {
    const { state, context } = await synced();
    const noConnection = (await reply(context, DANIEL, "thread-rachel", "Hello")) as unknown as Invalid;
        expect(noConnection.init.status).toBe(400);
    expect(noConnection.data.errors.form).toBe("Connect Google in Connections first");
    expect(await statusOf(() => reply(context, LIAM, "thread-rachel", "Hello"))).toBe(403);
    expect(await statusOf(async () => composeLoader({ request: await getAs(context, LIAM, "/emails/compose"), context: fresh(context), params: {} }))).toBe(403);
    // Unknown thread → 404.
    expect(await statusOf(() => reply(context, OLIVIA, "thread-nope", "Hello"))).toBe(404);
    expect(state.sent).toHaveLength(0);
  });
});
