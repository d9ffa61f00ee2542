import { expect, test, type Browser } from "@playwright/test";
import { startFakeServer, type FakeServer } from "../support/fake-server";
import { gmailRoutes, seededGmailState } from "../support/fake-servers/gmail";
import { saveConnection } from "./support/connections";
import { startOwnApp, type OwnApp } from "./support/own-app";
import { pageAs, PEOPLE } from "./support/personas";

// Gmail sync, reply and the company Emails tab, with JavaScript off. The shared e2e server cannot
// be pointed at a fake Gmail, so this suite starts its own app (same build, own database) with
// GOOGLE_API_URL / GOOGLE_OAUTH_URL at the fake.

test.describe("crm: Gmail sync and reply (JavaScript off)", () => {
  test.use({ javaScriptEnabled: false });
  let fake: FakeServer;
  let app: OwnApp;
  const state = seededGmailState();
  const as = (browser: Browser, personId: string) => pageAs(browser, personId, { baseURL: app.url, javaScriptEnabled: false });

  test.beforeAll(async () => {
    test.setTimeout(150_000);
    fake = await startFakeServer(gmailRoutes(state));
    app = await startOwnApp("crm-email", { GOOGLE_API_URL: fake.url, GOOGLE_OAUTH_URL: fake.url });
  });

  test.afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  test("connect Google, sync only the known-contact thread, reply, and see it on the company", async ({ browser }) => {
    const page = await as(browser, PEOPLE.executive);

    // Not connected yet: the sync says so and links to Connections.
    await page.goto("/emails");
    await expect(page.getByTestId("sync-status")).toContainText("not connected");
    await page.getByRole("button", { name: "Sync now" }).click();
    await expect(page.getByRole("alert")).toHaveText("Connect Google in Connections first");
    await page.getByRole("link", { name: "Open Connections" }).click();
    await expect(page).toHaveURL(/\/connections$/);

    // Connect the Google account (tested against the fake tokeninfo).
    await saveConnection(page, "google", { "Access token": state.accessToken });
    await expect(page.getByTestId("connection-google").getByTestId("connection-status")).toHaveText(/Connected/);

    // Sync: only Rachel's thread is stored; the personal one is skipped.
    await page.goto("/emails");
    await page.getByRole("button", { name: "Sync now" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Synced" })).toContainText("2 emails stored, 1 thread without a known contact skipped");
    await expect(page.getByTestId("sync-status")).toContainText("olivia.bennett@dotcollective.com.au");
    const rachel = page.getByTestId("thread-row").filter({ hasText: "Always-on paid social for Q1" });
    await expect(rachel).toHaveCount(1);
    await expect(rachel).toContainText("2 messages");
    await expect(rachel).toContainText("Harbour & Co");
    await expect(page.getByText("Dinner on Saturday?")).toHaveCount(0);
    expect(fake.requests.some((r) => r.path === "/gmail/v1/users/me/messages" && r.query.get("q") === "newer_than:90d")).toBe(true);

    // Search narrows the list.
    const filters = page.getByRole("search", { name: "Filter emails" });
    await filters.getByLabel("Search").fill("paid social");
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByTestId("thread-row")).toHaveCount(1);

    // Open the thread and reply.
    await page.getByRole("link", { name: "Re: Always-on paid social for Q1" }).click();
    await expect(page.getByTestId("thread-message")).toHaveCount(2);
    await page.getByLabel("Message").fill("   "); // blank → inline error from the server, nothing sent
    await page.getByRole("button", { name: "Send reply" }).click();
    await expect(page.getByText("Write a message")).toBeVisible();
    expect(state.sent).toHaveLength(0);
    await page.getByLabel("Message").fill("Hi Rachel, the proposal is attached. Olivia");
    await page.getByRole("button", { name: "Send reply" }).click();
    await expect(page.getByRole("status")).toHaveText("Reply sent.");
    await expect(page.getByTestId("thread-message")).toHaveCount(3);
    expect(state.sent).toHaveLength(1);
    expect(state.sent[0]!.threadId).toBe("thread-rachel");
    expect(state.sent[0]!.decoded).toContain("In-Reply-To: <CAF-olivia-2@mail.gmail.com>");

    // The company's Emails tab lists the thread's emails, including the reply.
    await page.goto("/companies/co-harbour-co");
    await page.getByRole("navigation", { name: "Company sections" }).getByRole("link", { name: "Emails", exact: true }).click();
    await expect(page).toHaveURL(/tab=emails/);
    const rows = page.getByTestId("email-tab-row").filter({ hasText: "Always-on paid social" });
    await expect(rows).toHaveCount(3);
    await page.context().close();
  });

  test("a lead cannot open another mailbox's thread (404) and cannot compose", async ({ browser }) => {
    const page = await as(browser, PEOPLE.lead);
    const response = await page.goto("/emails/seed-thread-rachel-report");
    expect(response?.status()).toBe(404);
    const compose = await page.goto("/emails/compose");
    expect(compose?.status()).toBe(403);
    await page.goto("/emails");
    await expect(page.getByText("October performance report")).toHaveCount(0);
    await page.context().close();
  });
});
