// Leave end to end: an employee requests leave, their manager approves, an executive gives final
// approval; the fake Xero / Productive / Google / Slack receive the pushes; a forced Productive
// failure is shown and retried by the executive; cancelling reverses every push. This suite
// starts its own app (same build, own database) with every integration URL at one local fake
// and the four connections stored encrypted. JavaScript is off for the main flow (real forms);
// a second test repeats check-hours → submit with JavaScript on.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { APP_VARS } from "../support/e2e-server.mjs";
import { startFakeServer, type FakeServer } from "../support/fake-server";
import { leaveConnectionsSql, leaveFakeState } from "../support/fake-servers/leave";
import { leaveRoutes } from "../support/fake-servers/leave";
import { startOwnApp, type OwnApp } from "./support/own-app";
import { pageAs, PEOPLE } from "./support/personas";

test.describe("leave: request, two-tier approval, pushes, retry and reversal", () => {
  test.use({ javaScriptEnabled: false });
  const state = leaveFakeState();
  let fake: FakeServer;
  let app: OwnApp;

  test.beforeAll(async () => {
    test.setTimeout(150_000);
    fake = await startFakeServer(leaveRoutes(state));
    const url = fake.url;
    app = await startOwnApp(
      "leave",
      { XERO_API_URL: url, PRODUCTIVE_API_URL: url, SLACK_API_URL: url, GOOGLE_API_URL: url, GOOGLE_OAUTH_URL: url, NAGER_API_URL: url },
      { extraSeedSql: await leaveConnectionsSql(APP_VARS.ENCRYPTION_KEY) },
    );
  });

  test.afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  async function as(browser: Browser, person: string, javaScriptEnabled = false): Promise<Page> {
    return pageAs(browser, person, { baseURL: app.url, javaScriptEnabled });
  }

  test("the whole chain, with clear errors for bad dates", async ({ browser }) => {
    test.setTimeout(120_000);
    const ethan = await as(browser, PEOPLE.employee);
    await ethan.goto("/leave");
    await expect(ethan.getByTestId("balances")).toContainText("106.4 h");
    const form = ethan.getByRole("form", { name: "Request leave" });

    // Bad dates: end before start, then a weekend only.
    await form.getByLabel("Leave type").selectOption("lt-annual");
    await form.getByLabel("First day", { exact: true }).fill("2027-02-12");
    await form.getByLabel("Last day", { exact: true }).fill("2027-02-08");
    await form.getByRole("button", { name: "Submit request" }).click();
    await expect(ethan.getByText("The end date is before the start date")).toBeVisible();
    await form.getByLabel("First day", { exact: true }).fill("2027-02-13");
    await form.getByLabel("Last day", { exact: true }).fill("2027-02-14");
    await form.getByRole("button", { name: "Submit request" }).click();
    await expect(ethan.getByText(/These dates contain no working days/)).toBeVisible();

    // A good request: Mon–Fri, 38 h.
    await form.getByLabel("Leave type").selectOption("lt-annual");
    await form.getByLabel("First day", { exact: true }).fill("2027-02-08");
    await form.getByLabel("Last day", { exact: true }).fill("2027-02-12");
    await form.getByLabel("Notes (optional)").fill("Road trip to Adelaide");
    // Check hours first: the re-rendered (no-JS) form must keep every field so Submit works as is.
    await form.getByRole("button", { name: "Check hours" }).click();
    await expect(ethan.getByTestId("leave-preview")).toContainText("38 h");
    await expect(form.getByLabel("First day", { exact: true })).toHaveValue("2027-02-08");
    await form.getByRole("button", { name: "Submit request" }).click();
    await expect(ethan.getByTestId("notice")).toContainText("Submitted");
    await expect(ethan.getByTestId("leave-status")).toHaveText("Awaiting manager");
    const requestUrl = new URL(ethan.url()).pathname;

    // Daniel sees it in his approvals (badge) and approves.
    const daniel = await as(browser, PEOPLE.manager);
    await daniel.goto("/leave/approvals");
    await expect(daniel.getByTestId("approval-row").filter({ hasText: "Ethan Brown" })).toBeVisible();
    await daniel.goto(requestUrl);
    await expect(daniel.getByTestId("overlaps")).toBeVisible();
    await daniel.getByRole("form", { name: "Approve" }).getByRole("button", { name: "Approve" }).click();
    await expect(daniel.getByTestId("leave-status")).toHaveText("Awaiting executive");

    // Olivia gives final approval with Productive failing.
    state.fail.productive = { status: 500, json: { errors: [{ title: "Internal Server Error" }] } };
    const olivia = await as(browser, PEOPLE.executive);
    await olivia.goto(requestUrl);
    await olivia.getByRole("button", { name: "Give final approval" }).click();
    await expect(olivia.getByTestId("leave-status")).toHaveText("Approved");
    await expect(olivia.getByTestId("push-xero")).toContainText("Done");
    await expect(olivia.getByTestId("push-google")).toContainText("Done");
    await expect(olivia.getByTestId("push-slack")).toContainText("Done");
    await expect(olivia.getByTestId("push-productive")).toContainText("Failed");
    await expect(olivia.getByTestId("push-productive")).toContainText("HTTP 500");
    const xero = fake.requests.find((r) => r.method === "POST" && r.path === "/payroll.xro/1.0/LeaveApplications")!;
    expect((xero.json() as Record<string, string>[])[0]).toMatchObject({ EmployeeID: "xero-emp-ethan-brown", StartDate: "2027-02-08T00:00:00", EndDate: "2027-02-12T00:00:00" });
    const event = fake.requests.find((r) => r.method === "POST" && r.path.startsWith("/calendar/v3/"))!;
    expect(event.json()).toMatchObject({ summary: "Ethan Brown on leave", start: { date: "2027-02-08" }, end: { date: "2027-02-13" } });
    expect(fake.requests.find((r) => r.path === "/chat.postMessage")!.form().get("text")).toContain("Ethan Brown");

    // Retry Productive once it is back.
    delete state.fail.productive;
    await olivia.getByRole("button", { name: "Retry Productive" }).click();
    await expect(olivia.getByTestId("push-productive")).toContainText("Done");
    const booking = fake.requests.filter((r) => r.method === "POST" && r.path === "/bookings").at(-1)!;
    expect(booking.json()).toMatchObject({ data: { attributes: { started_on: "2027-02-08", ended_on: "2027-02-12" }, relationships: { person: { data: { id: "prod-ethan-brown" } } } } });

    // Ethan's calendar shows it; then Olivia cancels and every push is reversed.
    await ethan.goto("/leave/calendar?month=2027-02");
    const ethanRow = ethan.getByTestId("calendar-person").filter({ hasText: "Ethan Brown" });
    await expect(ethanRow.getByTestId("calendar-leave")).toHaveAttribute("data-start", "2027-02-08");
    await expect(ethanRow.getByTestId("calendar-leave")).toHaveAttribute("title", /^Ethan Brown: .+, 8–12 Feb$/);
    await expect(ethanRow.getByRole("link", { name: /8–12 Feb/ })).toBeVisible();
    // The executive's calendar filtered by squad (a plain GET form, JavaScript off).
    await olivia.goto("/leave/calendar?month=2027-02");
    await olivia.getByLabel("Squad").selectOption("Apex");
    await olivia.getByRole("button", { name: "Filter" }).click();
    await expect(olivia).toHaveURL(/month=2027-02&squad=Apex/);
    await expect(olivia.getByTestId("calendar-person").filter({ hasText: "Ethan Brown" })).toHaveCount(1);
    await olivia.getByLabel("Squad").selectOption("Nova");
    await olivia.getByRole("button", { name: "Filter" }).click();
    await expect(olivia.getByTestId("calendar-person").filter({ hasText: "Ethan Brown" })).toHaveCount(0);
    await olivia.goto(requestUrl);
    await olivia.getByRole("form", { name: "Cancel request" }).getByRole("button", { name: "Cancel and reverse" }).click();
    await expect(olivia.getByTestId("leave-status")).toHaveText("Cancelled");
    for (const key of ["xero", "productive", "google", "slack"]) await expect(olivia.getByTestId(`push-${key}`)).toContainText("Reversed");
    expect(fake.requests.some((r) => r.method === "DELETE" && r.path.startsWith("/bookings/"))).toBe(true);
    expect(fake.requests.some((r) => r.method === "DELETE" && r.path.startsWith("/calendar/v3/"))).toBe(true);
    expect(fake.requests.some((r) => r.path.endsWith("/reject"))).toBe(true);
    expect(fake.requests.some((r) => r.path === "/chat.delete")).toBe(true);
    await expect(olivia.getByTestId("history-list")).toContainText(/cancelled/i);

    // The executive's "All requests" tab, filtered by status (a plain GET form).
    await olivia.goto("/leave/approvals");
    await olivia.getByRole("navigation", { name: "Approval views" }).getByRole("link", { name: "All requests" }).click();
    await olivia.getByLabel("Status").selectOption("cancelled");
    await olivia.getByRole("button", { name: "Filter" }).click();
    await expect(olivia).toHaveURL(/tab=all&status=cancelled/);
    await expect(olivia.getByTestId("approval-row").filter({ hasText: "Ethan Brown" })).toContainText("Cancelled");
    // Daniel (a manager) has no such tab.
    await daniel.goto("/leave/approvals?tab=all");
    await expect(daniel.getByRole("link", { name: "All requests" })).toHaveCount(0);
  });

  test("with JavaScript on: check hours, submit, and see the request in my list", async ({ browser }) => {
    test.setTimeout(60_000);
    const ethan = await as(browser, PEOPLE.employee, true);
    await ethan.goto("/leave");
    const form = ethan.getByRole("form", { name: "Request leave" });
    await form.getByLabel("Leave type").selectOption("lt-annual");
    await form.getByLabel("First day", { exact: true }).fill("2027-03-01");
    await form.getByLabel("Last day", { exact: true }).fill("2027-03-02");
    await form.getByRole("button", { name: "Check hours" }).click();
    await expect(ethan.getByTestId("leave-preview")).toContainText("15.2 h");
    await form.getByRole("button", { name: "Submit request" }).click();
    await expect(ethan).toHaveURL(/\/leave\/requests\/[^/?]+\?submitted=1/);
    await expect(ethan.getByTestId("leave-status")).toHaveText("Awaiting manager");
    await ethan.goto("/leave");
    await expect(ethan.getByTestId("my-requests").getByRole("row").filter({ hasText: "2027-03-01 → 2027-03-02" })).toContainText("Awaiting manager");
  });
});
