import { describe, expect, it } from "vitest";
import { loader as layoutLoader } from "~/routes/_app+/admin+/_layout";
import { loader as indexLoader } from "~/routes/_app+/admin+/_index";
import { action as permissionsAction, loader as permissionsLoader } from "~/routes/_app+/admin+/permissions";
import { action as settingsAction, loader as settingsLoader } from "~/routes/_app+/admin+/settings";
import { loader as usersLoader } from "~/routes/_app+/admin+/users";
import { loader as csvLoader } from "~/routes/_app+/admin+/users[.csv]";
import { action as userAction, loader as userLoader } from "~/routes/_app+/admin+/users_.$userId";
import { setupTestDb } from "../../support/d1";
import { ORIGIN, sessionCookie } from "../../support/requests";
import { EMPLOYEE, EXEC, get, HEAD, MANAGER, post } from "./helpers";

const db = setupTestDb({ seed: true });

const userParams = { userId: "user-chloe-martin" };

describe("admin pages are for executives only (tool admin)", () => {
  it.each([HEAD, MANAGER, EMPLOYEE])("%s gets 403 on every admin loader", async (who) => {
    const context = db.context();
    expect((await get(usersLoader, context, who, "/admin/users")).status).toBe(403);
    expect((await get(csvLoader, context, who, "/admin/users.csv")).status).toBe(403);
    expect((await get(userLoader, context, who, "/admin/users/user-chloe-martin", userParams)).status).toBe(403);
    expect((await get(permissionsLoader, context, who, "/admin/permissions")).status).toBe(403);
    expect((await get(settingsLoader, context, who, "/admin/settings")).status).toBe(403);
    expect((await get(indexLoader, context, who, "/admin")).status).toBe(403);
  });

  it.each([HEAD, MANAGER, EMPLOYEE])("%s gets 403 on every admin action and nothing is written", async (who) => {
    const context = db.context();
    const historyBefore = await context.db.query.selectFrom("history").select("id").execute();
    const save = { intent: "save", access_level: "executive" };
    expect((await post(userAction, context, who, "/admin/users/user-chloe-martin", save, userParams)).status).toBe(403);
    expect((await post(userAction, context, who, "/admin/users/user-chloe-martin", { intent: "disable" }, userParams)).status).toBe(403);
    expect((await post(permissionsAction, context, who, "/admin/permissions", { grant: ["executive:admin:view", "executive:admin:manage"] })).status).toBe(403);
    expect((await post(settingsAction, context, who, "/admin/settings", { timezone: "UTC", holiday_state: "AU-NSW" })).status).toBe(403);
    const chloe = await context.db.query.selectFrom("users").select(["access_level", "disabled_at"]).where("id", "=", "user-chloe-martin").executeTakeFirstOrThrow();
    expect(chloe).toEqual({ access_level: "employee", disabled_at: null });
    const history = await context.db.query.selectFrom("history").select("id").execute();
    expect(history).toHaveLength(historyBefore.length);
  });

  it("anonymous visitors are sent to sign-in", async () => {
    const context = db.context();
    const result = await get(usersLoader, context, null, "/admin/users");
    expect(result.status).toBe(302);
    expect(result.location).toContain("/login");
  });

  it("an executive opens every admin page", async () => {
    const context = db.context();
    expect((await get(usersLoader, context, EXEC, "/admin/users")).status).toBe(200);
    expect((await get(csvLoader, db.context(), EXEC, "/admin/users.csv")).status).toBe(200);
    expect((await get(userLoader, db.context(), EXEC, "/admin/users/user-chloe-martin", userParams)).status).toBe(200);
    expect((await get(permissionsLoader, db.context(), EXEC, "/admin/permissions")).status).toBe(200);
    expect((await get(settingsLoader, db.context(), EXEC, "/admin/settings")).status).toBe(200);
    const index = await get(indexLoader, db.context(), EXEC, "/admin");
    expect(index.status).toBe(302);
    expect(index.location).toBe("/admin/users");
  });

  it("the admin frame needs only a signed-in viewer and lists the sections they can see", async () => {
    const asEmployee = await get(layoutLoader, db.context(), EMPLOYEE, "/admin/portal");
    expect(asEmployee.status).toBe(200);
    expect((asEmployee.data as { items: unknown[] }).items).toEqual([]);
    const asHead = await get(layoutLoader, db.context(), HEAD, "/admin/portal");
    expect((asHead.data as { items: { label: string }[] }).items.map((i) => i.label)).toEqual(["Portal"]);
    const asExec = await get(layoutLoader, db.context(), EXEC, "/admin/users");
    expect((asExec.data as { items: { label: string }[] }).items.map((i) => i.label)).toEqual(["Users", "Permissions", "Settings", "Connections", "Portal"]);
  });

  it("a page view costs at most 2 round trips", async () => {
    for (const [loader, path, params] of [
      [usersLoader, "/admin/users?q=a&sort=last_login&dir=desc", {}],
      [userLoader, "/admin/users/user-chloe-martin", userParams],
      [permissionsLoader, "/admin/permissions", {}],
      [settingsLoader, "/admin/settings", {}],
    ] as const) {
      const context = db.context();
      const request = new Request(ORIGIN + path, { headers: { Cookie: await sessionCookie(db.context(), EXEC) } });
      await loader({ request, context, params: params as Record<string, string> });
      expect(context.db.stats.roundTrips, path).toBeLessThanOrEqual(2);
    }
  });
});
