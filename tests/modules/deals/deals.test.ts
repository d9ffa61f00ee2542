import { describe, expect, it } from "vitest";
import { raiseRottingDealItems, sweepRottingDeals } from "~/modules/deals/deals.server";
import { RECORD_TYPES } from "~/modules/records/registry.server";
import { DEALS_PAGE_SIZE, daysSince, effectiveProbability, isRotting, parseMoney, weightedCents } from "~/modules/deals/schemas";
import { globalSearch } from "~/modules/search/search.server";
import { timelineQuery } from "~/modules/crm/timeline.server";
import { batch, chunkForInsert } from "~/platform/batch.server";
import { getViewer } from "~/platform/session.server";
import { action as boardAction, loader as boardLoader } from "~/routes/_app+/deals+/_index";
import { action as dealAction, loader as dealLoader } from "~/routes/_app+/deals+/$dealId";
import { action as editAction, loader as editLoader } from "~/routes/_app+/deals+/$dealId_.edit";
import { loader as csvLoader } from "~/routes/_app+/deals+/export[.csv]";
import { loader as listLoader } from "~/routes/_app+/deals+/list";
import { action as newAction, loader as newLoader } from "~/routes/_app+/deals+/new";
import { action as pipelinesAction, loader as pipelinesLoader } from "~/routes/_app+/deals+/pipelines";
import { setupTestDb } from "../../support/d1";
import { getAs } from "../../support/requests";
import { get, load, post, roundTrips } from "../delivery/helpers";

const db = setupTestDb({ seed: true });

const EXEC = "user-olivia-bennett";
/** Engineering manager: owns Kinetic live tracking, on the Atlas phase 2 deal team. */
const MANAGER = "user-daniel-costa";
/** Sales manager: her deals plus Ella's and Henry's (her reports). */
const SALES = "user-emily-chen";
/** Lead: deals view only; owns Harbour Online SEO, on the Harbour loyalty team. */
const LEAD = "user-sienna-clarke";
/** Employees have no deals grant. */
const EMPLOYEE = "user-ethan-brown";

type Board = {
  columns: { id: string; name: string; count: number; valueCents: number; weightedCents: number }[];
  cards: { id: string; stage_id: string; rotting: number; days_in_stage: number }[];
  summary: { openCount: number; openValueCents: number; weightedCents: number; rotting: number };
  pipeline: { id: string } | null;
};
type List = { rows: { id: string; title: string; rotting: number }[]; total: number; weightedCents: number };

const dealRow = (id: string) => db.context().db.query.selectFrom("deals").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const col = (board: Board, name: string) => board.columns.find((c) => c.name === name)!;

describe("weighted value maths", () => {
  it("weights value by probability, to the cent, with the deal override winning", () => {
    expect(weightedCents(4_800_000, 50)).toBe(2_400_000);
    expect(weightedCents(333, 33)).toBe(110); // 109.89 → 110
    expect(weightedCents(1_000, 0)).toBe(0);
    expect(effectiveProbability(25, null)).toBe(25);
    expect(effectiveProbability(25, 60)).toBe(60);
    expect(effectiveProbability(25, 0)).toBe(0);
  });

  it("parses money and counts days", () => {
    expect(parseMoney("48,000.50")).toBe(4_800_050);
    expect(parseMoney("$12500")).toBe(1_250_000);
    expect(parseMoney("12.345")).toBeNull();
    expect(parseMoney("abc")).toBeNull();
    const now = new Date("2026-11-25T12:00:00Z");
    expect(daysSince("2026-11-20T12:00:00Z", now)).toBe(5);
    expect(daysSince("2026-11-26T12:00:00Z", now)).toBe(0);
    expect(isRotting({ status: "open", updated_at: "2026-11-10T12:00:00Z" }, { rotting_days: 14, stage_type: "open" }, now)).toBe(true);
    expect(isRotting({ status: "open", updated_at: "2026-11-20T12:00:00Z" }, { rotting_days: 14, stage_type: "open" }, now)).toBe(false);
    expect(isRotting({ status: "won", updated_at: "2026-01-01T00:00:00Z" }, { rotting_days: 14, stage_type: "open" }, now)).toBe(false);
    expect(isRotting({ status: "open", updated_at: "2026-01-01T00:00:00Z" }, { rotting_days: null, stage_type: "open" }, now)).toBe(false);
  });
});

describe("pipeline board", () => {
  it("shows per-stage totals and weighted values of the default pipeline in 2 round trips", async () => {
    const board = await load<Board>(boardLoader, db.context(), EXEC, "/deals");
    expect(board.pipeline?.id).toBe("pipe-new-business");
    expect(board.columns.map((c) => c.name)).toEqual(["Lead", "Qualified", "Proposal", "Negotiation", "Won", "Lost"]);
    // Proposal: Greenleaf $48k + Atlas $210k at 50%.
    expect(col(board, "Proposal")).toMatchObject({ count: 2, valueCents: 25_800_000, weightedCents: 12_900_000 });
    // Lead $40k×10% + Qualified $101k×25% + Proposal $258k×50% + Negotiation $208k×75%.
    expect(board.summary.weightedCents).toBe(400_000 + 2_525_000 + 12_900_000 + 15_600_000);
    expect(board.summary.openCount).toBe(8);
    // Won column: Greenleaf ads (15 days ago); the Solace win (70 days ago) is off the board.
    expect(col(board, "Won").count).toBe(1);
    expect(board.cards.find((c) => c.id === "deal-brightpath-enrol")).toMatchObject({ rotting: 1, days_in_stage: 30 });
    expect(board.summary.rotting).toBe(1);
    expect(await roundTrips(boardLoader, db.context(), EXEC, "/deals")).toBeLessThanOrEqual(2);
  });

  it("moves a deal (board form), closes the stage period, opens a new one and writes history", async () => {
    const result = await post(boardAction, db.context(), EXEC, "/deals?index", { intent: "move", deal_id: "deal-brightpath-enrol", stage_id: "stg-proposal" });
    expect(result.status).toBe(302);
    const deal = await dealRow("deal-brightpath-enrol");
    expect(deal.stage_id).toBe("stg-proposal");
    expect(daysSince(deal.stage_entered_at)).toBe(0);
    const periods = await db.context().db.query.selectFrom("deal_stage_history").selectAll().where("deal_id", "=", "deal-brightpath-enrol").orderBy("entered_at").execute();
    expect(periods).toHaveLength(2);
    expect(periods[0]).toMatchObject({ stage_name: "Qualified" });
    expect(periods[0]!.exited_at).not.toBeNull();
    expect(periods[1]).toMatchObject({ stage_name: "Proposal", exited_at: null, from_stage_id: "stg-qualified" });
    const history = await db.context().db.query.selectFrom("history").selectAll().where("resource_type", "=", "deal").where("resource_id", "=", "deal-brightpath-enrol").execute();
    expect(history.map((h) => h.action)).toContain("stage_changed");
    expect(JSON.parse(history.find((h) => h.action === "stage_changed")!.details!).changes.stage).toEqual({ from: "Qualified", to: "Proposal" });

    // Weighted total: $36k moved from 25% to 50% → +$9k; the deal is no longer rotting.
    const board = await load<Board>(boardLoader, db.context(), EXEC, "/deals");
    expect(board.summary.weightedCents).toBe(400_000 + 2_525_000 + 12_900_000 + 15_600_000 + 900_000);
    expect(board.cards.find((c) => c.id === "deal-brightpath-enrol")).toMatchObject({ rotting: 0, stage_id: "stg-proposal", days_in_stage: 0 });
  });

  it("a fetcher move (?fetch=1) answers with data; a lost stage needs a reason; a foreign stage is refused", async () => {
    const ok = await post(boardAction, db.context(), EXEC, "/deals?index&fetch=1", { intent: "move", deal_id: "deal-solace-summer", stage_id: "stg-qualified" });
    expect(ok.status).toBe(200);
    const lost = await post(boardAction, db.context(), EXEC, "/deals?index", { intent: "move", deal_id: "deal-solace-summer", stage_id: "stg-lost" });
    expect(lost.status).toBe(400);
    expect((lost.data as { errors: Record<string, string> }).errors.stage_id).toMatch(/reason/);
    const foreign = await post(boardAction, db.context(), EXEC, "/deals?index", { intent: "move", deal_id: "deal-solace-summer", stage_id: "stg-ren-upcoming" });
    expect(foreign.status).toBe(400);
    expect((await dealRow("deal-solace-summer")).status).toBe("open");
  });

  it("a lead can view the board but not move deals", async () => {
    const board = await load<Board & { canMove: boolean }>(boardLoader, db.context(), LEAD, "/deals");
    expect(board.canMove).toBe(false);
    expect(board.cards.map((c) => c.id).sort()).toEqual(["deal-harbour-loyalty", "deal-harbour-online-seo"]);
    expect((await post(boardAction, db.context(), LEAD, "/deals?index", { intent: "move", deal_id: "deal-harbour-online-seo", stage_id: "stg-qualified" })).status).toBe(403);
  });
});

describe("rotting deals", () => {
  it("raises one action item per rotting deal for its owner, idempotently", async () => {
    const { db: kdb } = db.context();
    expect(await raiseRottingDealItems(kdb)).toEqual({ raised: 1 });
    expect(await raiseRottingDealItems(kdb)).toEqual({ raised: 0 });
    const items = await kdb.query.selectFrom("action_items").selectAll().where("source_module", "=", "deals").where("source_type", "=", "stale_deal").execute();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ source_id: "deal-brightpath-enrol", assigned_person_id: "henry-scott", deal_id: "deal-brightpath-enrol", company_id: "co-brightpath", is_completed: 0 });
    const raised = await kdb.query.selectFrom("history").select("action").where("resource_type", "=", "action_item").where("resource_id", "=", items[0]!.id).execute();
    expect(raised).toHaveLength(1);

    // Three weeks on, more deals rot; the BrightPath item is not duplicated.
    const later = new Date(Date.now() + 21 * 86_400_000);
    const second = await raiseRottingDealItems(kdb, later);
    expect(second.raised).toBeGreaterThan(1);
    const all = await kdb.query.selectFrom("action_items").select("source_id").where("source_type", "=", "stale_deal").execute();
    expect(all.filter((i) => i.source_id === "deal-brightpath-enrol")).toHaveLength(1);
    expect(new Set(all.map((i) => i.source_id)).size).toBe(all.length);
    // The board's throttled sweep runs at most once per interval per isolate.
    const far = new Date(Date.now() + 60 * 86_400_000);
    expect(await sweepRottingDeals(kdb, far)).not.toBeNull();
    expect(await sweepRottingDeals(kdb, new Date(far.getTime() + 60_000))).toBeNull();
  });

  it("moving a rotting deal closes its rotting item", async () => {
    const { db: kdb } = db.context();
    await raiseRottingDealItems(kdb);
    await post(boardAction, db.context(), EXEC, "/deals?index", { intent: "move", deal_id: "deal-brightpath-enrol", stage_id: "stg-proposal" });
    const items = await kdb.query.selectFrom("action_items").select(["is_completed", "completed_by"]).where("source_type", "=", "stale_deal").where("source_id", "=", "deal-brightpath-enrol").execute();
    expect(items).toEqual([{ is_completed: 1, completed_by: EXEC }]);
  });

  it("the list can show rotting deals only", async () => {
    const list = await load<List>(listLoader, db.context(), EXEC, "/deals/list?rotting=1");
    expect(list.rows.map((r) => r.id)).toEqual(["deal-brightpath-enrol"]);
  });
});

describe("won and lost", () => {
  it("lost needs a reason (400, nothing written), then records it", async () => {
    const params = { dealId: "deal-urban-pantry-app" };
    const missing = await post(dealAction, db.context(), SALES, "/deals/deal-urban-pantry-app", { intent: "lose", reason: "  " }, params);
    expect(missing.status).toBe(400);
    expect((missing.data as { errors: Record<string, string> }).errors.reason).toMatch(/reason/i);
    expect((await dealRow("deal-urban-pantry-app")).status).toBe("open");
    const ok = await post(dealAction, db.context(), SALES, "/deals/deal-urban-pantry-app", { intent: "lose", reason: "Budget moved to 2028" }, params);
    expect(ok.status).toBe(302);
    expect(await dealRow("deal-urban-pantry-app")).toMatchObject({ status: "lost", stage_id: "stg-lost", close_reason: "Budget moved to 2028" });
    // Reopen goes back to the last open stage.
    await post(dealAction, db.context(), SALES, "/deals/deal-urban-pantry-app", { intent: "reopen" }, params);
    expect(await dealRow("deal-urban-pantry-app")).toMatchObject({ status: "open", stage_id: "stg-qualified", close_reason: null, closed_at: null });
  });

  it("won creates a delivery project through delivery's prepareProject and links it", async () => {
    const params = { dealId: "deal-kinetic-tracking" };
    const result = await post(dealAction, db.context(), MANAGER, "/deals/deal-kinetic-tracking", { intent: "win", reason: "Signed SOW", create_project: "on" }, params);
    expect(result.status).toBe(302);
    expect(await dealRow("deal-kinetic-tracking")).toMatchObject({ status: "won", stage_id: "stg-won", close_reason: "Signed SOW" });
    const links = await db.context().db.query.selectFrom("deal_project_links as l").innerJoin("projects as p", "p.id", "l.project_id")
      .select(["p.id", "p.name", "p.company_id", "p.owner_id", "p.status"]).where("l.deal_id", "=", "deal-kinetic-tracking").execute();
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ name: "Kinetic live tracking", company_id: "co-kinetic", owner_id: "daniel-costa", status: "planning" });
    const page = await load<{ projects: { project_id: string }[] }>(dealLoader, db.context(), MANAGER, "/deals/deal-kinetic-tracking", params);
    expect(page.projects.map((p) => p.project_id)).toEqual([links[0]!.id]);
    const history = await db.context().db.query.selectFrom("history").select("action").where("resource_id", "=", links[0]!.id).execute();
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(["created", "linked_to_deal"]));
    // Winning twice is refused.
    expect((await post(dealAction, db.context(), MANAGER, "/deals/deal-kinetic-tracking", { intent: "win" }, params)).status).toBe(400);
  });

  it("the win, the new project and their link are one atomic write (nothing half-done when it fails)", async () => {
    const q = () => db.context().db.query;
    const projectsBefore = (await q().selectFrom("projects").select("id").execute()).length;
    await db.exec("CREATE TRIGGER refuse_deal_links BEFORE INSERT ON deal_project_links BEGIN SELECT RAISE(ABORT, 'link refused'); END;");
    const outcome = await post(dealAction, db.context(), MANAGER, "/deals/deal-kinetic-tracking", { intent: "win", create_project: "on" }, { dealId: "deal-kinetic-tracking" })
      .then((r) => r.status, (e: unknown) => (e instanceof Error ? e.message : String(e)));
    expect(outcome).not.toBe(302);
    expect((await q().selectFrom("projects").select("id").execute()).length).toBe(projectsBefore);
    expect(await dealRow("deal-kinetic-tracking")).toMatchObject({ status: "open" });
  });

  it("won without a project raises a 'won deal needs a project' action item for the owner", async () => {
    const params = { dealId: "deal-greenleaf-rebrand" };
    const result = await post(dealAction, db.context(), SALES, "/deals/deal-greenleaf-rebrand", { intent: "win" }, params);
    expect(result.status).toBe(302);
    const links = await db.context().db.query.selectFrom("deal_project_links").select("id").where("deal_id", "=", "deal-greenleaf-rebrand").execute();
    expect(links).toHaveLength(0);
    const items = await db.context().db.query.selectFrom("action_items").selectAll().where("source_type", "=", "won_deal_no_project").execute();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ source_id: "deal-greenleaf-rebrand", assigned_person_id: "emily-chen", deal_id: "deal-greenleaf-rebrand" });
  });

  it("dragging into the won stage wins the deal too", async () => {
    const result = await post(boardAction, db.context(), EXEC, "/deals?index", { intent: "move", deal_id: "deal-harbour-loyalty", stage_id: "stg-won" });
    expect(result.status).toBe(302);
    expect((await dealRow("deal-harbour-loyalty")).status).toBe("won");
    const links = await db.context().db.query.selectFrom("deal_project_links").select("id").where("deal_id", "=", "deal-harbour-loyalty").execute();
    expect(links).toHaveLength(1);
  });
});

describe("scope", () => {
  it("each level sees its own slice of the list", async () => {
    const ids = async (user: string) => (await load<List>(listLoader, db.context(), user, "/deals/list")).rows.map((r) => r.id).sort();
    expect((await load<List>(listLoader, db.context(), EXEC, "/deals/list")).total).toBe(12);
    expect(await ids(MANAGER)).toEqual(["deal-atlas-portal-phase2", "deal-kinetic-tracking"]);
    expect(await ids(SALES)).toEqual([
      "deal-brightpath-enrol", "deal-greenleaf-ads", "deal-greenleaf-rebrand", "deal-kinetic-warehouse", "deal-solace-summer",
      "deal-urban-pantry-app", "deal-urban-pantry-renewal",
    ]);
  });

  it("an out-of-scope deal is a 404 on every tab, the edit page and every action", async () => {
    const params = { dealId: "deal-greenleaf-rebrand" };
    for (const tab of ["overview", "contacts", "participants", "stages", "research", "notes", "history"]) {
      expect((await get(dealLoader, db.context(), MANAGER, `/deals/deal-greenleaf-rebrand?tab=${tab}`, params)).status, tab).toBe(404);
    }
    expect((await get(editLoader, db.context(), MANAGER, "/deals/deal-greenleaf-rebrand/edit", params)).status).toBe(404);
    expect((await post(editAction, db.context(), MANAGER, "/deals/deal-greenleaf-rebrand/edit", { title: "Sneaky", value: "1" }, params)).status).toBe(404);
    const attempts: Record<string, string>[] = [{ intent: "move", stage_id: "stg-lead" }, { intent: "lose", reason: "x" }, { intent: "win" }, { intent: "research" }, { intent: "add_participant", person_id: "daniel-costa" }];
    for (const fields of attempts) {
      expect((await post(dealAction, db.context(), MANAGER, "/deals/deal-greenleaf-rebrand", fields, params)).status, fields.intent).toBe(404);
    }
    expect((await post(boardAction, db.context(), MANAGER, "/deals?index", { intent: "move", deal_id: "deal-greenleaf-rebrand", stage_id: "stg-lead" })).status).toBe(404);
    expect(await dealRow("deal-greenleaf-rebrand")).toMatchObject({ title: "Greenleaf brand refresh", stage_id: "stg-proposal", status: "open" });
    // No deals grant at all: 403 before any lookup.
    expect((await get(boardLoader, db.context(), EMPLOYEE, "/deals")).status).toBe(403);
    expect((await get(dealLoader, db.context(), EMPLOYEE, "/deals/deal-kinetic-tracking", { dealId: "deal-kinetic-tracking" })).status).toBe(403);
  });

  it("joining the deal team brings a deal into scope", async () => {
    await post(dealAction, db.context(), EXEC, "/deals/deal-greenleaf-rebrand", { intent: "add_participant", person_id: "mia-taylor", role: "Tech lead" }, { dealId: "deal-greenleaf-rebrand" });
    // Mia reports to Daniel: his subtree now includes a participant.
    expect((await get(dealLoader, db.context(), MANAGER, "/deals/deal-greenleaf-rebrand", { dealId: "deal-greenleaf-rebrand" })).status).toBe(200);
  });

  it("search, the record registry and the company timeline follow the same scope", async () => {
    const context = db.context();
    const manager = (await getViewer(await getAs(context, MANAGER, "/"), context))!;
    const hits = (await globalSearch(context.db, manager, "Kinetic")).find((g) => g.type === "deal")?.hits ?? [];
    expect(hits.map((h) => h.id)).toEqual(["deal-kinetic-tracking"]);
    expect((await globalSearch(context.db, manager, "Greenleaf")).find((g) => g.type === "deal")).toBeUndefined();
    const [timeline] = await batch(context.db, [timelineQuery(context.db, manager, { type: "company", id: "co-kinetic" })]);
    expect(timeline.filter((r) => r.kind === "deal").map((r) => r.key)).toEqual(["deal:deal-kinetic-tracking"]);
    // Notes and history attach through the record registry with the same scope.
    const [mine, other] = await batch(context.db, [
      RECORD_TYPES.deal!.visible(context.db, manager, "deal-kinetic-tracking"),
      RECORD_TYPES.deal!.visible(context.db, manager, "deal-greenleaf-rebrand"),
    ]);
    expect(mine).toEqual([{ id: "deal-kinetic-tracking", title: "Kinetic live tracking" }]);
    expect(other).toEqual([]);
  });
});

describe("create and edit", () => {
  it("validates, then creates the deal in the first open stage with its first stage period", async () => {
    const invalid = await post(newAction, db.context(), SALES, "/deals/new", { title: "", value: "12.345" });
    expect(invalid.status).toBe(400);
    const errors = (invalid.data as { errors: Record<string, string> }).errors;
    expect(errors.title).toBeTruthy();
    expect(errors.value).toBeTruthy();
    const outside = await post(newAction, db.context(), SALES, "/deals/new", { title: "Not mine", owner_id: "tom-fletcher", value: "100" });
    expect(outside.status).toBe(400);
    expect((outside.data as { errors: Record<string, string> }).errors.owner_id).toBeTruthy();
    const mismatch = await post(newAction, db.context(), SALES, "/deals/new", { title: "Mismatch", company_id: "co-solace", primary_contact_id: "ct-tim-baker", value: "100" });
    expect((mismatch.data as { errors: Record<string, string> }).errors.primary_contact_id).toMatch(/another company/);

    const ok = await post(newAction, db.context(), SALES, "/deals/new", {
      title: "Urban Pantry catering site", company_id: "co-urban-pantry", primary_contact_id: "ct-tim-baker", owner_id: "ella-white", value: "15,000", expected_close_date: "2027-03-01",
    });
    expect(ok.status).toBe(302);
    const id = ok.location!.split("?")[0]!.split("/").pop()!;
    expect(await dealRow(id)).toMatchObject({ pipeline_id: "pipe-new-business", stage_id: "stg-lead", owner_id: "ella-white", value_cents: 1_500_000, status: "open", created_by: SALES });
    const periods = await db.context().db.query.selectFrom("deal_stage_history").selectAll().where("deal_id", "=", id).execute();
    expect(periods).toMatchObject([{ stage_id: "stg-lead", exited_at: null }]);
    const links = await db.context().db.query.selectFrom("deal_contact_links").selectAll().where("deal_id", "=", id).execute();
    expect(links).toMatchObject([{ contact_id: "ct-tim-baker", role: "decision_maker" }]);

    const edit = await post(editAction, db.context(), SALES, `/deals/${id}/edit`, { title: "Urban Pantry catering site", company_id: "co-urban-pantry", owner_id: "ella-white", value: "20000", probability_override: "40" }, { dealId: id });
    expect(edit.status).toBe(302);
    expect(await dealRow(id)).toMatchObject({ value_cents: 2_000_000, probability_override: 40 });
    const history = await db.context().db.query.selectFrom("history").selectAll().where("resource_id", "=", id).orderBy("created_at").execute();
    expect(history.map((h) => h.action)).toEqual(["created", "updated"]);
    expect(JSON.parse(history[1]!.details!).changes.value_cents).toEqual({ from: 1_500_000, to: 2_000_000 });
  });

  it("contacts, research brief (labelled rule-based draft without a provider)", async () => {
    const params = { dealId: "deal-atlas-portal-phase2" };
    const linked = await post(dealAction, db.context(), EXEC, "/deals/deal-atlas-portal-phase2", { intent: "add_contact", contact_id: "ct-maya-singh", role: "influencer" }, params);
    expect(linked.status).toBe(302);
    const dup = await post(dealAction, db.context(), EXEC, "/deals/deal-atlas-portal-phase2", { intent: "add_contact", contact_id: "ct-maya-singh", role: "influencer" }, params);
    expect(dup.status).toBe(400);
    await post(dealAction, db.context(), EXEC, "/deals/deal-atlas-portal-phase2", { intent: "research" }, params);
    const page = await load<{ data: { briefs: { content: string; source: string }[] } }>(dealLoader, db.context(), EXEC, "/deals/deal-atlas-portal-phase2?tab=research", params);
    expect(page.data.briefs[0]!.source).toBe("rule_based");
    expect(page.data.briefs[0]!.content).toContain("Atlas patient portal phase 2");
    expect(page.data.briefs[0]!.content).toContain("David Hughes");
  });
});

describe("CSV export", () => {
  it("follows the list's scope and filters", async () => {
    const result = await get(csvLoader, db.context(), MANAGER, "/deals/export.csv");
    expect(result.response!.headers.get("Content-Type")).toContain("text/csv");
    const text = await result.response!.text();
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe("Title,Company,Pipeline,Stage,Status,Owner,Currency,Value,Probability %,Weighted value,Expected close,Days in stage,Rotting,Close reason,Created,Updated");
    expect(lines).toHaveLength(3);
    expect(text).toContain("Kinetic live tracking,Kinetic Logistics,New business,Negotiation,Open,Daniel Costa,AUD,88000.00,75,66000.00");
    expect(text).not.toContain("Greenleaf");
    const won = await (await get(csvLoader, db.context(), EXEC, "/deals/export.csv?status=lost")).response!.text();
    expect(won).toContain("Went with an in-house build");
    expect(won.trim().split("\r\n")).toHaveLength(2);
  });
});

describe("pipelines admin", () => {
  it("needs deals:manage; stages with deals cannot be deleted", async () => {
    expect((await get(pipelinesLoader, db.context(), SALES, "/deals/pipelines")).status).toBe(403);
    const data = await load<{ pipelines: { id: string; stages: { id: string }[] }[] }>(pipelinesLoader, db.context(), EXEC, "/deals/pipelines");
    expect(data.pipelines[0]!.id).toBe("pipe-new-business");
    const blocked = await post(pipelinesAction, db.context(), EXEC, "/deals/pipelines", { intent: "delete_stage", stage_id: "stg-proposal" });
    expect(blocked.status).toBe(400);
    const added = await post(pipelinesAction, db.context(), EXEC, "/deals/pipelines", { intent: "add_stage", pipeline_id: "pipe-new-business", name: "Discovery", probability: "15", stage_type: "open", rotting_days: "7" });
    expect(added.status).toBe(302);
    const created = await post(pipelinesAction, db.context(), EXEC, "/deals/pipelines", { intent: "create_pipeline", name: "Partnerships" });
    expect(created.status).toBe(302);
    const pipes = await db.context().db.query.selectFrom("deal_pipeline_templates").select(["id", "name"]).where("name", "=", "Partnerships").execute();
    await post(pipelinesAction, db.context(), EXEC, "/deals/pipelines", { intent: "set_default", pipeline_id: pipes[0]!.id });
    const defaults = await db.context().db.query.selectFrom("deal_pipeline_templates").select("id").where("is_default", "=", 1).execute();
    expect(defaults).toEqual([{ id: pipes[0]!.id }]);
    const bad = await post(pipelinesAction, db.context(), EXEC, "/deals/pipelines", { intent: "add_stage", pipeline_id: "pipe-new-business", name: "X", probability: "150", stage_type: "open" });
    expect(bad.status).toBe(400);
  });
});

describe("board and list at volume", () => {
  /** `n` open Lead-stage deals owned by `owner`, updated one minute apart (the last one newest). */
  async function addLeadDeals(n: number, owner: string, prefix: string) {
    const rows = Array.from({ length: n }, (_, i) => ({
      id: `${prefix}-${String(i).padStart(2, "0")}`, title: `${prefix} ${i}`, company_id: "co-harbour-co", pipeline_id: "pipe-new-business",
      stage_id: "stg-lead", owner_id: owner, value_cents: 100_000, updated_at: new Date(Date.UTC(2026, 10, 20, 9, i)).toISOString(),
    }));
    for (const chunk of chunkForInsert(rows, 8)) await db.context().db.query.insertInto("deals").values(chunk).execute();
  }

  it("a column shows its 20 most recently updated visible deals and counts them all", async () => {
    const before = col(await load<Board>(boardLoader, db.context(), EXEC, "/deals"), "Lead").count;
    await addLeadDeals(25, "ella-white", "vol-ella"); // Ella reports to Emily
    await addLeadDeals(5, "daniel-costa", "vol-daniel"); // outside Emily's scope
    const exec = await load<Board>(boardLoader, db.context(), EXEC, "/deals");
    const execLead = exec.cards.filter((c) => c.stage_id === "stg-lead");
    expect(execLead).toHaveLength(20);
    expect(col(exec, "Lead").count).toBe(before + 25 + 5);

    const sales = await load<Board>(boardLoader, db.context(), SALES, "/deals");
    const salesLead = sales.cards.filter((c) => c.stage_id === "stg-lead").map((c) => c.id);
    expect(salesLead).toHaveLength(20);
    expect(salesLead.some((id) => id.startsWith("vol-daniel"))).toBe(false);
    // Most recently updated first: Ella's newest are in, in order; her oldest five are not.
    const ellas = salesLead.filter((id) => id.startsWith("vol-ella"));
    expect(ellas.length).toBeGreaterThanOrEqual(15);
    expect(ellas).toEqual([...ellas].sort().reverse());
    expect(ellas[0]).toBe("vol-ella-24");
    expect(ellas).not.toContain("vol-ella-04");
    // The column count agrees with the list's count of the same stage in the same scope.
    expect(col(sales, "Lead").count).toBe((await load<List>(listLoader, db.context(), SALES, "/deals/list?stage=stg-lead")).total);
    expect(col(sales, "Lead").count).toBeGreaterThanOrEqual(25);
    expect(await roundTrips(boardLoader, db.context(), SALES, "/deals")).toBeLessThanOrEqual(2);
  });

  it("the list pages sorted by weighted value, and filters by an owner or company picked from a row", async () => {
    await addLeadDeals(60, "ella-white", "vol-ella");
    type Filtered = List & { pageCount: number; chosenOwner: { id: string; name: string } | null; chosenCompany: { id: string; name: string } | null };
    const pages = await Promise.all([1, 2, 3].map((n) => load<Filtered>(listLoader, db.context(), SALES, `/deals/list?sort=weighted&dir=desc&page=${n}`)));
    expect(pages[0]!.rows).toHaveLength(DEALS_PAGE_SIZE);
    expect(pages[0]!.total).toBe(67);
    expect(pages[0]!.pageCount).toBe(Math.ceil(67 / DEALS_PAGE_SIZE));
    const all = pages.flatMap((p) => p.rows);
    expect(new Set(all.map((r) => r.id)).size).toBe(67);
    const weights = all.map((r) => (r as unknown as { weighted_cents: number }).weighted_cents);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));

    const byOwner = await load<Filtered>(listLoader, db.context(), SALES, "/deals/list?owner=ella-white");
    expect(byOwner.chosenOwner?.name).toBe("Ella White");
    expect(byOwner.total).toBe(60 + (await ownedBy("ella-white")));
    // An owner outside the viewer's deals: no name is revealed and nothing matches.
    const foreign = await load<Filtered>(listLoader, db.context(), SALES, "/deals/list?owner=daniel-costa");
    expect(foreign.chosenOwner).toBeNull();
    expect(foreign.total).toBe(0);

    const byCompany = await load<Filtered>(listLoader, db.context(), SALES, "/deals/list?company=co-harbour-co");
    expect(byCompany.chosenCompany?.name).toBe("Harbour & Co");
    expect(byCompany.rows.every((r) => (r as unknown as { company_id: string }).company_id === "co-harbour-co")).toBe(true);
    expect(await roundTrips(listLoader, db.context(), SALES, "/deals/list?sort=company&page=2")).toBeLessThanOrEqual(2);
  });

  async function ownedBy(owner: string) {
    const rows = await db.context().db.query.selectFrom("deals").select("id").where("owner_id", "=", owner).where("id", "not like", "vol-%").execute();
    return rows.length;
  }
});

describe("deal form contact menu", () => {
  type Form = { contacts: { id: string; company_id: string }[]; preset?: Record<string, string | null>; typed?: Record<string, string> | null; deal?: { id: string } };
  it("lists only the chosen company's contacts and keeps what was typed", async () => {
    const blank = await load<Form>(newLoader, db.context(), SALES, "/deals/new");
    expect(blank.contacts).toEqual([]);
    const fromCompany = await load<Form>(newLoader, db.context(), SALES, "/deals/new?company=co-urban-pantry");
    expect(fromCompany.contacts.length).toBeGreaterThan(0);
    expect(fromCompany.contacts.every((c) => c.company_id === "co-urban-pantry")).toBe(true);
    // The no-JavaScript "Show its contacts" GET carries the fields typed so far.
    const refreshed = await load<Form>(newLoader, db.context(), SALES, "/deals/new?title=Catering+site&value=15000&company_id=co-harbour-co&primary_contact_id=");
    expect(refreshed.contacts.map((c) => c.id)).toContain("ct-rachel-green");
    expect(refreshed.contacts.every((c) => c.company_id === "co-harbour-co")).toBe(true);
    expect(refreshed.preset).toMatchObject({ title: "Catering site", value: "15000", company_id: "co-harbour-co" });
    expect(await roundTrips(newLoader, db.context(), SALES, "/deals/new?company=co-urban-pantry")).toBeLessThanOrEqual(2);
  });

  it("the edit form lists the deal's company contacts, or the newly picked company's", async () => {
    const edit = await load<Form>(editLoader, db.context(), SALES, "/deals/deal-urban-pantry-app/edit", { dealId: "deal-urban-pantry-app" });
    expect(edit.contacts.length).toBeGreaterThan(0);
    expect(edit.contacts.every((c) => c.company_id === "co-urban-pantry")).toBe(true);
    const switched = await load<Form>(editLoader, db.context(), SALES, "/deals/deal-urban-pantry-app/edit?company_id=co-harbour-co&title=X", { dealId: "deal-urban-pantry-app" });
    expect(switched.contacts.every((c) => c.company_id === "co-harbour-co")).toBe(true);
    expect(switched.typed).toMatchObject({ company_id: "co-harbour-co", title: "X" });
  });
});
