import { describe, expect, it } from "vitest";
import { action as adminAction, loader as adminLoader } from "~/routes/_app+/admin+/portal";
import { action as acceptAction, loader as acceptLoader } from "~/routes/portal+/accept.$token";
import { sha256 } from "~/platform/crypto.server";
import { getPortalViewer } from "~/platform/portal-session.server";
import { setupTestDb } from "../../support/d1";
import { getAs, ORIGIN, postAs, statusOf } from "../../support/requests";
import { cookieOf, formPost, latestLink, responseOf } from "./helpers";

const db = setupTestDb({ seed: true });
const EXEC = "user-olivia-bennett";

async function invite(fields: Record<string, string>, userId = EXEC) {
  const context = db.context();
  const request = await postAs(context, userId, "/admin/portal", { intent: "invite", ...fields });
  return responseOf(() => adminAction({ request, context, params: {} }));
}

async function accept(token: string) {
  const context = db.context();
  return responseOf(() => acceptAction({ request: formPost(`/portal/accept/${token}`), context, params: { token } }));
}

async function showInvitation(token: string) {
  const context = db.context();
  return responseOf(() => acceptLoader({ request: new Request(`${ORIGIN}/portal/accept/${token}`), context, params: { token } }));
}

const query = () => db.context().db.query;

describe("inviting (/admin/portal)", () => {
  it("an executive invites a contact: the token is emailed, stored only as its SHA-256, for 7 days", async () => {
    const result = await invite({ companyId: "co-harbour-co", contactId: "ct-ben-cooper" });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ ok: true });
    const link = await latestLink(db.context(), "ben@harbourco.com.au", "accept");
    expect(link?.origin).toBe("http://localhost:8788"); // APP_URL
    const invitation = await query().selectFrom("portal_invitations").selectAll().where("email", "=", "ben@harbourco.com.au").executeTakeFirstOrThrow();
    expect(invitation).toMatchObject({ company_id: "co-harbour-co", contact_id: "ct-ben-cooper", name: "Ben Cooper", invited_by: EXEC, accepted_at: null, revoked_at: null });
    expect(invitation.token_hash).toBe(await sha256(link!.token));
    expect(JSON.stringify(invitation)).not.toContain(link!.token);
    const days = (Date.parse(invitation.expires_at) - Date.parse(invitation.created_at)) / 86_400_000;
    expect(days).toBe(7);
    const history = await query().selectFrom("history").selectAll().where("resource_id", "=", invitation.id).execute();
    expect(history.map((h) => h.action)).toEqual(["created"]);
    expect(JSON.stringify(history)).not.toContain(link!.token);
  });

  it("a new invitation supersedes a pending one for the same address, with history", async () => {
    expect((await invite({ companyId: "co-atlas-health", contactId: "ct-david-hughes" })).status).toBe(200);
    const old = await query().selectFrom("portal_invitations").select(["revoked_at"]).where("id", "=", "inv-david-hughes").executeTakeFirstOrThrow();
    expect(old.revoked_at).not.toBeNull();
    const history = await query().selectFrom("history").select(["action", "actor_id", "details"]).where("resource_id", "=", "inv-david-hughes").execute();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: "revoked", actor_id: EXEC });
    expect(JSON.parse(history[0]!.details!)).toMatchObject({ reason: "superseded" });
    const pending = await query().selectFrom("portal_invitations").select("id")
      .where("email", "=", "david@atlashealth.com.au").where("revoked_at", "is", null).execute();
    expect(pending).toHaveLength(1);
  });

  it("invites someone who is not a contact yet by name and email", async () => {
    const result = await invite({ companyId: "co-kinetic", name: "Amy Tran", email: " Amy.Tran@KineticLogistics.com " });
    expect(result.status).toBe(200);
    expect(await latestLink(db.context(), "amy.tran@kineticlogistics.com", "accept")).not.toBeNull();
  });

  it("rejects bad input with 400 and field messages, writing nothing", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ companyId: "co-harbour-co", contactId: "ct-sam-oconnor" }, "contactId"], // Greenleaf's contact
      [{ companyId: "co-harbour-co", name: "X", email: "not-an-email" }, "email"],
      [{ companyId: "co-harbour-co", name: "", email: "" }, "name"],
      [{ companyId: "", name: "X", email: "x@example.com" }, "companyId"],
      [{ companyId: "co-nope", name: "X", email: "x@example.com" }, "companyId"],
      [{ companyId: "co-harbour-co", contactId: "ct-rachel-green" }, "contactId"], // already has access
    ];
    const seeded = await query().selectFrom("portal_invitations").select("id").execute();
    for (const [fields, field] of cases) {
      const result = await invite(fields);
      expect(result.status, JSON.stringify(fields)).toBe(400);
      expect((result.data as { errors: Record<string, string> }).errors[field], JSON.stringify(fields)).toBeTruthy();
    }
    expect(await query().selectFrom("portal_invitations").select("id").execute()).toEqual(seeded);
    expect(await query().selectFrom("mail_outbox").selectAll().execute()).toEqual([]);
  });

  it("only viewers with the portal tool may open the page, and only managers of it may act", async () => {
    const loaderStatus = async (userId: string) => {
      const context = db.context();
      return statusOf(async () => adminLoader({ request: await getAs(context, userId, "/admin/portal"), context, params: {} }));
    };
    expect(await loaderStatus(EXEC)).toBe(200);
    expect(await loaderStatus("user-priya-raman")).toBe(200); // head: view only
    expect(await loaderStatus("user-daniel-costa")).toBe(403);
    expect(await loaderStatus("user-ethan-brown")).toBe(403);
    expect((await invite({ companyId: "co-kinetic", name: "A", email: "a@kineticlogistics.com" }, "user-priya-raman")).status).toBe(403);
    expect((await invite({ companyId: "co-kinetic", name: "A", email: "a@kineticlogistics.com" }, "user-daniel-costa")).status).toBe(403);
    expect(await query().selectFrom("portal_invitations").selectAll().where("company_id", "=", "co-kinetic").execute()).toEqual([]);
  });

  it("lists users and invitations filtered by company in at most 2 round trips", async () => {
    await invite({ companyId: "co-greenleaf", contactId: "ct-lily-zhang" });
    await invite({ companyId: "co-harbour-co", contactId: "ct-ben-cooper" });
    const context = db.context();
    const request = await getAs(context, EXEC, "/admin/portal?company=co-greenleaf");
    const before = context.db.stats.roundTrips;
    const data = (await adminLoader({ request, context, params: {} })) as Awaited<ReturnType<typeof adminLoader>>;
    expect(context.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
    expect(data.canManage).toBe(true);
    expect(data.users.rows.map((u) => u.email)).toEqual(["sam@greenleafenergy.com.au"]);
    expect(data.invitations.rows.map((i) => [i.email, i.status])).toEqual([
      ["lily@greenleafenergy.com.au", "pending"],
      ["sam@greenleafenergy.com.au", "accepted"], // seeded
    ]);
    expect(data.contacts.map((c) => c.id).sort()).toEqual(["ct-lily-zhang", "ct-sam-oconnor"]);
  });
});

describe("accepting an invitation (/portal/accept/<token>)", () => {
  it("GET shows it without using it; POST creates the portal user, notifies the inviter and signs in — once", async () => {
    await invite({ companyId: "co-harbour-co", contactId: "ct-ben-cooper" });
    const { token } = (await latestLink(db.context(), "ben@harbourco.com.au", "accept"))!;
    const shown = await showInvitation(token);
    expect(shown.status).toBe(200);
    expect(shown.data).toEqual({ name: "Ben Cooper", email: "ben@harbourco.com.au", companyName: "Harbour & Co" });
    expect(await showInvitation(token)).toMatchObject({ status: 200 }); // still usable

    const accepted = await accept(token);
    expect(accepted.status).toBe(302);
    expect(accepted.response!.headers.get("Location")).toBe("/portal");
    const cookie = cookieOf(accepted.response!);
    const viewer = await getPortalViewer(new Request(`${ORIGIN}/portal`, { headers: { Cookie: cookie } }), db.context());
    expect(viewer).toMatchObject({ companyId: "co-harbour-co", companyName: "Harbour & Co", email: "ben@harbourco.com.au", name: "Ben Cooper" });

    const user = await query().selectFrom("portal_users").selectAll().where("email", "=", "ben@harbourco.com.au").executeTakeFirstOrThrow();
    expect(user).toMatchObject({ company_id: "co-harbour-co", contact_id: "ct-ben-cooper", status: "active", invited_by: EXEC });
    const invitation = await query().selectFrom("portal_invitations").selectAll().where("email", "=", "ben@harbourco.com.au").executeTakeFirstOrThrow();
    expect(invitation.accepted_at).not.toBeNull();
    const notes = await query().selectFrom("notifications").selectAll().where("type", "=", "portal_invitation_accepted").execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ user_id: EXEC, resource_type: "portal_user", resource_id: user.id });
    const history = await query().selectFrom("history").select(["resource_type", "resource_id", "action"])
      .where("resource_type", "in", ["portal_invitation", "portal_user"]).orderBy("resource_type").orderBy("action").execute();
    expect(history).toEqual([
      { resource_type: "portal_invitation", resource_id: invitation.id, action: "accepted" },
      { resource_type: "portal_invitation", resource_id: invitation.id, action: "created" },
      { resource_type: "portal_user", resource_id: user.id, action: "created" },
    ]);

    // Single use.
    expect((await accept(token)).status).toBe(404);
    expect((await showInvitation(token)).status).toBe(404);
    expect(await query().selectFrom("portal_sessions").selectAll().where("portal_user_id", "=", user.id).execute()).toHaveLength(1);
  });

  it("simultaneous accepts of one token sign in only once and write once", async () => {
    // A returning (disabled) user: no UNIQUE insert to trip over, so only the batch guard stops a double accept.
    await db.exec("UPDATE portal_users SET status = 'disabled' WHERE id = 'pu-sam-oconnor';");
    await invite({ companyId: "co-greenleaf", contactId: "ct-sam-oconnor" });
    const { token } = (await latestLink(db.context(), "sam@greenleafenergy.com.au", "accept"))!;
    const results = await Promise.all([accept(token), accept(token), accept(token), accept(token)]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 404, 404, 404]);
    expect(await query().selectFrom("portal_sessions").selectAll().where("portal_user_id", "=", "pu-sam-oconnor").execute()).toHaveLength(1);
    expect(await query().selectFrom("notifications").selectAll().where("type", "=", "portal_invitation_accepted").execute()).toHaveLength(1);
    expect(await query().selectFrom("history").selectAll().where("action", "in", ["accepted", "reactivated"]).execute()).toHaveLength(2);
  });

  it("expired, revoked, superseded and unknown tokens are 404", async () => {
    await invite({ companyId: "co-solace", contactId: "ct-jess-lowe" });
    const first = (await latestLink(db.context(), "jess@solaceskin.com", "accept"))!.token;
    await invite({ companyId: "co-solace", contactId: "ct-jess-lowe" }); // supersedes the first
    const second = (await latestLink(db.context(), "jess@solaceskin.com", "accept"))!.token;
    expect(second).not.toBe(first);
    expect((await showInvitation(first)).status).toBe(404);
    expect((await accept(first)).status).toBe(404);

    await db.exec(`UPDATE portal_invitations SET expires_at = '2000-01-01T00:00:00Z' WHERE token_hash = '${await sha256(second)}';`);
    expect((await showInvitation(second)).status).toBe(404);
    expect((await accept(second)).status).toBe(404);

    await invite({ companyId: "co-brightpath", contactId: "ct-maya-singh" });
    const third = (await latestLink(db.context(), "maya@brightpath.edu.au", "accept"))!.token;
    const invitation = await query().selectFrom("portal_invitations").select("id").where("email", "=", "maya@brightpath.edu.au").executeTakeFirstOrThrow();
    const context = db.context();
    const revoke = await postAs(context, EXEC, "/admin/portal", { intent: "revoke", invitationId: invitation.id });
    expect(await statusOf(() => adminAction({ request: revoke, context, params: {} }))).toBe(200);
    expect((await accept(third)).status).toBe(404);
    expect(await query().selectFrom("history").select("action").where("resource_id", "=", invitation.id).orderBy("action").execute())
      .toEqual([{ action: "created" }, { action: "revoked" }]);
    // Revoking twice (or an unknown id) is a 404.
    const again = await postAs(db.context(), EXEC, "/admin/portal", { intent: "revoke", invitationId: invitation.id });
    expect(await statusOf(() => adminAction({ request: again, context: db.context(), params: {} }))).toBe(404);

    expect((await accept("x".repeat(43))).status).toBe(404);
    expect((await showInvitation("bogus")).status).toBe(404);
    expect(await query().selectFrom("portal_users").selectAll().where("email", "in", ["jess@solaceskin.com", "maya@brightpath.edu.au"]).execute()).toEqual([]);
  });

  it("accepting reactivates a disabled portal user with that email instead of creating another", async () => {
    await db.exec("UPDATE portal_users SET status = 'disabled' WHERE id = 'pu-sam-oconnor';");
    expect((await invite({ companyId: "co-greenleaf", contactId: "ct-sam-oconnor" })).status).toBe(200);
    const { token } = (await latestLink(db.context(), "sam@greenleafenergy.com.au", "accept"))!;
    expect((await accept(token)).status).toBe(302);
    const users = await query().selectFrom("portal_users").select(["id", "status"]).where("email", "=", "sam@greenleafenergy.com.au").execute();
    expect(users).toEqual([{ id: "pu-sam-oconnor", status: "active" }]);
    expect(await query().selectFrom("history").select("action").where("resource_id", "=", "pu-sam-oconnor").execute()).toEqual([{ action: "reactivated" }]);
  });
});

describe("disabling a portal user", () => {
  it("ends their sessions at once and can be undone", async () => {
    const { portalCookie } = await import("../../support/requests");
    const cookie = await portalCookie(db.context(), "pu-rachel-green");
    const viewerNow = () => getPortalViewer(new Request(`${ORIGIN}/portal`, { headers: { Cookie: cookie } }), db.context());
    expect(await viewerNow()).not.toBeNull();
    const post = async (intent: string) => {
      const context = db.context();
      const request = await postAs(context, EXEC, "/admin/portal", { intent, portalUserId: "pu-rachel-green" });
      return statusOf(() => adminAction({ request, context, params: {} }));
    };
    expect(await post("disable")).toBe(200);
    expect(await viewerNow()).toBeNull();
    expect(await post("enable")).toBe(200);
    expect(await viewerNow()).toBeNull(); // the old session stays ended
    const history = await query().selectFrom("history").select("action").where("resource_id", "=", "pu-rachel-green").orderBy("created_at").execute();
    expect(history.map((h) => h.action).sort()).toEqual(["disabled", "enabled"]);
    const unknown = await postAs(db.context(), EXEC, "/admin/portal", { intent: "disable", portalUserId: "pu-nobody" });
    expect(await statusOf(() => adminAction({ request: unknown, context: db.context(), params: {} }))).toBe(404);
  });
});
