import { expect, test } from "@playwright/test";
import { startFakeServer, type FakeServer } from "../support/fake-server";
import { samplePayrollState, xeroPayslipRoutes } from "../support/fake-servers/payroll";
import { startOwnApp, type OwnApp } from "./support/own-app";
import { pageAs, PEOPLE, signInPage } from "./support/personas";

test.describe("payroll: own pay and privacy (JavaScript off)", () => {
  test.use({ javaScriptEnabled: false });

  test("an employee opens their pay summary and a payslip from the sidebar", async ({ page }) => {
    await signInPage(page, PEOPLE.employee);
    await page.getByRole("link", { name: "Payroll", exact: true }).first().click();
    await expect(page).toHaveURL(/\/payroll$/);
    await expect(page.getByRole("heading", { name: "My pay" })).toBeVisible();
    const summary = page.getByTestId("pay-summary");
    await expect(summary).toContainText("$95,000.00");
    await expect(summary).toContainText("$40,192.35");
    await expect(summary).toContainText("3 Dec 2026");
    await expect(summary).toContainText("Fortnightly");
    await expect(page.getByTestId("payroll-age")).toContainText("Updated");
    await expect(page.getByTestId("payslip-row")).toHaveCount(3);
    await page.getByTestId("payslip-row").first().getByRole("link", { name: "19 Nov 2026" }).click();
    await expect(page.getByRole("heading", { name: "Payslip 19 Nov 2026" })).toBeVisible();
    const totals = page.getByTestId("payslip-totals");
    await expect(totals).toContainText("$3,653.85");
    await expect(totals).toContainText("$814.92");
    await expect(totals).toContainText("$2,838.93");
    await expect(page.getByRole("table", { name: "Earnings" })).toContainText("Ordinary Hours");
    // Not linked to Xero in the seed: no refresh button, and the page says why.
    await page.goto("/payroll");
    await expect(page.getByRole("button", { name: "Refresh now" })).toHaveCount(0);
    await expect(page.getByTestId("payroll-age")).toContainText("Not linked to a Xero employee.");
  });

  test("a manager gets 404 for a report's payroll and payslip, and sees only their own pay", async ({ page }) => {
    await signInPage(page, PEOPLE.manager);
    const personPage = await page.goto("/payroll/people/ethan-brown");
    expect(personPage?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByText("$95,000.00")).toHaveCount(0);
    const slip = await page.goto("/payroll/payslips/payslip-ethan-2026-11-19");
    expect(slip?.status()).toBe(404);
    await page.goto("/payroll");
    await expect(page.getByTestId("pay-summary")).toContainText("$165,000.00");
    await expect(page.getByText("Everyone's payroll")).toHaveCount(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Refreshing needs a fake Xero: this suite starts its own app (same build, own database) with
// XERO_API_URL pointing at it, as tests/e2e/people.spec.ts does for Productive.

test.describe("payroll: an executive views anyone's pay and refreshes it from Xero", () => {
  let fake: FakeServer;
  let app: OwnApp;
  const state = samplePayrollState("xe-ethan");

  test.beforeAll(async () => {
    test.setTimeout(150_000);
    fake = await startFakeServer(xeroPayslipRoutes(state));
    app = await startOwnApp("payroll", { XERO_API_URL: fake.url, XERO_ACCESS_TOKEN: state.token, XERO_TENANT_ID: state.tenantId });
  });

  test.afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  test("exec opens Ethan's payroll from the people list, refreshes it, and sees cached data while Xero is down", async ({ browser }) => {
    test.setTimeout(60_000);
    const page = await pageAs(browser, PEOPLE.executive, { baseURL: app.url });
    // Link Ethan to his Xero employee (the profile's System card form).
    const linked = await page.request.post("/people/ethan-brown", { form: { intent: "xero-link", xeroEmployeeId: "xe-ethan" }, headers: { Origin: app.url }, maxRedirects: 0 });
    expect(linked.status()).toBeLessThan(400);

    await page.goto("/payroll?q=ethan");
    await page.getByTestId("payroll-person-row").getByRole("link", { name: "Ethan Brown" }).click();
    await expect(page.getByRole("heading", { name: "Pay: Ethan Brown" })).toBeVisible();
    // The seeded cache is served at once; it is stale, so a background refresh starts.
    await expect(page.getByTestId("pay-summary")).toContainText("$95,000.00");
    await expect(page.getByTestId("payroll-age")).toContainText("Refreshing in the background");

    await page.getByRole("button", { name: "Refresh now" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Payroll refreshed from Xero." })).toBeVisible();
    await expect(page.getByTestId("pay-summary")).toContainText("$98,000.00");
    await expect(page.getByTestId("pay-summary")).toContainText("$7,538.46");
    await expect(page.getByTestId("payroll-age")).toContainText("Updated just now");
    await expect(page.getByTestId("payslip-row")).toHaveCount(3);
    await expect(page.getByTestId("payslip-row").first()).toContainText("$2,949.23");
    expect(fake.requests.some((r) => r.path === "/payroll.xro/1.0/Employees/xe-ethan")).toBe(true);

    // Xero goes down: Refresh now keeps the cached figures and says so clearly.
    state.failure = { status: 503, json: { Title: "Service Unavailable", Status: 503, Detail: "The Xero API is temporarily unavailable" } };
    await page.getByRole("button", { name: "Refresh now" }).click();
    await expect(page.getByTestId("payroll-error")).toContainText("Xero is unavailable");
    await expect(page.getByTestId("payroll-error")).toContainText("HTTP 503");
    await expect(page.getByTestId("pay-summary")).toContainText("$98,000.00");
    await expect(page.getByTestId("payslip-row")).toHaveCount(3);
    state.failure = null;

    // The payslip detail shows the line items fetched from Xero.
    await page.getByTestId("payslip-row").first().getByRole("link").click();
    await expect(page.getByRole("heading", { name: "Payslip 19 Nov 2026" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Tax" })).toContainText("PAYG Tax");
    await expect(page.getByRole("table", { name: "Superannuation" })).toContainText("$452.31");
    await page.context().close();
  });
});
