import { beforeEach, describe, expect, it } from "vitest";
import { batch } from "~/platform/batch.server";
import { getViewer } from "~/platform/session.server";
import { loadActionCentre, raiseActionItem, upsertActionItem } from "~/modules/action-centre/action-items.server";
import { feedFiltersSchema } from "~/modules/action-centre/catalogue";
import { action, loader } from "~/routes/_app+/action-centre";
import { setupTestDb } from "../../support/d1";
import { getAs, postAs, statusOf } from "../../support/requests";

const db = setupTestDb({ seed: true });
const SEEDED = ["ai-followup-greenleaf", "ai-invoice-kinetic", "ai-onboard-kai", "ai-qbr-harbour", "ai-reconnect-atlas", "ai-timesheet-ethan"];

// Other areas seed action items too: keep exactly the platform's six so these assertions are exact.
beforeEach(async () => {
  await db.exec(`DELETE FROM action_items WHERE id NOT IN (${SEEDED.map((id) => `'${id}'`).join(", ")});`);
});

async function feed(userId: string, query = "") {
  const context = db.context();
  const request = await getAs(context, userId, `/action-centre${query}`);
  return loader({ request, context, params: {} });
}
async function post(userId: string, fields: Record<string, string | string[]>, query = "") {
  const context = db.context();
  const request = await postAs(context, userId, `/action-centre${query}`, fields);
  return { context, run: () => action({ request, context, params: {} }) };
}
const ids = (data: Awaited<ReturnType<typeof feed>>) => data.items.map((i) => i.id).sort();
async function item(id: string) {
  return db.context().db.query.selectFrom("action_items").selectAll().where("id", "=", id).executeTakeFirst();
}
async function historyOf(id: string) {
  return db.context().db.query.selectFrom("history").selectAll().where("resource_type", "=", "action_item").where("resource_id", "=", id).execute();
}

describe("action centre scoping", () => {
  it("an employee sees only the items assigned to them", async () => {
    expect(ids(await feed("user-ethan-brown"))).toEqual(["ai-timesheet-ethan"]);
  });

  it("a manager also sees only their own items (not their team's)", async () => {
    expect(ids(await feed("user-daniel-costa"))).toEqual(["ai-onboard-kai"]);
  });

  it("executives and heads see every open item", async () => {
    expect(ids(await feed("user-olivia-bennett"))).toEqual(SEEDED);
    const head = await feed("user-priya-raman");
    expect(ids(head)).toEqual(SEEDED);
    expect(head.counts.total).toBe(6);
  });

  it("the assigned_to filter narrows exec/head feeds and is ignored for everyone else", async () => {
    expect(ids(await feed("user-priya-raman", "?assignee=ethan-brown"))).toEqual(["ai-timesheet-ethan"]);
    expect(ids(await feed("user-priya-raman", "?assignee=me"))).toEqual(["ai-reconnect-atlas"]);
    expect(ids(await feed("user-ethan-brown", "?assignee=tom-fletcher"))).toEqual(["ai-timesheet-ethan"]);
  });

  it("tabs and the module filter come from the URL", async () => {
    expect(ids(await feed("user-olivia-bennett", "?tab=relationship"))).toEqual(["ai-reconnect-atlas"]);
    expect(ids(await feed("user-olivia-bennett", "?tab=calls"))).toEqual(["ai-followup-greenleaf", "ai-reconnect-atlas"]);
    expect(ids(await feed("user-olivia-bennett", "?module=invoices"))).toEqual(["ai-invoice-kinetic"]);
  });

  it("orders by due date (overdue first), then newest", async () => {
    const data = await feed("user-olivia-bennett");
    expect(data.items.map((i) => i.dueDate)).toEqual(["2026-11-18", "2026-11-20", "2026-11-24", "2026-11-25", "2026-11-27", "2026-11-28"]);
  });

  it("a page view costs at most 2 round trips", async () => {
    const context = db.context();
    const request = await getAs(context, "user-olivia-bennett", "/action-centre?tab=overdue");
    const before = context.db.stats.roundTrips;
    await loader({ request, context, params: {} });
    expect(context.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
  });

  it("paginates 50 to a page", async () => {
    const values = Array.from({ length: 55 }, (_, i) =>
      `('bulk-${String(i).padStart(2, "0")}','Bulk ${i}','manual','manual',NULL,'ethan-brown','2027-01-${String((i % 28) + 1).padStart(2, "0")}')`);
    await db.exec(`INSERT INTO action_items (id, title, source_module, source_type, source_id, assigned_person_id, due_date) VALUES ${values.join(",")};`);
    const first = await feed("user-ethan-brown");
    expect(first.items).toHaveLength(50);
    expect(first.hasNext).toBe(true);
    const second = await feed("user-ethan-brown", "?page=2");
    expect(second.items).toHaveLength(6);
    expect(second.hasNext).toBe(false);
  });
});

describe("urgency in the viewer's time zone", () => {
  async function load(userId: string, query: string, now: Date) {
    const context = db.context();
    const viewer = await getViewer(await getAs(context, userId, "/"), context);
    const filters = feedFiltersSchema.parse(Object.fromEntries(new URLSearchParams(query)));
    return loadActionCentre(context.db, viewer!, filters, now);
  }
  const now = new Date("2026-11-24T14:30:00Z"); // 25 Nov in Melbourne, still 24 Nov in Los Angeles

  it("uses the org zone (Melbourne) by default", async () => {
    const data = await load("user-olivia-bennett", "", now);
    expect(data.timezone).toBe("Australia/Melbourne");
    expect(data.today).toBe("2026-11-25");
    expect(data.counts.byUrgency).toEqual({ overdue: 3, today: 1, this_week: 2, normal: 0 });
    const overdue = await load("user-olivia-bennett", "tab=overdue", now);
    expect(overdue.items.map((i) => i.id)).toEqual(["ai-invoice-kinetic", "ai-qbr-harbour", "ai-timesheet-ethan"]);
    expect(overdue.items.every((i) => i.urgency === "overdue")).toBe(true);
  });

  it("a user's own zone overrides the org's, and the Overdue tab is exact for it", async () => {
    await db.exec("INSERT INTO user_preferences (user_id, timezone) VALUES ('user-olivia-bennett', 'America/Los_Angeles');");
    const data = await load("user-olivia-bennett", "", now);
    expect(data.today).toBe("2026-11-24");
    expect(data.counts.byUrgency).toEqual({ overdue: 2, today: 1, this_week: 3, normal: 0 });
    expect(data.counts.byTab.overdue).toBe(2);
    const overdue = await load("user-olivia-bennett", "tab=overdue", now);
    expect(overdue.items.map((i) => i.id)).toEqual(["ai-invoice-kinetic", "ai-qbr-harbour"]);
  });
});

describe("inline completion", () => {
  it("the assignee completes their item: completed_by/at and a history row", async () => {
    const { run } = await post("user-ethan-brown", { intent: "complete", id: "ai-timesheet-ethan" });
    expect(await statusOf(run)).toBe(200);
    const row = await item("ai-timesheet-ethan");
    expect(row?.is_completed).toBe(1);
    expect(row?.completed_by).toBe("user-ethan-brown");
    expect(row?.completed_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await historyOf("ai-timesheet-ethan")).map((h) => h.action)).toEqual(["completed"]);
    expect(ids(await feed("user-ethan-brown"))).toEqual([]);
    expect(ids(await feed("user-ethan-brown", "?status=done"))).toEqual(["ai-timesheet-ethan"]);
  });

  it("someone else's item is not found for an employee and stays open", async () => {
    const { run } = await post("user-ethan-brown", { intent: "complete", id: "ai-qbr-harbour" });
    expect(await statusOf(run)).toBe(404);
    expect((await item("ai-qbr-harbour"))?.is_completed).toBe(0);
    expect(await historyOf("ai-qbr-harbour")).toEqual([]);
  });

  it("a manager cannot complete a report's item either", async () => {
    const { run } = await post("user-daniel-costa", { intent: "complete", id: "ai-timesheet-ethan" });
    expect(await statusOf(run)).toBe(404);
  });

  it("an executive completes anyone's item and can reopen it", async () => {
    expect(await statusOf((await post("user-olivia-bennett", { intent: "complete", id: "ai-qbr-harbour" })).run)).toBe(200);
    expect((await item("ai-qbr-harbour"))?.completed_by).toBe("user-olivia-bennett");
    expect(await statusOf((await post("user-olivia-bennett", { intent: "reopen", id: "ai-qbr-harbour" })).run)).toBe(200);
    const row = await item("ai-qbr-harbour");
    expect(row?.is_completed).toBe(0);
    expect(row?.completed_at).toBeNull();
    expect((await historyOf("ai-qbr-harbour")).map((h) => h.action).sort()).toEqual(["completed", "reopened"]);
  });

  it("an unknown intent or missing id is a 400", async () => {
    expect(await statusOf((await post("user-ethan-brown", { intent: "explode", id: "x" })).run)).toBe(400);
    expect(await statusOf((await post("user-ethan-brown", { intent: "complete" })).run)).toBe(400);
  });
});

describe("manual items", () => {
  async function manual(title: string) {
    return db.context().db.query.selectFrom("action_items").selectAll().where("title", "=", title).execute();
  }
  async function notificationsFor(userId: string) {
    return db.context().db.query.selectFrom("notifications").selectAll().where("user_id", "=", userId).where("type", "=", "action_item_assigned").execute();
  }

  it("defaults to the viewer, writes history, notifies nobody", async () => {
    const { run } = await post("user-ethan-brown", { intent: "create", title: "Review PR #42", dueDate: "2026-12-01", companyId: "co-kinetic" });
    expect(await statusOf(run)).toBe(302);
    const [row] = await manual("Review PR #42");
    expect(row).toMatchObject({ source_module: "manual", assigned_person_id: "ethan-brown", company_id: "co-kinetic", due_date: "2026-12-01", created_by: "user-ethan-brown" });
    expect((await historyOf(row.id)).map((h) => h.action)).toEqual(["created"]);
    expect(await notificationsFor("user-ethan-brown")).toEqual([]);
  });

  it("a manager assigns to a report, who is notified and sees it", async () => {
    const { run } = await post("user-daniel-costa", { intent: "create", title: "Pair with Zara on the design system", assigneeId: "ethan-brown" });
    expect(await statusOf(run)).toBe(302);
    const [row] = await manual("Pair with Zara on the design system");
    expect(row.assigned_person_id).toBe("ethan-brown");
    const notes = await notificationsFor("user-ethan-brown");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ resource_type: "action_item", resource_id: row.id, action_url: "/action-centre" });
    expect(ids(await feed("user-ethan-brown"))).toContain(row.id);
  });

  it("nobody can assign outside their scope, and nothing is written", async () => {
    const { run } = await post("user-ethan-brown", { intent: "create", title: "Sneaky", assigneeId: "chloe-martin" });
    expect(await statusOf(run)).toBe(400);
    const outside = await post("user-daniel-costa", { intent: "create", title: "Sneaky 2", assigneeId: "ava-jones" });
    expect(await statusOf(outside.run)).toBe(400);
    expect(await manual("Sneaky")).toEqual([]);
    expect(await manual("Sneaky 2")).toEqual([]);
    expect(await notificationsFor("user-chloe-martin")).toEqual([]);
  });

  it("bad input is a 400 with field messages", async () => {
    const { run } = await post("user-ethan-brown", { intent: "create", title: "", dueDate: "31/12/2026" });
    const result = (await run()) as unknown as { data: { errors: Record<string, string> }; init: { status: number } };
    expect(result.init.status).toBe(400);
    expect(Object.keys(result.data.errors).sort()).toEqual(["dueDate", "title"]);
    const company = await post("user-ethan-brown", { intent: "create", title: "x", companyId: "co-nope" });
    expect(await statusOf(company.run)).toBe(400);
  });
});

describe("module toggles", () => {
  it("hiding a module removes its items from the feed and the counts", async () => {
    const { run } = await post("user-olivia-bennett", { intent: "preferences", "visible[]": ["deals", "clients", "relationships", "time", "manual"] });
    expect(await statusOf(run)).toBe(200);
    const data = await feed("user-olivia-bennett");
    expect(ids(data)).toEqual(["ai-followup-greenleaf", "ai-onboard-kai", "ai-qbr-harbour", "ai-reconnect-atlas", "ai-timesheet-ethan"]);
    expect(data.counts.byModule.invoices).toBeUndefined();
    expect(data.modules.find((m) => m.key === "invoices")?.visible).toBe(false);
    // Another user's feed is unaffected.
    expect(ids(await feed("user-priya-raman"))).toHaveLength(6);
  });

  it("rejects unknown modules", async () => {
    expect(await statusOf((await post("user-olivia-bennett", { intent: "preferences", "visible[]": ["deals", "bogus"] })).run)).toBe(400);
  });
});

describe("upsertActionItem (for other areas)", () => {
  const raise = {
    sourceModule: "deals", sourceType: "follow_up", sourceId: "deal-123", title: "Follow up Atlas deal",
    assignedPersonId: "emily-chen", dueDate: "2026-12-05T09:00:00Z", companyId: "co-atlas-health",
  };

  it("is idempotent per (module, type, source id) and refreshes the existing item", async () => {
    const { db: conn } = db.context();
    await batch(conn, [...raiseActionItem(conn, raise, "user-olivia-bennett")]);
    await batch(conn, [upsertActionItem(conn, { ...raise, title: "Follow up Atlas deal (again)", dueDate: "2026-12-06" })]);
    const rows = await conn.query.selectFrom("action_items").selectAll().where("source_id", "=", "deal-123").execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ title: "Follow up Atlas deal (again)", due_date: "2026-12-06", assigned_person_id: "emily-chen", is_completed: 0 });
    const history = await historyOf(rows[0].id);
    expect(history.map((h) => h.action)).toEqual(["raised"]);
    expect(JSON.parse(history[0].details ?? "{}").source).toEqual({ module: "deals", type: "follow_up", id: "deal-123" });
  });

  it("keeps a completed item completed unless asked to reopen", async () => {
    const { db: conn } = db.context();
    await batch(conn, [upsertActionItem(conn, raise)]);
    await conn.query.updateTable("action_items").set({ is_completed: 1, completed_at: "2026-11-01T00:00:00Z" }).where("source_id", "=", "deal-123").execute();
    await batch(conn, [upsertActionItem(conn, raise)]);
    expect((await conn.query.selectFrom("action_items").select("is_completed").where("source_id", "=", "deal-123").executeTakeFirst())?.is_completed).toBe(1);
    await batch(conn, [upsertActionItem(conn, { ...raise, reopen: true })]);
    expect((await conn.query.selectFrom("action_items").select("is_completed").where("source_id", "=", "deal-123").executeTakeFirst())?.is_completed).toBe(0);
  });

  it("different source types of the same record are different items", async () => {
    const { db: conn } = db.context();
    await batch(conn, [upsertActionItem(conn, raise), upsertActionItem(conn, { ...raise, sourceType: "won_deal_no_project" })]);
    const rows = await conn.query.selectFrom("action_items").select("source_type").where("source_id", "=", "deal-123").execute();
    expect(rows.map((r) => r.source_type).sort()).toEqual(["follow_up", "won_deal_no_project"]);
  });
});
