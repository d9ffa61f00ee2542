import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { baseURL, employeeContext, PEOPLE, PORTAL_USERS, portalContext, signInPage } from "./support/personas";

/** The path of the newest /portal/<kind>/<token> link mailed to `email` (development mailbox). */
async function mailedLink(request: APIRequestContext, email: string, kind: "accept" | "magic") {
  const response = await request.get(`/dev/mailbox?to=${encodeURIComponent(email)}&format=json`);
  expect(response.ok()).toBe(true);
  const messages = (await response.json()) as { text_body: string }[];
  const url = messages[0]?.text_body.match(new RegExp(`https?://\\S+/portal/${kind}/\\S+`))?.[0];
  expect(url, `a ${kind} link mailed to ${email}`).toBeTruthy();
  expect(url!.startsWith(baseURL())).toBe(true); // absolute, on APP_URL
  return new URL(url!).pathname;
}

async function inviteContact(page: Page, companyId: string, contactLabel: RegExp) {
  await signInPage(page, PEOPLE.executive);
  await page.goto(`/admin/portal?company=${companyId}`);
  const form = page.locator("form", { has: page.getByRole("button", { name: "Send invitation" }) });
  await form.getByLabel(/^Contact at/).selectOption({ label: (await optionLabel(page, contactLabel))! });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status")).toContainText("Invitation created for");
}

async function optionLabel(page: Page, label: RegExp) {
  const options = await page.getByLabel(/^Contact at/).locator("option").allTextContents();
  return options.find((o) => label.test(o));
}

async function signInByMagicLink(page: Page, email: string) {
  await page.goto("/portal/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto(await mailedLink(page.request, email, "magic"));
  await expect(page.getByRole("heading", { name: "Continue to the portal" })).toBeVisible();
  await page.getByRole("button", { name: "Continue to the portal" }).click();
  await expect(page).toHaveURL(/\/portal$/);
}

test.describe("client portal", () => {
  test("an executive invites a contact, who accepts, signs out, signs in by magic link and sees only their company", async ({ page, browser }) => {
    const problems: string[] = [];
    const watch = (p: Page) => {
      p.on("console", (m) => {
        // Benign: the deliberate 404 below logs a failed resource load, and navigating away while
        // Remix's lazy route discovery is fetching aborts that fetch. Anything else is a bug.
        const benign = m.text().includes("404") || m.text().startsWith("Failed to fetch manifest patches");
        if (m.type() === "error" && !benign) problems.push(m.text());
      });
      p.on("pageerror", (e) => problems.push(e.message));
    };
    watch(page);
    await inviteContact(page, "co-brightpath", /Maya Singh/);
    await expect(page.getByTestId("portal-invitations")).toContainText("maya@brightpath.edu.au");
    await expect(page.getByTestId("portal-invitations")).toContainText("pending");

    const invitee = await browser.newContext();
    const client = await invitee.newPage();
    watch(client);
    const acceptPath = await mailedLink(client.request, "maya@brightpath.edu.au", "accept");
    await client.goto(acceptPath);
    await expect(client.getByRole("heading", { name: "Join the BrightPath Education client portal" })).toBeVisible();
    await client.getByRole("button", { name: "Confirm and open the portal" }).click();
    await expect(client).toHaveURL(/\/portal$/);
    await expect(client.getByTestId("portal-company")).toHaveText("BrightPath Education");
    // The link was single use.
    expect((await client.request.get(acceptPath)).status()).toBe(404);

    await client.getByRole("button", { name: "Sign out" }).click();
    await expect(client).toHaveURL(/\/portal\/login$/);
    await client.goto("/portal");
    await expect(client).toHaveURL(/\/portal\/login$/);

    await signInByMagicLink(client, "maya@brightpath.edu.au");
    await expect(client.getByTestId("portal-company")).toHaveText("BrightPath Education");
    const contacts = client.getByTestId("portal-contacts");
    await expect(contacts).toContainText("Maya Singh");
    await expect(contacts.locator("tbody tr")).toHaveCount(1);
    await expect(client.getByTestId("account-manager")).toContainText("Tom Fletcher");
    await expect(client.locator("body")).not.toContainText("Harbour");
    await expect(client.locator("body")).not.toContainText("Greenleaf");
    await client.getByRole("link", { name: "Maya Singh" }).click();
    await expect(client.getByRole("heading", { name: "Maya Singh" })).toBeVisible();
    // Another company's contact does not exist for her.
    const other = await client.goto("/portal/contacts/ct-rachel-green");
    expect(other?.status()).toBe(404);
    await expect(client.getByTestId("portal-company")).toHaveText("BrightPath Education"); // still the portal frame
    await expect(client.getByRole("link", { name: "Back to the portal home" })).toBeVisible();
    await invitee.close();

    // Back on the employee side: accepted, and the inviter was notified.
    await page.goto("/admin/portal?company=co-brightpath");
    await expect(page.getByTestId("portal-invitations")).toContainText("accepted");
    await expect(page.getByTestId("portal-users")).toContainText("maya@brightpath.edu.au");
    expect(problems).toEqual([]);
  });

  test("a portal user of company A gets 404 for company B's contact", async () => {
    const portal = await portalContext(PORTAL_USERS.companyA.email);
    const home = await portal.get("/portal");
    expect(home.status()).toBe(200);
    const html = await home.text();
    expect(html).toContain(PORTAL_USERS.companyA.name.replace("&", "&amp;"));
    expect(html).not.toContain(PORTAL_USERS.companyB.name);
    expect((await portal.get("/portal/contacts/ct-ben-cooper")).status()).toBe(200);
    expect((await portal.get("/portal/contacts/ct-sam-oconnor")).status()).toBe(404);
    expect((await portal.get("/portal/contacts/ct-nina-park")).status()).toBe(404);
    await portal.dispose();
  });

  test("an employee cookie does not open the portal, and a portal cookie does not open the app", async ({ page }) => {
    const employee = await employeeContext(PEOPLE.executive);
    const asEmployee = await employee.get("/portal", { maxRedirects: 0 });
    expect(asEmployee.status()).toBe(302);
    expect(asEmployee.headers()["location"]).toBe("/portal/login");
    await employee.dispose();

    const portal = await portalContext(PORTAL_USERS.companyB.email);
    for (const path of ["/", "/admin/portal"]) {
      const asClient = await portal.get(path, { maxRedirects: 0 });
      expect(asClient.status(), path).toBe(302);
      expect(new URL(asClient.headers()["location"]!, baseURL()).pathname, path).toBe("/login");
    }
    await portal.dispose();

    await signInPage(page, PEOPLE.executive);
    await page.goto("/portal");
    await expect(page).toHaveURL(/\/portal\/login$/);
  });

  test("a sign-in request for an unknown address gets the same answer and sends nothing", async ({ page }) => {
    await page.goto("/portal/login");
    await page.getByLabel("Email address").fill("stranger@example.com");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const mail = await page.request.get("/dev/mailbox?to=stranger%40example.com&format=json");
    expect(await mail.json()).toEqual([]);
  });
});

test.describe("client portal with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("invite by name and email, accept, sign in by magic link; disabling ends the session", async ({ page, browser }) => {
    await signInPage(page, PEOPLE.executive);
    await page.goto("/admin/portal");
    const form = page.locator("form", { has: page.getByRole("button", { name: "Send invitation" }) });
    // Bad input first: inline errors, nothing sent.
    await form.getByLabel("Company").selectOption({ label: "Kinetic Logistics" });
    await form.getByLabel("Name").fill("Amy Tran");
    await form.getByLabel("Email").fill("not-an-email");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByText("Enter a valid email address")).toBeVisible();
    await form.getByLabel("Company").selectOption({ label: "Kinetic Logistics" });
    await form.getByLabel("Name").fill("Amy Tran");
    await form.getByLabel("Email").fill("amy.tran@kineticlogistics.com");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("status")).toContainText("Invitation created for amy.tran@kineticlogistics.com");

    const invitee = await browser.newContext({ javaScriptEnabled: false });
    const client = await invitee.newPage();
    await client.goto(await mailedLink(client.request, "amy.tran@kineticlogistics.com", "accept"));
    await client.getByRole("button", { name: "Confirm and open the portal" }).click();
    await expect(client).toHaveURL(/\/portal$/);
    await expect(client.getByTestId("portal-company")).toHaveText("Kinetic Logistics");
    await client.getByRole("button", { name: "Sign out" }).click();
    await expect(client).toHaveURL(/\/portal\/login$/);

    await signInByMagicLink(client, "amy.tran@kineticlogistics.com");
    await expect(client.getByTestId("portal-company")).toHaveText("Kinetic Logistics");
    await expect(client.getByTestId("account-manager")).toContainText("Daniel Costa");

    // The executive disables her: her open session ends at once.
    await page.goto("/admin/portal?company=co-kinetic");
    await page.getByRole("button", { name: "Disable amy.tran@kineticlogistics.com" }).click();
    await expect(page.getByRole("status")).toContainText("can no longer sign in");
    await client.goto("/portal");
    await expect(client).toHaveURL(/\/portal\/login$/);
    await invitee.close();
  });
});
