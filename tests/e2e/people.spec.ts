import { expect, test, type Page } from "@playwright/test";
import { startFakeServer, type FakeServer } from "../support/fake-server";
import { productivePeopleRoutes, SEEDED_PRODUCTIVE_PEOPLE, type ProductiveState } from "../support/fake-servers/people-sync";
import { startOwnApp, type OwnApp } from "./support/own-app";
import { pageAs, PEOPLE, signInPage } from "./support/personas";

const DANIEL_TEAM = ["Chloe Martin", "Daniel Costa", "Ethan Brown", "Kai Robinson", "Liam Murphy", "Mia Taylor", "Noah Wilson", "Zara Ahmed"];

async function rowNames(page: Page) {
  return (await page.getByTestId("person-row").locator("td:first-child a").allTextContents()).sort();
}

test.describe("people: a manager's scoped view (JavaScript off)", () => {
  test.use({ javaScriptEnabled: false });

  test("directory, org chart and profile show only the manager's subtree; outside it is a 404", async ({ page }) => {
    await signInPage(page, PEOPLE.manager);

    // Directory: exactly Daniel's subtree, with pronunciation beside names.
    await page.goto("/people");
    await expect(page.getByRole("status").filter({ hasText: "people" })).toHaveText("8 people");
    expect(await rowNames(page)).toEqual(DANIEL_TEAM);
    await expect(page.getByText("Ava Jones")).toHaveCount(0);
    const zaraRow = page.getByTestId("person-row").filter({ has: page.getByRole("link", { name: "Zara Ahmed", exact: true }) });
    await expect(zaraRow.getByTestId("pronunciation").first()).toHaveText("(ZAH-ra AH-med)");
    const danielRow = page.getByTestId("person-row").filter({ has: page.getByRole("link", { name: "Daniel Costa", exact: true }) });
    await expect(danielRow).toContainText("Priya Raman (PREE-ya RAH-mun)");

    // Filters live in the URL (a plain GET form without JavaScript).
    const filters = page.getByRole("search", { name: "Filter people" });
    await filters.getByLabel("Squad").selectOption("Odyssey");
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/squad=Odyssey/);
    expect(await rowNames(page)).toEqual(["Mia Taylor", "Noah Wilson", "Zara Ahmed"]);
    await filters.getByLabel("Search").fill("ava");
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByText("No one matches these filters")).toBeVisible();

    // The CSV export carries the same scope.
    const csv = await page.request.get("/people.csv");
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const body = await csv.text();
    expect(body).toContain("Zara Ahmed (ZAH-ra AH-med)");
    expect(body).not.toContain("Ava Jones");

    // Org chart: rooted at Daniel; <details> open for the first two levels; peek without JS.
    await page.goto("/people/org-chart");
    const nodes = page.getByTestId("org-node");
    await expect(nodes).toHaveCount(8);
    await expect(page.getByTestId("org-chart").locator(":scope > li").first()).toHaveAttribute("data-person-id", "daniel-costa");
    await expect(page.getByText("Ava Jones")).toHaveCount(0);
    await expect(page.locator('[data-person-id="mia-taylor"] > details')).toHaveAttribute("open", "");
    await page.locator('[data-person-id="zara-ahmed"]').getByRole("link", { name: "Zara Ahmed" }).click();
    await expect(page).toHaveURL(/peek=zara-ahmed/);
    const peek = page.getByTestId("peek");
    await expect(peek).toContainText("zara.ahmed@dotcollective.com.au");
    await expect(peek).toContainText("(ZAH-ra AH-med)");
    await peek.getByRole("link", { name: "View profile" }).click();
    await expect(page).toHaveURL(/\/people\/zara-ahmed$/);

    // A report's profile: all tabs for a manager; Employment shows tenure and capacity.
    await page.goto("/people");
    await page.getByRole("link", { name: "Liam Murphy", exact: true }).first().click();
    await expect(page).toHaveURL(/\/people\/liam-murphy$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Liam Murphy");
    const tabs = page.getByRole("navigation", { name: "Profile sections" }).getByRole("link");
    await expect(tabs).toHaveText(["Details", "Employment", "Documents", "Notes", "LinkedIn", "Activity"]);
    await expect(page.getByTestId("direct-reports")).toContainText("Chloe Martin");
    await tabs.filter({ hasText: "Employment" }).click();
    await expect(page).toHaveURL(/tab=employment/);
    await expect(page.getByText("38 hours")).toBeVisible();
    await expect(page.getByTestId("tenure")).toContainText("year");
    await tabs.filter({ hasText: "Documents" }).click();
    await expect(page).toHaveURL(/tab=documents/);
    await expect(page.getByText("No documents for Liam Murphy yet")).toBeVisible();

    // Someone outside the subtree does not exist for this manager.
    const outside = await page.goto(`/people/${PEOPLE.outsider}`);
    expect(outside?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    expect((await page.goto(`/people/org-chart?peek=${PEOPLE.outsider}`))?.status()).toBe(200);
    await expect(page.getByTestId("peek")).toHaveCount(0);
  });

  test("an employee sees only their own profile, with Details and Employment", async ({ page }) => {
    await signInPage(page, PEOPLE.employee);
    await page.goto("/people");
    expect(await rowNames(page)).toEqual(["Ethan Brown"]);
    await page.goto("/people/ethan-brown?tab=activity");
    await expect(page.getByRole("navigation", { name: "Profile sections" }).getByRole("link")).toHaveText(["Details", "Employment", "LinkedIn"]);
    await expect(page.getByRole("heading", { name: "Contact" })).toBeVisible();
    expect((await page.goto("/people/liam-murphy"))?.status()).toBe(404);
  });
});

test.describe("squads: a weekly 4P kickoff", () => {
  test("a head opens this week's kickoff, edits it and raises an action into the assignee's action centre", async ({ page, browser }) => {
    await signInPage(page, PEOPLE.head);
    await page.goto("/squads");
    await expect(page.getByTestId("squad-row")).toHaveCount(7);
    await page.getByRole("link", { name: "Apex", exact: true }).click();
    await expect(page.getByTestId("squad-members")).toContainText("Ethan Brown");
    await page.getByRole("button", { name: "Open this week's kickoff" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Kickoff, week of");
    await expect(page.getByTestId("ai-badge")).toContainText("Rule-based draft");
    const plans = page.getByLabel("Plans");
    await expect(plans).toHaveValue(/Archive old staging snapshots/);
    await plans.fill("- Ship the Kinetic go-live\n- Pair on retries");
    await page.getByRole("button", { name: "Save sections" }).click();
    await expect(page.getByLabel("Plans")).toHaveValue(/Ship the Kinetic go-live/);
    const add = page.getByRole("form", { name: "Add an action" });
    await add.getByLabel("Action").fill("Write the Kinetic go-live runbook");
    await add.getByLabel("Assignee").selectOption({ label: "Ethan Brown" });
    await add.getByRole("button", { name: "Add action" }).click();
    await expect(page.getByTestId("session-action")).toContainText("Write the Kinetic go-live runbook");

    const ethan = await (await browser.newContext()).newPage();
    await signInPage(ethan, PEOPLE.employee);
    await ethan.goto("/action-centre");
    await expect(ethan.getByText("Write the Kinetic go-live runbook")).toBeVisible();
    await ethan.context().close();
  });
});

// ---------------------------------------------------------------------------------------------
// The sync runs against a fake Productive. The shared e2e server cannot be told its address, so
// this suite starts its own app (same build, its own database) with PRODUCTIVE_API_URL pointing
// at the fake.

test.describe("people: Productive sync", () => {
  let fake: FakeServer;
  let app: OwnApp;
  const state: ProductiveState = { token: "e2e-productive-token", orgId: "4242", pageSize: 10, people: [] };

  test.beforeAll(async () => {
    test.setTimeout(150_000);
    const people = SEEDED_PRODUCTIVE_PEOPLE.filter((p) => p.id !== "prod-henry-scott").map((p) => ({ ...p }));
    people.find((p) => p.id === "prod-ethan-brown")!.title = "Senior Developer";
    people.push({ id: "prod-nina-patel", first_name: "Nina", last_name: "Patel", email: "nina.patel@dotcollective.com.au", title: "Backend Developer", managerId: "prod-daniel-costa", department: "Apex" });
    state.people = people;
    fake = await startFakeServer(productivePeopleRoutes(state));
    app = await startOwnApp("people-sync", { PRODUCTIVE_API_URL: fake.url, PRODUCTIVE_API_TOKEN: state.token, PRODUCTIVE_ORG_ID: state.orgId });
  });

  test.afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  test("an executive syncs from Productive and sees new, changed and removed people", async ({ browser }) => {
    const page = await pageAs(browser, PEOPLE.executive, { baseURL: app.url });
    await page.goto("/people/sync");
    await expect(page.getByRole("heading", { name: "Syncs" })).toBeVisible();

    // A failing Productive changes nothing and says why.
    state.failure = { status: 503, json: { errors: [{ title: "Service Unavailable" }] } };
    await page.locator("section").filter({ hasText: "People, managers and squads" }).getByRole("button", { name: "Sync now" }).click();
    await expect(page.getByTestId("sync-result")).toContainText("Nothing was changed: Productive answered HTTP 503");
    await page.goto("/people?q=nina");
    await expect(page.getByText("No one matches these filters")).toBeVisible();

    // Productive is back: the sync pages through it and reports every change.
    state.failure = null;
    await page.goto("/people/sync");
    await page.locator("section").filter({ hasText: "People, managers and squads" }).getByRole("button", { name: "Sync now" }).click();
    const result = page.getByTestId("sync-result");
    await expect(result).toContainText("Productive sync finished.");
    await expect(result).toContainText("New: Nina Patel");
    await expect(result).toContainText("Changed: Ethan Brown");
    await expect(result).toContainText("Removed: Henry Scott");
    await expect(page.getByTestId("runs-productive").locator("li").first()).toContainText("Succeeded");

    // The directory shows them.
    await page.goto("/people?q=nina");
    await expect(page.getByTestId("person-row")).toHaveCount(1);
    await expect(page.getByTestId("person-row")).toContainText("Backend Developer");
    await expect(page.getByTestId("person-row")).toContainText("Daniel Costa");
    await page.goto("/people?q=ethan");
    await expect(page.getByTestId("person-row")).toContainText("Senior Developer");
    await page.goto("/people?q=henry");
    await expect(page.getByText("No one matches these filters")).toBeVisible();
    await page.goto("/people?q=henry&status=terminated");
    await expect(page.getByTestId("person-row")).toContainText("Terminated");
    await page.goto("/people");
    await expect(page.getByTestId("sync-status")).toContainText("Synced from Productive");
    expect(fake.requests.filter((r) => r.path === "/people").map((r) => r.query.get("page[number]"))).toEqual(["1", "1", "2", "3"]);
  });
});
