import { expect, test, type Browser } from "@playwright/test";
import { startFakeServer, type FakeServer } from "../support/fake-server";
import { calendarEvent, meetingsRoutes, type MeetingsFakeState } from "../support/fake-servers/meetings";
import { saveConnection } from "./support/connections";
import { startOwnApp, type OwnApp } from "./support/own-app";
import { pageAs, PEOPLE, signInPage } from "./support/personas";

test.describe("meetings: match suggestions", () => {
  test("a 65% suggestion shows as “Link to …?” and accepting links it", async ({ page }) => {
    await signInPage(page, "aisha-khan");
    await page.goto("/meetings");
    const row = page.getByTestId("meeting-mtg-greenleaf-catchup");
    await expect(row.getByTestId("suggestion")).toContainText("Link to Greenleaf Energy?");
    await expect(row.getByTestId("suggestion")).toContainText("65%");
    await row.getByRole("button", { name: /^Accept/ }).click();
    await expect(page.getByTestId("notice")).toContainText("Suggestion accepted");
    const linked = page.getByTestId("meeting-mtg-greenleaf-catchup");
    await expect(linked.getByRole("link", { name: "Greenleaf Energy" })).toBeVisible();
    await expect(linked).toContainText("Linked");
    await expect(linked.getByTestId("suggestion")).toHaveCount(0);

    // The meeting page says who linked it, and the history has the decision.
    await linked.getByRole("link", { name: "Quarterly catch-up" }).click();
    await expect(page.getByText(/Status: Linked · .*by Aisha Khan/)).toBeVisible();
    await page.getByRole("link", { name: "History" }).click();
    await expect(page.getByText("link accepted")).toBeVisible();
  });

  test("a project's Meetings tab lists the meetings linked to it", async ({ page }) => {
    await signInPage(page, "daniel-costa");
    await page.goto("/projects/proj-kinetic-platform");
    await page.getByRole("link", { name: "Meetings", exact: true }).last().click();
    await expect(page).toHaveURL(/tab=meetings/);
    await expect(page.getByTestId("meeting-mtg-kinetic-review").getByRole("link", { name: "Kinetic driver app sprint review" })).toBeVisible();
  });

  test("a meeting outside the viewer's scope is a 404", async ({ page }) => {
    await signInPage(page, PEOPLE.lead);
    const response = await page.goto("/meetings/mtg-harbour-qbr");
    expect(response?.status()).toBe(404);
  });
});

test.describe("meetings: triage without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a head links a triaged meeting to a company by hand", async ({ page }) => {
    await signInPage(page, "marcus-lee");
    await page.goto("/meetings/triage");
    const item = page.getByTestId("triage-mtg-northwind-intro");
    await expect(item).toContainText("Intro call");
    await expect(item).toContainText("Alex Rivera");
    await item.getByLabel("Link to").selectOption({ label: "Urban Pantry" });
    await item.getByRole("button", { name: "Link", exact: true }).click();
    await expect(page.getByTestId("notice")).toHaveText("Meeting linked.");
    await expect(page.getByTestId("triage-mtg-northwind-intro")).toHaveCount(0);
    await page.goto("/meetings/mtg-northwind-intro");
    await expect(page.getByTestId("match").getByRole("link", { name: "Urban Pantry" })).toBeVisible();
  });
});

// ---------------------------------------------------------------------------------------------
// The sync runs against fake Google Calendar and Granola servers. The shared e2e server cannot be
// told their address, so this suite starts its own app (same build, its own database) with
// GOOGLE_API_URL and GRANOLA_API_URL pointing at the fake.

const hoursFromNow = (h: number) => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + h * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
const D = "@dotcollective.com.au";

test.describe("meetings: sync from Google Calendar and Granola", () => {
  let fake: FakeServer;
  let app: OwnApp;
  const state: MeetingsFakeState = {
    googleToken: "ya29.e2e-daniel-token",
    googleEmail: `daniel.costa${D}`,
    granolaKey: "grn_e2e_meetings_key",
    events: [
      calendarEvent({ id: "e2e-roadmap", summary: "Roadmap chat", start: hoursFromNow(-48), end: hoursFromNow(-47), organizer: `daniel.costa${D}`, attendees: [`daniel.costa${D}`, `liam.murphy${D}`, "tim@urbanpantry.com.au"] }),
      calendarEvent({ id: "e2e-kinetic", summary: "Kinetic driver app planning", start: hoursFromNow(-24), end: hoursFromNow(-23), organizer: `daniel.costa${D}`, attendees: [`daniel.costa${D}`, `liam.murphy${D}`, "peter@kineticlogistics.com"] }),
    ],
    notes: [
      {
        id: "not_e2ekinetic001",
        title: "Kinetic driver app planning",
        created_at: hoursFromNow(-23),
        owner: { name: "Daniel Costa", email: `daniel.costa${D}` },
        attendees: [{ name: "Peter Nolan", email: "peter@kineticlogistics.com" }],
        calendar_event: { event_title: "Kinetic driver app planning", calendar_event_id: "e2e-kinetic", scheduled_start_time: hoursFromNow(-24), scheduled_end_time: hoursFromNow(-23) },
        summary_text: "Planned the offline-mode spike.",
        summary_markdown: "## Action items\n- Liam: draft the offline-mode spike",
        transcript: [{ speaker: { source: "speaker" }, text: "We need offline mode before Christmas.", start_time: hoursFromNow(-24), end_time: hoursFromNow(-24) }],
      },
    ],
  };

  test.beforeAll(async () => {
    test.setTimeout(150_000);
    fake = await startFakeServer(meetingsRoutes(state));
    app = await startOwnApp("meetings-sync", { GOOGLE_API_URL: fake.url, GRANOLA_API_URL: fake.url });
  });

  test.afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  const as = (browser: Browser, personId: string) => pageAs(browser, personId, { baseURL: app.url });

  test("a manager connects Google, syncs, and sees matched meetings, action items and the transcript", async ({ browser }) => {
    test.setTimeout(120_000);
    // The organisation's Granola key (executive, Admin ▸ Connections) — tested against the fake.
    const olivia = await as(browser, PEOPLE.executive);
    await olivia.goto("/admin/connections");
    await saveConnection(olivia, "granola", { "API key": state.granolaKey });
    await expect(olivia.getByTestId("connection-granola").getByTestId("connection-status")).toHaveText(/Connected|Active/);
    await olivia.context().close();

    const page = await as(browser, PEOPLE.manager);
    await page.goto("/connections");
    await saveConnection(page, "google", { "Access token": state.googleToken, "Refresh token (optional)": "1//e2e-refresh-token" });
    await expect(page.getByTestId("connection-google").getByTestId("connection-status")).toHaveText(/Connected|Active/);

    await page.goto("/meetings");
    await page.getByRole("button", { name: "Sync now" }).click();
    const result = page.getByTestId("sync-result");
    await expect(result).toContainText("Sync finished.");
    await expect(result).toContainText("2 calendar events, 1 Granola notes: 2 new, 0 updated, 1 action items");

    const roadmap = page.getByRole("row").filter({ hasText: "Roadmap chat" });
    await expect(roadmap.getByTestId("suggestion")).toContainText("Link to Urban Pantry? 65%");
    const kinetic = page.getByRole("row").filter({ hasText: "Kinetic driver app planning" });
    await expect(kinetic.getByRole("link", { name: "Kinetic driver app", exact: true })).toBeVisible();
    await expect(kinetic).toContainText("Auto 100%");

    // Re-sync: nothing new, nothing duplicated.
    await page.getByRole("button", { name: "Sync now" }).click();
    await expect(page.getByTestId("sync-result")).toContainText("0 new, 2 updated");
    await expect(page.getByRole("row").filter({ hasText: "Roadmap chat" })).toHaveCount(1);

    // The meeting: attendees matched to people and contacts, the action item, the transcript.
    await page.getByRole("link", { name: "Kinetic driver app planning" }).click();
    await expect(page.getByTestId("attendees").getByRole("link", { name: "Peter Nolan" })).toBeVisible();
    await expect(page.getByTestId("attendees").getByRole("link", { name: "Liam Murphy" })).toBeVisible();
    await expect(page.getByTestId("action-items")).toContainText("Liam: draft the offline-mode spike");
    await expect(page.getByTestId("action-items")).toContainText("Liam Murphy");
    await page.getByRole("link", { name: "Transcript" }).click();
    await expect(page.getByTestId("transcript")).toContainText("We need offline mode before Christmas.");
    await page.reload();
    await expect(page.getByTestId("transcript")).toContainText("We need offline mode before Christmas.");
    expect(fake.requests.filter((r) => r.query.get("include") === "transcript")).toHaveLength(1);
  });
});
