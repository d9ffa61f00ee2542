import { expect, test, type Page } from "@playwright/test";
import { PEOPLE, signInPage } from "./support/personas";

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

async function uploadCsv(page: Page, kind: "companies" | "contacts", csv: string) {
  await page.goto("/companies/import");
  await page.setInputFiles('input[name="file"]', { name: `${kind}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("radio", { name: new RegExp(`^${kind}`, "i") }).check();
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page.getByRole("form", { name: "Map columns" })).toBeVisible();
}

test.describe("CRM: a company group, contacts, import, communications and life events", () => {
  test("create a group with a subsidiary, add a contact, import contacts, log a call, add a life event", async ({ page }) => {
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    // React errors (hydration mismatches, server-only imports used in components) show up here.
    page.on("console", (m) => {
      // ("Failed to fetch manifest patches" is Remix's route discovery cut short by a navigation.)
      if (m.type() === "error" && /React|TypeError|is not a function/.test(m.text()) && !/manifest patches/.test(m.text())) problems.push(m.text());
    });
    await signInPage(page, PEOPLE.executive);

    // A group and its subsidiary.
    await page.goto("/companies/new");
    await page.getByLabel("Name").fill("Tidewater Group");
    await page.getByLabel("Domain").fill("tidewater.com.au");
    await page.getByLabel("Industry").fill("Maritime");
    await page.getByLabel("Account manager").selectOption({ label: "Tom Fletcher" });
    await page.getByRole("button", { name: "Create company" }).click();
    await expect(page.getByRole("heading", { name: "Tidewater Group" })).toBeVisible();
    await expect(page.getByTestId("notice")).toHaveText("Company created.");

    await page.getByRole("link", { name: "Add subsidiary" }).click();
    await expect(page.getByLabel("Parent company (group)")).toHaveValue(/.+/);
    await page.getByLabel("Name").fill("Tidewater Marine");
    await page.getByLabel("Domain").fill("https://www.TidewaterMarine.com.au/about");
    await page.getByRole("button", { name: "Create company" }).click();
    await expect(page.getByRole("heading", { name: "Tidewater Marine" })).toBeVisible();
    await expect(page.getByTestId("group-path")).toContainText("Tidewater Group");
    await expect(page.getByText("tidewatermarine.com.au").first()).toBeVisible();
    const marineUrl = page.url();

    // A primary contact at the subsidiary.
    await page.getByRole("link", { name: "Add contact" }).click();
    await page.getByLabel("First name").fill("Mara");
    await page.getByLabel("Last name").fill("Quinn");
    await page.getByLabel("Email").fill("mara@tidewatermarine.com.au");
    await page.getByLabel("Role").fill("Marketing Manager");
    await page.getByLabel(/Primary contact for the company/).check();
    await page.getByRole("button", { name: "Create contact" }).click();
    await expect(page.getByRole("heading", { name: "Mara Quinn" })).toBeVisible();
    await expect(page.getByText("Primary contact")).toBeVisible();
    const maraUrl = page.url().split("?")[0]!;

    // The group rolls up its subsidiary's contacts.
    await page.getByRole("link", { name: "Tidewater Marine" }).click();
    await page.getByTestId("group-path").getByRole("link", { name: "Tidewater Group" }).click();
    await expect(page.getByTestId("rollup-subsidiaries")).toHaveText("1");
    await expect(page.getByTestId("rollup-contacts")).toHaveText("1");

    // Import a contacts file with a duplicate and bad rows: nothing is written.
    const bad = [
      "Email,First name,Last name,Role,Company domain,Company",
      "mara@tidewatermarine.com.au,Mara,Quinn,Head of Marketing,tidewatermarine.com.au,Tidewater Marine",
      "ivo@tidewater.com.au,Ivo,Tan,CFO,tidewater.com.au,Tidewater Group",
      "IVO@tidewater.com.au,Ivo,Tan,CFO,tidewater.com.au,Tidewater Group",
      "not-an-email,Bad,Row,,tidewater.com.au,",
      "noor@harbourpilots.com.au,,Haddad,Pilot,harbourpilots.com.au,Harbour Pilots",
    ].join("\r\n");
    await uploadCsv(page, "contacts", bad);
    await expect(page.getByLabel("Email (dedupe key)")).toHaveValue("0");
    await expect(page.getByLabel("Company domain")).toHaveValue("4");
    await page.getByRole("button", { name: "Preview import" }).click();
    await expect(page.getByTestId("import-summary")).toContainText("5 rows: 1 to create, 1 to update, 1 to skip, 2 with errors");
    await expect(page.getByTestId("import-blocked")).toBeVisible();
    await expect(page.getByRole("table", { name: "Rows with errors" })).toContainText('"not-an-email" is not an email address');
    await expect(page.getByRole("table", { name: "Rows with errors" })).toContainText("First name is empty");
    await expect(page.getByRole("table", { name: "Preview" })).toContainText("Duplicate of row 2 in this file");
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download error report (CSV)" }).click();
    const report = await download;
    expect(report.suggestedFilename()).toMatch(/^import-report-.*\.csv$/);
    await page.getByRole("button", { name: /Try to import anyway/ }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Nothing was imported: 2 rows have errors" })).toBeVisible();
    await page.goto("/contacts?q=ivo");
    await expect(page.getByTestId("result-count")).toHaveText("0 contacts");
    await page.goto(maraUrl);
    await expect(page.getByText("Marketing Manager").first()).toBeVisible();

    // Fixed file: imported in full.
    const fixed = bad.split("\r\n").filter((line) => !line.startsWith("not-an-email") && !line.startsWith("noor@")).join("\r\n");
    await uploadCsv(page, "contacts", fixed);
    await page.getByRole("button", { name: "Preview import" }).click();
    await expect(page.getByTestId("import-summary")).toContainText("3 rows: 1 to create, 1 to update, 1 to skip, 0 with errors");
    await page.getByRole("button", { name: "Import 2 rows" }).click();
    await expect(page.getByTestId("import-done")).toHaveText("1 created, 1 updated, 1 skipped.");
    await page.goto("/contacts?q=ivo");
    await expect(page.getByTestId("result-count")).toHaveText("1 contact");
    await page.goto(maraUrl);
    await expect(page.getByText("Head of Marketing").first()).toBeVisible();

    // Log a call from the overview.
    await page.getByRole("form", { name: "Log a call" }).getByLabel("Subject").fill("Kickoff call");
    await page.getByRole("form", { name: "Log a call" }).getByLabel("Summary").fill("Agreed on a February launch.");
    await page.getByRole("button", { name: "Log call" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Communication logged.");
    await expect(page.getByTestId("communication").first()).toContainText("Kickoff call");
    await page.goto(marineUrl + "?tab=communications");
    await expect(page.getByTestId("company-communications")).toContainText("Kickoff call");

    // A life event raises a reminder that shows in the action centre.
    await page.goto(`${maraUrl}?tab=life-events`);
    await page.getByLabel("Kind").selectOption({ label: "Promotion" });
    await page.getByLabel("Date").fill(tomorrow());
    await page.getByLabel("Title").fill("Promoted to Head of Marketing");
    await page.getByRole("button", { name: "Add life event" }).click();
    await expect(page.getByTestId("notice")).toContainText("Its reminder is on the Overview and in the action centre");
    await expect(page.getByTestId("life-event")).toContainText(`Reminder due ${tomorrow()}`);
    await page.goto("/action-centre?tab=relationship");
    await expect(page.getByTestId("action-item").filter({ hasText: "Congratulate Mara Quinn: Promoted to Head of Marketing" })).toBeVisible();

    // The contact's timeline merges all of it, newest first.
    await page.goto(`${maraUrl}?tab=timeline`);
    const kinds = await page.getByTestId("timeline-entry").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-kind")));
    expect(kinds).toEqual(expect.arrayContaining(["life_event", "communication", "history"]));
    expect(problems).toEqual([]);
  });

  test("a rule-based draft is labelled, saved and marked as sent", async ({ page }) => {
    await signInPage(page, PEOPLE.manager);
    await page.goto("/contacts/ct-peter-nolan?tab=messages");
    await page.getByRole("button", { name: "Draft with AI" }).click();
    await expect(page.getByTestId("draft-label")).toContainText("Rule-based draft");
    await expect(page.getByRole("textbox", { name: "Message" })).toHaveValue(/^Hi Peter,/);
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Draft saved.");
    await expect(page.getByTestId("message").first()).toContainText("Rule-based draft");
    await page.getByRole("button", { name: "Mark as sent" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Marked as sent and logged in communications.");
    await expect(page.getByTestId("message").first()).toHaveAttribute("data-status", "sent");
  });
});

test("every CRM page and tab renders and hydrates without client errors", async ({ page }) => {
  test.setTimeout(90_000);
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => {
    // Hydration mismatches and server-only code reaching the client show up as React/TypeErrors.
    if (m.type() === "error" && /React|TypeError|is not a function|hydrat/i.test(m.text()) && !/manifest patches/.test(m.text())) problems.push(`${page.url()}: ${m.text()}`);
  });
  await signInPage(page, PEOPLE.executive);
  const paths = [
    "/companies", "/companies?sort=created&parent=no", "/companies/new", "/companies/import", "/contacts", "/contacts?company=co-harbour-co",
    "/contacts/new", "/relationships", "/relationships/lead-scans", "/companies/co-harbour-co/edit", "/contacts/ct-rachel-green/edit",
    ...["overview", "contacts", "communications", "notes", "history", "timeline"].map((t) => `/companies/co-harbour-co?tab=${t}`),
    ...["overview", "communications", "relationship", "life-events", "partners", "messages", "notes", "history", "timeline"].map((t) => `/contacts/ct-jess-lowe?tab=${t}`),
  ];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");
  }
  expect(problems).toEqual([]);
});

test.describe("CRM without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("field errors, a company edit with history, a call and a reminder all work as plain form posts", async ({ page }) => {
    await signInPage(page, PEOPLE.manager);
    await page.goto("/companies/new");
    await page.getByLabel("Name").fill("Harbour Duplicate");
    await page.getByLabel("Domain").fill("https://www.HARBOURCO.com.au");
    await page.getByRole("button", { name: "Create company" }).click();
    await expect(page.getByText("Another company already uses this domain")).toBeVisible();
    await page.getByLabel("Domain").fill("harbourduplicate.com.au");
    await page.getByRole("button", { name: "Create company" }).click();
    await expect(page.getByRole("heading", { name: "Harbour Duplicate" })).toBeVisible();

    // Move Harbour & Co into the new group (its own subsidiaries are not offered as parents).
    await page.goto("/companies/co-harbour-co/edit");
    await page.getByLabel("Parent company (group)").selectOption({ label: "Harbour Duplicate (harbourduplicate.com.au)" });
    await page.getByLabel("Industry").fill("Retail & Lifestyle");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Changes saved.");
    await page.goto("/companies/co-harbour-co?tab=history");
    await expect(page.getByTestId("history-entry").first()).toContainText("Retail & Lifestyle");
    await expect(page.getByTestId("history-change").filter({ hasText: "Industry" })).toContainText("Retail");

    // A call without JavaScript.
    await page.goto("/contacts/ct-tim-baker");
    await page.getByRole("form", { name: "Log a call" }).getByLabel("Subject").fill("No-JS call");
    await page.getByRole("button", { name: "Log call" }).click();
    await expect(page.getByText("Communication logged.")).toBeVisible();
    await expect(page.getByTestId("communication").first()).toContainText("No-JS call");

    // The whole import (upload → map → preview → confirm) without JavaScript.
    await uploadCsv(page, "companies", "Company,Domain,Industry\nNo Script Co,noscript.com.au,Software\nHarbour & Co,harbourco.com.au,Retail");
    await expect(page.getByLabel("Name *")).toHaveValue("0");
    await page.getByRole("radio", { name: "Skip the row" }).check();
    await page.getByRole("button", { name: "Preview import" }).click();
    await expect(page.getByTestId("import-summary")).toContainText("2 rows: 1 to create, 0 to update, 1 to skip, 0 with errors");
    await page.getByRole("button", { name: "Import 1 row" }).click();
    await expect(page.getByTestId("import-done")).toHaveText("1 created, 0 updated, 1 skipped.");
    await page.goto("/companies?q=noscript");
    await expect(page.getByTestId("result-count")).toHaveText("1 company");

    // Reminders on /relationships can be closed without JavaScript.
    await page.goto("/relationships");
    const reminder = page.getByTestId("upcoming-action").filter({ hasText: "Congratulate Jess Lowe" });
    await expect(reminder).toBeVisible();
    await reminder.getByRole("button", { name: /Mark done/ }).click();
    await expect(page.getByText("Reminder done.")).toBeVisible();
    await expect(page.getByTestId("upcoming-action").filter({ hasText: "Congratulate Jess Lowe" })).toHaveCount(0);
  });
});
