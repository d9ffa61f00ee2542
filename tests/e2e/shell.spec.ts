import { expect, test } from "@playwright/test";
import { PEOPLE, signInPage } from "./support/personas";

test.describe("app shell", () => {
  test("each level sees the sidebar its permissions allow, with no console or CSP errors", async ({ page }) => {
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));

    await signInPage(page, PEOPLE.employee);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "People" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
    await expect(page.getByTestId("daily-quote")).toBeVisible();
    await page.getByTestId("user-menu").click();
    await expect(page.getByTestId("access-level")).toHaveText("Employee");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);

    await signInPage(page, PEOPLE.executive);
    await expect(nav.getByRole("link", { name: "Admin" })).toBeVisible();
    await page.getByTestId("user-menu").click();
    await expect(page.getByTestId("access-level")).toHaveText("Executive");
    expect(problems).toEqual([]);
  });

  test("signing out ends the session server-side (the old cookie no longer works)", async ({ page, context }) => {
    await signInPage(page, PEOPLE.manager);
    const cookies = await context.cookies();
    await page.getByTestId("user-menu").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await context.addCookies(cookies);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("a signed-out visitor is sent to sign-in and comes back afterwards", async ({ page }) => {
    await page.goto("/?view=mine");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2F%3Fview%3Dmine/);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("development sign-in and sign-out work as plain form posts", async ({ page }) => {
    await signInPage(page, PEOPLE.lead);
    await expect(page.getByRole("heading", { name: /Good to see you, Liam/ })).toBeVisible();
    await page.getByTestId("user-menu").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
  });
});
