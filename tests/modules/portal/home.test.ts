import { describe, expect, it } from "vitest";
import { loader as shellLoader } from "~/routes/portal+/_shell+/_layout";
import { loader as homeLoader } from "~/routes/portal+/_shell+/_index";
import { loader as contactLoader } from "~/routes/portal+/_shell+/contacts.$contactId";
import { loader as dashboardLoader } from "~/routes/_app+/_index";
import { loader as adminPortalLoader } from "~/routes/_app+/admin+/portal";
import { loader as mailboxLoader } from "~/routes/dev+/mailbox";
import { loader as mailboxJsonLoader } from "~/routes/dev+/mailbox[.json]";
import { sendMail } from "~/platform/mail.server";
import { setupTestDb } from "../../support/d1";
import { getAs, ORIGIN, portalCookie, sessionCookie, statusOf } from "../../support/requests";
import { portalGet, responseOf } from "./helpers";

const db = setupTestDb({ seed: true });

type Home = Awaited<ReturnType<typeof homeLoader>>;

async function home(portalUserId: string) {
  const context = db.context();
  const request = await portalGet(context, portalUserId, "/portal");
  const before = context.db.stats.roundTrips;
  const [shell, data] = await Promise.all([shellLoader({ request, context, params: {} }), homeLoader({ request, context, params: {} }) as Promise<Home>]);
  return { shell, data, roundTrips: context.db.stats.roundTrips - before };
}

async function contact(portalUserId: string | null, contactId: string) {
  const context = db.context();
  const request = await portalGet(context, portalUserId, `/portal/contacts/${contactId}`);
  return responseOf(() => contactLoader({ request, context, params: { contactId } }));
}

describe("portal home (/portal)", () => {
  it("shows only the viewer's company: its name, its contacts and its account manager, in ≤ 2 round trips", async () => {
    const rachel = await home("pu-rachel-green");
    expect(rachel.shell).toEqual({ companyName: "Harbour & Co", name: "Rachel Green", email: "rachel@harbourco.com.au" });
    expect(rachel.data.company.name).toBe("Harbour & Co");
    // Not Nina (Harbour & Co Online, a child company), not Greenleaf's people.
    expect(rachel.data.contacts.rows.map((c) => c.id)).toEqual(["ct-ben-cooper", "ct-rachel-green"]);
    expect(rachel.data.accountManager).toEqual({ name: "Tom Fletcher", title: "Delivery Manager", email: "tom.fletcher@dotcollective.com.au" });
    expect(rachel.roundTrips).toBeLessThanOrEqual(2);

    const sam = await home("pu-sam-oconnor");
    expect(sam.data.company.name).toBe("Greenleaf Energy");
    expect(sam.data.contacts.rows.map((c) => c.id)).toEqual(["ct-sam-oconnor", "ct-lily-zhang"]);
    expect(sam.data.accountManager?.name).toBe("Aisha Khan");
  });

  it("a contact of the viewer's company opens; another company's contact is a 404 (IDOR)", async () => {
    const own = await contact("pu-rachel-green", "ct-ben-cooper");
    expect(own.status).toBe(200);
    expect(own.data).toMatchObject({ contact: { id: "ct-ben-cooper", first_name: "Ben" } });
    expect((await contact("pu-rachel-green", "ct-sam-oconnor")).status).toBe(404);
    expect((await contact("pu-rachel-green", "ct-nina-park")).status).toBe(404); // child company
    expect((await contact("pu-rachel-green", "ct-does-not-exist")).status).toBe(404);
    expect((await contact("pu-sam-oconnor", "ct-rachel-green")).status).toBe(404);
  });

  it("a disabled portal user's session no longer opens the portal", async () => {
    const context = db.context();
    const request = await portalGet(context, "pu-rachel-green", "/portal");
    await db.exec("UPDATE portal_users SET status = 'disabled' WHERE id = 'pu-rachel-green';");
    const result = await responseOf(() => homeLoader({ request, context: db.context(), params: {} }));
    expect(result.status).toBe(302);
    expect(result.response!.headers.get("Location")).toBe("/portal/login");
  });
});

describe("the two realms never mix", () => {
  it("an employee session does not open portal pages (→ /portal/login)", async () => {
    const context = db.context();
    const cookie = await sessionCookie(context, "user-olivia-bennett");
    for (const [path, run] of [
      ["/portal", (request: Request) => shellLoader({ request, context: db.context(), params: {} })],
      ["/portal", (request: Request) => homeLoader({ request, context: db.context(), params: {} })],
      ["/portal/contacts/ct-rachel-green", (request: Request) => contactLoader({ request, context: db.context(), params: { contactId: "ct-rachel-green" } })],
    ] as const) {
      const result = await responseOf(() => run(new Request(ORIGIN + path, { headers: { Cookie: cookie } })));
      expect(result.status, path).toBe(302);
      expect(result.response!.headers.get("Location"), path).toBe("/portal/login");
    }
  });

  it("a portal session does not open employee pages (→ /login)", async () => {
    const cookie = await portalCookie(db.context(), "pu-rachel-green");
    for (const [path, run] of [
      ["/", (request: Request) => dashboardLoader({ request, context: db.context(), params: {} })],
      ["/admin/portal", (request: Request) => adminPortalLoader({ request, context: db.context(), params: {} })],
    ] as const) {
      const result = await responseOf(() => run(new Request(ORIGIN + path, { headers: { Cookie: cookie } })));
      expect(result.status, path).toBe(302);
      expect(result.response!.headers.get("Location"), path).toMatch(/^\/login/);
    }
  });
});

describe("development mailbox (/dev/mailbox)", () => {
  it("lists captured mail newest first, filtered by recipient; JSON for tests; 404 unless DEV_LOGIN=true", async () => {
    const context = db.context();
    await sendMail(context, { to: "a@example.com", subject: "First", text: "one" });
    await sendMail(context, { to: "b@example.com", subject: "Other", text: "two" });
    await sendMail(context, { to: "A@example.com", subject: "Second", text: "three" });

    const json = await responseOf(() => mailboxJsonLoader({ request: new Request(`${ORIGIN}/dev/mailbox.json?to=a@example.com`), context: db.context(), params: {} }));
    const rows = (await json.response!.json()) as { subject: string; to_address: string; text_body: string; id: string; created_at: string }[];
    expect(rows.map((r) => r.subject)).toEqual(["Second", "First"]);
    expect(Object.keys(rows[0]!).sort()).toEqual(["created_at", "id", "subject", "text_body", "to_address"]);

    const redirected = await responseOf(() => mailboxLoader({ request: new Request(`${ORIGIN}/dev/mailbox?to=a%40example.com&format=json`), context: db.context(), params: {} }));
    expect(redirected.status).toBe(302);
    expect(redirected.response!.headers.get("Location")).toBe("/dev/mailbox.json?to=a%40example.com");

    const page = (await mailboxLoader({ request: new Request(`${ORIGIN}/dev/mailbox`), context: db.context(), params: {} })) as { rows: { subject: string }[] };
    expect(page.rows.map((r) => r.subject)).toEqual(["Second", "Other", "First"]);

    const off = { ...db.context(), env: { ...db.env, DEV_LOGIN: undefined } };
    expect(await statusOf(() => mailboxLoader({ request: new Request(`${ORIGIN}/dev/mailbox`), context: off, params: {} }))).toBe(404);
    expect(await statusOf(() => mailboxJsonLoader({ request: new Request(`${ORIGIN}/dev/mailbox.json`), context: off, params: {} }))).toBe(404);
    // Signed-in employees get no special pass either.
    const exec = db.context();
    const signedIn = await getAs(exec, "user-olivia-bennett", "/dev/mailbox");
    expect(await statusOf(() => mailboxLoader({ request: signedIn, context: { ...exec, env: { ...db.env, DEV_LOGIN: "false" } }, params: {} }))).toBe(404);
  });
});
