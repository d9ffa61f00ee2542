import { beforeEach, describe, expect, it } from "vitest";
import { loader as listLoader } from "~/routes/_app+/contacts+/_index";
import { action as contactAction, loader as detailLoader } from "~/routes/_app+/contacts+/$contactId";
import { action as editAction } from "~/routes/_app+/contacts+/$contactId_.edit";
import { action as newAction } from "~/routes/_app+/contacts+/new";
import { loader as exportLoader } from "~/routes/_app+/contacts+/export[.csv]";
import { setupTestDb } from "../../support/d1";
import { getAs } from "../../support/requests";
import { count, EMPLOYEE, EXEC, get, LEAD, MANAGER, post } from "./helpers";

const db = setupTestDb({ seed: true });

type Invalid = { ok: false; errors: Record<string, string> };
type ListData = { rows: { id: string; company_name: string | null; is_primary: number }[]; total: number; company: { id: string } | null };

const contactFields = (overrides: Record<string, string> = {}) => ({
  first_name: "Ava", last_name: "Marsh", email: "", phone: "", role: "", pronunciation: "", linkedin_url: "", company_id: "", ...overrides,
});

let seededHistory = new Set<string>();
beforeEach(async () => {
  const rows = await db.context().db.query.selectFrom("history").select("id").execute();
  seededHistory = new Set(rows.map((r) => r.id));
});
async function newHistory(resourceId: string) {
  const rows = await db.context().db.query.selectFrom("history").selectAll().where("resource_type", "=", "contact").where("resource_id", "=", resourceId).execute();
  return rows.filter((r) => !seededHistory.has(r.id));
}
const primaryOf = async (companyId: string) =>
  (await db.context().db.query.selectFrom("contacts").select("id").where("company_id", "=", companyId).where("is_primary", "=", 1).execute()).map((r) => r.id);

describe("contact list", () => {
  it("searches, filters by company and primary, sorts — in ≤ 2 round trips", async () => {
    const context = db.context();
    const request = await getAs(context, LEAD, "/contacts?q=rachel");
    const before = context.db.stats.roundTrips;
    const data = (await listLoader({ request, context, params: {} })) as unknown as ListData;
    expect(context.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
    expect(data.rows.map((r) => r.id)).toEqual(["ct-rachel-green"]);

    const byEmail = (await get<ListData>(listLoader, db.context(), LEAD, "/contacts?q=greenleafenergy")).data;
    expect(byEmail.rows.map((r) => r.id).sort()).toEqual(["ct-lily-zhang", "ct-sam-oconnor"]);
    const company = (await get<ListData>(listLoader, db.context(), LEAD, "/contacts?company=co-harbour-co")).data;
    expect(company.rows.map((r) => r.id).sort()).toEqual(["ct-ben-cooper", "ct-rachel-green"]);
    expect(company.company?.id).toBe("co-harbour-co");
    const companyText = (await get<ListData>(listLoader, db.context(), LEAD, "/contacts?company_q=harbourco")).data;
    expect(companyText.total).toBe(3);
    const primary = (await get<ListData>(listLoader, db.context(), LEAD, "/contacts?primary=no")).data;
    expect(primary.rows.map((r) => r.id).sort()).toEqual(["ct-ben-cooper", "ct-lily-zhang"]);
    const sorted = (await get<ListData>(listLoader, db.context(), LEAD, "/contacts?sort=company")).data;
    expect(sorted.rows[0]!.company_name).toBe("Atlas Health");
    expect((await get(listLoader, db.context(), EMPLOYEE, "/contacts")).status).toBe(403);
  });

  it("exports CSV", async () => {
    const result = await get(exportLoader, db.context(), LEAD, "/contacts/export.csv?company=co-greenleaf");
    const text = await result.response!.text();
    expect(text.split("\r\n")[0]).toBe("First name,Last name,Email,Phone,Role,LinkedIn,Primary,Company,Company domain,Created");
    expect(text).toContain("Sam,O'Connor,sam@greenleafenergy.com.au,,Head of Brand,,yes,Greenleaf Energy");
  });
});

describe("creating and editing contacts", () => {
  it("rejects a duplicate email (any case) with a field error and writes nothing", async () => {
    const before = { contacts: await count(db.context(), "contacts"), history: await count(db.context(), "history") };
    const result = await post<Invalid>(newAction, db.context(), MANAGER, "/contacts/new", contactFields({ email: "RACHEL@harbourco.com.au" }));
    expect(result.status).toBe(400);
    expect(result.data.errors.email).toBe("Another contact already uses this email");
    const bad = await post<Invalid>(newAction, db.context(), MANAGER, "/contacts/new", contactFields({ first_name: "", email: "nope", is_primary: "1" }));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.errors).sort()).toEqual(["email", "first_name", "is_primary"]);
    expect(await count(db.context(), "contacts")).toBe(before.contacts);
    expect(await count(db.context(), "history")).toBe(before.history);
  });

  it("makes a new primary contact and clears the old one in the same batch, with history for both", async () => {
    expect(await primaryOf("co-harbour-co")).toEqual(["ct-rachel-green"]);
    const result = await post(newAction, db.context(), MANAGER, "/contacts/new", contactFields({ email: "ava@harbourco.com.au", company_id: "co-harbour-co", is_primary: "1" }));
    expect(result.status).toBe(302);
    const id = result.location!.split("/")[2]!.split("?")[0]!;
    expect(await primaryOf("co-harbour-co")).toEqual([id]);
    expect((await newHistory("ct-rachel-green")).map((h) => JSON.parse(h.details!).changes)).toEqual([{ is_primary: { from: 1, to: 0 } }]);
    expect((await newHistory(id)).map((h) => h.action)).toEqual(["created"]);

    // Editing Ben into the primary slot moves it again.
    const edit = await post(editAction, db.context(), MANAGER, "/contacts/ct-ben-cooper/edit", {
      intent: "save", ...contactFields({ first_name: "Ben", last_name: "Cooper", email: "ben@harbourco.com.au", role: "Ecommerce Manager", company_id: "co-harbour-co", is_primary: "1" }),
    }, { contactId: "ct-ben-cooper" });
    expect(edit.status).toBe(302);
    expect(await primaryOf("co-harbour-co")).toEqual(["ct-ben-cooper"]);
    expect(JSON.parse((await newHistory("ct-ben-cooper"))[0]!.details!).changes).toEqual({ is_primary: { from: 0, to: 1 } });
  });

  it("refuses duplicate email on edit and an unknown company", async () => {
    const result = await post<Invalid>(editAction, db.context(), MANAGER, "/contacts/ct-ben-cooper/edit", {
      intent: "save", ...contactFields({ first_name: "Ben", email: "rachel@harbourco.com.au", company_id: "co-nowhere" }),
    }, { contactId: "ct-ben-cooper" });
    expect(result.status).toBe(400);
    expect(result.data.errors).toMatchObject({ email: "Another contact already uses this email", company_id: "Choose an existing company" });
    expect(await newHistory("ct-ben-cooper")).toHaveLength(0);
  });

  it("deletes a contact with its relationship data and open reminders", async () => {
    expect(await count(db.context(), "relationship_auto_actions")).toBeGreaterThan(0);
    const result = await post(editAction, db.context(), MANAGER, "/contacts/ct-jess-lowe/edit", { intent: "delete" }, { contactId: "ct-jess-lowe" });
    expect(result.status).toBe(302);
    const q = db.context().db.query;
    expect(await q.selectFrom("relationship_auto_actions").select("id").where("contact_id", "=", "ct-jess-lowe").execute()).toEqual([]);
    expect(await q.selectFrom("action_items").select("id").where("source_module", "=", "relationships").where("title", "like", "%Jess Lowe%").where("is_completed", "=", 0).execute()).toEqual([]);
    expect((await newHistory("ct-jess-lowe")).map((h) => h.action)).toEqual(["deleted"]);
  });
});

describe("contact page", () => {
  it("costs ≤ 2 round trips on every tab", async () => {
    for (const tab of ["overview", "communications", "relationship", "life-events", "partners", "messages", "notes", "history", "timeline"]) {
      const context = db.context();
      const request = await getAs(context, EXEC, `/contacts/ct-jess-lowe?tab=${tab}`);
      const before = context.db.stats.roundTrips;
      const page = (await detailLoader({ request, context, params: { contactId: "ct-jess-lowe" } })) as unknown as { tab: string; contact: { name: string } };
      expect(context.db.stats.roundTrips - before, tab).toBeLessThanOrEqual(2);
      expect(page.tab).toBe(tab);
      expect(page.contact.name).toBe("Jess Lowe");
    }
  });

  it("hides relationship tabs from viewers without the relationships tool", async () => {
    await db.exec("UPDATE tool_permissions SET can_view = 0 WHERE tool = 'relationships' AND access_level = 'lead';");
    const page = (await get<{ tab: string; profile: unknown; autoActions: unknown[] }>(detailLoader, db.context(), LEAD, "/contacts/ct-jess-lowe?tab=relationship", { contactId: "ct-jess-lowe" })).data;
    expect(page.tab).toBe("overview");
    expect(page.profile).toBeNull();
    expect(page.autoActions).toEqual([]);
  });

  it("lets only contacts:update log communications and relationships:update nurture", async () => {
    const call = { intent: "log_communication", type: "call", direction: "outbound", subject: "Hi", summary: "", occurred_at: "", duration_minutes: "" };
    expect((await post(contactAction, db.context(), LEAD, "/contacts/ct-tim-baker", call, { contactId: "ct-tim-baker" })).status).toBe(403);
    expect((await post(contactAction, db.context(), EMPLOYEE, "/contacts/ct-tim-baker", call, { contactId: "ct-tim-baker" })).status).toBe(403);
    expect((await post(contactAction, db.context(), MANAGER, "/contacts/ct-nobody", call, { contactId: "ct-nobody" })).status).toBe(404);
    const ok = await post(contactAction, db.context(), MANAGER, "/contacts/ct-tim-baker", call, { contactId: "ct-tim-baker" });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe("/contacts/ct-tim-baker?tab=communications&notice=communication_logged");
    const unknown = await post<Invalid>(contactAction, db.context(), MANAGER, "/contacts/ct-tim-baker", { intent: "hack" }, { contactId: "ct-tim-baker" });
    expect(unknown.status).toBe(400);
  });
});
