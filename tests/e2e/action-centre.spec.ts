import { expect, test, type Page } from "@playwright/test";
import { PEOPLE, signInPage } from "./support/personas";

const feed = (page: Page) => page.getByRole("list", { name: "Action items" });
const row = (page: Page, title: string) => feed(page).getByTestId("action-item").filter({ hasText: title });

test.describe("action centre", () => {
  test("an employee sees their own item and completes it inline", async ({ page }) => {
    await signInPage(page, PEOPLE.employee);
    await page.goto("/action-centre");
    await expect(page.getByRole("heading", { name: "Action centre" })).toBeVisible();
    await expect(row(page, "Submit last week's timesheet")).toBeVisible();
    // Someone else's item is not in an employee's feed.
    await expect(row(page, "Prepare Harbour & Co QBR deck")).toHaveCount(0);

    await row(page, "Submit last week's timesheet").getByRole("button", { name: /Complete “Submit last week's timesheet”/ }).click();
    await expect(row(page, "Submit last week's timesheet")).toHaveCount(0);
    await page.goto("/action-centre?status=done");
    await expect(row(page, "Submit last week's timesheet")).toBeVisible();
  });

  test("a manager assigns an item to a report, who then sees it and is notified", async ({ page }) => {
    const title = `Review the Kinetic sprint plan ${Date.now()}`;
    await signInPage(page, PEOPLE.manager);
    await page.goto("/action-centre");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Company").selectOption({ label: "Kinetic Logistics" });
    await page.getByLabel("Due date").fill("2026-12-04");
    await page.getByLabel("Assignee").selectOption({ label: "Ethan Brown" });
    await page.getByRole("button", { name: "Add item" }).click();
    await expect(page.getByRole("status")).toContainText("assigned");
    // A manager's own feed holds only their own items.
    await expect(row(page, title)).toHaveCount(0);

    await page.getByTestId("user-menu").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await signInPage(page, PEOPLE.employee);
    await page.goto("/action-centre");
    await expect(row(page, title)).toContainText("Kinetic Logistics");
    await expect(row(page, title)).toContainText("Due 2026-12-04");
    const notifications = await page.request.get("/");
    expect(await notifications.text()).toContain(`New action item: ${title}`);
  });

  test("an executive filters by assignee and tab through the URL", async ({ page }) => {
    await signInPage(page, PEOPLE.executive);
    await page.goto("/action-centre?tab=relationship");
    await expect(row(page, "Reconnect with David Hughes")).toBeVisible();
    await expect(row(page, "Chase overdue Kinetic Logistics invoice")).toHaveCount(0);
    await page.goto("/action-centre?assignee=hannah-wright");
    await expect(row(page, "Chase overdue Kinetic Logistics invoice")).toBeVisible();
    await expect(row(page, "Prepare Harbour & Co QBR deck")).toHaveCount(0);
    await expect(feed(page).getByTestId("action-item").filter({ hasNotText: "Hannah Wright" })).toHaveCount(0);
  });

  test("pinning a tool puts it in the sidebar's Pinned list", async ({ page }) => {
    await signInPage(page, PEOPLE.lead);
    await page.goto("/favorites");
    await page.getByRole("button", { name: "Pin Action centre", exact: true }).click();
    await expect(page.getByTestId("pinned").getByRole("link", { name: /Action centre/ })).toBeVisible();
    await page.getByRole("button", { name: "Unpin Action centre" }).first().click();
    await expect(page.getByTestId("pinned")).toHaveCount(0);
  });
});

test.describe("action centre without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an employee creates a manual item and completes it with plain form posts", async ({ page }) => {
    const title = `Write the release notes ${Date.now()}`;
    await signInPage(page, PEOPLE.employee);
    await page.goto("/action-centre");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Due date").fill("2026-12-01");
    await page.getByRole("button", { name: "Add item" }).click();
    await expect(page).toHaveURL(/notice=created/);
    await expect(page.getByRole("status")).toContainText("added to your feed");
    await expect(row(page, title)).toBeVisible();

    await row(page, title).getByRole("button", { name: `Complete “${title}”` }).click();
    await expect(page.getByRole("status")).toContainText(`Completed: ${title}`);
    await expect(row(page, title)).toHaveCount(0);
  });

  test("saving feed modules works without JavaScript", async ({ page }) => {
    await signInPage(page, PEOPLE.head);
    await page.goto("/action-centre");
    await expect(row(page, "Chase overdue Kinetic Logistics invoice")).toBeVisible();
    await page.getByRole("checkbox", { name: /Invoices/ }).uncheck();
    await page.getByRole("button", { name: "Save modules" }).click();
    await expect(page.getByRole("status")).toContainText("Feed modules saved");
    await expect(row(page, "Chase overdue Kinetic Logistics invoice")).toHaveCount(0);
    await page.getByRole("checkbox", { name: /Invoices/ }).check();
    await page.getByRole("button", { name: "Save modules" }).click();
    await expect(row(page, "Chase overdue Kinetic Logistics invoice")).toBeVisible();
  });

  test("connections pages list the providers with empty password inputs", async ({ page }) => {
    await signInPage(page, PEOPLE.executive);
    await page.goto("/admin/connections");
    await expect(page.getByTestId("connection-slack").getByTestId("connection-status")).toHaveText("Not connected");
    await expect(page.getByTestId("connection-slack").getByLabel("Bot token")).toHaveAttribute("type", "password");
    await page.goto("/connections");
    await expect(page.getByTestId("connection-github")).toBeVisible();
  });
});
