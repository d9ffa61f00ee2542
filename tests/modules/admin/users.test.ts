import { beforeEach, describe, expect, it } from "vitest";
import { loader as usersLoader } from "~/routes/_app+/admin+/users";
import { loader as csvLoader } from "~/routes/_app+/admin+/users[.csv]";
import { action as userAction, loader as userLoader } from "~/routes/_app+/admin+/users_.$userId";
import { csvCell } from "~/modules/admin/users.server";
import { getViewer } from "~/platform/session.server";
import { setupTestDb } from "../../support/d1";
import { ORIGIN, sessionCookie } from "../../support/requests";
import { EMPLOYEE, EXEC, EXEC2, get, post } from "./helpers";

const db = setupTestDb({ seed: true });

type ListData = { rows: { id: string; name: string; access_level: string; person_id: string | null }[]; total: number; pageCount: number };
type EditData = { user: { id: string; access_level: string }; history: { action: string; details: string | null; actor_name: string | null }[] };
type Invalid = { ok: false; errors: Record<string, string> };

async function list(path: string) {
  const result = await get(usersLoader, db.context(), EXEC, path);
  expect(result.status).toBe(200);
  return result.data as ListData;
}

// History rows the seed brings are not ours: tests look only at rows written after it.
let seededHistory = new Set<string>();
beforeEach(async () => {
  const rows = await db.context().db.query.selectFrom("history").select("id").execute();
  seededHistory = new Set(rows.map((r) => r.id));
});

async function historyOf(resourceType: string, resourceId: string) {
  const rows = await db.context().db.query.selectFrom("history").selectAll().where("resource_type", "=", resourceType).where("resource_id", "=", resourceId).orderBy("created_at", "desc").execute();
  return rows.filter((r) => !seededHistory.has(r.id));
}

describe("users list", () => {
  it("joins each user with their person, paginates 25 per page and counts the total", async () => {
    const all = await db.context().db.query.selectFrom("users").select("id").execute();
    expect(all.length).toBeGreaterThan(25);
    const page1 = await list("/admin/users");
    expect(page1.total).toBe(all.length);
    expect(page1.rows).toHaveLength(25);
    expect(page1.pageCount).toBe(Math.ceil(all.length / 25));
    expect(page1.rows.find((r) => r.id === "user-ethan-brown")?.person_id).toBe("ethan-brown");
    const page2 = await list("/admin/users?page=2");
    expect(page2.rows).toHaveLength(Math.min(25, all.length - 25));
    expect(new Set([...page1.rows, ...page2.rows].map((r) => r.id)).size).toBe(page1.rows.length + page2.rows.length);
  });

  it("searches by name or email and filters by access level and account status", async () => {
    expect((await list("/admin/users?q=nguyen")).rows.map((r) => r.id)).toEqual(["user-james-nguyen"]);
    expect((await list("/admin/users?q=ZARA.AHMED@")).rows.map((r) => r.id)).toEqual(["user-zara-ahmed"]);
    expect((await list("/admin/users?q=%25")).total).toBe(0);
    const heads = await list("/admin/users?level=head");
    expect(heads.rows.map((r) => r.id).sort()).toEqual(["user-marcus-lee", "user-priya-raman", "user-sophie-walker"]);
    await db.exec("UPDATE users SET disabled_at = '2026-01-01T00:00:00Z' WHERE id = 'user-noah-wilson';");
    expect((await list("/admin/users?status=disabled")).rows.map((r) => r.id)).toEqual(["user-noah-wilson"]);
    const total = (await list("/admin/users")).total;
    expect((await list("/admin/users?status=enabled")).total).toBe(total - 1);
    expect((await list("/admin/users?level=nonsense&page=-4&sort=evil")).total).toBe(total);
  });

  it("sorts by access level, name or last login in either direction", async () => {
    const byLevel = await list("/admin/users?sort=access_level&dir=asc");
    expect(byLevel.rows[0].access_level).toBe("executive");
    const byLevelDesc = await list("/admin/users?sort=access_level&dir=desc");
    expect(byLevelDesc.rows[0].access_level).toBe("employee");
    const byName = await list("/admin/users?sort=name&dir=desc");
    expect(byName.rows[0].name).toBe("Zara Ahmed");
  });

  it("exports the same filtered query as CSV with a download filename", async () => {
    const result = await get(csvLoader, db.context(), EXEC, "/admin/users.csv?level=head&sort=name");
    expect(result.status).toBe(200);
    const response = result.response!;
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="nucleus-users-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe("Name,Email,Access level,Job title,Person linked,Employment status,Employment basis,Last login,Disabled at");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["Marcus Lee", "Priya Raman", "Sophie Walker"]);
  });

  it("defuses formula-like and quoted CSV cells", () => {
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell('Grace "G" O\'Brien, PhD')).toBe('"Grace ""G"" O\'Brien, PhD"');
    expect(csvCell(null)).toBe("");
  });
});

/** The edit form as the browser would send it unchanged (whatever the seed holds today). */
async function unchangedForm(userId: string) {
  const row = await db.context().db.query
    .selectFrom("users").leftJoin("people", "people.user_id", "users.id")
    .select([
      "users.access_level", "users.onboarding_template_id", "users.scorecard_template_id", "users.review_template_id",
      "users.template_profile_id", "people.employment_status", "people.employment_basis", "people.location", "people.start_date",
    ])
    .where("users.id", "=", userId).executeTakeFirstOrThrow();
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v ?? ""])) as Record<keyof typeof row, string>;
}

describe("editing a user", () => {
  const params = { userId: "user-ethan-brown" };
  const path = "/admin/users/user-ethan-brown";

  it("an unknown user is a 404 for the page and the actions", async () => {
    expect((await get(userLoader, db.context(), EXEC, "/admin/users/nobody", { userId: "nobody" })).status).toBe(404);
    expect((await post(userAction, db.context(), EXEC, "/admin/users/nobody", { intent: "save", access_level: "lead" }, { userId: "nobody" })).status).toBe(404);
    expect((await post(userAction, db.context(), EXEC, "/admin/users/nobody", { intent: "disable" }, { userId: "nobody" })).status).toBe(404);
  });

  it("bad input is a 400 with a message per field, and nothing is written", async () => {
    const before = await unchangedForm(EMPLOYEE);
    const result = await post(userAction, db.context(), EXEC, path, {
      intent: "save", access_level: "overlord", onboarding_template_id: "Not A Slug!", employment_status: "retired",
      employment_basis: "gig", start_date: "2024-02-30", location: "x".repeat(101),
    }, params);
    expect(result.status).toBe(400);
    const errors = (result.data as Invalid).errors;
    expect(Object.keys(errors).sort()).toEqual(["access_level", "employment_basis", "employment_status", "location", "onboarding_template_id", "start_date"]);
    expect(errors.start_date).toMatch(/real date/);
    expect(await unchangedForm(EMPLOYEE)).toEqual(before);
    expect(await historyOf("user", "user-ethan-brown")).toHaveLength(0);
  });

  it("saves access level, templates and employment fields with field-level history and notifies on access changes", async () => {
    const before = await unchangedForm(EMPLOYEE);
    expect(before.access_level).toBe("employee");
    expect(before.scorecard_template_id).not.toBe("tpl-sc-dev");
    const result = await post(userAction, db.context(), EXEC, path, {
      ...before, intent: "save", access_level: "lead", scorecard_template_id: "tpl-sc-dev",
      employment_status: "on_leave", employment_basis: "part_time", location: "Sydney, NSW", start_date: "2022-02-08",
    }, params);
    expect(result.status).toBe(302);
    expect(result.location).toBe("/admin/users/user-ethan-brown?done=saved");
    const q = db.context().db.query;
    expect(await q.selectFrom("users").select(["access_level", "scorecard_template_id"]).where("id", "=", "user-ethan-brown").executeTakeFirst())
      .toEqual({ access_level: "lead", scorecard_template_id: "tpl-sc-dev" });
    expect(await q.selectFrom("people").select(["employment_status", "employment_basis", "location", "start_date"]).where("id", "=", "ethan-brown").executeTakeFirst())
      .toEqual({ employment_status: "on_leave", employment_basis: "part_time", location: "Sydney, NSW", start_date: "2022-02-08" });

    const [entry] = await historyOf("user", "user-ethan-brown");
    expect(entry.actor_id).toBe(EXEC);
    expect(JSON.parse(entry.details!).changes).toEqual({
      access_level: { from: "employee", to: "lead" },
      scorecard_template_id: { from: before.scorecard_template_id || null, to: "tpl-sc-dev" },
      employment_status: { from: before.employment_status, to: "on_leave" },
      employment_basis: { from: before.employment_basis || null, to: "part_time" },
      location: { from: before.location || null, to: "Sydney, NSW" },
      start_date: { from: before.start_date || null, to: "2022-02-08" },
    });
    const [personEntry] = await historyOf("person", "ethan-brown");
    expect(Object.keys(JSON.parse(personEntry.details!).changes).sort()).toEqual(["employment_basis", "employment_status", "location", "start_date"]);

    const notes = await q.selectFrom("notifications").select(["type", "title"]).where("user_id", "=", "user-ethan-brown").where("type", "=", "access_changed").execute();
    expect(notes).toEqual([{ type: "access_changed", title: "Your access level is now Lead" }]);

    // The History tab shows it.
    const page = await get(userLoader, db.context(), EXEC, path, params);
    const history = (page.data as EditData).history;
    expect(history[0]).toMatchObject({ action: "updated", actor_name: "Olivia Bennett" });
    expect(JSON.parse(history[0].details!).changes.access_level).toEqual({ from: "employee", to: "lead" });
  });

  it("saving without changes writes nothing and sends no notification", async () => {
    const result = await post(userAction, db.context(), EXEC, path, { ...(await unchangedForm(EMPLOYEE)), intent: "save" }, params);
    expect(result.location).toBe("/admin/users/user-ethan-brown?done=unchanged");
    expect(await historyOf("user", "user-ethan-brown")).toHaveLength(0);
    const notes = await db.context().db.query.selectFrom("notifications").select("id").where("type", "=", "access_changed").execute();
    expect(notes).toHaveLength(0);
  });

  it("you cannot lower your own access level or disable yourself (400 with a message)", async () => {
    const selfParams = { userId: EXEC };
    const lower = await post(userAction, db.context(), EXEC, `/admin/users/${EXEC}`, { intent: "save", access_level: "head" }, selfParams);
    expect(lower.status).toBe(400);
    expect((lower.data as Invalid).errors.access_level).toMatch(/cannot lower your own access level/);
    const disable = await post(userAction, db.context(), EXEC, `/admin/users/${EXEC}`, { intent: "disable" }, selfParams);
    expect(disable.status).toBe(400);
    expect((disable.data as Invalid).errors.form).toMatch(/cannot disable your own account/);
    const me = await db.context().db.query.selectFrom("users").select(["access_level", "disabled_at"]).where("id", "=", EXEC).executeTakeFirstOrThrow();
    expect(me).toEqual({ access_level: "executive", disabled_at: null });
    // Another executive may still change them.
    const other = await post(userAction, db.context(), EXEC2, `/admin/users/${EXEC}`, { intent: "save", access_level: "head" }, selfParams);
    expect(other.status).toBe(302);
  });

  it("disabling ends every session of the user at once; enabling lets them sign in again", async () => {
    const cookieA = await sessionCookie(db.context(), EMPLOYEE);
    const cookieB = await sessionCookie(db.context(), EMPLOYEE);
    const as = (cookie: string) => getViewer(new Request(ORIGIN + "/", { headers: { Cookie: cookie } }), db.context());
    expect(await as(cookieA)).not.toBeNull();
    const result = await post(userAction, db.context(), EXEC, path, { intent: "disable" }, params);
    expect(result.status).toBe(302);
    expect(result.location).toBe("/admin/users/user-ethan-brown?done=disabled");
    expect(await as(cookieA)).toBeNull();
    expect(await as(cookieB)).toBeNull();
    const sessions = await db.context().db.query.selectFrom("user_sessions").select("revoked_at").where("user_id", "=", EMPLOYEE).execute();
    expect(sessions.length).toBe(2);
    expect(sessions.every((s) => s.revoked_at !== null)).toBe(true);
    const [entry] = await historyOf("user", EMPLOYEE);
    expect(entry.action).toBe("disabled");
    expect(JSON.parse(entry.details!).changes.disabled_at.from).toBeNull();

    const enabled = await post(userAction, db.context(), EXEC, path, { intent: "enable" }, params);
    expect(enabled.location).toBe("/admin/users/user-ethan-brown?done=enabled");
    expect(await as(await sessionCookie(db.context(), EMPLOYEE))).not.toBeNull();
    expect((await historyOf("user", EMPLOYEE)).map((h) => h.action).sort()).toEqual(["disabled", "enabled"]);
  });

  it("an unknown intent is a 400", async () => {
    expect((await post(userAction, db.context(), EXEC, path, { intent: "delete" }, params)).status).toBe(400);
  });
});

describe("the CSV export is a resource route", () => {
  it("exports no ErrorBoundary or component (Remix would otherwise render HTML around it)", async () => {
    const mod = await import("~/routes/_app+/admin+/users[.csv]");
    expect(Object.keys(mod)).toEqual(["loader"]);
  });
});
