import { describe, expect, it } from "vitest";
import { timelineQuery } from "~/modules/crm/timeline.server";
import { batch } from "~/platform/batch.server";
import { getViewer } from "~/platform/session.server";
import { setupTestDb } from "../../support/d1";
import { getAs } from "../../support/requests";

const db = setupTestDb({ seed: true });

async function timeline(userId: string, subject: { type: "company" | "contact"; id: string }) {
  const context = db.context();
  const viewer = (await getViewer(await getAs(context, userId, "/"), context))!;
  const [rows] = await batch(context.db, [timelineQuery(context.db, viewer, subject, { limit: 100 })]);
  return rows.filter((r) => r.kind === "contract");
}

describe("contracts on company and contact timelines", () => {
  it("shows sent, each signer's signature and completion to a viewer in scope", async () => {
    const rows = await timeline("user-olivia-bennett", { type: "company", id: "co-harbour-co" });
    expect(rows.map((r) => [r.key, r.at, r.title])).toEqual([
      // Same second as the completion: ties are ordered by key.
      ["contract_signature:cs-retainer-agency", "2025-12-04T05:30:00Z", "Contract signed by Olivia Bennett: Harbour & Co support retainer 2026"],
      ["contract:contract-harbour-retainer:completed", "2025-12-04T05:30:00Z", "Contract signed by everyone: Harbour & Co support retainer 2026"],
      ["contract_signature:cs-retainer-client", "2025-12-02T03:15:00Z", "Contract signed by Rachel Green: Harbour & Co support retainer 2026"],
      ["contract:contract-harbour-retainer:sent", "2025-12-02T01:00:00Z", "Contract sent for signature: Harbour & Co support retainer 2026"],
    ]);
    expect(rows[1]).toMatchObject({ url: "/contracts/contract-harbour-retainer", detail: "AUD 48,000.00" });
    expect(rows[2]!.detail).toBe("Client signatory");
    // Rachel signs for Harbour & Co: her contact timeline shows the contracts she is a signer on.
    expect((await timeline("user-olivia-bennett", { type: "contact", id: "ct-rachel-green" })).map((r) => r.key)).toEqual(rows.map((r) => r.key));
  });

  it("shows a decline with its reason", async () => {
    await db.exec(`UPDATE contracts SET status = 'declined', declined_at = '2026-11-24T01:00:00Z', decline_reason = 'Liability cap too low' WHERE id = 'contract-greenleaf-msa';`);
    const rows = await timeline("user-olivia-bennett", { type: "company", id: "co-greenleaf" });
    expect(rows.map((r) => r.key)).toEqual(["contract:contract-greenleaf-msa:declined", "contract:contract-greenleaf-msa:sent"]);
    expect(rows[0]).toMatchObject({ title: "Contract declined: Greenleaf Energy brand refresh MSA", detail: "Reason: Liability cap too low" });
  });

  it("leaves out contracts whose owner is outside the viewer's scope", async () => {
    // Olivia owns the retainer; Daniel (a manager) sees only his subtree's contracts.
    expect(await timeline("user-daniel-costa", { type: "company", id: "co-harbour-co" })).toEqual([]);
    expect(await timeline("user-daniel-costa", { type: "contact", id: "ct-rachel-green" })).toEqual([]);
    // Once Daniel owns it, it appears.
    await db.exec(`UPDATE contracts SET owner_id = 'daniel-costa' WHERE id = 'contract-harbour-retainer';`);
    expect(await timeline("user-daniel-costa", { type: "company", id: "co-harbour-co" })).toHaveLength(4);
  });
});
