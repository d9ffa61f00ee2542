// The Meetings tab on company and contact pages: rows come from the meetings module's
// record query inside the page's own batch, scoped like the Meetings list.
import { describe, expect, it } from "vitest";
import { loader as companyLoader } from "~/routes/_app+/companies+/$companyId";
import { loader as contactLoader } from "~/routes/_app+/contacts+/$contactId";
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
