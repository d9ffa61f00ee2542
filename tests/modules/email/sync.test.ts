import { afterEach, describe, expect, it } from "vitest";
import { decryptSecret } from "~/platform/crypto.server";
import { loader as emailsLoader } from "~/routes/_app+/emails+/_index";
import { setupTestDb } from "../../support/d1";
import type { FakeServer } from "../../support/fake-server";
import { seededGmailState } from "../../support/fake-servers/gmail";
import { getAs } from "../../support/requests";
import { fresh, connectGoogle, emailsOf, gmailFake, OLIVIA, syncAs, withGoogle } from "./helpers";

const db = setupTestDb({ seed: true });
let fake: FakeServer | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setup(state = seededGmailState()) {
  fake = await gmailFake(state);
  const context = withGoogle(db.context(), fake.url);
  return { state, context, fake };
}

const paths = (f: FakeServer, prefix: string) => f.requests.filter((r) => r.path.startsWith(prefix));

describe("gmail sync", () => {
  it("without a Google connection says to connect first and stores nothing", async () => {
    const { context } = await setup();
    const result = await syncAs(context, OLIVIA);
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.errors.form).toBe("Connect Google in Connections first");
    expect(await emailsOf(context, OLIVIA)).toEqual([]);
  });

  it("first sync looks back 90 days and stores only the thread with a known contact", async () => {
    const { state, context, fake } = await setup();
    await connectGoogle(context, OLIVIA, state.accessToken);
    const result = await syncAs(context, OLIVIA);
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.message).toContain("2 emails stored, 1 thread without a known contact skipped");

    const lists = paths(fake, "/gmail/v1/users/me/messages");
    expect(lists.length).toBe(2); // 3 messages, page size 2 → nextPageToken followed
    expect(lists.every((r) => r.query.get("q") === "newer_than:90d")).toBe(true);
    expect(lists[1]!.query.get("pageToken")).toBe("2");
    expect(lists.every((r) => r.headers.authorization === `Bearer ${state.accessToken}`)).toBe(true);
    expect(paths(fake, "/gmail/v1/users/me/history")).toHaveLength(0);
    // Both threads were read; only Rachel's was stored.
    expect(paths(fake, "/gmail/v1/users/me/threads/").map((r) => r.path).sort()).toEqual([
      "/gmail/v1/users/me/threads/thread-personal", "/gmail/v1/users/me/threads/thread-rachel",
    ]);

    const emails = await emailsOf(context, OLIVIA);
    expect(emails.map((e) => [e.gmail_message_id, e.gmail_thread_id, e.direction, e.company_id, e.contact_id, e.is_thread_head])).toEqual([
      ["msg-rachel-1", "thread-rachel", "inbound", "co-harbour-co", "ct-rachel-green", 0],
      ["msg-rachel-2", "thread-rachel", "outbound", "co-harbour-co", "ct-rachel-green", 1],
    ]);
    expect(emails[0]!.body_text).toContain("always-on paid social");
    expect(emails[0]!.rfc_message_id).toBe("<CAF-rachel-1@mail.gmail.com>");
    expect(JSON.stringify(emails)).not.toContain("Dinner");

    const participants = await context.db.query.selectFrom("email_contacts").selectAll().where("email_id", "=", emails[0]!.id).orderBy("role").execute();
    expect(participants.map((p) => [p.role, p.address, p.contact_id, p.company_id])).toEqual([
      ["from", "rachel@harbourco.com.au", "ct-rachel-green", "co-harbour-co"],
      ["to", "olivia.bennett@dotcollective.com.au", null, null],
    ]);
    const syncState = await context.db.query.selectFrom("email_sync_state").selectAll().where("user_id", "=", OLIVIA).executeTakeFirstOrThrow();
    expect(syncState).toMatchObject({ history_id: "5000", status: "succeeded", stored_count: 2, skipped_count: 1, mode: "full", mailbox: "olivia.bennett@dotcollective.com.au" });
    const history = await context.db.query.selectFrom("history").select(["action", "details"]).where("resource_type", "=", "email_sync").execute();
    expect(history).toHaveLength(1);

    // The page shows the thread and the sync status.
    const page = (await emailsLoader({ request: await getAs(context, OLIVIA, "/emails"), context: fresh(context), params: {} }));
    const own = page.threads.filter((t) => t.gmail_thread_id === "thread-rachel");
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ message_count: 2, companies: "Harbour & Co", subject: "Re: Always-on paid social for Q1" });
    expect(page.threads.some((t) => t.gmail_thread_id === "thread-personal")).toBe(false);
    expect(page.sync).toMatchObject({ status: "succeeded", stored_count: 2 });
    const searched = await emailsLoader({ request: await getAs(context, OLIVIA, "/emails?q=paid+social&company=co-harbour-co"), context: fresh(context), params: {} });
    expect(searched.threads.map((t) => t.gmail_thread_id)).toEqual(["thread-rachel"]);
    const other = await emailsLoader({ request: await getAs(context, OLIVIA, "/emails?q=paid+social&company=co-greenleaf"), context: fresh(context), params: {} });
    expect(other.threads).toEqual([]);
  });

  it("later syncs are incremental from the stored historyId", async () => {
    const { state, context, fake } = await setup();
    await connectGoogle(context, OLIVIA, state.accessToken);
    await syncAs(context, OLIVIA);
    fake.requests.length = 0;
    state.messages.push({
      id: "msg-rachel-3", threadId: "thread-rachel", from: "Rachel Green <rachel@harbourco.com.au>", to: state.mailbox,
      subject: "Re: Always-on paid social for Q1", text: "Thanks Olivia!", date: "2026-11-24T01:00:00.000Z", messageId: "<CAF-rachel-3@mail.gmail.com>",
    });
    state.historyId = 5001;
    state.history.push({ id: 5001, messageId: "msg-rachel-3", threadId: "thread-rachel" });

    const result = await syncAs(context, OLIVIA);
    expect(result.ok && result.message).toContain("new mail");
    expect(result.ok && result.message).toContain("1 email stored");
    const history = paths(fake, "/gmail/v1/users/me/history");
    expect(history).toHaveLength(1);
    expect(history[0]!.query.get("startHistoryId")).toBe("5000");
    expect(paths(fake, "/gmail/v1/users/me/messages")).toHaveLength(0);
    const emails = await emailsOf(context, OLIVIA);
    expect(emails.map((e) => [e.gmail_message_id, e.is_thread_head])).toEqual([["msg-rachel-1", 0], ["msg-rachel-2", 0], ["msg-rachel-3", 1]]);
    const syncState = await context.db.query.selectFrom("email_sync_state").selectAll().where("user_id", "=", OLIVIA).executeTakeFirstOrThrow();
    expect(syncState).toMatchObject({ history_id: "5001", mode: "incremental", stored_count: 1 });
  });

  it("falls back to a full 90-day sync when Gmail says the historyId is too old", async () => {
    const { state, context, fake } = await setup();
    await connectGoogle(context, OLIVIA, state.accessToken);
    await syncAs(context, OLIVIA);
    fake.requests.length = 0;
    state.minHistoryId = 6000;
    state.historyId = 6500;
    state.messages.push({
      id: "msg-rachel-4", threadId: "thread-rachel", from: "rachel@harbourco.com.au", to: state.mailbox,
      subject: "Re: Always-on paid social for Q1", text: "One more thing", date: "2026-11-25T01:00:00.000Z", messageId: "<CAF-rachel-4@mail.gmail.com>",
    });
    const result = await syncAs(context, OLIVIA);
    expect(result.ok).toBe(true);
    const history = paths(fake, "/gmail/v1/users/me/history");
    expect(history).toHaveLength(1); // answered 404
    const lists = paths(fake, "/gmail/v1/users/me/messages");
    expect(lists.length).toBeGreaterThan(0);
    expect(lists[0]!.query.get("q")).toBe("newer_than:90d");
    const emails = await emailsOf(context, OLIVIA);
    expect(emails.map((e) => e.gmail_message_id)).toEqual(["msg-rachel-1", "msg-rachel-2", "msg-rachel-4"]); // no duplicates
    const syncState = await context.db.query.selectFrom("email_sync_state").selectAll().where("user_id", "=", OLIVIA).executeTakeFirstOrThrow();
    expect(syncState).toMatchObject({ history_id: "6500", mode: "full", stored_count: 1 });
  });

  it("refreshes an expired access token with the refresh token and stores the new one encrypted", async () => {
    const { state, context, fake } = await setup();
    await connectGoogle(context, OLIVIA, state.accessToken, "1//refresh-token-olivia");
    state.refresh = { refreshToken: "1//refresh-token-olivia", clientId: "nucleus-client-id", clientSecret: "nucleus-client-secret-xyz", newAccessToken: "ya29.fresh-token-0002" };
    await context.db.query.updateTable("user_connections").set({ expires_at: "2026-01-01T00:00:00Z" }).where("user_id", "=", OLIVIA).execute();

    const result = await syncAs(context, OLIVIA);
    expect(result.ok).toBe(true);
    const token = fake.requests.find((r) => r.path === "/token");
    expect(token?.form().get("grant_type")).toBe("refresh_token");
    expect(token?.form().get("refresh_token")).toBe("1//refresh-token-olivia");
    const gmailCalls = paths(fake, "/gmail/");
    expect(gmailCalls.length).toBeGreaterThan(0);
    expect(gmailCalls.every((r) => r.headers.authorization === "Bearer ya29.fresh-token-0002")).toBe(true);
    const row = await context.db.query.selectFrom("user_connections").selectAll().where("user_id", "=", OLIVIA).where("provider", "=", "google").executeTakeFirstOrThrow();
    expect(row.encrypted_credentials).not.toContain("ya29");
    expect(JSON.parse(await decryptSecret(context.env.ENCRYPTION_KEY, row.encrypted_credentials))).toMatchObject({ accessToken: "ya29.fresh-token-0002" });
    expect(row.expires_at! > "2026-11-01").toBe(true);
    expect(await emailsOf(context, OLIVIA)).toHaveLength(2);
  });

  it("refreshes once when Gmail answers 401, and records a failure without leaking tokens", async () => {
    const { state, context, fake } = await setup();
    await connectGoogle(context, OLIVIA, state.accessToken, "1//refresh-token-olivia");
    // Google revoked the access token (no expiry known locally): the first call gets 401.
    state.accessToken = "ya29.server-side-rotated";
    state.refresh = { refreshToken: "1//refresh-token-olivia", clientId: "nucleus-client-id", clientSecret: "nucleus-client-secret-xyz", newAccessToken: "ya29.after-401-0003" };
    expect((await syncAs(context, OLIVIA)).ok).toBe(true);
    expect(fake.requests.filter((r) => r.path === "/token")).toHaveLength(1);

    // A refresh token Google refuses: the sync fails, says why, and stores no token in the error.
    state.accessToken = "ya29.rotated-again";
    state.refresh = { ...state.refresh, refreshToken: "1//another" };
    const failed = await syncAs(context, OLIVIA);
    expect(failed.ok).toBe(false);
    const message = failed.ok ? "" : failed.errors.form!;
    expect(message).toContain("Token has been expired or revoked");
    const syncState = await context.db.query.selectFrom("email_sync_state").selectAll().where("user_id", "=", OLIVIA).executeTakeFirstOrThrow();
    expect(syncState.status).toBe("failed");
    expect(JSON.stringify(syncState)).not.toMatch(/ya29|1\/\/refresh/);
  });
});
