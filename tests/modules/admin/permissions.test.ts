import { describe, expect, it } from "vitest";
import { action as permissionsAction, loader as permissionsLoader } from "~/routes/_app+/admin+/permissions";
import { grantKey, normaliseCell } from "~/modules/admin/schemas";
import { can } from "~/platform/access.server";
import { getViewer } from "~/platform/session.server";
import { ACCESS_LEVELS, ACTIONS, TOOL_KEYS } from "~/platform/tools";
import { setupTestDb } from "../../support/d1";
import { getAs } from "../../support/requests";
import { EMPLOYEE, EXEC, get, post } from "./helpers";

const db = setupTestDb({ seed: true });

type Grid = Record<string, Record<string, { view: boolean; update: boolean; manage: boolean }>>;

/** The grid as the page shows it, turned back into the boxes a browser would send. */
async function currentGrants() {
  const page = await get(permissionsLoader, db.context(), EXEC, "/admin/permissions");
  const grid = (page.data as { grid: Grid }).grid;
  const grants: string[] = [];
  for (const level of ACCESS_LEVELS) for (const tool of TOOL_KEYS) for (const action of ACTIONS) {
    if (grid[level][tool][action]) grants.push(grantKey(level, tool, action));
  }
  return grants;
}

async function viewerOf(userId: string) {
  const context = db.context();
  return (await getViewer(await getAs(context, userId, "/"), context))!;
}

async function permissionRows() {
  return db.context().db.query.selectFrom("tool_permissions").selectAll().orderBy("id").execute();
}

async function savedGrid(grant: string[]) {
  return post(permissionsAction, db.context(), EXEC, "/admin/permissions", { grant });
}

describe("permission grid", () => {
  it("shows every tool for every level, read from tool_permissions", async () => {
    const grants = await currentGrants();
    expect(grants).toContain("executive:admin:manage");
    expect(grants).toContain("employee:people:view");
    expect(grants).not.toContain("employee:admin:view");
  });

  it("a change applies to that level on the next request, writes only the changed row and one history row", async () => {
    const employeeBefore = await viewerOf(EMPLOYEE);
    expect(can(employeeBefore, "people", "view")).toBe(true);
    expect(can(employeeBefore, "portal", "view")).toBe(false);
    await db.exec("UPDATE tool_permissions SET updated_at = '2000-01-01T00:00:00Z';");

    const grants = (await currentGrants()).filter((g) => g !== "employee:people:view");
    grants.push("employee:portal:view");
    const result = await savedGrid(grants);
    expect(result.status).toBe(302);
    expect(result.location).toBe("/admin/permissions?saved=2");

    const employee = await viewerOf(EMPLOYEE);
    expect(can(employee, "people", "view")).toBe(false);
    expect(can(employee, "portal", "view")).toBe(true);
    expect(can(await viewerOf("user-liam-murphy"), "people", "view")).toBe(true); // a lead is unaffected

    const after = await permissionRows();
    const changed = after.filter((row) => row.updated_at !== "2000-01-01T00:00:00Z").map((r) => r.id);
    expect(changed.sort()).toEqual(["tp-employee-people", "tp-employee-portal"]);

    const history = await db.context().db.query.selectFrom("history").selectAll().where("resource_type", "=", "tool_permission").orderBy("resource_id").execute();
    expect(history.map((h) => h.resource_id)).toEqual(["employee:people", "employee:portal"]);
    expect(JSON.parse(history[0].details!).changes).toEqual({ view: { from: true, to: false } });
    expect(JSON.parse(history[1].details!).changes).toEqual({ view: { from: false, to: true } });
    expect(history.every((h) => h.actor_id === EXEC)).toBe(true);
  });

  it("normalises the grid: manage implies update, update implies view", async () => {
    expect(normaliseCell({ view: false, update: false, manage: true })).toEqual({ view: true, update: true, manage: true });
    expect(normaliseCell({ view: false, update: true, manage: false })).toEqual({ view: true, update: true, manage: false });
    const grants = [...(await currentGrants()), "lead:deals:manage"];
    expect((await savedGrid(grants)).status).toBe(302);
    const lead = await viewerOf("user-liam-murphy");
    expect(lead.permissions.deals).toEqual({ view: true, update: true, manage: true });
  });

  it("refuses to take Admin view or manage away from executives (lockout) and writes nothing", async () => {
    const before = await permissionRows();
    const grants = await currentGrants();
    const without = (...removed: string[]) => grants.filter((g) => !removed.includes(g));
    for (const attempt of [
      without("executive:admin:manage"),
      without("executive:admin:view", "executive:admin:update", "executive:admin:manage"),
      [],
    ]) {
      const result = await savedGrid(attempt);
      expect(result.status).toBe(400);
      expect((result.data as { errors: Record<string, string> }).errors["executive:admin"]).toMatch(/Executives must keep Admin view and manage/);
    }
    expect(await permissionRows()).toEqual(before);
    expect(can(await viewerOf(EXEC), "admin", "manage")).toBe(true);
    // Unticking only View while Manage stays ticked is not a removal: Manage implies View.
    expect((await savedGrid(without("executive:admin:view"))).location).toBe("/admin/permissions?saved=0");
  });

  it("rejects unknown tools, levels or actions with a 400 and writes nothing", async () => {
    const before = await permissionRows();
    const grants = await currentGrants();
    for (const bad of ["employee:time-machine:view", "intern:people:view", "employee:people:delete", "employee:people"]) {
      const result = await savedGrid([...grants.filter((g) => g !== "employee:people:view"), bad]);
      expect(result.status, bad).toBe(400);
      expect(Object.values((result.data as { errors: Record<string, string> }).errors)[0]).toMatch(/Unknown permission/);
    }
    expect(await permissionRows()).toEqual(before);
    expect(await db.context().db.query.selectFrom("history").select("id").where("resource_type", "=", "tool_permission").execute()).toHaveLength(0);
  });

  it("saves a change to every cell at once (one atomic batch, statements under 100 parameters)", async () => {
    const all = ACCESS_LEVELS.flatMap((level) => TOOL_KEYS.flatMap((tool) => ACTIONS.map((action) => grantKey(level, tool, action))));
    const result = await savedGrid(all);
    expect(result.status).toBe(302);
    const rows = await permissionRows();
    expect(rows.length).toBe(ACCESS_LEVELS.length * TOOL_KEYS.length);
    expect(rows.every((r) => r.can_view === 1 && r.can_update === 1 && r.can_manage === 1)).toBe(true);
    expect(can(await viewerOf(EMPLOYEE), "admin", "manage")).toBe(true);
    const history = await db.context().db.query.selectFrom("history").select("id").where("resource_type", "=", "tool_permission").execute();
    expect(history.length).toBe(Number(result.location!.split("saved=")[1]));
    expect(history.length).toBeGreaterThan(100);
  });

  it("a missing row is created when a box is ticked", async () => {
    await db.exec("DELETE FROM tool_permissions WHERE id = 'tp-employee-wiki';");
    expect(can(await viewerOf(EMPLOYEE), "wiki", "view")).toBe(false);
    expect((await savedGrid([...(await currentGrants()), "employee:wiki:view"])).status).toBe(302);
    expect(can(await viewerOf(EMPLOYEE), "wiki", "view")).toBe(true);
  });
});
