import { expect, test, type Browser, type Page } from "@playwright/test";
import { PEOPLE, signInPage } from "./support/personas";

// Each test puts back what it changed, so the order of tests (and of spec files sharing the
// run's database) does not matter.

async function signedInPage(browser: Browser, personId: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInPage(page, personId);
  return { context, page };
}

async function setBox(page: Page, label: string, checked: boolean) {
  await page.goto("/admin/permissions");
  const box = page.getByRole("checkbox", { name: label, exact: true });
  await box.setChecked(checked);
  await page.getByRole("button", { name: "Save permissions" }).click();
  await expect(page.getByRole("status")).toContainText(/Saved\. 1 permission row changed/);
  await expect(page.getByRole("checkbox", { name: label, exact: true })).toBeChecked({ checked });
}

test.describe("admin", () => {
  test("a permission change shows in the affected person's sidebar on their next page load", async ({ page, browser }) => {
    await signInPage(page, PEOPLE.executive);
    const employee = await signedInPage(browser, PEOPLE.employee);
    const sidebar = employee.page.getByRole("navigation", { name: "Main" });
    await expect(sidebar.getByRole("link", { name: "People" })).toBeVisible();

    await setBox(page, "Employee can view People", false);
    await employee.page.reload();
    await expect(sidebar.getByRole("link", { name: "People" })).toHaveCount(0);
    await expect(page.getByText(/Olivia Bennett updated employee:people/).first()).toBeVisible();

    await setBox(page, "Employee can view People", true);
    await employee.page.reload();
    await expect(sidebar.getByRole("link", { name: "People" })).toBeVisible();
    await employee.context.close();
  });

  test("the grid refuses to lock executives out of Admin", async ({ page }) => {
    await signInPage(page, PEOPLE.executive);
    await page.goto("/admin/permissions");
    const box = (action: string) => page.getByRole("checkbox", { name: `Executive can ${action} Admin`, exact: true });
    // With JavaScript, unticking View also unticks Update and Manage (retried until the page has hydrated).
    await expect(async () => {
      for (const action of ["view", "update", "manage"]) await box(action).check();
      await box("view").uncheck();
      await expect(box("manage")).not.toBeChecked({ timeout: 500 });
      await expect(box("update")).not.toBeChecked({ timeout: 500 });
    }).toPass();
    await page.getByRole("button", { name: "Save permissions" }).click();
    await expect(page.getByRole("alert")).toContainText("Executives must keep Admin view and manage");
    await page.goto("/admin/permissions");
    await expect(page.getByRole("checkbox", { name: "Executive can manage Admin", exact: true })).toBeChecked();
  });

  test("disabling a signed-in user ends their session: their next request goes to sign-in", async ({ page, browser }) => {
    const victim = await signedInPage(browser, "jack-harris");
    await expect(victim.page.getByRole("heading", { name: /Good to see you, Jack/ })).toBeVisible();

    await signInPage(page, PEOPLE.executive);
    await page.goto("/admin/users?q=jack.harris");
    await page.getByRole("link", { name: "Jack Harris" }).click();
    await expect(page.getByTestId("active-sessions")).not.toHaveText("0");
    await page.getByRole("button", { name: "Disable user" }).click();
    await expect(page.getByRole("status")).toHaveText("User disabled. Their sessions have ended.");
    await expect(page.getByTestId("account-status")).toHaveText("Disabled");
    await expect(page.getByTestId("active-sessions")).toHaveText("0");

    await victim.page.reload();
    await expect(victim.page).toHaveURL(/\/login/);

    await page.getByRole("link", { name: /History/ }).click();
    await expect(page.getByTestId("history-entry").filter({ hasText: "Olivia Bennett disabled" }).first()).toBeVisible();

    await page.getByRole("link", { name: "Details" }).click();
    await page.getByRole("button", { name: "Enable user" }).click();
    await expect(page.getByRole("status")).toHaveText("User enabled. They can sign in again.");
    await victim.context.close();
  });

  test("the users list searches, filters and exports CSV", async ({ page }) => {
    await signInPage(page, PEOPLE.executive);
    await page.goto("/admin/users");
    await page.getByLabel("Access level").selectOption("head");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/level=head/);
    await expect(page.getByRole("status")).toHaveText("3 users");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^nucleus-users-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});

test.describe("admin without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("preferences are saved and shown as in effect", async ({ page }) => {
    await signInPage(page, PEOPLE.lead);
    await page.goto("/preferences");
    await expect(page.getByTestId("effective-timezone")).toContainText("organisation default");
    await page.getByLabel("Time zone").selectOption("Australia/Perth");
    await page.getByLabel("Public holidays state").selectOption("AU-WA");
    await page.getByRole("button", { name: "Save preferences" }).click();
    await expect(page.getByRole("status")).toHaveText("Preferences saved.");
    await expect(page.getByTestId("effective-timezone")).toContainText("Australia/Perth (your choice)");
    await expect(page.getByTestId("effective-holiday-state")).toContainText("Western Australia (AU-WA) (your choice)");

    await page.getByLabel("Time zone").selectOption("");
    await page.getByLabel("Public holidays state").selectOption("");
    await page.getByRole("button", { name: "Save preferences" }).click();
    await expect(page.getByTestId("effective-timezone")).toContainText("Australia/Melbourne (organisation default)");
  });

  test("the permission grid saves with one plain form post and applies the implication rule", async ({ page }) => {
    await signInPage(page, PEOPLE.executive);
    await page.goto("/admin/permissions");
    await page.getByRole("checkbox", { name: "Lead can manage Deals", exact: true }).check();
    await page.getByRole("button", { name: "Save permissions" }).click();
    await expect(page.getByRole("status")).toContainText("Saved. 1 permission row changed");
    for (const action of ["view", "update", "manage"]) {
      await expect(page.getByRole("checkbox", { name: `Lead can ${action} Deals`, exact: true })).toBeChecked();
    }
    // Back to the seeded view-only.
    await page.getByRole("checkbox", { name: "Lead can manage Deals", exact: true }).uncheck();
    await page.getByRole("checkbox", { name: "Lead can update Deals", exact: true }).uncheck();
    await page.getByRole("button", { name: "Save permissions" }).click();
    await expect(page.getByRole("checkbox", { name: "Lead can update Deals", exact: true })).not.toBeChecked();
    await expect(page.getByRole("checkbox", { name: "Lead can view Deals", exact: true })).toBeChecked();
  });

  test("an access level change saves without JavaScript, with a clear error for bad input", async ({ page }) => {
    await signInPage(page, PEOPLE.executive);
    await page.goto("/admin/users/user-henry-scott");
    await page.getByLabel("Scorecard template id").fill("Not a slug!");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText(/Scorecard template: use up to 64 lowercase letters/)).toBeVisible();
    await expect(page.getByLabel("Scorecard template id")).toHaveValue("Not a slug!");
    await page.getByLabel("Scorecard template id").fill("");
    await page.getByLabel("Access level").selectOption("lead");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toHaveText("Changes saved.");
    await page.getByLabel("Access level").selectOption("employee");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toHaveText("Changes saved.");
    await page.getByRole("link", { name: /History/ }).click();
    // Both saves can fall in the same second, so look for the change rather than the first entry.
    await expect(page.getByTestId("history-change").filter({ hasText: /Access level\s*lead\s*→ employee/ }).first()).toBeVisible();
  });
});
