import { expect, test, type Page } from "@playwright/test";
import { PEOPLE, signInPage } from "./support/personas";

const overall = (page: Page) => page.getByRole("progressbar", { name: "Overall onboarding progress" });

async function doneCount(page: Page) {
  const text = (await overall(page).getAttribute("aria-valuetext")) ?? "";
  const match = text.match(/^(\d+) of (\d+) done/);
  if (!match) throw new Error(`unexpected progress text: ${text}`);
  return { done: Number(match[1]), total: Number(match[2]) };
}

async function tickAndUntick(page: Page, title: string) {
  await page.goto("/onboarding");
  await expect(page.getByRole("heading", { name: "My onboarding" })).toBeVisible();
  const box = page.getByRole("checkbox", { name: title });
  await expect(box).toHaveAttribute("aria-checked", "false");
  const before = await doneCount(page);

  await box.click();
  await expect(page.getByRole("checkbox", { name: title })).toHaveAttribute("aria-checked", "true");
  await expect(overall(page)).toHaveAttribute("aria-valuetext", `${before.done + 1} of ${before.total} done (${Math.floor(((before.done + 1) / before.total) * 100)}%)`);
  await expect(page.locator(`li:has([aria-label="${title}"]) [data-testid="item-status"]`)).toContainText("Done");
  await expect(page.getByTestId("progress-text").first()).toContainText(`${before.done + 1} of ${before.total} done`);

  await page.getByRole("checkbox", { name: title }).click();
  await expect(page.getByRole("checkbox", { name: title })).toHaveAttribute("aria-checked", "false");
  await expect(overall(page)).toHaveAttribute("aria-valuetext", new RegExp(`^${before.done} of ${before.total} done`));
}

test.describe("onboarding", () => {
  test("an employee ticks an item and sees their progress change", async ({ page }) => {
    await signInPage(page, PEOPLE.employee);
    await tickAndUntick(page, "Meet your manager and your buddy");
    // Items of the assigned Developer template show next to the Common ones.
    await expect(page.getByRole("checkbox", { name: "Ship your first pull request to production" })).toBeVisible();
    await expect(page.getByText("Run a sprint planning session with support")).toHaveCount(0);
  });

  test("a manager sees the team's progress and a report's checklist read-only; someone outside is a 404", async ({ page }) => {
    await signInPage(page, PEOPLE.manager);
    await page.goto("/onboarding/team");
    const kai = page.getByRole("row").filter({ hasText: "Kai Robinson" });
    await expect(kai).toContainText("4 of 16 done · 25%");
    await expect(page.getByRole("row").filter({ hasText: "Ava Jones" })).toHaveCount(0);
    await kai.getByRole("link", { name: "Kai Robinson" }).click();
    await expect(page.getByRole("heading", { name: "Onboarding: Kai Robinson" })).toBeVisible();
    await expect(page.getByText("View only: items are ticked by the person themself.")).toBeVisible();
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    const response = await page.goto(`/onboarding?userId=${PEOPLE.outsider}`);
    expect(response?.status()).toBe(404);
  });
});

test.describe("onboarding without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("ticking works as a plain form post", async ({ page }) => {
    await signInPage(page, PEOPLE.employee);
    await tickAndUntick(page, "Read the culture deck and our values");
  });
});
