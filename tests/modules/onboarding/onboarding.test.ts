import { describe, expect, it } from "vitest";
import { progressOf, summarise } from "~/modules/onboarding/progress";
import { action as onboardingAction, loader as onboardingLoader } from "~/routes/_app+/onboarding+/_index";
import { loader as teamLoader } from "~/routes/_app+/onboarding+/team";
import { setupTestDb } from "../../support/d1";
import { getAs, postAs, statusOf } from "../../support/requests";

const db = setupTestDb({ seed: true });

async function page(userId: string, path = "/onboarding") {
  const context = db.context();
  const request = await getAs(context, userId, path);
  return onboardingLoader({ request, context, params: {} });
}

async function tick(userId: string, itemId: string, intent: "complete" | "reopen") {
  const context = db.context();
  const request = await postAs(context, userId, "/onboarding?index", { intent, itemId });
  return statusOf(() => onboardingAction({ request, context, params: {} }));
}

const itemIds = (p: Awaited<ReturnType<typeof page>>) => p.phases.flatMap((ph) => ph.items.map((i) => i.id));

describe("onboarding checklist", () => {
  it("is the person's assigned template plus the Common template, in the five phases", async () => {
    const p = await page("user-ethan-brown");
    const ids = itemIds(p);
    expect(p.phases.map((ph) => ph.name)).toEqual(["Foundation", "Understanding the Business", "Delivery Operations", "Role Mastery", "Independence"]);
    expect(ids.filter((id) => id.startsWith("onb-common-"))).toHaveLength(16);
    expect(ids.filter((id) => id.startsWith("onb-dev-"))).toHaveLength(10);
    expect(ids.some((id) => id.startsWith("onb-del-") || id.startsWith("onb-sal-"))).toBe(false);
    expect(p.overall).toEqual({ done: 3, total: 26, percent: 11 });
    expect(p.phases[0].progress).toEqual({ done: 3, total: 6, percent: 50 });
    expect(p.canTick).toBe(true);
  });

  it("a person without an account sees the Common template only (the manager views it)", async () => {
    const p = await page("user-daniel-costa", "/onboarding?userId=kai-robinson");
    expect(itemIds(p)).toHaveLength(16);
    expect(p.overall).toEqual({ done: 4, total: 16, percent: 25 });
    expect(p.isSelf).toBe(false);
    expect(p.canTick).toBe(false);
  });

  it("computes progress per phase and overall", () => {
    expect(progressOf(0, 0)).toEqual({ done: 0, total: 0, percent: 0 });
    expect(progressOf(2, 3)).toEqual({ done: 2, total: 3, percent: 66 });
    expect(progressOf(3, 3).percent).toBe(100);
    const phases = [
      { id: "a", name: "A", description: null, timeframe: null },
      { id: "b", name: "B", description: null, timeframe: null },
    ];
    const item = (id: string, phase: string, done: boolean) => ({
      id, phase_id: phase, title: id, description: null, template_id: "t", template_name: "T", completed_at: done ? "2026-01-01T00:00:00Z" : null,
    });
    const s = summarise(phases, [item("1", "a", true), item("2", "a", false), item("3", "b", true)]);
    expect(s.phases.map((p) => p.progress.done)).toEqual([1, 1]);
    expect(s.overall).toEqual({ done: 2, total: 3, percent: 66 });
  });

  it("ticking records completed_at and a history row; unticking clears it (history again)", async () => {
    expect(await tick("user-ethan-brown", "onb-common-03", "complete")).toBe(302);
    const context = db.context();
    const row = await context.db.query.selectFrom("onboarding_progress").selectAll().where("person_id", "=", "ethan-brown").where("item_id", "=", "onb-common-03").executeTakeFirstOrThrow();
    expect(row.completed_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(row.completed_by).toBe("user-ethan-brown");
    expect((await page("user-ethan-brown")).overall?.done).toBe(4);

    expect(await tick("user-ethan-brown", "onb-common-03", "reopen")).toBe(302);
    const after = await context.db.query.selectFrom("onboarding_progress").select("completed_at").where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(after.completed_at).toBeNull();
    const history = await context.db.query.selectFrom("history").select(["action", "actor_id", "details"])
      .where("resource_type", "=", "onboarding").where("resource_id", "=", "ethan-brown").orderBy("created_at").orderBy("action").execute();
    expect(history.map((h) => h.action).sort()).toEqual(["item_completed", "item_reopened"]);
    expect(history.every((h) => h.actor_id === "user-ethan-brown" && h.details?.includes("onb-common-03"))).toBe(true);
  });

  it("an item outside the person's checklist cannot be ticked (404, nothing written)", async () => {
    expect(await tick("user-ethan-brown", "onb-del-01", "complete")).toBe(404);
    const context = db.context();
    const rows = await context.db.query.selectFrom("onboarding_progress").select("id").where("item_id", "=", "onb-del-01").execute();
    expect(rows).toHaveLength(0);
  });

  it("a bad tick form is a 400, not a 500", async () => {
    const context = db.context();
    const request = await postAs(context, "user-ethan-brown", "/onboarding?index", { intent: "explode" });
    expect(await statusOf(() => onboardingAction({ request, context, params: {} }))).toBe(400);
  });
});

describe("user selector (?userId=)", () => {
  it("a manager may choose people in their subtree, by person id or user id", async () => {
    expect((await page("user-daniel-costa", "/onboarding?userId=zara-ahmed")).subject?.id).toBe("zara-ahmed");
    expect((await page("user-daniel-costa", "/onboarding?userId=user-zara-ahmed")).subject?.id).toBe("zara-ahmed");
    const options = (await page("user-daniel-costa")).options.map((o) => o.id);
    expect(options).toContain("kai-robinson");
    expect(options).not.toContain("ava-jones");
  });

  it("a manager selecting someone outside their subtree gets a 404", async () => {
    const context = db.context();
    const request = await getAs(context, "user-daniel-costa", "/onboarding?userId=ava-jones");
    expect(await statusOf(() => onboardingLoader({ request, context, params: {} }))).toBe(404);
  });

  it("an employee cannot look at anyone else, and gets no selector", async () => {
    const context = db.context();
    const request = await getAs(context, "user-ethan-brown", "/onboarding?userId=chloe-martin");
    expect(await statusOf(() => onboardingLoader({ request, context, params: {} }))).toBe(404);
    const own = await page("user-ethan-brown");
    expect(own.chooser).toBe(false);
    expect(own.options).toEqual([]);
  });

  it("an executive may view anyone", async () => {
    expect((await page("user-olivia-bennett", "/onboarding?userId=ava-jones")).subject?.id).toBe("ava-jones");
  });

  it("costs at most 2 D1 round trips", async () => {
    const context = db.context();
    const request = await getAs(context, "user-daniel-costa", "/onboarding?userId=kai-robinson");
    const before = context.db.stats.roundTrips;
    await onboardingLoader({ request, context, params: {} });
    expect(context.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
  });
});

describe("team view", () => {
  it("lists only people in scope with their overall progress, in ≤ 2 round trips", async () => {
    const context = db.context();
    const request = await getAs(context, "user-daniel-costa", "/onboarding/team");
    const before = context.db.stats.roundTrips;
    const result = await teamLoader({ request, context, params: {} });
    expect(context.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
    expect(result.total).toBe(8);
    expect(result.rows.map((r) => r.id)).not.toContain("ava-jones");
    const kai = result.rows.find((r) => r.id === "kai-robinson");
    expect(kai && { done: Number(kai.done), total: Number(kai.total) }).toEqual({ done: 4, total: 16 });
    const ethan = result.rows.find((r) => r.id === "ethan-brown");
    expect(ethan && { done: Number(ethan.done), total: Number(ethan.total) }).toEqual({ done: 3, total: 26 });
  });

  it("paginates and searches", async () => {
    const context = db.context();
    const request = await getAs(context, "user-olivia-bennett", "/onboarding/team?q=robinson");
    const result = await teamLoader({ request, context, params: {} });
    expect(result.rows.map((r) => r.id)).toEqual(["kai-robinson"]);
    const all = await teamLoader({ request: await getAs(context, "user-olivia-bennett", "/onboarding/team?page=2"), context, params: {} });
    expect(all.total).toBe(30);
    expect(all.rows).toHaveLength(5);
  });
});
