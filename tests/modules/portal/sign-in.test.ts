import { describe, expect, it } from "vitest";
import { action as loginAction, loader as loginLoader } from "~/routes/portal+/login";
import { action as magicAction, loader as magicLoader } from "~/routes/portal+/magic.$token";
import { action as logoutAction } from "~/routes/portal+/logout";
import { sha256 } from "~/platform/crypto.server";
import { getPortalViewer } from "~/platform/portal-session.server";
import { setupTestDb } from "../../support/d1";
import { ORIGIN, portalCookie, statusOf } from "../../support/requests";
import { cookieOf, formPost, latestLink, responseOf } from "./helpers";

const db = setupTestDb({ seed: true });
const RACHEL = "rachel@harbourco.com.au";
const query = () => db.context().db.query;

async function askForLink(email: string, ip = "203.0.113.7") {
  const context = db.context();
  return responseOf(() => loginAction({ request: formPost("/portal/login", { email }, { "CF-Connecting-IP": ip }), context, params: {} }));
}

async function showLink(token: string) {
  const context = db.context();
  return responseOf(() => magicLoader({ request: new Request(`${ORIGIN}/portal/magic/${token}`), context, params: { token } }));
}

async function useLink(token: string) {
  const context = db.context();
  return responseOf(() => magicAction({ request: formPost(`/portal/magic/${token}`), context, params: { token } }));
}

describe("asking for a magic link (POST /portal/login)", () => {
  it("answers exactly the same for an active user, an unknown address and a disabled user", async () => {
    await db.exec("UPDATE portal_users SET status = 'disabled' WHERE id = 'pu-sam-oconnor';");
    const known = await askForLink(RACHEL);
    const unknown = await askForLink("nobody@harbourco.com.au");
    const disabled = await askForLink("sam@greenleafenergy.com.au");
    expect(known).toEqual({ status: 200, data: { ok: true, email: RACHEL } });
    expect(unknown).toEqual({ status: 200, data: { ok: true, email: "nobody@harbourco.com.au" } });
    expect(disabled).toEqual({ status: 200, data: { ok: true, email: "sam@greenleafenergy.com.au" } });
    // Only the active user got a link.
    const mail = await query().selectFrom("mail_outbox").select("to_address").execute();
    expect(mail).toEqual([{ to_address: RACHEL }]);
    expect(await query().selectFrom("portal_magic_links").select("portal_user_id").execute()).toEqual([{ portal_user_id: "pu-rachel-green" }]);
  });

  it("emails an absolute link on its own, and stores only the token's hash, valid for 15 minutes", async () => {
    await askForLink("  Rachel@HarbourCo.com.au ");
    const link = (await latestLink(db.context(), RACHEL, "magic"))!;
    expect(link.text).toContain(`Sign in: http://localhost:8788/portal/magic/${link.token}\n`);
    const row = await query().selectFrom("portal_magic_links").selectAll().executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(await sha256(link.token));
    expect(JSON.stringify(row)).not.toContain(link.token);
    expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(15 * 60 * 1000);
    // The rate-limit key does not hold the address either.
    const keys = await query().selectFrom("rate_limits").select("key").execute();
    expect(keys.map((k) => k.key).join(" ")).not.toContain("rachel");
  });

  it("rejects a malformed address with 400", async () => {
    const bad = await askForLink("not an email");
    expect(bad.status).toBe(400);
    expect((bad.data as { errors: Record<string, string> }).errors.email).toBeTruthy();
  });

  it("is rate-limited per address (5 per 15 minutes) with 429 and Retry-After", async () => {
    for (let i = 0; i < 5; i++) expect((await askForLink(RACHEL, `198.51.100.${i}`)).status).toBe(200);
    const limited = await askForLink(RACHEL, "198.51.100.99");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers!.get("Retry-After"))).toBeGreaterThan(800);
    expect((limited.data as { errors: { form: string } }).errors.form).toMatch(/Too many sign-in attempts/);
    expect(await query().selectFrom("portal_magic_links").selectAll().execute()).toHaveLength(5);
    // The same answer for an unknown address: the limit says nothing about who exists.
    for (let i = 0; i < 5; i++) await askForLink("ghost@example.com", `192.0.2.${i}`);
    expect((await askForLink("ghost@example.com", "192.0.2.99")).status).toBe(429);
  });

  it("is rate-limited per client IP (30 per 15 minutes)", async () => {
    for (let i = 0; i < 30; i++) expect((await askForLink(`person${i}@example.com`, "203.0.113.50")).status).toBe(200);
    expect((await askForLink(RACHEL, "203.0.113.50")).status).toBe(429);
    expect(await query().selectFrom("portal_magic_links").selectAll().execute()).toEqual([]);
    expect((await askForLink(RACHEL, "203.0.113.51")).status).toBe(200);
  });

  it("sends a signed-in portal user straight to the portal", async () => {
    const context = db.context();
    const request = new Request(`${ORIGIN}/portal/login`, { headers: { Cookie: await portalCookie(context, "pu-rachel-green") } });
    const result = await responseOf(() => loginLoader({ request, context, params: {} }));
    expect(result.status).toBe(302);
    expect(result.response!.headers.get("Location")).toBe("/portal");
  });
});

describe("using a magic link (/portal/magic/<token>)", () => {
  it("GET only shows a button (a prefetch does not use it); POST signs in once", async () => {
    await askForLink(RACHEL);
    const { token } = (await latestLink(db.context(), RACHEL, "magic"))!;
    expect(await showLink(token)).toEqual({ status: 200, data: { email: RACHEL, companyName: "Harbour & Co" } });
    expect(await showLink(token)).toMatchObject({ status: 200 });
    expect((await query().selectFrom("portal_magic_links").select("used_at").executeTakeFirstOrThrow()).used_at).toBeNull();

    const signedIn = await useLink(token);
    expect(signedIn.status).toBe(302);
    expect(signedIn.response!.headers.get("Location")).toBe("/portal");
    const cookie = cookieOf(signedIn.response!);
    const viewer = await getPortalViewer(new Request(`${ORIGIN}/portal`, { headers: { Cookie: cookie } }), db.context());
    expect(viewer).toMatchObject({ portalUserId: "pu-rachel-green", companyId: "co-harbour-co" });

    expect((await useLink(token)).status).toBe(404);
    expect((await showLink(token)).status).toBe(404);
  });

  it("two simultaneous uses sign in once", async () => {
    await askForLink(RACHEL);
    const { token } = (await latestLink(db.context(), RACHEL, "magic"))!;
    const results = await Promise.all([useLink(token), useLink(token), useLink(token)]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 404, 404]);
    expect(await query().selectFrom("portal_sessions").selectAll().execute()).toHaveLength(1);
  });

  it("an expired link, a disabled user's link and an unknown token are 404", async () => {
    await askForLink(RACHEL);
    const { token } = (await latestLink(db.context(), RACHEL, "magic"))!;
    await db.exec("UPDATE portal_magic_links SET expires_at = '2000-01-01T00:00:00Z';");
    expect((await showLink(token)).status).toBe(404);
    expect((await useLink(token)).status).toBe(404);

    await askForLink("sam@greenleafenergy.com.au");
    const sam = (await latestLink(db.context(), "sam@greenleafenergy.com.au", "magic"))!.token;
    await db.exec("UPDATE portal_users SET status = 'disabled' WHERE id = 'pu-sam-oconnor';");
    expect((await showLink(sam)).status).toBe(404);
    expect((await useLink(sam)).status).toBe(404);

    expect((await useLink("A".repeat(43))).status).toBe(404);
    expect((await showLink("not-a-token!")).status).toBe(404);
    expect(await query().selectFrom("portal_sessions").selectAll().execute()).toEqual([]);
  });
});

describe("signing out (POST /portal/logout)", () => {
  it("ends the session server-side and clears the cookie", async () => {
    const cookie = await portalCookie(db.context(), "pu-rachel-green");
    const context = db.context();
    const result = await responseOf(() => logoutAction({ request: formPost("/portal/logout", {}, { Cookie: cookie }), context, params: {} }));
    expect(result.status).toBe(302);
    expect(result.response!.headers.get("Location")).toBe("/portal/login");
    expect(result.response!.headers.get("Set-Cookie")).toMatch(/Max-Age=0/i);
    expect(await getPortalViewer(new Request(`${ORIGIN}/portal`, { headers: { Cookie: cookie } }), db.context())).toBeNull();
    expect(await statusOf(() => logoutAction({ request: formPost("/portal/logout"), context: db.context(), params: {} }))).toBe(302);
  });
});
