import { describe, expect, it } from "vitest";
import { action as detailAction, loader as detailLoader } from "~/routes/_app+/settings+/templates_.$type.$templateId";
import { action as listAction, loader as listLoader } from "~/routes/_app+/settings+/templates";
import { setupTestDb } from "../../support/d1";
import { getAs, postAs, statusOf } from "../../support/requests";

const db = setupTestDb({ seed: true });
const EXEC = "user-olivia-bennett";

async function postList(userId: string, type: string, fields: Record<string, string | string[]>) {
  const context = db.context();
  const request = await postAs(context, userId, `/settings/templates?type=${type}`, fields);
  return listAction({ request, context, params: {} });
}
async function postDetail(userId: string, type: string, templateId: string, fields: Record<string, string | string[]>) {
  const context = db.context();
  const request = await postAs(context, userId, `/settings/templates/${type}/${templateId}`, fields);
  return detailAction({ request, context, params: { type, templateId } });
}
const location = (r: unknown) => (r instanceof Response ? r.headers.get("Location") : null);
const q = () => db.context().db.query;

describe("templates: access", () => {
  it("managers may view but not change; employees may not open it", async () => {
    const open = async (userId: string, path: string) => {
      const context = db.context();
      return statusOf(async () => listLoader({ request: await getAs(context, userId, path), context, params: {} }));
    };
    expect(await open("user-daniel-costa", "/settings/templates?type=reviews")).toBe(200);
    expect(await open("user-ethan-brown", "/settings/templates")).toBe(403);
    expect(await statusOf(() => postList("user-daniel-costa", "onboarding", { intent: "create", name: "Nope" }))).toBe(403);
  });

  it("lists each type with item counts and active users in ≤ 2 round trips", async () => {
    const context = db.context();
    const request = await getAs(context, EXEC, "/settings/templates?type=onboarding");
    const before = context.db.stats.roundTrips;
    const list = await listLoader({ request, context, params: {} });
    expect(context.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
    expect(list.templates[0].id).toBe("tpl-onb-common");
    const dev = list.templates.find((t) => t.id === "tpl-onb-developer");
    expect(dev && { items: Number(dev.item_count), users: Number(dev.active_users) }).toEqual({ items: 10, users: 5 });
    const next = db.context();
    const profiles = await listLoader({ request: await getAs(next, EXEC, "/settings/templates?type=profiles"), context: next, params: {} });
    expect(profiles.profiles.map((p) => p.name)).toEqual(["Delivery lead", "Developer", "Sales"]);
  });
});

describe("templates: create, edit, items", () => {
  it("creates a template (with history), adds, edits, moves and deletes items", async () => {
    const created = await postList(EXEC, "reviews", { intent: "create", name: "Graduate review", description: "" });
    const id = location(created)?.match(/\/settings\/templates\/reviews\/([^?]+)/)?.[1];
    expect(id).toBeTruthy();
    await postDetail(EXEC, "reviews", id!, { intent: "add_item", area: "Delivery", label: "Ships small things", description: "", is_mandatory: "1" });
    await postDetail(EXEC, "reviews", id!, { intent: "add_item", area: "Growth", label: "Asks for feedback", description: "" });
    let items = await q().selectFrom("review_template_items").selectAll().where("template_id", "=", id!).orderBy("sort_order").execute();
    expect(items.map((i) => [i.label, i.is_mandatory, i.sort_order])).toEqual([["Ships small things", 1, 1], ["Asks for feedback", 0, 2]]);

    await postDetail(EXEC, "reviews", id!, { intent: "move_item", item_id: items[1].id, direction: "up" });
    await postDetail(EXEC, "reviews", id!, { intent: "update_item", item_id: items[0].id, area: "Delivery", label: "Ships small things often", description: "Weekly" });
    items = await q().selectFrom("review_template_items").selectAll().where("template_id", "=", id!).orderBy("sort_order").execute();
    expect(items.map((i) => i.label)).toEqual(["Asks for feedback", "Ships small things often"]);
    expect(items[1].is_mandatory).toBe(0);

    await postDetail(EXEC, "reviews", id!, { intent: "delete_item", item_id: items[0].id });
    expect(await q().selectFrom("review_template_items").select("id").where("template_id", "=", id!).execute()).toHaveLength(1);
    const history = await q().selectFrom("history").select("action").where("resource_type", "=", "review_template").where("resource_id", "=", id!).execute();
    expect(history.map((h) => h.action).sort()).toEqual(["created", "item_added", "item_added", "item_deleted", "item_moved", "item_updated"]);
  });

  it("a missing name is a 400 with a field message", async () => {
    const result = await postList(EXEC, "onboarding", { intent: "create", name: "  " });
    expect(await statusOf(async () => result)).toBe(400);
    expect((result as unknown as { data: { errors: Record<string, string> } }).data.errors.name).toBe("Name is required");
  });

  it("an onboarding item needs a real phase", async () => {
    expect(await statusOf(() => postDetail(EXEC, "onboarding", "tpl-onb-sales", { intent: "add_item", phase_id: "phase-nope", title: "X" }))).toBe(400);
  });

  it("the Common template cannot be renamed (409) but its description can change", async () => {
    expect(await statusOf(() => postDetail(EXEC, "onboarding", "tpl-onb-common", { intent: "update", name: "Everyone", description: "" }))).toBe(409);
    expect(await statusOf(() => postDetail(EXEC, "onboarding", "tpl-onb-common", { intent: "update", name: "Common", description: "For all" }))).toBe(302);
    const row = await q().selectFrom("onboarding_templates").select(["name", "description"]).where("id", "=", "tpl-onb-common").executeTakeFirstOrThrow();
    expect(row).toEqual({ name: "Common", description: "For all" });
  });
});

describe("templates: duplicate", () => {
  it("copies the template and every item as \"{name} (Copy)\"", async () => {
    const result = await postList(EXEC, "onboarding", { intent: "duplicate", id: "tpl-onb-developer" });
    const copyId = location(result)?.match(/\/settings\/templates\/onboarding\/([^?]+)/)?.[1];
    expect(copyId).toBeTruthy();
    const copy = await q().selectFrom("onboarding_templates").selectAll().where("id", "=", copyId!).executeTakeFirstOrThrow();
    expect(copy.name).toBe("Developer (Copy)");
    expect(copy.is_locked).toBe(0);
    const pick = (rows: { phase_id: string; title: string; sort_order: number }[]) => rows.map((r) => `${r.phase_id}|${r.title}|${r.sort_order}`).sort();
    const original = await q().selectFrom("onboarding_items").select(["phase_id", "title", "sort_order"]).where("template_id", "=", "tpl-onb-developer").execute();
    const copied = await q().selectFrom("onboarding_items").select(["phase_id", "title", "sort_order"]).where("template_id", "=", copyId!).execute();
    expect(copied).toHaveLength(10);
    expect(pick(copied)).toEqual(pick(original));
    const context = db.context();
    const detail = await detailLoader({ request: await getAs(context, EXEC, `/settings/templates/onboarding/${copyId}`), context, params: { type: "onboarding", templateId: copyId! } });
    expect(detail.template?.items).toHaveLength(10);
  });

  it("duplicates a profile with the same three templates", async () => {
    const result = await postDetail(EXEC, "profiles", "prof-sales", { intent: "duplicate" });
    const copyId = location(result)?.match(/\/settings\/templates\/profiles\/([^?]+)/)?.[1];
    const copy = await q().selectFrom("template_profiles").selectAll().where("id", "=", copyId!).executeTakeFirstOrThrow();
    expect([copy.name, copy.onboarding_template_id, copy.scorecard_template_id, copy.review_template_id]).toEqual(["Sales (Copy)", "tpl-onb-sales", "tpl-sc-sales", "tpl-rv-standard"]);
  });
});

describe("templates: delete", () => {
  it("is refused with 409 while assigned to an active user, and nothing changes", async () => {
    const before = await q().selectFrom("history").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const result = await postList(EXEC, "onboarding", { intent: "delete", id: "tpl-onb-developer" });
    expect(await statusOf(async () => result)).toBe(409);
    expect((result as unknown as { data: { errors: { form: string } } }).data.errors.form).toMatch(/assigned to 5 active users/);
    const row = await q().selectFrom("onboarding_templates").select("is_active").where("id", "=", "tpl-onb-developer").executeTakeFirstOrThrow();
    expect(row.is_active).toBe(1);
    expect(await q().selectFrom("onboarding_items").select("id").where("template_id", "=", "tpl-onb-developer").execute()).toHaveLength(10);
    const after = await q().selectFrom("history").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(await statusOf(() => postDetail(EXEC, "scorecards", "tpl-sc-engineering", { intent: "delete" }))).toBe(409);
    expect(await statusOf(() => postDetail(EXEC, "profiles", "prof-developer", { intent: "delete" }))).toBe(409);
  });

  it("the locked Common template is never deleted", async () => {
    expect(await statusOf(() => postList(EXEC, "onboarding", { intent: "delete", id: "tpl-onb-common" }))).toBe(409);
    expect(await q().selectFrom("onboarding_templates").select("id").where("id", "=", "tpl-onb-common").where("is_active", "=", 1).execute()).toHaveLength(1);
  });

  it("a template used before (disabled users, a profile) is archived; a never-used one is deleted for good", async () => {
    await db.exec("UPDATE users SET disabled_at = '2026-01-01T00:00:00Z' WHERE id IN ('user-ella-white','user-henry-scott');");
    const archived = await postList(EXEC, "onboarding", { intent: "delete", id: "tpl-onb-sales" });
    expect(location(archived)).toContain("notice=archived");
    const sales = await q().selectFrom("onboarding_templates").select("is_active").where("id", "=", "tpl-onb-sales").executeTakeFirstOrThrow();
    expect(sales.is_active).toBe(0);
    expect(await q().selectFrom("onboarding_items").select("id").where("template_id", "=", "tpl-onb-sales").execute()).toHaveLength(6);

    const created = await postList(EXEC, "scorecards", { intent: "create", name: "Scratch", cadence: "monthly" });
    const id = location(created)!.match(/scorecards\/([^?]+)/)![1];
    await postDetail(EXEC, "scorecards", id, { intent: "add_item", label: "One", description: "" });
    const deleted = await postDetail(EXEC, "scorecards", id, { intent: "delete" });
    expect(location(deleted)).toContain("notice=deleted");
    expect(await q().selectFrom("scorecard_templates").select("id").where("id", "=", id).execute()).toHaveLength(0);
    expect(await q().selectFrom("scorecard_template_items").select("id").where("template_id", "=", id).execute()).toHaveLength(0);
    const history = await q().selectFrom("history").select("action").where("resource_id", "in", [id, "tpl-onb-sales"]).where("action", "in", ["archived", "deleted"]).execute();
    expect(history.map((h) => h.action).sort()).toEqual(["archived", "deleted"]);

    expect(await statusOf(() => postDetail(EXEC, "onboarding", "tpl-onb-sales", { intent: "restore" }))).toBe(302);
    expect((await q().selectFrom("onboarding_templates").select("is_active").where("id", "=", "tpl-onb-sales").executeTakeFirstOrThrow()).is_active).toBe(1);
  });
});

describe("template profiles: assign", () => {
  it("sets the profile and its three template ids on each chosen user, with history", async () => {
    const result = await postDetail(EXEC, "profiles", "prof-delivery", { intent: "assign", user_ids: ["user-ethan-brown", "user-lucas-rossi"] });
    expect(location(result)).toContain("notice=assigned_1");
    const ethan = await q().selectFrom("users").select(["template_profile_id", "onboarding_template_id", "scorecard_template_id", "review_template_id"]).where("id", "=", "user-ethan-brown").executeTakeFirstOrThrow();
    expect(ethan).toEqual({ template_profile_id: "prof-delivery", onboarding_template_id: "tpl-onb-delivery", scorecard_template_id: "tpl-sc-delivery", review_template_id: "tpl-rv-leadership" });
    const history = await q().selectFrom("history").select(["details"]).where("resource_type", "=", "user").where("resource_id", "=", "user-ethan-brown").execute();
    expect(history).toHaveLength(1);
    expect(JSON.parse(history[0].details!).changes.onboarding_template_id).toEqual({ from: "tpl-onb-developer", to: "tpl-onb-delivery" });
  });

  it("refuses unknown or disabled users with a 400 and changes nothing", async () => {
    expect(await statusOf(() => postDetail(EXEC, "profiles", "prof-delivery", { intent: "assign", user_ids: ["user-ethan-brown", "user-nobody"] }))).toBe(400);
    const ethan = await q().selectFrom("users").select("template_profile_id").where("id", "=", "user-ethan-brown").executeTakeFirstOrThrow();
    expect(ethan.template_profile_id).toBe("prof-developer");
    expect(await statusOf(() => postDetail(EXEC, "profiles", "prof-delivery", { intent: "assign" }))).toBe(400);
  });

  it("an unknown template or type is a 404", async () => {
    const open = async (type: string, templateId: string) => {
      const context = db.context();
      const request = await getAs(context, EXEC, `/settings/templates/${type}/${templateId}`);
      return statusOf(() => detailLoader({ request, context, params: { type, templateId } }));
    };
    expect(await open("onboarding", "nope")).toBe(404);
    expect(await open("widgets", "x")).toBe(404);
    expect(await open("profiles", "prof-sales")).toBe(200);
  });
});
