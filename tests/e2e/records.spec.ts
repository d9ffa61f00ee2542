import { expect, test, type Page } from "@playwright/test";
import { PEOPLE, signInPage } from "./support/personas";

// Notes on a task Ethan (employee) is assigned to: his manager Daniel sees it too. Person notes are
// confidential (manager and above) and covered at the end.
const TASK = "task-kp-push";
const TASK_TITLE = "Push notification for new jobs";

const bell = (page: Page) => page.getByRole("banner").getByRole("link", { name: /^Notifications, \d+ unread$/ });

async function unreadCount(page: Page) {
  const label = (await bell(page).getAttribute("aria-label")) ?? "";
  return Number(label.match(/(\d+) unread/)?.[1] ?? NaN);
}

test.describe("notes, mentions and notifications", () => {
  test("a manager mentions a report in a note; the report is notified, opens it and marks it read", async ({ page }) => {
    const token = `Great sprint demo ${Date.now()}`;
    await signInPage(page, PEOPLE.manager);
    await page.goto(`/records/task/${TASK}?tab=notes`);
    await expect(page.getByRole("heading", { name: TASK_TITLE })).toBeVisible();
    await page.getByLabel("Add a note").fill(token);
    await page.getByLabel("Mention (notifies them)").selectOption("user-ethan-brown");
    await page.getByRole("button", { name: "Add note" }).click();
    const note = page.getByTestId("note").filter({ hasText: token });
    await expect(note).toBeVisible();
    await expect(note).toContainText("Daniel Costa");
    await expect(page.getByLabel("Add a note")).toHaveValue("");

    await page.getByRole("link", { name: "History" }).click();
    await expect(page).toHaveURL(/tab=history/);
    await expect(page.getByTestId("history-entry").first()).toContainText("Daniel Costa note added");

    await signInPage(page, PEOPLE.employee);
    const before = await unreadCount(page);
    expect(before).toBeGreaterThanOrEqual(1);
    await bell(page).click();
    await expect(page).toHaveURL(/\/notifications$/);
    const item = page.getByTestId("notification").filter({ hasText: token });
    await expect(item).toContainText(`Daniel Costa mentioned you in a note on ${TASK_TITLE}`);
    await expect(item).toContainText("(unread)");

    // Opening it deep-links to the record's notes.
    await item.getByRole("link", { name: /mentioned you/ }).click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${TASK}\\?tab=notes#note-`));

    await page.goto("/notifications");
    await item.getByRole("button", { name: /^Mark read:/ }).click();
    await expect(item).not.toContainText("(unread)");
    await expect(item.getByRole("button", { name: /^Mark unread:/ })).toBeVisible();
    expect(await unreadCount(page)).toBe(before - 1);

    // The report reads the note on the task (it was visible to every level).
    await page.goto(`/records/task/${TASK}?tab=notes`);
    await expect(page.getByTestId("note").filter({ hasText: token })).toBeVisible();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("notes with @handles, inline errors, edit, and the inbox all work with plain forms", async ({ page }) => {
    const token = `Pairing went well ${Date.now()}`;
    await signInPage(page, PEOPLE.manager);
    await page.goto(`/records/task/${TASK}?tab=notes`);

    // Whitespace only: the server refuses it and the page says why.
    await page.getByLabel("Add a note").fill("   ");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Write something first" })).toBeVisible();

    // A managers-only note mentioning the report by handle: Ethan cannot see it, so is not notified.
    await page.getByLabel("Add a note").fill(`Managers only: ${token} @ethan.brown`);
    for (const level of ["Head", "Lead", "Employee"]) await page.getByRole("checkbox", { name: level, exact: true }).uncheck();
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByRole("status")).toContainText("Not notified (they cannot see this note): Ethan Brown");
    const hidden = page.getByTestId("note").filter({ hasText: token });
    await expect(hidden.getByTestId("note-visibility")).toHaveText("Visible to Executive, Manager");

    // An everyone note mentioning the report by handle, then edited by its author.
    await page.getByLabel("Add a note").fill(`${token} — nice work @ethan.brown`);
    await page.getByRole("button", { name: "Add note" }).click();
    const shared = page.getByTestId("note").filter({ hasText: `${token} — nice work` });
    await expect(shared).toBeVisible();
    await shared.getByTestId("edit").locator("summary").click();
    await shared.getByLabel("Edit note").fill(`${token} — great work @ethan.brown`);
    await shared.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("note-content").filter({ hasText: `${token} — great work` })).toBeVisible();
    await expect(page.getByTestId("note-content").filter({ hasText: `${token} — nice work` })).toHaveCount(0);

    await signInPage(page, PEOPLE.employee);
    await page.goto(`/records/task/${TASK}?tab=notes`);
    await expect(page.getByTestId("note").filter({ hasText: "Managers only" })).toHaveCount(0);
    await expect(page.getByTestId("note").filter({ hasText: `${token} — great work` })).toBeVisible();

    await page.goto("/notifications?filter=unread");
    const item = page.getByTestId("notification").filter({ hasText: `${token} — nice work` });
    await expect(item).toBeVisible();
    await item.getByRole("button", { name: /^Mark read:/ }).click();
    await expect(page).toHaveURL(/\/notifications\?filter=unread$/);
    await expect(page.getByTestId("notification").filter({ hasText: token })).toHaveCount(0);

    // Preferences: one POST for the whole grid.
    await page.goto("/notifications/preferences");
    await page.getByRole("checkbox", { name: "Mentioned in a note by Email" }).uncheck();
    await page.getByRole("button", { name: "Save preferences" }).click();
    await expect(page.getByRole("status")).toHaveText("Preferences saved.");
    await expect(page.getByRole("checkbox", { name: "Mentioned in a note by Email" })).not.toBeChecked();
    await expect(page.getByRole("checkbox", { name: "System by In app (always on)" })).toBeChecked();

    // Notes about a person are confidential: the employee cannot read or add any on their own record.
    await page.goto(`/records/person/${PEOPLE.employee}?tab=notes`);
    await expect(page.getByText("Notes on a person are confidential")).toBeVisible();
    await expect(page.getByLabel("Add a note")).toHaveCount(0);
  });
});
