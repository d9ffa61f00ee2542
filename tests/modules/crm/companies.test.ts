import { beforeEach, describe, expect, it } from "vitest";
import { loader as listLoader } from "~/routes/_app+/companies+/_index";
import { loader as detailLoader } from "~/routes/_app+/companies+/$companyId";
import { action as editAction } from "~/routes/_app+/companies+/$companyId_.edit";
import { action as newAction } from "~/routes/_app+/companies+/new";
import { loader as exportLoader } from "~/routes/_app+/companies+/export[.csv]";
import { globalSearch } from "~/modules/search/search.server";
import { getViewer } from "~/platform/session.server";
import { setupTestDb } from "../../support/d1";
import { getAs } from "../../support/requests";
import { count, EMPLOYEE, EXEC, get, LEAD, MANAGER, post } from "./helpers";

const db = setupTestDb({ seed: true });

type Invalid = { ok: false; errors: Record<string, string> };
type ListData = { rows: { id: string; name: string; contact_count: number; child_count: number; parent_name: string | null }[]; total: number; pageCount: number };

const companyFields = (overrides: Record<string, string> = {}) => ({
  name: "Coastal Outfitters", domain: "", industry: "Retail", website: "", logo_url: "", pronunciation: "", phone: "", address: "",
  description: "", parent_id: "", account_manager_id: "", productive_id: "", stripe_customer_id: "", ...overrides,
});

let seededHistory = new Set<string>();
beforeEach(async () => {
  const rows = await db.context().db.query.selectFrom("history").select("id").execute();
  seededHistory = new Set(rows.map((r) => r.id));
});
async function newHistory(resourceType: string, resourceId: string) {
  const rows = await db.context().db.query.selectFrom("history").selectAll().where("resource_type", "=", resourceType).where("resource_id", "=", resourceId).execute();
  return rows.filter((r) => !seededHistory.has(r.id));
}

describe("company list", () => {
  it("searches name and domain, filters, sorts, paginates with a total — in ≤ 2 round trips", async () => {
    const context = db.context();
    const request = await getAs(context, MANAGER, "/companies?q=harbour");
    const before = context.db.stats.roundTrips;
    const result = await listLoader({ request, context, params: {} });
    expect(context.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
    const data = result as unknown as ListData;
    expect(data.rows.map((r) => r.id).sort()).toEqual(["co-harbour-co", "co-harbour-online"]);
    expect(data.total).toBe(2);

    const byDomain = (await get<ListData>(listLoader, db.context(), EXEC, "/companies?q=solaceskin")).data;
    expect(byDomain.rows.map((r) => r.id)).toEqual(["co-solace"]);
    const subsidiaries = (await get<ListData>(listLoader, db.context(), EXEC, "/companies?parent=yes")).data;
    expect(subsidiaries.rows.map((r) => r.id)).toEqual(["co-harbour-online"]);
    expect(subsidiaries.rows[0]!.parent_name).toBe("Harbour & Co");
    const energy = (await get<ListData>(listLoader, db.context(), EXEC, "/companies?industry=Energy")).data;
    expect(energy.rows.map((r) => r.id)).toEqual(["co-greenleaf"]);
    const aisha = (await get<ListData>(listLoader, db.context(), EXEC, "/companies?manager=aisha-khan")).data;
    expect(aisha.rows.map((r) => r.id).sort()).toEqual(["co-greenleaf", "co-solace"]);
    const sorted = (await get<ListData>(listLoader, db.context(), EXEC, "/companies?sort=name&dir=desc")).data;
    expect(sorted.rows[0]!.id).toBe("co-urban-pantry");
    const harbour = (await get<ListData>(listLoader, db.context(), EXEC, "/companies?q=Harbour%20%26%20Co&parent=no")).data;
    expect(harbour.rows[0]).toMatchObject({ id: "co-harbour-co", contact_count: 2, child_count: 1 });
  });

  it("paginates 25 per page", async () => {
    const values = Array.from({ length: 30 }, (_, i) => `('co-page-${i}','Paged ${String(i).padStart(2, "0")}')`).join(",");
    await db.exec(`INSERT INTO companies (id, name) VALUES ${values};`);
    const page1 = (await get<ListData>(listLoader, db.context(), EXEC, "/companies?q=Paged")).data;
    expect(page1.total).toBe(30);
    expect(page1.rows).toHaveLength(25);
    expect(page1.pageCount).toBe(2);
    const page2 = (await get<ListData>(listLoader, db.context(), EXEC, "/companies?q=Paged&page=2")).data;
    expect(page2.rows.map((r) => r.name)).toEqual(["Paged 25", "Paged 26", "Paged 27", "Paged 28", "Paged 29"]);
  });

  it("follows the permission grid: employees 403, leads read-only", async () => {
    expect((await get(listLoader, db.context(), EMPLOYEE, "/companies")).status).toBe(403);
    expect((await get(listLoader, db.context(), LEAD, "/companies")).status).toBe(200);
    const attempt = await post(newAction, db.context(), LEAD, "/companies/new", companyFields());
    expect(attempt.status).toBe(403);
    expect(await count(db.context(), "companies")).toBe(8);
  });

  it("exports the filtered list as CSV", async () => {
    const result = await get(exportLoader, db.context(), LEAD, "/companies/export.csv?q=harbour");
    expect(result.status).toBe(200);
    expect(result.response!.headers.get("Content-Type")).toContain("text/csv");
    const text = await result.response!.text();
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toMatch(/^Name,Domain,Industry/);
    expect(lines).toHaveLength(3);
    expect(text).toContain("Harbour & Co Online,shop.harbourco.com.au,Retail");
  });
});

describe("creating and editing companies", () => {
  it("normalises the domain and writes a history row in the same batch", async () => {
    const result = await post(newAction, db.context(), MANAGER, "/companies/new", companyFields({ domain: "https://www.Coastal-Outfitters.com.au/shop", account_manager_id: "tom-fletcher", parent_id: "co-harbour-co" }));
    expect(result.status).toBe(302);
    const id = result.location!.split("/")[2]!.split("?")[0]!;
    const row = await db.context().db.query.selectFrom("companies").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ domain: "coastal-outfitters.com.au", parent_id: "co-harbour-co", account_manager_id: "tom-fletcher", created_by: "user-daniel-costa" });
    const history = await newHistory("company", id);
    expect(history).toHaveLength(1);
    expect(history[0]!.action).toBe("created");
    expect(JSON.parse(history[0]!.details!).changes.domain).toEqual({ from: null, to: "coastal-outfitters.com.au" });
  });

  it("rejects bad input with field errors (400) and writes nothing", async () => {
    const before = { companies: await count(db.context(), "companies"), history: await count(db.context(), "history") };
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ name: "  " }, "name", /company name/],
      [{ domain: "HarbourCo.com.au" }, "domain", /Another company already uses this domain/],
      [{ domain: "not a domain" }, "domain", /domain like/],
      [{ parent_id: "co-does-not-exist" }, "parent_id", /existing company/],
      [{ account_manager_id: "nobody-here" }, "account_manager_id", /existing person/],
      [{ website: "javascript:alert(1)" }, "website", /https:\/\//],
    ];
    for (const [overrides, field, message] of cases) {
      const result = await post<Invalid>(newAction, db.context(), MANAGER, "/companies/new", companyFields(overrides));
      expect(result.status, JSON.stringify(overrides)).toBe(400);
      expect(result.data.errors[field]).toMatch(message);
    }
    expect(await count(db.context(), "companies")).toBe(before.companies);
    expect(await count(db.context(), "history")).toBe(before.history);
  });

  it("refuses a parent that is the company itself or below it (cycle check in SQL)", async () => {
    await db.exec("INSERT INTO companies (id, name, parent_id) VALUES ('co-harbour-kids','Harbour Kids','co-harbour-online');");
    const top = await db.context().db.query.selectFrom("companies").selectAll().where("id", "=", "co-harbour-co").executeTakeFirstOrThrow();
    const fields = (parent: string) => companyFields({ name: top.name, domain: top.domain ?? "", industry: top.industry ?? "", website: top.website ?? "", parent_id: parent, account_manager_id: top.account_manager_id ?? "" });
    for (const parent of ["co-harbour-co", "co-harbour-online", "co-harbour-kids"]) {
      const result = await post<Invalid>(editAction, db.context(), MANAGER, "/companies/co-harbour-co/edit", { intent: "save", ...fields(parent) }, { companyId: "co-harbour-co" });
      expect(result.status, parent).toBe(400);
      expect(result.data.errors.parent_id).toMatch(parent === "co-harbour-co" ? /own parent/ : /loop/);
    }
    expect((await db.context().db.query.selectFrom("companies").select("parent_id").where("id", "=", "co-harbour-co").executeTakeFirstOrThrow()).parent_id).toBeNull();
    expect(await newHistory("company", "co-harbour-co")).toHaveLength(0);
    // A sideways move is fine.
    const ok = await post(editAction, db.context(), MANAGER, "/companies/co-harbour-co/edit", { intent: "save", ...fields("co-greenleaf") }, { companyId: "co-harbour-co" });
    expect(ok.status).toBe(302);
  });

  it("records field-level diffs on edit, and only the changed fields", async () => {
    const result = await post(editAction, db.context(), MANAGER, "/companies/co-kinetic/edit", {
      intent: "save", ...companyFields({ name: "Kinetic Logistics Group", domain: "kineticlogistics.com", industry: "Logistics", website: "https://kineticlogistics.com", account_manager_id: "aisha-khan" }),
    }, { companyId: "co-kinetic" });
    expect(result.status).toBe(302);
    const history = await newHistory("company", "co-kinetic");
    expect(history).toHaveLength(1);
    expect(JSON.parse(history[0]!.details!).changes).toEqual({
      name: { from: "Kinetic Logistics", to: "Kinetic Logistics Group" },
      account_manager_id: { from: "daniel-costa", to: "aisha-khan" },
    });
  });

  it("deletes with a snapshot in history; subsidiaries become top-level, contacts stay", async () => {
    const result = await post(editAction, db.context(), MANAGER, "/companies/co-harbour-co/edit", { intent: "delete" }, { companyId: "co-harbour-co" });
    expect(result.status).toBe(302);
    const q = db.context().db.query;
    expect(await q.selectFrom("companies").select("id").where("id", "=", "co-harbour-co").executeTakeFirst()).toBeUndefined();
    expect((await q.selectFrom("companies").select("parent_id").where("id", "=", "co-harbour-online").executeTakeFirstOrThrow()).parent_id).toBeNull();
    expect((await q.selectFrom("contacts").select("company_id").where("id", "=", "ct-rachel-green").executeTakeFirstOrThrow()).company_id).toBeNull();
    const history = await newHistory("company", "co-harbour-co");
    expect(history.map((h) => h.action)).toEqual(["deleted"]);
    expect(JSON.parse(history[0]!.details!).changes.name).toEqual({ from: "Harbour & Co", to: null });
    expect((await post(editAction, db.context(), MANAGER, "/companies/co-harbour-co/edit", { intent: "delete" }, { companyId: "co-harbour-co" })).status).toBe(404);
  });
});

describe("company page", () => {
  type Page = {
    company: { id: string; name: string }; ancestors: { id: string }[]; children: { id: string }[];
    rollup: { subsidiaries: number; group_contacts: number }; contacts: { id: string }[]; communications: { id: string }[];
    notes: unknown[]; history: unknown[]; timeline: { rows: { kind: string }[] }; total: number;
  };

  it("shows the group: ancestors, children and roll-ups across every level", async () => {
    await db.exec(`INSERT INTO companies (id, name, parent_id) VALUES ('co-harbour-kids','Harbour Kids','co-harbour-online');
      INSERT INTO contacts (id, company_id, first_name, last_name, email) VALUES ('ct-kid','co-harbour-kids','Kit','Lane','kit@harbourkids.com.au');`);
    const top = (await get<Page>(detailLoader, db.context(), LEAD, "/companies/co-harbour-co", { companyId: "co-harbour-co" })).data;
    expect(top.rollup).toMatchObject({ subsidiaries: 2, group_contacts: 4 });
    expect(top.children.map((c) => c.id)).toEqual(["co-harbour-online"]);
    expect(top.ancestors).toEqual([]);
    const leaf = (await get<Page>(detailLoader, db.context(), LEAD, "/companies/co-harbour-kids", { companyId: "co-harbour-kids" })).data;
    expect(leaf.ancestors.map((a) => a.id)).toEqual(["co-harbour-co", "co-harbour-online"]);
  });

  it("costs ≤ 2 round trips on every tab, and 404s for an unknown id", async () => {
    for (const tab of ["overview", "contacts", "communications", "notes", "history", "timeline"]) {
      const context = db.context();
      const request = await getAs(context, EXEC, `/companies/co-harbour-co?tab=${tab}`);
      const before = context.db.stats.roundTrips;
      const page = (await detailLoader({ request, context, params: { companyId: "co-harbour-co" } })) as unknown as Page;
      expect(context.db.stats.roundTrips - before, tab).toBeLessThanOrEqual(2);
      expect(page.company.name).toBe("Harbour & Co");
      if (tab === "contacts") expect(page.contacts.map((c) => c.id).sort()).toEqual(["ct-ben-cooper", "ct-rachel-green"]);
      if (tab === "communications") expect(page.total).toBe(3);
      if (tab === "timeline") expect(page.timeline.rows.map((r) => r.kind)).toContain("communication");
    }
    expect((await get(detailLoader, db.context(), EXEC, "/companies/nope", { companyId: "nope" })).status).toBe(404);
    expect((await get(detailLoader, db.context(), EMPLOYEE, "/companies/co-harbour-co", { companyId: "co-harbour-co" })).status).toBe(403);
  });
});

describe("global search", () => {
  it("finds companies by name or domain and contacts by name or email, for viewers with the tool", async () => {
    const context = db.context();
    const viewer = (await getViewer(await getAs(context, LEAD, "/"), context))!;
    const groups = await globalSearch(context.db, viewer, "harbour");
    const companies = groups.find((g) => g.type === "company");
    const contacts = groups.find((g) => g.type === "contact");
    expect(companies?.hits.map((h) => h.url).sort()).toEqual(["/companies/co-harbour-co", "/companies/co-harbour-online"]);
    expect(contacts?.hits.map((h) => h.url).sort()).toEqual(["/contacts/ct-ben-cooper", "/contacts/ct-nina-park", "/contacts/ct-rachel-green"]);
    const other = db.context();
    const employee = (await getViewer(await getAs(other, EMPLOYEE, "/"), other))!;
    expect((await globalSearch(other.db, employee, "harbour")).map((g) => g.type)).not.toContain("company");
  });
});
