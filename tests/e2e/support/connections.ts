import type { Page } from "@playwright/test";

/**
 * Fills one provider's card on the page already open (/connections or /admin/connections) — each
 * field by its exact label — and presses "Test and save". The caller asserts the outcome.
 */
export async function saveConnection(page: Page, provider: string, fields: Record<string, string>) {
  const card = page.getByTestId(`connection-${provider}`);
  for (const [label, value] of Object.entries(fields)) await card.getByLabel(label, { exact: true }).fill(value);
  await card.getByRole("button", { name: "Test and save" }).click();
}
