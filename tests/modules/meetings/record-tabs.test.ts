// The Meetings tab on company and contact pages: rows come from the meetings module's
// record query inside the page's own batch, scoped like the Meetings list.
import { describe, expect, it } from "vitest";
import { loader as companyLoader } from "~/routes/_app+/companies+/$companyId";
import { loader as contactLoader } from "~/routes/_app+/contacts+/$contactId";
import { loader as dealLoader } from "~/routes/_app+/deals+/$dealId";
import { loader as projectLoader } from "~/routes/_app+/projects+/$projectId";
import { setupTestDb } from "../../support/d1";
import { getAs } from "../../support/requests";

const db = setupTestDb({ seed: true });

async function companyPage(userId: string, companyId: string) {
  const context = db.context();
  const request = await getAs(context, userId, `/companies/${companyId}?tab=meetings`);
  const before = context.db.stats.roundTrips;
  const data = await companyLoader({ request, context, params: { companyId } });
  return { data, roundTrips: context.db.stats.roundTrips - before };
}

describe("meetings tab", () => {
  it("lists the company's meetings (linked, or attended by its contacts) in one page batch", async () => {
    const { data, roundTrips } = await companyPage("user-olivia-bennett", "co-harbour-co");
    expect(data.tab).toBe("meetings");
    expect(data.meetings.map((m) => m.id)).toContain("mtg-harbour-qbr");
    expect(data.meetings.map((m) => m.id)).not.toContain("mtg-greenleaf-catchup");
    expect(roundTrips).toBeLessThanOrEqual(2);
  });

  it("follows meeting scope: a lead sees only meetings they attend", async () => {
    const kinetic = await companyPage("user-liam-murphy", "co-kinetic");
    expect(kinetic.data.meetings.map((m) => m.id)).toEqual(["mtg-kinetic-review"]);
    const harbour = await companyPage("user-liam-murphy", "co-harbour-co");
    expect(harbour.data.meetings).toEqual([]);
  });

  it("a contact's tab lists meetings the contact attended", async () => {
    const context = db.context();
    const request = await getAs(context, "user-olivia-bennett", "/contacts/ct-sam-oconnor?tab=meetings");
    const data = await contactLoader({ request, context, params: { contactId: "ct-sam-oconnor" } });
    expect(data.tab).toBe("meetings");
    expect(data.meetings.map((m) => m.id)).toEqual(["mtg-greenleaf-catchup"]);
  });

  it("without the meetings grant the tab falls back to the overview", async () => {
    await db.exec("UPDATE tool_permissions SET can_view = 0 WHERE tool = 'meetings' AND access_level = 'lead';");
    const { data } = await companyPage("user-liam-murphy", "co-kinetic");
    expect(data.tab).toBe("overview");
    expect(data.meetings).toEqual([]);
  });
});

describe("meetings tab on projects and deals", () => {
  async function tabOf(loader: typeof projectLoader | typeof dealLoader, userId: string, path: string, params: Record<string, string>) {
    const context = db.context();
    const request = await getAs(context, userId, path);
    const before = context.db.stats.roundTrips;
    const data = (await loader({ request, context, params })) as unknown as { tab: string; data: { kind: string; meetings?: { id: string }[] } };
    return { data, roundTrips: context.db.stats.roundTrips - before };
  }

  it("a project lists the meetings linked to it (auto or confirmed), in the viewer's meeting scope", async () => {
    const { data, roundTrips } = await tabOf(projectLoader, "user-daniel-costa", "/projects/proj-kinetic-platform?tab=meetings", { projectId: "proj-kinetic-platform" });
    expect(data.data.kind).toBe("meetings");
    expect(data.data.meetings!.map((m) => m.id)).toEqual(["mtg-kinetic-review"]);
    expect(roundTrips).toBeLessThanOrEqual(2);
    // A suggestion is not a link yet.
    await db.exec("UPDATE meetings SET match_status = 'suggested' WHERE id = 'mtg-kinetic-review';");
    expect((await tabOf(projectLoader, "user-daniel-costa", "/projects/proj-kinetic-platform?tab=meetings", { projectId: "proj-kinetic-platform" })).data.data.meetings).toEqual([]);
  });

  it("a deal lists its linked meetings; without the meetings grant the tab falls back to the overview", async () => {
    await db.exec("UPDATE meetings SET matched_type = 'deal', matched_id = 'deal-urban-pantry-app', match_status = 'confirmed' WHERE id = 'mtg-harbour-qbr';");
    const exec = await tabOf(dealLoader, "user-olivia-bennett", "/deals/deal-urban-pantry-app?tab=meetings", { dealId: "deal-urban-pantry-app" });
    expect(exec.data.data.meetings!.map((m) => m.id)).toEqual(["mtg-harbour-qbr"]);
    expect(exec.roundTrips).toBeLessThanOrEqual(2);
    await db.exec("UPDATE tool_permissions SET can_view = 0 WHERE tool = 'meetings' AND access_level = 'executive';");
    const denied = await tabOf(dealLoader, "user-olivia-bennett", "/deals/deal-urban-pantry-app?tab=meetings", { dealId: "deal-urban-pantry-app" });
    expect(denied.data.tab).toBe("overview");
  });
});
