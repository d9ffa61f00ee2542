import { describe, expect, it } from "vitest";
import { CHASE_TYPE, sweepSignerChasers } from "~/modules/contracts/follow-ups.server";
import type { AppLoadContext } from "~/platform/context.server";
import { nowIso } from "~/platform/ids";
import { action as detailAction } from "~/routes/_app+/contracts+/$contractId";
import { loader as listLoader } from "~/routes/_app+/contracts+/_index";
import { action as newAction } from "~/routes/_app+/contracts+/new";
import { action as signAction } from "~/routes/sign+/$token";
import { setupTestDb } from "../../support/d1";
import { getAs, ORIGIN, postAs } from "../../support/requests";

const db = setupTestDb({ seed: true });
const EXEC = "user-olivia-bennett";
const CLIENT = "client.signer@harbourco.com.au";
const AGENCY = "agency.signer@dotcollective.com.au";

const daysAgo = (days: number) => nowIso(new Date(Date.now() - days * 86_400_000));
const q = () => db.context().db.query;
const chasers = () =>
  q().selectFrom("action_items").selectAll().where("source_module", "=", "contracts").where("source_type", "=", CHASE_TYPE).orderBy("created_at").orderBy("title").execute();
const itemHistory = (id: string) => q().selectFrom("history").select("action").where("resource_type", "=", "action_item").where("resource_id", "=", id).orderBy("created_at").execute();

async function run(fn: () => Promise<unknown>): Promise<{ status: number; location: string | null }> {
  try {
    const result = await fn();
    if (result instanceof Response) return { status: result.status, location: result.headers.get("Location") };
    return { status: (result as { init?: { status?: number } } | null)?.init?.status ?? 200, location: null };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    const init = (thrown as { init?: { status?: number } } | null)?.init;
    if (init?.status) return { status: init.status, location: null };
    throw thrown;
  }
}

/** The contracts list, with its background work (renewals + chasers) awaited. */
async function openList(userId = EXEC) {
  const pending: Promise<unknown>[] = [];
  const context: AppLoadContext = { ...db.context(), waitUntil: (p) => void pending.push(p) };
  const request = await getAs(context, userId, "/contracts");
  await listLoader({ request, context, params: {} });
  expect(pending.length).toBeGreaterThan(0); // the sweep runs after the response, never in the page's batch
  await Promise.all(pending);
}

async function sentContract() {
  const context = db.context();
  const request = await postAs(context, EXEC, "/contracts/new", {
    templateId: "ctpl-msa", title: "Harbour & Co website MSA", companyId: "co-harbour-co", value: "24,000.00",
    renewalDate: "2027-06-30", "signerName[]": ["Casey Client", "Alex Agency"], "signerEmail[]": [CLIENT, AGENCY],
  });
  const created = await run(() => newAction({ request, context, params: {} }));
  const id = created.location!.match(/^\/contracts\/([^?]+)/)![1]!;
  const c2 = db.context();
  expect((await run(async () => detailAction({ request: await postAs(c2, EXEC, `/contracts/${id}`, { intent: "send" }), context: c2, params: { contractId: id } }))).status).toBe(200);
  const mail = await q().selectFrom("mail_outbox").select("text_body").where("to_address", "=", CLIENT).executeTakeFirstOrThrow();
  const token = /\/sign\/([A-Za-z0-9_-]{43})\b/.exec(mail.text_body)![1]!;
  return { id, token };
}

function signPost(token: string, fields: Record<string, string>) {
  const headers = new Headers({ "CF-Connecting-IP": "203.0.113.5", "User-Agent": "Vitest signer", "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN });
  const context: AppLoadContext = { ...db.context(), waitUntil: () => {} };
  return run(() => signAction({ request: new Request(`${ORIGIN}/sign/${token}`, { method: "POST", headers, body: new URLSearchParams(fields) }), context, params: { token } }));
}

const CLIENT_FIELDS = {
  intent: "sign", "sig_mode_fld-client-sig": "typed", "sig_typed_fld-client-sig": "Casey Client",
  "date_fld-client-date": "2026-11-20", "check_fld-client-authority": "on", consent: "on",
};

describe("contract signer chasers", () => {
  it("the contracts list raises one chaser per signer waiting more than 5 days, for the owner, in the background", async () => {
    await db.exec(`UPDATE contract_signers SET sent_at = '${daysAgo(4)}' WHERE id = 'cs-greenleaf-client';`);
    await openList();
    expect(await chasers()).toHaveLength(0);

    await db.exec(`UPDATE contract_signers SET sent_at = '${daysAgo(6)}' WHERE id = 'cs-greenleaf-client';`);
    await openList();
    const [item, ...rest] = await chasers();
    expect(rest).toHaveLength(0);
    expect(item).toMatchObject({
      title: "Chase Sam O'Connor on Greenleaf Energy brand refresh MSA", source_id: "cs-greenleaf-client",
      assigned_person_id: "olivia-bennett", company_id: "co-greenleaf", deal_id: "deal-greenleaf-rebrand", is_completed: 0,
    });
    expect(item!.description).toContain("sam@greenleafenergy.com.au");
    expect(item!.description).toContain("opened it on 2026-11-23");
    expect((await itemHistory(item!.id)).map((h) => h.action)).toEqual(["raised"]);

    // Idempotent: more sweeps add nothing.
    await openList();
    await sweepSignerChasers(db.context().db);
    expect(await chasers()).toHaveLength(1);
    expect((await itemHistory(item!.id)).map((h) => h.action)).toEqual(["raised"]);
  });

  it("closes the chaser when that signer signs, and chases the next signer only once they have waited too", async () => {
    const { id, token } = await sentContract();
    await db.exec(`UPDATE contract_signers SET sent_at = '${daysAgo(8)}' WHERE contract_id = '${id}' AND sign_order = 1;`);
    await sweepSignerChasers(db.context().db);
    const [item] = (await chasers()).filter((c) => c.title.includes("Casey Client"));
    expect(item).toMatchObject({ title: "Chase Casey Client on Harbour & Co website MSA", is_completed: 0, assigned_person_id: "olivia-bennett" });
    expect(item!.description).toContain("has not opened it");

    expect((await signPost(token, CLIENT_FIELDS)).status).toBe(302);
    const after = (await chasers()).find((c) => c.id === item!.id)!;
    expect(after.is_completed).toBe(1);
    expect((await itemHistory(item!.id)).map((h) => h.action)).toEqual(["raised", "completed"]);

    // The agency signer was emailed just now: nothing to chase yet.
    await sweepSignerChasers(db.context().db);
    expect((await chasers()).filter((c) => c.title.includes("Alex Agency"))).toHaveLength(0);
    await sweepSignerChasers(db.context().db, new Date(Date.now() + 6 * 86_400_000));
    expect((await chasers()).filter((c) => c.title.includes("Alex Agency") && c.is_completed === 0)).toHaveLength(1);
  });

  it("closes the chaser when the signer declines or the contract is voided", async () => {
    const declined = await sentContract();
    await db.exec(`UPDATE contract_signers SET sent_at = '${daysAgo(8)}' WHERE contract_id = '${declined.id}' AND sign_order = 1;
      UPDATE contract_signers SET sent_at = '${daysAgo(9)}' WHERE id = 'cs-greenleaf-client';`);
    await sweepSignerChasers(db.context().db);
    expect((await chasers()).filter((c) => c.is_completed === 0)).toHaveLength(2);
    expect((await signPost(declined.token, { intent: "decline", reason: "Liability cap too low" })).status).toBe(302);
    const mine = (await chasers()).find((c) => c.title.includes("Casey Client"))!;
    expect(mine.is_completed).toBe(1);

    const context = db.context();
    const voided = await run(async () =>
      detailAction({ request: await postAs(context, EXEC, "/contracts/contract-greenleaf-msa", { intent: "void" }), context, params: { contractId: "contract-greenleaf-msa" } }));
    expect(voided.status).toBe(200);
    const greenleaf = (await chasers()).find((c) => c.source_id === "cs-greenleaf-client")!;
    expect(greenleaf.is_completed).toBe(1);
    expect((await itemHistory(greenleaf.id)).map((h) => h.action)).toEqual(["raised", "completed"]);
  });
});
