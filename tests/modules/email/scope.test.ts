import { afterEach, describe, expect, it } from "vitest";
import { globalSearch } from "~/modules/search/search.server";
import { getViewer } from "~/platform/session.server";
import { loader as companyLoader } from "~/routes/_app+/companies+/$companyId";
import { loader as contactLoader } from "~/routes/_app+/contacts+/$contactId";
import { loader as threadLoader } from "~/routes/_app+/emails+/$threadId";
import { loader as emailsLoader } from "~/routes/_app+/emails+/_index";
import type { AppLoadContext } from "~/platform/context.server";
import { setupTestDb } from "../../support/d1";
import type { FakeServer } from "../../support/fake-server";
import { seededGmailState } from "../../support/fake-servers/gmail";
import { getAs, statusOf } from "../../support/requests";
import { connectGoogle, DANIEL, ETHAN, fresh, gmailFake, LIAM, OLIVIA, syncAs, withGoogle } from "./helpers";

const db = setupTestDb({ seed: true });
let fake: FakeServer | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function synced() {
  const state = seededGmailState();
  fake = await gmailFake(state);
  const context = withGoogle(db.context(), fake.url);
  await connectGoogle(context, OLIVIA, state.accessToken);
  await syncAs(context, OLIVIA);
  return context;
}

async function threadIds(context: AppLoadContext, userId: string, path = "/emails") {
  const c = fresh(context);
  const page = await emailsLoader({ request: await getAs(c, userId, path), context: c, params: {} });
  return page.threads.map((t) => t.gmail_thread_id);
}

async function openThread(context: AppLoadContext, userId: string, threadId: string) {
  const c = fresh(context);
  return statusOf(async () => threadLoader({ request: await getAs(c, userId, `/emails/${threadId}`), context: c, params: { threadId } }));
}

describe("email scoping", () => {
  it("executives and managers see every stored email; a lead sees only their own mailbox; employees have no email tool", async () => {
    const context = await synced();
    expect(await threadIds(context, OLIVIA)).toContain("thread-rachel");
    expect(await threadIds(context, DANIEL)).toContain("thread-rachel");
    expect(await threadIds(context, LIAM)).not.toContain("thread-rachel");
    expect(await openThread(context, OLIVIA, "thread-rachel")).toBe(200);
    expect(await openThread(context, DANIEL, "thread-rachel")).toBe(200);
    expect(await openThread(context, LIAM, "thread-rachel")).toBe(404); // out of scope: not found, not forbidden
    expect(await openThread(context, OLIVIA, "thread-personal")).toBe(404); // never stored
    expect(await openThread(context, OLIVIA, "bad id!")).toBe(404);
    expect(await openThread(context, ETHAN, "thread-rachel")).toBe(403);
    const c = fresh(context);
    expect(await statusOf(async () => emailsLoader({ request: await getAs(c, ETHAN, "/emails"), context: c, params: {} }))).toBe(403);
  });

  it("a lead sees the threads synced from their own mailbox", async () => {
    const context = await synced();
    await context.db.query.updateTable("emails").set({ user_id: LIAM }).where("user_id", "=", OLIVIA).execute();
    expect(await threadIds(context, LIAM)).toEqual(["thread-rachel"]);
    expect(await openThread(context, LIAM, "thread-rachel")).toBe(200);
  });

  it("global search finds emails by subject within scope", async () => {
    const context = await synced();
    const search = async (userId: string) => {
      const c = fresh(context);
      const viewer = (await getViewer(await getAs(c, userId, "/search"), c))!;
      return (await globalSearch(c.db, viewer, "paid social")).find((g) => g.type === "email")?.hits ?? [];
    };
    expect((await search(DANIEL)).map((h) => h.url)).toEqual(["/emails/thread-rachel"]);
    expect(await search(LIAM)).toEqual([]);
    expect(await search(ETHAN)).toEqual([]);
  });

  it("company and contact Emails tabs list the stored emails in scope (in the page's one batch)", async () => {
    const context = await synced();
    const tab = async (userId: string) => {
      const c = fresh(context);
      const request = await getAs(c, userId, "/companies/co-harbour-co?tab=emails");
      const before = c.db.stats.roundTrips;
      const page = await companyLoader({ request, context: c, params: { companyId: "co-harbour-co" } });
      return { page, roundTrips: c.db.stats.roundTrips - before };
    };
    const olivia = await tab(OLIVIA);
    expect(olivia.page.tab).toBe("emails");
    expect(olivia.page.emails.filter((e) => e.gmail_thread_id === "thread-rachel")).toHaveLength(2);
    expect(olivia.roundTrips).toBeLessThanOrEqual(2);
    const liam = await tab(LIAM);
    expect(liam.page.emails.filter((e) => e.gmail_thread_id === "thread-rachel")).toHaveLength(0);

    const c = fresh(context);
    const request = await getAs(c, OLIVIA, "/contacts/ct-rachel-green?tab=emails");
    const before = c.db.stats.roundTrips;
    const contact = await contactLoader({ request, context: c, params: { contactId: "ct-rachel-green" } });
    expect(contact.tab).toBe("emails");
    expect(contact.emails.map((e) => e.gmail_thread_id)).toContain("thread-rachel");
    expect(c.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
  });
});
