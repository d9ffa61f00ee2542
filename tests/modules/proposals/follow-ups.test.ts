import { describe, expect, it } from "vitest";
import { loadActionCentre } from "~/modules/action-centre/action-items.server";
import { feedFiltersSchema } from "~/modules/action-centre/catalogue";
import { FOLLOW_UP_TYPE } from "~/modules/proposals/follow-ups.server";
import type { AppLoadContext } from "~/platform/context.server";
import { nowIso } from "~/platform/ids";
import { getViewer } from "~/platform/session.server";
import { loader as boardLoader } from "~/routes/_app+/proposals+/_index";
import { action as templatesAction, loader as templatesLoader } from "~/routes/_app+/proposals+/templates+/_index";
import { action as publicAction } from "~/routes/p+/$token";
import { setupTestDb } from "../../support/d1";
import { ORIGIN, getAs, postAs, statusOf } from "../../support/requests";

const db = setupTestDb({ seed: true });

const OWNER = "user-daniel-costa"; // owns prop-harbour-loyalty (person daniel-costa)
const SEED_TOKEN = "SeedProposalTokenHarbourWebsiteRebuild00001";
const PROPOSAL = "prop-harbour-loyalty";

const daysAgo = (days: number, hours = 0) => nowIso(new Date(Date.now() - days * 86_400_000 - hours * 3_600_000));

async function loadBoard(userId = OWNER) {
  const context = db.context();
  const request = await getAs(context, userId, "/proposals");
  const before = context.db.stats.roundTrips;
  await boardLoader({ request, context, params: {} } as never);
  return context.db.stats.roundTrips - before;
}

const q = () => db.context().db.query;
const items = () =>
  q().selectFrom("action_items").selectAll().where("source_module", "=", "proposals").where("source_type", "=", FOLLOW_UP_TYPE).orderBy("created_at").execute();
const itemHistory = (id: string) => q().selectFrom("history").select(["action", "details"]).where("resource_type", "=", "action_item").where("resource_id", "=", id).orderBy("created_at").execute();

/** The seeded Harbour loyalty proposal, sent `days` ago, viewed `views` times (the last `lastDays` ago). */
async function unanswered(days: number, views = 0, lastDays = 2) {
  await db.exec(`UPDATE proposals SET sent_at = '${daysAgo(days)}', status = '${views ? "viewed" : "sent"}', first_viewed_at = ${views ? `'${daysAgo(days - 1)}'` : "NULL"} WHERE id = '${PROPOSAL}';`);
  for (let i = 0; i < views; i++) {
    const at = i === views - 1 ? daysAgo(lastDays, 1) : daysAgo(days - 1, i);
    await db.exec(`INSERT INTO proposal_views (id, proposal_id, ip_hash, user_agent, started_at, last_seen_at) VALUES ('pv-test-${i}','${PROPOSAL}','x','ua','${at}','${at}');`);
  }
}

function clientPost(fields: Record<string, string>) {
  const headers = new Headers({ "CF-Connecting-IP": "203.0.113.9", "User-Agent": "vitest-client", "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN });
  return new Request(`${ORIGIN}/p/${SEED_TOKEN}`, { method: "POST", headers, body: new URLSearchParams(fields) });
}

async function clientAnswers(fields: Record<string, string>) {
  const context: AppLoadContext = { ...db.context(), waitUntil: () => {} };
  return statusOf(() => publicAction({ request: clientPost(fields), context, params: { token: SEED_TOKEN } } as never));
}

describe("unanswered proposal follow-ups", () => {
  it("the board raises one follow-up for the owner, with views and recency, in its own round trip", async () => {
    await unanswered(10, 3, 2);
    expect(await loadBoard()).toBeLessThanOrEqual(2);
    const [item, ...rest] = await items();
    expect(rest).toHaveLength(0);
    expect(item).toMatchObject({
      source_id: PROPOSAL, assigned_person_id: "daniel-costa", company_id: "co-harbour-co", contact_id: "ct-rachel-green",
      deal_id: "deal-harbour-loyalty", is_completed: 0,
      title: "Follow up: Harbour & Co has not answered Harbour & Co loyalty program website (viewed 3 times, last 2 days ago)",
    });
    expect(item!.description).toContain("to Rachel Green");
    const history = await itemHistory(item!.id);
    expect(history.map((h) => h.action)).toEqual(["raised"]);
    expect(JSON.parse(history[0]!.details!)).toMatchObject({ source: { module: "proposals", type: FOLLOW_UP_TYPE, id: PROPOSAL }, assigned_person_id: "daniel-costa" });
  });

  it("is idempotent: another board load (by anyone) adds nothing; a new view refreshes the title", async () => {
    await unanswered(9, 0);
    await loadBoard();
    await loadBoard("user-olivia-bennett");
    let all = await items();
    expect(all).toHaveLength(1);
    expect(all[0]!.title).toBe("Follow up: Harbour & Co has not answered Harbour & Co loyalty program website (not opened yet, sent 9 days ago)");
    expect((await itemHistory(all[0]!.id)).map((h) => h.action)).toEqual(["raised"]);

    const now = nowIso();
    await db.exec(`UPDATE proposals SET status = 'viewed', first_viewed_at = '${now}' WHERE id = '${PROPOSAL}';
      INSERT INTO proposal_views (id, proposal_id, ip_hash, user_agent, started_at, last_seen_at) VALUES ('pv-new','${PROPOSAL}','x','ua','${now}','${now}');`);
    await loadBoard();
    all = await items();
    expect(all).toHaveLength(1);
    expect(all[0]!.title).toBe("Follow up: Harbour & Co has not answered Harbour & Co loyalty program website (viewed 1 time, last today)");
    expect((await itemHistory(all[0]!.id)).map((h) => h.action)).toEqual(["raised", "refreshed"]);
    await loadBoard();
    expect((await itemHistory(all[0]!.id)).map((h) => h.action)).toEqual(["raised", "refreshed"]);
  });

  it("waits for the follow-up days from the proposal settings (7 by default)", async () => {
    await unanswered(6, 0);
    await loadBoard();
    expect(await items()).toHaveLength(0);
    // The setting lives next to the approval threshold; a bad value is a 400 with a field message.
    const post = async (fields: Record<string, string>) => {
      const context = db.context();
      return statusOf(async () => templatesAction({ request: await postAs(context, "user-olivia-bennett", "/proposals/templates", fields), context, params: {} } as never));
    };
    expect(await post({ intent: "settings", threshold: "20000", validDays: "30", followUpDays: "0" })).toBe(400);
    expect(await post({ intent: "settings", threshold: "20000", validDays: "30", followUpDays: "5" })).toBe(200);
    const context = db.context();
    const page = (await templatesLoader({ request: await getAs(context, "user-olivia-bennett", "/proposals/templates"), context, params: {} } as never)) as { settings: { followUpDays: number } };
    expect(page.settings.followUpDays).toBe(5);
    await loadBoard();
    expect(await items()).toHaveLength(1);
  });

  it("closes automatically when the client accepts (in the acceptance's own batch)", async () => {
    await unanswered(10, 1);
    await loadBoard();
    const [item] = await items();
    expect(await clientAnswers({ intent: "accept", name: "Rachel Green", agree: "on" })).toBe(302);
    const [closed] = await items();
    expect(closed).toMatchObject({ id: item!.id, is_completed: 1 });
    expect(closed!.completed_at).not.toBeNull();
    expect((await itemHistory(item!.id)).map((h) => h.action)).toEqual(["raised", "completed"]);
    // An answered proposal is never raised again.
    await loadBoard();
    expect(await items()).toHaveLength(1);
    expect((await items())[0]!.is_completed).toBe(1);
  });

  it("closes when the client declines, and when the proposal expires or is withdrawn (board sweep)", async () => {
    await unanswered(10, 1);
    await loadBoard();
    expect(await clientAnswers({ intent: "decline", reason: "Went with another agency" })).toBe(302);
    expect((await items())[0]!.is_completed).toBe(1);

    // Expired: the board's expiry and the close run in the same batch.
    await db.exec(`UPDATE proposals SET status = 'sent', sent_at = '${daysAgo(20)}', valid_until = NULL WHERE id = 'prop-greenleaf-ads';`);
    await loadBoard();
    const ads = () => q().selectFrom("action_items").select(["is_completed"]).where("source_id", "=", "prop-greenleaf-ads").executeTakeFirst();
    expect((await ads())?.is_completed).toBe(0);
    await db.exec(`UPDATE proposals SET valid_until = '2026-01-01' WHERE id = 'prop-greenleaf-ads';`);
    await loadBoard();
    expect((await q().selectFrom("proposals").select("status").where("id", "=", "prop-greenleaf-ads").executeTakeFirstOrThrow()).status).toBe("expired");
    expect((await ads())?.is_completed).toBe(1);

    // Withdrawn (the proposal is gone): its open item is closed too.
    await db.exec(`UPDATE proposals SET status = 'sent', sent_at = '${daysAgo(20)}', valid_until = NULL WHERE id = 'prop-harbour-seo';`);
    await loadBoard();
    const seo = () => q().selectFrom("action_items").select(["is_completed", "assigned_person_id"]).where("source_id", "=", "prop-harbour-seo").executeTakeFirst();
    expect(await seo()).toEqual({ is_completed: 0, assigned_person_id: "tom-fletcher" });
    await db.exec(`DELETE FROM proposals WHERE id = 'prop-harbour-seo';`);
    await loadBoard();
    expect((await seo())?.is_completed).toBe(1);
  });

  it("shows in the owner's action centre (Estimate tab), not in another employee's", async () => {
    await unanswered(10, 3, 2);
    await loadBoard();
    const feed = async (userId: string) => {
      const context = db.context();
      const viewer = (await getViewer(await getAs(context, userId, "/action-centre"), context))!;
      return loadActionCentre(context.db, viewer, feedFiltersSchema.parse({ tab: "estimate" }));
    };
    const mine = await feed(OWNER);
    expect(mine.items.map((i) => i.title)).toContain("Follow up: Harbour & Co has not answered Harbour & Co loyalty program website (viewed 3 times, last 2 days ago)");
    expect(mine.items.find((i) => i.title.startsWith("Follow up"))!.sourceModule).toBe("proposals");
    const other = await feed("user-tom-fletcher");
    expect(other.items.filter((i) => i.title.startsWith("Follow up"))).toHaveLength(0);
  });
});
