import { describe, expect, it } from "vitest";
import { loader as directoryLoader } from "~/routes/_app+/people+/_index";
import * as csvRoute from "~/routes/_app+/people[.csv]";
import { loader as csvLoader } from "~/routes/_app+/people[.csv]";
import { loader as searchLoader } from "~/routes/_app+/search";
import { setupTestDb } from "../../support/d1";
import { getAs, statusOf } from "../../support/requests";
import { DANIEL_SUBTREE, load, USERS } from "./helpers";

const db = setupTestDb({ seed: true });

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe("people directory", () => {
  it("a manager sees only their subtree, an employee only themself, heads and executives everyone", async () => {
    const manager = await load(db.context(), USERS.manager, "/people", directoryLoader);
    expect(ids(manager.rows)).toEqual(DANIEL_SUBTREE);
    expect(manager.total).toBe(8);
    const employee = await load(db.context(), USERS.employee, "/people", directoryLoader);
    expect(ids(employee.rows)).toEqual(["ethan-brown"]);
    const head = await load(db.context(), USERS.head, "/people", directoryLoader);
    expect(head.total).toBe(30);
    const executive = await load(db.context(), USERS.executive, "/people", directoryLoader);
    expect(executive.total).toBe(30);
    expect(executive.rows).toHaveLength(25);
    expect(executive.pageCount).toBe(2);
  });

  it("anonymous visitors are sent to sign in", async () => {
    expect(await statusOf(() => load(db.context(), null, "/people", directoryLoader))).toBe(302);
  });

  it("searches name, email and title; filters by squad, status and manager; all from the URL", async () => {
    const context = db.context;
    expect(ids((await load(context(), USERS.executive, "/people?q=raman", directoryLoader)).rows)).toEqual(["priya-raman"]);
    expect(ids((await load(context(), USERS.executive, "/people?q=ella.white%40", directoryLoader)).rows)).toEqual(["ella-white"]);
    expect(ids((await load(context(), USERS.executive, "/people?q=technical%20lead", directoryLoader)).rows)).toEqual(["liam-murphy", "mia-taylor"]);
    expect(ids((await load(context(), USERS.executive, "/people?squad=Odyssey", directoryLoader)).rows)).toEqual(["mia-taylor", "noah-wilson", "zara-ahmed"]);
    expect(ids((await load(context(), USERS.executive, "/people?manager=liam-murphy", directoryLoader)).rows)).toEqual(["chloe-martin", "ethan-brown"]);
    // A search cannot reach outside the scope.
    expect((await load(context(), USERS.manager, "/people?q=ava", directoryLoader)).rows).toEqual([]);
    const outside = await load(context(), USERS.manager, "/people?manager=tom-fletcher", directoryLoader);
    expect(outside.rows).toEqual([]);
    expect(outside.managers.map((m) => m.id)).not.toContain("tom-fletcher");
    // LIKE wildcards are literal.
    expect((await load(context(), USERS.executive, "/people?q=%25", directoryLoader)).rows).toEqual([]);
    await db.exec("UPDATE people SET employment_status = 'terminated', end_date = '2026-10-01' WHERE id = 'henry-scott';");
    expect((await load(context(), USERS.executive, "/people", directoryLoader)).total).toBe(29);
    expect(ids((await load(context(), USERS.executive, "/people?status=terminated", directoryLoader)).rows)).toEqual(["henry-scott"]);
    expect((await load(context(), USERS.executive, "/people?status=all", directoryLoader)).total).toBe(30);
    // Bad values fall back to defaults instead of failing.
    const odd = await load(context(), USERS.executive, "/people?status=nope&sort=evil&dir=sideways&page=-4", directoryLoader);
    expect(odd.filters).toMatchObject({ status: "current", sort: "name", dir: "asc", page: 1 });
  });

  it("sorts by name, title and start date in both directions, and pages 25 at a time", async () => {
    const byName = await load(db.context(), USERS.executive, "/people?sort=name", directoryLoader);
    expect(byName.rows[0]!.last_name).toBe("Ahmed");
    const byNameDesc = await load(db.context(), USERS.executive, "/people?sort=name&dir=desc", directoryLoader);
    expect(byNameDesc.rows[0]!.last_name).toBe("Young");
    const byStart = await load(db.context(), USERS.manager, "/people?sort=start_date", directoryLoader);
    expect(byStart.rows.map((r) => r.start_date)).toEqual([...byStart.rows.map((r) => r.start_date)].sort());
    const byStartDesc = await load(db.context(), USERS.manager, "/people?sort=start_date&dir=desc", directoryLoader);
    expect(byStartDesc.rows[0]!.id).toBe("kai-robinson");
    const byTitle = await load(db.context(), USERS.manager, "/people?sort=title", directoryLoader);
    expect(byTitle.rows[0]!.title).toBe("Data Analyst");
    const page2 = await load(db.context(), USERS.executive, "/people?page=2", directoryLoader);
    expect(page2.rows).toHaveLength(5);
    expect(new Set([...byName.rows, ...page2.rows].map((r) => r.id)).size).toBe(30);
  });

  it("shows the manager with pronunciation, and costs at most 2 D1 round trips", async () => {
    const context = db.context();
    const request = await getAs(context, USERS.manager, "/people?sort=name");
    const before = context.db.stats.roundTrips;
    const page = await directoryLoader({ request, context, params: {} });
    expect(context.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
    const daniel = page.rows.find((r) => r.id === "daniel-costa")!;
    expect(daniel.manager_first_name).toBe("Priya");
    expect(daniel.manager_pronunciation).toBe("PREE-ya RAH-mun");
    expect(page.squads.map((s) => s.name)).toContain("Polaris");
    expect(page.managers.map((m) => m.id).sort()).toEqual(["daniel-costa", "liam-murphy", "mia-taylor"]);
  });

  it("the CSV export has the same scope and filters, with pronunciations, and defuses formulas", async () => {
    await db.exec("UPDATE people SET title = '=HYPERLINK(\"x\")' WHERE id = 'zara-ahmed';");
    const context = db.context();
    const response = (await csvLoader({ request: await getAs(context, USERS.manager, "/people.csv?sort=name"), context, params: {} })) as Response;
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    expect(response.headers.get("Content-Disposition")).toContain("attachment");
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe("Name,Email,Title,Squad,Manager,Employment status,Employment basis,Start date,Location");
    expect(lines).toHaveLength(9);
    expect(lines.join("\n")).not.toContain("ava.jones");
    expect(lines.find((l) => l.startsWith("Zara Ahmed (ZAH-ra AH-med)"))).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines.find((l) => l.startsWith("Daniel Costa"))).toContain("Priya Raman (PREE-ya RAH-mun)");
    const asExec = db.context();
    const filtered = (await csvLoader({ request: await getAs(asExec, USERS.executive, "/people.csv?squad=Retail"), context: asExec, params: {} })) as Response;
    expect((await filtered.text()).trim().split("\r\n")).toHaveLength(3);
    const asEmployee = db.context();
    const employee = (await csvLoader({ request: await getAs(asEmployee, USERS.employee, "/people.csv"), context: asEmployee, params: {} })) as Response;
    expect((await employee.text()).trim().split("\r\n")).toHaveLength(2);
  });
});

it("the CSV route stays a resource route (no component, no ErrorBoundary)", () => {
  expect(Object.keys(csvRoute).sort()).toEqual(["loader"]);
});

describe("global search page", () => {
  it("groups results by type, scoped, with pronunciation beside names", async () => {
    const result = await load(db.context(), USERS.manager, "/search?q=zara", searchLoader);
    const people = result.groups.find((g) => g.type === "person")!;
    expect(people.hits.map((h) => h.title)).toEqual(["Zara Ahmed (ZAH-ra AH-med)"]);
    expect(people.hits[0]!.url).toBe("/people/zara-ahmed");
    const outside = await load(db.context(), USERS.manager, "/search?q=ava%20jones", searchLoader);
    expect(outside.groups.find((g) => g.type === "person")).toBeUndefined();
    expect((await load(db.context(), USERS.employee, "/search?q=a", searchLoader)).groups).toEqual([]);
    expect(await statusOf(() => load(db.context(), null, "/search?q=zara", searchLoader))).toBe(302);
  });
});
