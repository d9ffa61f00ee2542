import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signInPage } from "./support/personas";

// The e2e server runs with WEBHOOK_SECRET = "e2e-webhook-secret" (tests/support/e2e-server.mjs).
const WEBHOOK_SECRET = "e2e-webhook-secret";
const TOM = "tom-fletcher"; // manager, owner of the Harbour & Co projects
const DANIEL = "daniel-costa"; // manager, owner of Kinetic

const column = (statusId: string) => `[data-testid="board-column-${statusId}"]`;

test.describe("delivery", () => {
  test("creating a project from a setup template adds its phases and tasks", async ({ page }) => {
    await signInPage(page, TOM);
    await page.goto("/projects/new");
    await page.getByLabel("Name", { exact: true }).fill("Urban Pantry website");
    await page.getByLabel("Client", { exact: true }).selectOption("co-urban-pantry");
    await page.getByLabel("Setup template").selectOption("tpl-website-build");
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(page).toHaveURL(/\/projects\/[^/?]+\?tab=tasks/);
    await expect(page.getByTestId("notice")).toHaveText("Project created");
    const tasks = page.getByTestId("project-tasks");
    await expect(tasks.getByTestId("phase-row")).toHaveCount(4);
    await expect(tasks.getByTestId("task-row")).toHaveCount(11);
    await expect(tasks.getByRole("link", { name: "Discovery" })).toBeVisible();
    await expect(tasks.getByRole("link", { name: "Kick-off workshop" })).toBeVisible();
    // The creator is the owner.
    await page.getByRole("link", { name: "Members" }).click();
    await expect(page.getByTestId("members")).toContainText("Tom Fletcher");
    await expect(page.getByLabel("Role of Tom Fletcher")).toHaveValue("owner");
  });

  test("tasks move on the board by drag and drop", async ({ page }) => {
    await signInPage(page, DANIEL);
    await page.goto("/projects/proj-kinetic-platform?tab=board");
    await page.waitForLoadState("networkidle");
    const card = page.locator('[data-task-id="task-kp-push"]');
    await expect(page.locator(column("cli-status-todo")).locator('[data-task-id="task-kp-push"]')).toBeVisible();
    await card.dragTo(page.locator(column("cli-status-in-review")));
    await expect(page.locator(column("cli-status-in-review")).locator('[data-task-id="task-kp-push"]')).toBeVisible();
    await page.waitForLoadState("networkidle");
    await page.reload();
    await expect(page.locator(column("cli-status-in-review")).locator('[data-task-id="task-kp-push"]')).toBeVisible();
  });

  test("a task past its response time shows as breached", async ({ page }) => {
    await signInPage(page, TOM);
    await page.goto("/tasks/task-hs-checkout");
    await expect(page.getByTestId("task-sla").getByTestId("sla-breached")).toBeVisible();
    await page.goto("/sla?tab=breached");
    await expect(page.getByTestId("sla-rows").getByRole("link", { name: "Checkout shows the wrong shipping rate for Tasmania" })).toBeVisible();
  });

  test("assigning an SLA policy shows the task's deadlines", async ({ page }) => {
    await signInPage(page, DANIEL);
    await page.goto("/tasks/task-kp-photos");
    await expect(page.getByTestId("task-sla")).toHaveCount(0);
    await page.getByLabel("SLA policy", { exact: true }).selectOption("sla-standard");
    await page.getByRole("button", { name: "Apply SLA" }).click();
    await expect(page.getByTestId("notice")).toHaveText("SLA applied");
    await expect(page.getByTestId("task-sla")).toContainText("Standard support");
    await expect(page.getByTestId("response-deadline")).not.toHaveText("—");
    await expect(page.getByTestId("resolution-deadline")).not.toHaveText("—");
  });

  test("a signed inbound email becomes a ticket with the SLA applied; an unsigned one is refused", async ({ page, request }) => {
    const raw = JSON.stringify({
      message_id: `<e2e-${Date.now()}@harbourco.com.au>`,
      from: "ben@harbourco.com.au",
      from_name: "Ben Cooper",
      to: "support-harbour@inbound.dotcollective.com.au",
      subject: "Discount codes fail at checkout",
      text: "The SUMMER10 code says it is invalid.",
    });
    const refused = await request.post("/webhooks/inbound-email", { data: raw, headers: { "Content-Type": "application/json", "X-Nucleus-Signature": "sha256=deadbeef" } });
    expect(refused.status()).toBe(401);
    const signature = `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(raw).digest("hex")}`;
    const accepted = await request.post("/webhooks/inbound-email", { data: raw, headers: { "Content-Type": "application/json", "X-Nucleus-Signature": signature } });
    expect(accepted.status()).toBe(200);
    const body = (await accepted.json()) as { result: string; task_id: string };
    expect(body.result).toBe("ticketed");

    await signInPage(page, TOM);
    await page.goto(`/tasks/${body.task_id}`);
    await expect(page.getByRole("heading", { name: "Discount codes fail at checkout" })).toBeVisible();
    await expect(page.getByTestId("task-sla")).toContainText("Standard support");
    await expect(page.getByTestId("response-deadline")).not.toHaveText("—");
  });

  test("closing a sprint rolls its unfinished tasks into the next one", async ({ page }) => {
    await signInPage(page, DANIEL);
    await page.goto("/sprints/sprint-kp-15");
    await expect(page.getByTestId("sprint-tasks")).toContainText("Two-way job status sync");
    await expect(page.getByLabel("Move unfinished tasks to")).toHaveValue("sprint-kp-16");
    await page.getByRole("button", { name: "Close sprint" }).click();
    await expect(page.getByTestId("notice")).toContainText(/unfinished tasks? moved to Sprint 16/);
    await page.goto("/sprints/sprint-kp-16");
    await expect(page.getByTestId("sprint-tasks")).toContainText("Two-way job status sync");
    await expect(page.getByTestId("sprint-tasks")).not.toContainText("Dispatch API client"); // done: stayed in Sprint 15
  });
});

test.describe("delivery without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a task moves on the board with the card's status select and Move button", async ({ page }) => {
    await signInPage(page, DANIEL);
    await page.goto("/projects/proj-kinetic-platform?tab=board");
    await expect(page.locator(column("cli-status-in-review")).locator('[data-task-id="task-kp-offline-cache"]')).toBeVisible();
    const form = page.getByRole("form", { name: "Move Offline job cache" });
    await form.getByLabel("Status of Offline job cache").selectOption("cli-status-done");
    await form.getByRole("button", { name: "Move" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Moved to Done");
    await expect(page.locator(column("cli-status-done")).locator('[data-task-id="task-kp-offline-cache"]')).toBeVisible();
  });

  test("creating a project and adding a task work as plain form posts", async ({ page }) => {
    await signInPage(page, TOM);
    await page.goto("/projects/new");
    await page.getByLabel("Name", { exact: true }).fill("Harbour & Co loyalty app");
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Project created");
    await page.getByLabel("New task").fill("Loyalty tiers workshop");
    await page.getByRole("button", { name: "Add task" }).click();
    await expect(page.getByTestId("project-tasks").getByRole("link", { name: "Loyalty tiers workshop" })).toBeVisible();
  });
});
