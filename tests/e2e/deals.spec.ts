import { expect, test, type Page } from "@playwright/test";
import { signInPage } from "./support/personas";

const OLIVIA = "olivia-bennett"; // executive: sees every deal, may create projects

const column = (page: Page, stage: string) => page.locator(`[data-testid="deal-column"][data-stage-name="${stage}"]`);
const card = (page: Page, dealId: string) => page.locator(`[data-testid="deal-card"][data-deal-id="${dealId}"]`);
const dollars = (text: string | null) => Number((text ?? "").replace(/[^0-9.]/g, ""));
const weighted = async (page: Page) => dollars(await page.getByTestId("total-weighted").textContent());

test.describe("deals", () => {
  test("a deal dragged to another stage moves and the weighted totals follow", async ({ page }) => {
    await signInPage(page, OLIVIA);
    await page.goto("/deals");
    await page.waitForLoadState("networkidle");
    await expect(column(page, "Lead").locator('[data-deal-id="deal-solace-summer"]')).toBeVisible();
    const before = await weighted(page);
    const negotiationBefore = dollars(await column(page, "Negotiation").getByTestId("column-weighted").textContent());
    // $22,000 from Lead (10%) to Negotiation (75%): +$14,300 weighted.
    await card(page, "deal-solace-summer").dragTo(column(page, "Negotiation"));
    await expect(column(page, "Negotiation").locator('[data-deal-id="deal-solace-summer"]')).toBeVisible();
    await expect.poll(() => weighted(page)).toBe(before + 14_300);
    await expect.poll(async () => dollars(await column(page, "Negotiation").getByTestId("column-weighted").textContent())).toBe(negotiationBefore + 16_500);
    await page.reload();
    await expect(column(page, "Negotiation").locator('[data-deal-id="deal-solace-summer"]')).toBeVisible();
    expect(await weighted(page)).toBe(before + 14_300);
    // The stage history records the move.
    await page.goto("/deals/deal-solace-summer?tab=stages");
    await expect(page.getByTestId("stage-period")).toHaveCount(2);
    await expect(page.getByTestId("stage-period").first()).toContainText("Negotiation");
  });

  test("the rotting deal is flagged on the board", async ({ page }) => {
    await signInPage(page, OLIVIA);
    await page.goto("/deals");
    await expect(card(page, "deal-brightpath-enrol").getByTestId("rotting-flag")).toBeVisible();
  });

  test("winning a deal creates its delivery project, shown on the deal", async ({ page }) => {
    await signInPage(page, OLIVIA);
    await page.goto("/deals/deal-kinetic-tracking");
    await page.getByLabel("Why did we win? (optional)").fill("Signed SOW");
    await page.getByRole("button", { name: "Mark as won" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Deal won — project created");
    await expect(page.getByTestId("deal-status")).toHaveText("Won");
    const link = page.getByTestId("linked-projects").getByRole("link", { name: "Kinetic live tracking" });
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(/\/projects\/[^/?]+/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kinetic live tracking");
  });
});

test("a new deal's contact menu follows the company picked (JavaScript on)", async ({ page }) => {
  await signInPage(page, OLIVIA);
  await page.goto("/deals/new");
  await page.getByLabel("Title").fill("Harbour loyalty microsite");
  await page.getByLabel("Company").selectOption({ label: "Harbour & Co" });
  await expect(page.getByLabel("Primary contact").locator("option", { hasText: "Rachel Green" })).toHaveCount(1);
  await expect(page.getByLabel("Title")).toHaveValue("Harbour loyalty microsite");
  await expect(page.getByRole("button", { name: "Show its contacts" })).toHaveCount(0);
});

test.describe("deals without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a new deal: pick the company, show its contacts, pick one, create", async ({ page }) => {
    await signInPage(page, OLIVIA);
    await page.goto("/deals/new");
    await expect(page.getByLabel("Primary contact").locator("option")).toHaveCount(1);
    await page.getByLabel("Title").fill("Harbour gift cards");
    await page.getByLabel("Value").fill("12000");
    await page.getByLabel("Company").selectOption({ label: "Harbour & Co" });
    await page.getByRole("button", { name: "Show its contacts" }).click();
    await expect(page.getByLabel("Title")).toHaveValue("Harbour gift cards");
    await expect(page.getByLabel("Value")).toHaveValue("12000");
    await page.getByLabel("Primary contact").selectOption({ label: "Rachel Green" });
    await page.getByRole("button", { name: "Create deal" }).click();
    await expect(page.getByTestId("notice")).toContainText("Deal created");
    await expect(page.getByRole("link", { name: "Rachel Green" }).first()).toBeVisible();
  });

  test("a deal moves through its stage menu and the weighted total follows; lost needs a reason", async ({ page }) => {
    await signInPage(page, OLIVIA);
    await page.goto("/deals");
    const before = await weighted(page);
    // $65,000 from Qualified (25%) to Negotiation (75%): +$32,500 weighted.
    const form = card(page, "deal-urban-pantry-app");
    await form.getByLabel("Stage of Urban Pantry ordering app").selectOption({ label: "Negotiation" });
    await form.getByRole("button", { name: "Move" }).click();
    await expect(page.getByTestId("notice")).toContainText("Moved “Urban Pantry ordering app” to Negotiation");
    await expect(column(page, "Negotiation").locator('[data-deal-id="deal-urban-pantry-app"]')).toBeVisible();
    expect(await weighted(page)).toBe(before + 32_500);

    await page.goto("/deals/deal-urban-pantry-app");
    await page.getByRole("button", { name: "Mark as lost" }).click();
    await expect(page.getByRole("alert").first()).toContainText(/reason/i);
    await expect(page.getByTestId("deal-status")).toHaveText("Open");
    await page.getByLabel("Why did we lose? (required)").fill("Chose a cheaper agency");
    await page.getByRole("button", { name: "Mark as lost" }).click();
    await expect(page.getByTestId("deal-status")).toHaveText("Lost");
    await expect(page.getByTestId("close-reason")).toHaveText("Chose a cheaper agency");
  });

  test("the deal list filters by an owner or company picked from a row, and clears it", async ({ page }) => {
    await signInPage(page, OLIVIA);
    await page.goto("/deals/list?sort=title&dir=asc");
    const all = await page.getByTestId("deal-row").count();
    await page.getByTestId("deal-row").filter({ hasText: "Urban Pantry ordering app" }).getByRole("link", { name: "Urban Pantry", exact: true }).click();
    await expect(page.getByTestId("company-filter")).toContainText("Company: Urban Pantry");
    const rows = page.getByTestId("deal-row");
    expect(await rows.count()).toBeLessThan(all);
    for (const text of await rows.allInnerTexts()) expect(text).toContain("Urban Pantry");
    // The filter survives other filters (a hidden field), then is removed by its ✕.
    await page.getByLabel("Status").selectOption({ label: "Open" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByTestId("company-filter")).toBeVisible();
    await page.getByRole("link", { name: "Remove the company filter" }).click();
    await expect(page.getByTestId("company-filter")).toHaveCount(0);

    await page.getByTestId("deal-row").first().locator("td").nth(3).getByRole("link").click();
    const owner = await page.getByLabel("Owner").locator("option:checked").innerText();
    expect(owner).not.toBe("Anyone");
    for (const text of await page.getByTestId("deal-row").allInnerTexts()) expect(text).toContain(owner);
  });
});
