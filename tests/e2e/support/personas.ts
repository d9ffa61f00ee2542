import { request as playwrightRequest, type APIRequestContext, type Browser, type Page } from "@playwright/test";

/** Seeded people the suites sign in as (db/seed.sql). */
export const PEOPLE = {
  executive: "olivia-bennett",
  head: "priya-raman",
  /** Manager of Liam (lead) → Chloe, Ethan; and Noah, Mia → Zara, Kai. */
  manager: "daniel-costa",
  lead: "liam-murphy",
  /** Reports to Liam; sees only themself. */
  employee: "ethan-brown",
  /** Outside Daniel's subtree. */
  outsider: "ava-jones",
} as const;

export const PORTAL_USERS = {
  /** Harbour & Co (company A). */
  companyA: { email: "rachel@harbourco.com.au", companyId: "co-harbour-co", name: "Harbour & Co" },
  /** Greenleaf Energy (company B). */
  companyB: { email: "sam@greenleafenergy.com.au", companyId: "co-greenleaf", name: "Greenleaf Energy" },
} as const;

export function baseURL() {
  return `http://127.0.0.1:${process.env.E2E_PORT}`;
}

/**
 * Development sign-in through the real form post; the context keeps the session cookie.
 * `base` is the app the context points at (a suite's own instance, see own-app.ts).
 */
export async function signInRequest(request: APIRequestContext, personId: string, base = baseURL()) {
  const response = await request.post("/dev/login", {
    form: { personId, redirectTo: "/" },
    headers: { Origin: base },
    maxRedirects: 0,
  });
  if (response.status() !== 302) throw new Error(`dev sign-in as ${personId} failed: ${response.status()}`);
}

export async function signInPage(page: Page, personId: string) {
  await page.goto("/dev/login");
  await page.locator(`form:has(input[name="personId"][value="${personId}"]) button`).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/dev/login"));
}

/** A fresh API context (own cookie jar) signed in as a person, or anonymous when null. */
export async function employeeContext(personId: string | null, base = baseURL()) {
  const context = await playwrightRequest.newContext({ baseURL: base });
  if (personId) await signInRequest(context, personId, base);
  return context;
}

/**
 * A page in a fresh browser context (own cookies) signed in as a person. Options not given keep
 * Playwright's defaults for `browser.newContext` (the shared e2e server); pass `baseURL` to talk to
 * a suite's own instance (own-app.ts). Close it with `page.context().close()`.
 */
export async function pageAs(browser: Browser, personId: string, options: { baseURL?: string; javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signInPage(page, personId);
  return page;
}

/**
 * Portal sign-in through the real flow: request a magic link, read it from the development
 * mailbox (signed in as an executive there), open it and confirm.
 */
export async function portalSignInRequest(request: APIRequestContext, email: string) {
  const asked = await request.post("/portal/login", { form: { email }, headers: { Origin: baseURL() }, maxRedirects: 0 });
  if (asked.status() >= 400) throw new Error(`magic link request failed: ${asked.status()}`);
  const mailbox = await request.get(`/dev/mailbox?to=${encodeURIComponent(email)}&format=json`);
  const messages = (await mailbox.json()) as { text_body: string }[];
  const link = messages[0]?.text_body.match(/https?:\/\/\S+\/portal\/magic\/\S+/)?.[0];
  if (!link) throw new Error("no magic link in the development mailbox");
  const path = new URL(link).pathname;
  const confirmed = await request.post(path, { headers: { Origin: baseURL() }, maxRedirects: 0 });
  if (confirmed.status() !== 302) throw new Error(`magic link sign-in failed: ${confirmed.status()}`);
}

export async function portalContext(email: string) {
  const context = await playwrightRequest.newContext({ baseURL: baseURL() });
  await portalSignInRequest(context, email);
  return context;
}
