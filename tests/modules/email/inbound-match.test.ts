import { describe, expect, it } from "vitest";
import { signInboundBody, SIGNATURE_HEADER } from "~/modules/delivery/inbound.server";
import { isFreeMailDomain } from "~/modules/email/schemas";
import { loader as companyLoader } from "~/routes/_app+/companies+/$companyId";
import { action as webhookAction } from "~/routes/webhooks+/inbound-email";
import type { AppLoadContext } from "~/platform/context.server";
import { setupTestDb } from "../../support/d1";
import { getAs, ORIGIN } from "../../support/requests";
import { OLIVIA } from "./helpers";

const SECRET = "test-webhook-secret";
const db = setupTestDb({ seed: true, vars: { WEBHOOK_SECRET: SECRET } });

async function deliver(context: AppLoadContext, overrides: Record<string, unknown>) {
  const body = JSON.stringify({
    message_id: `<${Math.random().toString(36).slice(2)}@example.com>`,
    to: "hello@inbound.dotcollective.com.au",
    subject: "Hello",
    text: "Hi there",
    received_at: "2026-11-25T00:00:00Z",
    ...overrides,
  });
  const headers = new Headers({ "Content-Type": "application/json", [SIGNATURE_HEADER]: await signInboundBody(SECRET, body) });
  const response = (await webhookAction({ request: new Request(`${ORIGIN}/webhooks/inbound-email`, { method: "POST", headers, body }), context, params: {} })) as Response;
  expect(response.status).toBe(200);
  return context.db.query.selectFrom("inbound_emails").select(["company_id", "contact_id", "matched_by", "status"]).orderBy("created_at", "desc").orderBy("id", "desc").executeTakeFirstOrThrow();
}

describe("inbound email → company matching", () => {
  it("matches by the sender's contact first", async () => {
    const row = await deliver(db.context(), { from: "David@AtlasHealth.com.au", from_name: "David Hughes", message_id: "<c1@atlashealth.com.au>" });
    expect(row).toEqual({ company_id: "co-atlas-health", contact_id: "ct-david-hughes", matched_by: "contact", status: "ignored" });
  });

  it("else by the sender's domain", async () => {
    const row = await deliver(db.context(), { from: "new.person@greenleafenergy.com.au", message_id: "<d1@greenleafenergy.com.au>" });
    expect(row).toEqual({ company_id: "co-greenleaf", contact_id: null, matched_by: "domain", status: "ignored" });
  });

  it("never by a free-mail domain, even when a company (wrongly) uses it", async () => {
    await db.context().db.query.updateTable("companies").set({ domain: "gmail.com" }).where("id", "=", "co-urban-pantry").execute();
    expect(isFreeMailDomain("GMail.com")).toBe(true);
    const row = await deliver(db.context(), { from: "someone@gmail.com", message_id: "<f1@gmail.com>" });
    expect(row).toEqual({ company_id: null, contact_id: null, matched_by: null, status: "ignored" });
  });

  it("the company's Emails tab lists its inbound emails", async () => {
    const context = db.context();
    await deliver(context, { from: "new.person@greenleafenergy.com.au", subject: "Rebrand assets", message_id: "<d2@greenleafenergy.com.au>" });
    const c = db.context();
    const page = await companyLoader({ request: await getAs(c, OLIVIA, "/companies/co-greenleaf?tab=emails"), context: c, params: { companyId: "co-greenleaf" } });
    expect(page.inboundEmails.map((i) => [i.subject, i.matched_by])).toEqual([["Rebrand assets", "domain"]]);
  });
});
