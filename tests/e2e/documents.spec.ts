import { expect, test, type Page } from "@playwright/test";
import { employeeContext, PEOPLE, signInPage } from "./support/personas";

const PDF = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

async function uploadVia(page: Page, personId: string, file: { name: string; mimeType: string; buffer: Buffer }, category = "visa") {
  await page.goto(`/documents?person=${personId}`);
  await page.getByLabel("File").setInputFiles(file);
  await page.getByLabel("Category").selectOption(category);
  await page.getByRole("button", { name: "Upload" }).click();
}

test.describe("HR documents", () => {
  test("an executive uploads a document for a person and downloads the same bytes", async ({ page }) => {
    const name = `Kai visa ${Date.now()}`;
    await signInPage(page, PEOPLE.executive);
    await page.goto("/documents?person=kai-robinson");
    await expect(page.getByRole("heading", { name: "HR documents: Kai Robinson" })).toBeVisible();
    await page.getByLabel("File").setInputFiles({ name: "visa-grant.pdf", mimeType: "application/pdf", buffer: PDF });
    await page.getByLabel("Category").selectOption("visa");
    await page.getByLabel(/^Name/).fill(name);
    await page.getByLabel(/^Expiry date/).fill("2030-01-31");
    await page.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByRole("status")).toHaveText("Uploaded.");
    const row = page.getByTestId("document-row").filter({ hasText: name });
    await expect(row).toContainText("Visa");
    await expect(row).toContainText("Expires 2030-01-31");

    const downloading = page.waitForEvent("download");
    await row.getByRole("link", { name: /Download/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("visa-grant.pdf");
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(PDF)).toBe(true);
  });

  test("a file over 10 MB is refused with a clear message and nothing is stored", async ({ page }) => {
    await signInPage(page, PEOPLE.executive);
    await page.goto("/documents?person=kai-robinson");
    const before = await page.getByTestId("document-row").count();
    const big = Buffer.alloc(11 * 1024 * 1024);
    PDF.copy(big);
    await uploadVia(page, "kai-robinson", { name: "huge-scan.pdf", mimeType: "application/pdf", buffer: big });
    await expect(page.getByRole("alert")).toContainText("10 MB");
    await page.goto("/documents?person=kai-robinson");
    await expect(page.getByTestId("document-row")).toHaveCount(before);
    await expect(page.getByText("huge-scan.pdf")).toHaveCount(0);
  });

  test("a manager gets a 404 for a document outside their scope, and the file for one inside it", async ({ page }) => {
    await signInPage(page, PEOPLE.executive);
    await uploadVia(page, PEOPLE.outsider, { name: "ava-policy.pdf", mimeType: "application/pdf", buffer: PDF }, "policy");
    await expect(page.getByRole("status")).toHaveText("Uploaded.");
    const outside = await page.getByTestId("document-row").filter({ hasText: "ava-policy.pdf" }).getByRole("link", { name: /Download/ }).getAttribute("href");
    await uploadVia(page, "kai-robinson", { name: "kai-contract.pdf", mimeType: "application/pdf", buffer: PDF }, "employment_agreement");
    const inside = await page.getByTestId("document-row").filter({ hasText: "kai-contract.pdf" }).first().getByRole("link", { name: /Download/ }).getAttribute("href");

    const manager = await employeeContext(PEOPLE.manager);
    const denied = await manager.get(outside!);
    expect(denied.status()).toBe(404);
    const allowed = await manager.get(inside!);
    expect(allowed.status()).toBe(200);
    expect(allowed.headers()["content-disposition"]).toMatch(/^attachment;/);
    expect(allowed.headers()["x-content-type-options"]).toBe("nosniff");
    expect(Buffer.from(await allowed.body()).equals(PDF)).toBe(true);
    const employee = await employeeContext(PEOPLE.employee);
    expect((await employee.get(inside!)).status()).toBe(404);
    await Promise.all([manager.dispose(), employee.dispose()]);
  });
});

test.describe("HR documents without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("a disallowed type (.exe) is refused with a clear message", async ({ page }) => {
    await signInPage(page, PEOPLE.executive);
    await uploadVia(page, "kai-robinson", { name: "setup.exe", mimeType: "application/x-msdownload", buffer: Buffer.from("MZ\x90\x00binary") });
    await expect(page.getByRole("alert")).toContainText("Only PDF, DOC, DOCX, XLS, XLSX, JPEG or PNG files can be uploaded (this one is .exe).");
    await page.goto("/documents?person=kai-robinson");
    await expect(page.getByText("setup.exe")).toHaveCount(0);
  });

  test("a file over 10 MB is refused as a plain form post too", async ({ page }) => {
    await signInPage(page, PEOPLE.executive);
    const big = Buffer.alloc(11 * 1024 * 1024);
    PDF.copy(big);
    await uploadVia(page, "kai-robinson", { name: "huge-nojs.pdf", mimeType: "application/pdf", buffer: big });
    await expect(page.getByRole("alert")).toContainText("larger than the 10 MB limit");
  });
});
