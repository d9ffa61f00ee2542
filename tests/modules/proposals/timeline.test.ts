import { describe, expect, it } from "vitest";
import { timelineQuery, TIMELINE_SOURCES } from "~/modules/crm/timeline.server";
import { batch } from "~/platform/batch.server";
import { getViewer } from "~/platform/session.server";
import { loader as contactLoader } from "~/routes/_app+/contacts+/$contactId";
import { setupTestDb } from "../../support/d1";
import { getAs } from "../../support/requests";

const db = setupTestDb({ seed: true });

async function timeline(userId: string, subject: { type: "company" | "contact"; id: string }) {
  const context = db.context();
  const viewer = (await getViewer(await getAs(context, userId, "/"), context))!;
  const [rows] = await batch(context.db, [timelineQuery(context.db, viewer, subject, { limit: 100 })]);
  return rows.filter((r) => r.kind === "proposal");
}

describe("proposals on company and contact timelines", () => {
  it("shows each milestone (drafted, sent, opened, accepted) to a viewer who may see the proposal", async () => {
    await db.exec(`UPDATE proposals SET status = 'accepted', first_viewed_at = '2026-11-21T02:00:00Z', accepted_at = '2026-11-24T03:00:00Z' WHERE id = 'prop-harbour-loyalty';`);
    const rows = await timeline("user-daniel-costa", { type: "company", id: "co-harbour-co" }); // Daniel owns it
    expect(rows.map((r) => [r.key, r.at, r.title])).toEqual([
      ["proposal:prop-harbour-loyalty:accepted", "2026-11-24T03:00:00Z", "Proposal accepted: Harbour & Co loyalty program website"],
      ["proposal:prop-harbour-loyalty:viewed", "2026-11-21T02:00:00Z", "Proposal opened by the client: Harbour & Co loyalty program website"],
      ["proposal:prop-harbour-loyalty:sent", "2026-11-20T01:00:00Z", "Proposal sent: Harbour & Co loyalty program website"],
      ["proposal:prop-harbour-loyalty:created", "2026-11-18T01:00:00Z", "Proposal drafted: Harbour & Co loyalty program website"],
    ]);
    expect(rows[0]).toMatchObject({ url: "/proposals/prop-harbour-loyalty", detail: "AUD 24,750.00" });
    expect(rows[2]!.detail).toBe("AUD 24,750.00 · valid until 2027-06-30");
    // The contact's timeline has the same rows; an executive sees them too.
    expect((await timeline("user-olivia-bennett", { type: "contact", id: "ct-rachel-green" })).map((r) => r.key)).toEqual(rows.map((r) => r.key));
  });

  it("shows a decline with its reason", async () => {
    await db.exec(`UPDATE proposals SET status = 'declined', declined_at = '2026-10-05T01:00:00Z', decline_reason = 'Budget moved to next year' WHERE id = 'prop-greenleaf-ads';`);
    const rows = await timeline("user-olivia-bennett", { type: "contact", id: "ct-lily-zhang" });
    expect(rows[0]).toMatchObject({ key: "proposal:prop-greenleaf-ads:declined", title: "Proposal declined: Greenleaf paid search retainer", detail: "Reason: Budget moved to next year" });
  });

  it("leaves out proposals outside the viewer's scope, and the whole source without the proposals tool", async () => {
    // Tom may use proposals but owns only the SEO one; Daniel's Harbour proposal is not his to see.
    expect(await timeline("user-tom-fletcher", { type: "company", id: "co-harbour-co" })).toEqual([]);
    expect((await timeline("user-tom-fletcher", { type: "company", id: "co-harbour-online" })).map((r) => r.key)).toContain("proposal:prop-harbour-seo:accepted");
    expect(await timeline("user-daniel-costa", { type: "company", id: "co-harbour-online" })).toEqual([]);
    const context = db.context();
    const viewer = (await getViewer(await getAs(context, "user-daniel-costa", "/"), context))!;
    const noTool = { ...viewer, permissions: { ...viewer.permissions, proposals: { view: false, update: false, manage: false } } };
    const [rows] = await batch(context.db, [timelineQuery(context.db, noTool, { type: "company", id: "co-harbour-co" })]);
    expect(rows.filter((r) => r.kind === "proposal")).toEqual([]);
    expect(TIMELINE_SOURCES.find((s) => s.kind === "proposal")?.tool).toBe("proposals");
  });

  it("is on the contact page's Timeline tab", async () => {
    const context = db.context();
    const request = await getAs(context, "user-olivia-bennett", "/contacts/ct-rachel-green?tab=timeline");
    const page = (await contactLoader({ request, context, params: { contactId: "ct-rachel-green" } } as never)) as unknown as { timeline: { rows: { key: string; kind: string }[] } };
    expect(page.timeline.rows.filter((r) => r.kind === "proposal").map((r) => r.key)).toEqual(["proposal:prop-harbour-loyalty:sent", "proposal:prop-harbour-loyalty:created"]);
  });
});
