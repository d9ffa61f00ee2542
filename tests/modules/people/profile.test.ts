import { describe, expect, it } from "vitest";
import { action as profileAction, loader as profileLoader } from "~/routes/_app+/people+/$personId";
import { loader as orgChartLoader } from "~/routes/_app+/people+/org-chart";
import { setupTestDb } from "../../support/d1";
import { getAs, postAs, statusOf } from "../../support/requests";
import { DANIEL_SUBTREE, load, USERS } from "./helpers";

const db = setupTestDb({ seed: true });

const profile = (userId: string, personId: string, tab?: string) =>
  load(db.context(), userId, `/people/${personId}${tab ? `?tab=${tab}` : ""}`, profileLoader, { personId });

describe("org chart", () => {
  type Node = Awaited<ReturnType<typeof orgChartLoader>>["roots"][number];
  const flatten = (nodes: Node[]): string[] => nodes.flatMap((n) => [n.person.id, ...flatten(n.children)]);

  it("a manager's chart is their subtree, rooted at them, children alphabetical", async () => {
    const chart = await load(db.context(), USERS.manager, "/people/org-chart", orgChartLoader);
    expect(chart.roots.map((r) => r.person.id)).toEqual(["daniel-costa"]);
    expect(flatten(chart.roots).sort()).toEqual(DANIEL_SUBTREE);
    expect(chart.roots[0]!.children.map((c) => c.person.first_name)).toEqual(["Kai", "Liam", "Mia", "Noah"]);
    expect(chart.total).toBe(8);
  });

  it("the executive's chart starts at the people without a manager, and focus re-roots it", async () => {
    const chart = await load(db.context(), USERS.executive, "/people/org-chart", orgChartLoader);
    expect(chart.roots.map((r) => r.person.id)).toEqual(["olivia-bennett"]);
    expect(chart.total).toBe(30);
    expect(chart.roots[0]!.reports).toBe(4);
    // Three levels below the root are sent; deeper people are counted and reachable by focusing.
    const tom = chart.roots[0]!.children.find((c) => c.person.id === "priya-raman")!.children.find((c) => c.person.id === "tom-fletcher")!;
    const lucas = tom.children.find((c) => c.person.id === "lucas-rossi")!;
    expect(lucas.children).toEqual([]);
    expect(lucas.truncated).toBe(true);
    const focused = await load(db.context(), USERS.executive, "/people/org-chart?focus=lucas-rossi", orgChartLoader);
    expect(flatten(focused.roots)).toEqual(["lucas-rossi", "isla-thompson"]);
    expect(focused.focus!.map((p) => p.id)).toEqual(["olivia-bennett", "priya-raman", "tom-fletcher", "lucas-rossi"]);
  });

  it("focus outside the scope shows the viewer's own chart; a lead never sees their reports; orphans become roots", async () => {
    const outside = await load(db.context(), USERS.manager, "/people/org-chart?focus=tom-fletcher", orgChartLoader);
    expect(outside.roots.map((r) => r.person.id)).toEqual(["daniel-costa"]);
    expect(outside.focus).toBeNull();
    const inside = await load(db.context(), USERS.manager, "/people/org-chart?focus=mia-taylor", orgChartLoader);
    expect(flatten(inside.roots)).toEqual(["mia-taylor", "zara-ahmed"]);
    expect(inside.focus!.map((p) => p.id)).toEqual(["daniel-costa", "mia-taylor"]);
    const lead = await load(db.context(), USERS.lead, "/people/org-chart?focus=liam-murphy", orgChartLoader);
    expect(flatten(lead.roots)).toEqual(["liam-murphy"]);
    expect(lead.roots[0]!.reports).toBe(0);
    await db.exec("UPDATE people SET employment_status = 'terminated' WHERE id = 'tom-fletcher';");
    const exec = await load(db.context(), USERS.executive, "/people/org-chart", orgChartLoader);
    // Tom's reports have no current manager: they become roots (sorted by name with Olivia).
    expect(exec.roots.map((r) => r.person.id)).toEqual(["ava-jones", "lucas-rossi", "olivia-bennett", "sienna-clarke"]);
    expect(flatten(exec.roots)).not.toContain("tom-fletcher");
    expect(exec.total).toBe(29);
  });

  it("peek shows an in-scope person's contact and system info; out of scope shows nothing", async () => {
    const chart = await load(db.context(), USERS.manager, "/people/org-chart?peek=zara-ahmed", orgChartLoader);
    expect(chart.peek).toMatchObject({ id: "zara-ahmed", email: "zara.ahmed@dotcollective.com.au", pronunciation: "ZAH-ra AH-med", manager_id: "mia-taylor", access_level: "employee" });
    const outside = await load(db.context(), USERS.manager, "/people/org-chart?peek=ava-jones", orgChartLoader);
    expect(outside.peek).toBeNull();
    expect(outside.peekActivity).toEqual([]);
    expect(flatten(outside.roots)).not.toContain("ava-jones");
  });

  it("an employee sees only themself; the chart costs at most 2 round trips", async () => {
    const context = db.context();
    const request = await getAs(context, USERS.employee, "/people/org-chart?peek=ethan-brown");
    const before = context.db.stats.roundTrips;
    const chart = await orgChartLoader({ request, context, params: {} });
    expect(context.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
    expect(flatten(chart.roots)).toEqual(["ethan-brown"]);
    expect(chart.peek?.id).toBe("ethan-brown");
  });
});

describe("profile", () => {
  it("out-of-scope or unknown people are a 404", async () => {
    expect(await statusOf(() => profile(USERS.manager, "ava-jones"))).toBe(404);
    expect(await statusOf(() => profile(USERS.employee, "liam-murphy"))).toBe(404);
    expect(await statusOf(() => profile(USERS.lead, "chloe-martin"))).toBe(404);
    expect(await statusOf(() => profile(USERS.executive, "nobody"))).toBe(404);
    expect(await statusOf(() => profile(USERS.manager, "ava-jones", "notes"))).toBe(404);
  });

  it("tab visibility follows the access level and scope", async () => {
    expect((await profile(USERS.employee, "ethan-brown")).tabs).toEqual(["details", "employment", "linkedin"]);
    expect((await profile(USERS.manager, "liam-murphy")).tabs).toEqual(["details", "employment", "documents", "notes", "linkedin", "activity"]);
    // Nobody but an executive reads confidential notes about themself.
    expect((await profile(USERS.manager, "daniel-costa")).tabs).toEqual(["details", "employment", "documents", "linkedin", "activity"]);
    expect((await profile(USERS.executive, "olivia-bennett")).tabs).toContain("notes");
    // A head sees everyone, but HR documents and confidential notes only for their subtree.
    expect((await profile(USERS.head, "ella-white")).tabs).toEqual(["details", "employment", "linkedin", "activity"]);
    expect((await profile(USERS.head, "ethan-brown")).tabs).toEqual(["details", "employment", "documents", "notes", "linkedin", "activity"]);
  });

  it("a tab the viewer may not open falls back to Details and loads nothing for it", async () => {
    await db.exec("INSERT INTO history (id, resource_type, resource_id, actor_id, action, created_at) VALUES ('h-1','person','ethan-brown','user-olivia-bennett','updated','2026-11-01T00:00:00Z');");
    const own = await profile(USERS.employee, "ethan-brown", "activity");
    expect(own.tab).toBe("details");
    expect(own.history).toEqual([]);
    const asManager = await profile(USERS.manager, "ethan-brown", "activity");
    expect(asManager.tab).toBe("activity");
    expect(asManager.history.map((h) => h.id)).toEqual(["h-1"]);
  });

  it("Details carries the contact, role, personal and system fields; Employment the tenure and capacity", async () => {
    const details = await profile(USERS.manager, "zara-ahmed");
    expect(details.person).toMatchObject({
      email: "zara.ahmed@dotcollective.com.au", mobile: "0491558237", title: "Frontend Developer", squad: "Odyssey",
      pronunciation: "ZAH-ra AH-med", manager_id: "mia-taylor", manager_first_name: "Mia", productive_id: "prod-zara-ahmed", access_level: "employee",
    });
    const mia = await profile(USERS.manager, "mia-taylor");
    expect(mia.reports.map((r) => r.id)).toEqual(["zara-ahmed"]);
    const employment = await profile(USERS.employee, "ethan-brown", "employment");
    expect(employment.tab).toBe("employment");
    expect(employment.person).toMatchObject({ start_date: "2022-02-07", employment_basis: "full_time", weekly_capacity_hours: 38, billable_target_percent: 80 });
  });

  it("Notes shows the confidential notes the viewer may read (one batch with the person)", async () => {
    await db.exec(`INSERT INTO notes (id, resource_type, resource_id, author_id, content, visibility) VALUES
      ('n-1','person','liam-murphy','user-olivia-bennett','Ready for a senior role','["executive","head","manager"]'),
      ('n-2','person','liam-murphy','user-olivia-bennett','Executives only','["executive"]');`);
    const context = db.context();
    const request = await getAs(context, USERS.manager, "/people/liam-murphy?tab=notes");
    const before = context.db.stats.roundTrips;
    const page = await profileLoader({ request, context, params: { personId: "liam-murphy" } });
    expect(context.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
    expect(page.tab).toBe("notes");
    expect(page.notes.map((n) => n.content)).toEqual(["Ready for a senior role"]);
    expect(page.mentionables.length).toBeGreaterThan(0);
  });

  it("Documents and LinkedIn tabs read the other areas' data for the person", async () => {
    await db.exec(`INSERT INTO documents (id, person_id, category, name, file_key, file_name, file_size, content_type, uploaded_by_name)
      VALUES ('doc-1','ethan-brown','certificate','First aid','documents/ethan-brown/doc-1.pdf','first-aid.pdf',1234,'application/pdf','Sophie Walker');`);
    const docs = await profile(USERS.manager, "ethan-brown", "documents");
    expect(docs.tab).toBe("documents");
    expect(docs.documents.map((d) => d.name)).toEqual(["First aid"]);
    const linkedin = await profile(USERS.employee, "ethan-brown", "linkedin");
    expect(linkedin.tab).toBe("linkedin");
    expect(linkedin.linkedin).toEqual({ activities: [], alerts: [] });
  });

  it("executives link a person to a Xero employee by hand (history recorded; duplicates refused)", async () => {
    const post = async (userId: string, personId: string, fields: Record<string, string>) => {
      const context = db.context();
      return profileAction({ request: await postAs(context, userId, `/people/${personId}`, fields), context, params: { personId } });
    };
    expect(await statusOf(() => post(USERS.manager, "ethan-brown", { intent: "xero-link", xeroEmployeeId: "abc-123" }))).toBe(403);
    expect(await post(USERS.executive, "ethan-brown", { intent: "xero-link", xeroEmployeeId: "abc-123" })).toEqual({ ok: true, changed: true });
    const dup = (await post(USERS.executive, "chloe-martin", { intent: "xero-link", xeroEmployeeId: "abc-123" })) as unknown as { data: { errors: Record<string, string> }; init: { status: number } };
    expect(dup.init.status).toBe(400);
    expect(dup.data.errors.xeroEmployeeId).toContain("Ethan Brown");
    const bad = (await post(USERS.executive, "chloe-martin", { intent: "xero-link", xeroEmployeeId: "drop table;" })) as unknown as { init: { status: number } };
    expect(bad.init.status).toBe(400);
    expect(await statusOf(() => post(USERS.executive, "nobody", { intent: "xero-unlink" }))).toBe(404);
    const after = await profile(USERS.executive, "ethan-brown", "activity");
    expect(after.person.xero_employee_id).toBe("abc-123");
    expect(after.history[0]).toMatchObject({ action: "xero_linked" });
    expect(await post(USERS.executive, "ethan-brown", { intent: "xero-unlink" })).toEqual({ ok: true, changed: true });
    expect((await profile(USERS.executive, "ethan-brown")).person.xero_employee_id).toBeNull();
  });
});
