import { describe, expect, it } from "vitest";
import { loader as devLoginLoader, action as devLoginAction } from "~/routes/dev+/login";
import { loader as dashboardLoader } from "~/routes/_app+/_index";
import { isWorkspaceAccount, upsertUserOnSignIn } from "~/modules/identity/users.server";
import { can } from "~/platform/access.server";
import { inPersonScope } from "~/platform/scope.server";
import { getViewer } from "~/platform/session.server";
import { setupTestDb } from "../../support/d1";
import { getAs, ORIGIN, postAs, sessionCookie, statusOf } from "../../support/requests";

const db = setupTestDb({ seed: true });

async function visibleIds(userId: string, sensitivity: "default" | "sensitive" = "default") {
  const context = db.context();
  const viewer = await getViewer(await getAs(context, userId, "/"), context);
  if (!viewer) throw new Error("no viewer");
  const rows = await context.db.query
    .selectFrom("people")
    .select("id")
    .where(inPersonScope("people.id", viewer, sensitivity))
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

describe("scope", () => {
  it("a manager sees themself and everyone below them, indirect reports included", async () => {
    expect(await visibleIds("user-daniel-costa")).toEqual(
      ["chloe-martin", "daniel-costa", "ethan-brown", "kai-robinson", "liam-murphy", "mia-taylor", "noah-wilson", "zara-ahmed"],
    );
  });
  it("an employee sees only themself", async () => {
    expect(await visibleIds("user-ethan-brown")).toEqual(["ethan-brown"]);
  });
  it("a head sees everyone, but only their subtree for sensitive records", async () => {
    expect(await visibleIds("user-priya-raman")).toHaveLength(30);
    const sensitive = await visibleIds("user-priya-raman", "sensitive");
    expect(sensitive).toContain("ethan-brown");
    expect(sensitive).not.toContain("ella-white");
  });
  it("an executive sees everyone", async () => {
    expect(await visibleIds("user-olivia-bennett")).toHaveLength(30);
  });
});

describe("sessions", () => {
  it("a disabled user's session stops working at once", async () => {
    const context = db.context();
    const cookie = await sessionCookie(context, "user-ethan-brown");
    const request = () => new Request(ORIGIN + "/", { headers: { Cookie: cookie } });
    expect(await getViewer(request(), db.context())).not.toBeNull();
    await db.exec("UPDATE users SET disabled_at = '2026-01-01T00:00:00Z' WHERE id = 'user-ethan-brown';");
    expect(await getViewer(request(), db.context())).toBeNull();
  });

  it("an idle session expires", async () => {
    const context = db.context();
    const cookie = await sessionCookie(context, "user-ethan-brown");
    await db.exec("UPDATE user_sessions SET last_seen_at = '2000-01-01T00:00:00Z';");
    expect(await getViewer(new Request(ORIGIN + "/", { headers: { Cookie: cookie } }), db.context())).toBeNull();
  });

  it("a tampered cookie is not a session", async () => {
    const context = db.context();
    const cookie = await sessionCookie(context, "user-ethan-brown");
    const tampered = cookie.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect(await getViewer(new Request(ORIGIN + "/", { headers: { Cookie: tampered } }), db.context())).toBeNull();
  });

  it("the dashboard redirects anonymous visitors to sign-in and costs ≤ 2 round trips signed in", async () => {
    const anon = db.context();
    expect(await statusOf(() => dashboardLoader({ request: new Request(ORIGIN + "/"), context: anon, params: {} }))).toBe(302);
    const context = db.context();
    const request = await getAs(context, "user-tom-fletcher", "/");
    const before = context.db.stats.roundTrips;
    await dashboardLoader({ request, context, params: {} });
    expect(context.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
  });
});

describe("permissions", () => {
  it("reads the grid for the viewer's level", async () => {
    const context = db.context();
    const employee = await getViewer(await getAs(context, "user-ethan-brown", "/"), context);
    const exec = await getViewer(await getAs(db.context(), "user-olivia-bennett", "/"), db.context());
    expect(can(employee!, "admin", "view")).toBe(false);
    expect(can(employee!, "people", "view")).toBe(true);
    expect(can(exec!, "admin", "manage")).toBe(true);
  });
});

describe("sign-in", () => {
  it("only the workspace domain may sign in with Google", () => {
    expect(isWorkspaceAccount("dotcollective.com.au", { email: "a@dotcollective.com.au", hd: "dotcollective.com.au" })).toBe(true);
    expect(isWorkspaceAccount("dotcollective.com.au", { email: "a@gmail.com", hd: null })).toBe(false);
    expect(isWorkspaceAccount("dotcollective.com.au", { email: "a@dotcollective.com.au", hd: "evil.com" })).toBe(false);
    expect(isWorkspaceAccount("dotcollective.com.au", { email: "a@dotcollective.com.au", emailVerified: false })).toBe(false);
  });

  it("first sign-in creates the user and links the person with the same email", async () => {
    const context = db.context();
    const result = await upsertUserOnSignIn(context.db, { email: "Kai.Robinson@dotcollective.com.au", name: "Kai Robinson" });
    expect("userId" in result).toBe(true);
    const person = await context.db.query.selectFrom("people").select("user_id").where("id", "=", "kai-robinson").executeTakeFirstOrThrow();
    expect(person.user_id).toBe((result as { userId: string }).userId);
  });

  it("the development sign-in is a 404 unless DEV_LOGIN=true", async () => {
    const context = { ...db.context(), env: { ...db.env, DEV_LOGIN: undefined } };
    expect(await statusOf(() => devLoginLoader({ request: new Request(ORIGIN + "/dev/login"), context, params: {} }))).toBe(404);
    const post = await postAs(context, null, "/dev/login", { personId: "olivia-bennett" });
    expect(await statusOf(() => devLoginAction({ request: post, context, params: {} }))).toBe(404);
  });

  it("the development sign-in rejects an unknown person with a 400", async () => {
    const context = db.context();
    const post = await postAs(context, null, "/dev/login", { personId: "nobody" });
    expect(await statusOf(() => devLoginAction({ request: post, context, params: {} }))).toBe(400);
  });
});
