import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { PEOPLE, signInPage } from "./support/personas";

/** Signing-link paths mailed to `email` (development mailbox), newest first. */
async function mailedSignLinks(request: APIRequestContext, email: string) {
  const response = await request.get(`/dev/mailbox.json?to=${encodeURIComponent(email)}`);
  expect(response.ok()).toBe(true);
  const messages = (await response.json()) as { text_body: string }[];
  return messages.map((m) => m.text_body.match(/https?:\/\/\S+\/sign\/[A-Za-z0-9_-]{43}/)?.[0]).filter(Boolean).map((u) => new URL(u!).pathname);
}

async function createAndSend(page: Page, title: string, client: { name: string; email: string }, agency: { name: string; email: string }) {
  await signInPage(page, PEOPLE.executive);
  await page.goto("/contracts/new");
  await page.getByLabel("Template").selectOption({ label: "Master services agreement" });
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Company").selectOption({ label: "Harbour & Co" });
  await page.getByLabel("Value").fill("36,000");
  await page.getByLabel("Client signatory: name").fill(client.name);
  await page.getByLabel("Client signatory: email").fill(client.email);
  await page.getByLabel("Agency signatory: name").fill(agency.name);
  await page.getByLabel("Agency signatory: email").fill(agency.email);
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByTestId("notice")).toContainText("Draft created");
  const contractPath = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Send for signature" }).click();
  await expect(page.getByTestId("notice")).toContainText(`${client.name} has been emailed a signing link`);
  return contractPath;
}

test.describe("contracts with JavaScript", () => {
  test("two signers sign in order (typed, then drawn); the owner downloads the signed PDF; a tampered link is a 404", async ({ page, browser }) => {
    test.setTimeout(90_000);
    const stamp = Date.now();
    const client = { name: "Casey Client", email: `casey.${stamp}@harbourco.com.au` };
    const agency = { name: "Alex Agency", email: `alex.${stamp}@dotcollective.com.au` };
    const contractPath = await createAndSend(page, `Harbour MSA ${stamp}`, client, agency);

    const [firstLink] = await mailedSignLinks(page.request, client.email);
    expect(firstLink).toBeTruthy();
    expect(await mailedSignLinks(page.request, agency.email)).toEqual([]);

    // A tampered token reveals nothing.
    const tampered = firstLink!.slice(0, -1) + (firstLink!.endsWith("A") ? "B" : "A");
    const outsider = await browser.newContext();
    const probe = await outsider.newPage();
    expect((await probe.goto(tampered))!.status()).toBe(404);

    // First signer: typed signature.
    const signer1 = await outsider.newPage();
    await signer1.goto(firstLink!);
    await expect(signer1.getByRole("heading", { name: `Harbour MSA ${stamp}` })).toBeVisible();
    await expect(signer1.getByText("You are signing as")).toContainText("Client signatory");
    await expect(signer1.getByTestId("page-preview")).toContainText("Client signature");
    await signer1.getByLabel("Type your full name to sign").fill(client.name);
    await signer1.getByLabel(/I am authorised to sign for the client/).check();
    await signer1.getByLabel(/agree to sign it electronically/).check();
    await signer1.getByRole("button", { name: "Sign the document" }).click();
    await expect(signer1.getByRole("heading", { name: "Thank you for signing" })).toBeVisible();
    expect((await signer1.goto(firstLink!))!.status()).toBe(404); // used

    // Only now is the second signer emailed.
    const [secondLink] = await mailedSignLinks(page.request, agency.email);
    expect(secondLink).toBeTruthy();

    // Second signer: drawn on the canvas with the mouse.
    const signer2Context = await browser.newContext();
    const signer2 = await signer2Context.newPage();
    await signer2.goto(secondLink!);
    await expect(signer2.getByText("You are signing as")).toContainText("Agency signatory");
    await signer2.getByRole("button", { name: "Draw" }).click();
    const canvas = signer2.getByTestId("signature-canvas");
    const box = (await canvas.boundingBox())!;
    await signer2.mouse.move(box.x + 20, box.y + box.height * 0.7);
    await signer2.mouse.down();
    for (let i = 1; i <= 12; i++) await signer2.mouse.move(box.x + 20 + i * 25, box.y + box.height * (i % 2 ? 0.3 : 0.7), { steps: 2 });
    await signer2.mouse.up();
    await expect(signer2.getByText("Signature captured.")).toBeVisible();
    await signer2.getByLabel(/agree to sign it electronically/).check();
    await signer2.getByRole("button", { name: "Sign the document" }).click();
    await expect(signer2.getByRole("heading", { name: "Everyone has signed" })).toBeVisible();

    // The owner sees it completed, with the audit trail, and downloads the signed PDF.
    await page.goto(contractPath);
    await expect(page.getByText("Completed").first()).toBeVisible();
    await expect(page.getByTestId("signer-row")).toHaveCount(2);
    await expect(page.getByTestId("signer-row").nth(1)).toContainText("Signed");
    const href = await page.getByTestId("download-completed").getAttribute("href");
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const body = await pdf.body();
    expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(body.length).toBeGreaterThan(3000);
    await outsider.close();
    await signer2Context.close();
  });
});

test.describe("contracts without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a signer signs by typing (with inline errors first), the next declines with a reason", async ({ page, browser }) => {
    test.setTimeout(90_000);
    const stamp = Date.now();
    const client = { name: "Robin Client", email: `robin.${stamp}@harbourco.com.au` };
    const agency = { name: "Jo Agency", email: `jo.${stamp}@dotcollective.com.au` };
    const contractPath = await createAndSend(page, `Harbour no-JS MSA ${stamp}`, client, agency);

    const [firstLink] = await mailedSignLinks(page.request, client.email);
    const anon = await browser.newContext({ javaScriptEnabled: false });
    const signer = await anon.newPage();
    await signer.goto(firstLink!);
    await expect(signer.getByRole("button", { name: "Draw" })).toHaveCount(0); // typed only without JS
    await signer.getByRole("button", { name: "Sign the document" }).click();
    await expect(signer.getByText("Type your full name or draw your signature.")).toBeVisible();
    await expect(signer.getByText("Confirm that you agree to sign electronically.")).toBeVisible();
    await signer.getByLabel("Type your full name to sign").fill(client.name);
    await signer.getByLabel(/I am authorised to sign for the client/).check();
    await signer.getByLabel(/agree to sign it electronically/).check();
    await signer.getByRole("button", { name: "Sign the document" }).click();
    await expect(signer.getByRole("heading", { name: "Thank you for signing" })).toBeVisible();

    const [secondLink] = await mailedSignLinks(page.request, agency.email);
    const second = await anon.newPage();
    await second.goto(secondLink!);
    await second.getByText("Decline to sign").click();
    await second.getByLabel("Reason (the sender will see it)").fill("Waiting on legal review of clause 6");
    await second.getByRole("button", { name: "Decline" }).click();
    await expect(second.getByRole("heading", { name: "You declined to sign" })).toBeVisible();
    expect((await second.goto(secondLink!))!.status()).toBe(404);

    await page.goto(contractPath);
    await expect(page.getByTestId("signer-row").nth(1)).toContainText("Waiting on legal review of clause 6");
    await expect(page.getByText("Declined").first()).toBeVisible();
    await anon.close();
  });
});
