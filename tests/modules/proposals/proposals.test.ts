import { describe, expect, it } from "vitest";
import { parseBody } from "~/modules/proposals/markdown";
import { summarisePricing } from "~/modules/proposals/pricing";
import { expireOverdueProposals, needsApproval } from "~/modules/proposals/proposals.server";
import { MAX_PAGE_MS, parsePricingLines } from "~/modules/proposals/schemas";
import { resolveVariables } from "~/modules/proposals/variables";
import { loader as boardLoader } from "~/routes/_app+/proposals+/_index";
import { action as detailAction, loader as detailLoader } from "~/routes/_app+/proposals+/$proposalId";
import { action as newAction, loader as newLoader } from "~/routes/_app+/proposals+/new";
import { loader as templatesLoader } from "~/routes/_app+/proposals+/templates+/_index";
import { action as publicAction, loader as publicLoader } from "~/routes/p+/$token";
import { action as beaconAction, loader as beaconLoader } from "~/routes/p+/$token_.beacon";
import type { AppLoadContext } from "~/platform/context.server";
import { isCrossSiteMutation } from "~/platform/http.server";
import { action as templateAction, loader as templateLoader } from "~/routes/_app+/proposals+/templates+/$templateId";
import { action as templatesAction } from "~/routes/_app+/proposals+/templates+/_index";
import { setupTestDb } from "../../support/d1";
import { ORIGIN, getAs, postAs, statusOf } from "../../support/requests";

const db = setupTestDb({ seed: true });

const SEED_TOKEN = "SeedProposalTokenHarbourWebsiteRebuild00001";
const EXPIRED_TOKEN = "SeedProposalTokenGreenleafExpiredProposal01";

type Loaded = { data: Record<string, unknown>; init?: { status?: number; headers?: Record<string, string> } };

async function run<T>(fn: () => Promise<T>): Promise<{ status: number; value: T | Response }> {
  try {
    const value = await fn();
    const status = value instanceof Response ? value.status : ((value as Loaded | null)?.init?.status ?? 200);
    return { status, value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, value: thrown };
    const init = (thrown as Loaded | null)?.init;
    if (init?.status) return { status: init.status, value: thrown as T };
    throw thrown;
  }
}

function clientRequest(path: string, init: RequestInit & { cookie?: string; ip?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("Cookie", init.cookie);
  headers.set("CF-Connecting-IP", init.ip ?? "203.0.113.7");
  headers.set("User-Agent", "vitest-client");
  return new Request(ORIGIN + path, { ...init, headers });
}

function clientPost(path: string, fields: Record<string, string | string[]>, cookie?: string) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return clientRequest(path, { method: "POST", body, cookie, headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN } });
}

async function openPublic(context: AppLoadContext, token: string, page = 1, cookie?: string) {
  const request = clientRequest(`/p/${token}?page=${page}`, { cookie });
  const result = await run(() => publicLoader({ request, context, params: { token } } as never));
  const value = result.value as Loaded;
  const setCookie = value?.init?.headers ? new Headers(value.init.headers).get("Set-Cookie") : null;
  return {
    status: result.status,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- loader data read loosely in assertions
    data: value?.data as Record<string, any>, cookie: setCookie?.split(";")[0] ?? cookie };
}

async function act(_shared: AppLoadContext, userId: string, id: string, fields: Record<string, string>) {
  const context = db.context(); // the viewer is memoised per context: one context per request
  const request = await postAs(context, userId, `/proposals/${id}`, fields);
  return run(() => detailAction({ request, context, params: { proposalId: id } } as never));
}

async function proposalRow(context: AppLoadContext, id: string) {
  return context.db.query.selectFrom("proposals").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

describe("pricing maths", () => {
  const sections = [{ id: "s1", title: "Build" }, { id: "s2", title: "Care" }];
  const items = [
    { id: "a", section_id: "s1", quantity: 2, rate_cents: 150_000, is_optional: 0, is_selected: 1 },
    { id: "b", section_id: "s1", quantity: 1.5, rate_cents: 10_001, is_optional: 0, is_selected: 1 },
    { id: "c", section_id: "s2", quantity: 1, rate_cents: 240_000, is_optional: 1, is_selected: 0 },
  ];
  it("counts required items, leaves unchosen optional items out, adds tax", () => {
    const s = summarisePricing(sections, items, 1000);
    expect(s.sections.map((x) => x.subtotalCents)).toEqual([315_002, 0]);
    expect(s.subtotalCents).toBe(315_002);
    expect(s.taxCents).toBe(31_500);
    expect(s.totalCents).toBe(346_502);
    expect(s.optionalAvailableCents).toBe(240_000);
  });
  it("includes a chosen optional item in its section subtotal and the total", () => {
    const chosen = items.map((i) => (i.id === "c" ? { ...i, is_selected: 1 } : i));
    const s = summarisePricing(sections, chosen, 1000);
    expect(s.sections[1]!.subtotalCents).toBe(240_000);
    expect(s.totalCents).toBe(Math.round(555_002 * 1.1));
    expect(summarisePricing(sections, chosen, 0).totalCents).toBe(555_002);
  });
  it("parses template pricing lines and rejects malformed ones", () => {
    const ok = parsePricingLines("Build | Design | 2 | 1,500.50 |\nBuild | Care plan | 1 | 200 | optional");
    expect(ok).toEqual({ ok: true, sections: [{ title: "Build", items: [
      { description: "Design", quantity: 2, rate_cents: 150050, optional: false },
      { description: "Care plan", quantity: 1, rate_cents: 20000, optional: true },
    ] }] });
    expect(parsePricingLines("Build | Design | -1 | 5").ok).toBe(false);
  });
  it("renders markdown-ish bodies into blocks", () => {
    expect(parseBody("# Hi\n\n- a\n- **b**\n\ntext").map((b) => b.kind)).toEqual(["heading", "list", "paragraph"]);
  });
});

describe("variables and approval threshold", () => {
  it("resolves known variables and leaves unknown or empty ones visible", () => {
    expect(resolveVariables("Hi {{contact.first_name}} at {{ company.name }} {{deal.value}} {{unknown.x}}", {
      "contact.first_name": "Rachel", "company.name": "Harbour & Co", "deal.value": null,
    })).toBe("Hi Rachel at Harbour & Co {{deal.value}} {{unknown.x}}");
  });
  it("needs approval at or above the threshold unless an approval covers the total", () => {
    expect(needsApproval(1_999_999, 2_000_000, null)).toBe(false);
    expect(needsApproval(2_000_000, 2_000_000, null)).toBe(true);
    expect(needsApproval(2_500_000, 2_000_000, 2_500_000)).toBe(false);
    expect(needsApproval(2_600_000, 2_000_000, 2_500_000)).toBe(true);
  });
});

describe("create, approve and send", () => {
  it("creates from the template with deal variables resolved, gates sending on approval, then sends", async () => {
    const context = db.context();
    // Olivia (executive) creates a proposal for Tom's Harbour deal.
    const created = await run(async () =>
      newAction({ request: await postAs(context, "user-olivia-bennett", "/proposals/new", { title: "Loyalty website", templateId: "ptpl-website", dealId: "deal-harbour-loyalty" }), context, params: {} } as never),
    );
    expect(created.status).toBe(302);
    const id = (created.value as Response).headers.get("Location")!.match(/\/proposals\/([^?]+)/)![1]!;
    const row = await proposalRow(context, id);
    expect(row).toMatchObject({ status: "draft", company_id: "co-harbour-co", contact_id: "ct-rachel-green", deal_id: "deal-harbour-loyalty", total_cents: 2_475_000 });
    const pages = await context.db.query.selectFrom("proposal_pages").select(["title", "body"]).where("proposal_id", "=", id).orderBy("position").execute();
    expect(pages).toHaveLength(4);
    expect(pages[0]!.body).toContain("Hello Rachel");
    expect(pages[0]!.body).toContain("**Harbour & Co**");
    expect(pages[0]!.body).toContain("Harbour & Co loyalty program");
    expect(pages[3]!.body).toContain("Olivia Bennett will lead");
    const history = await context.db.query.selectFrom("history").select("action").where("resource_id", "=", id).execute();
    expect(history.map((h) => h.action)).toContain("created");

    // Over the threshold: sending is refused until approved.
    const refused = await act(context, "user-olivia-bennett", id, { intent: "send" });
    expect(refused.status).toBe(400);
    expect((await proposalRow(context, id)).status).toBe("draft");

    expect((await act(context, "user-olivia-bennett", id, { intent: "request-approval" })).status).toBe(200);
    expect((await proposalRow(context, id)).status).toBe("for_approval");
    // The requester cannot approve their own request; a manager is no approver (403).
    expect((await act(context, "user-olivia-bennett", id, { intent: "approve" })).status).toBe(400);
    // Priya (head) rejects without a comment → 400; with one → back to draft.
    expect((await act(context, "user-priya-raman", id, { intent: "reject" })).status).toBe(400);
    expect((await act(context, "user-priya-raman", id, { intent: "reject", comment: "Trim the build days" })).status).toBe(200);
    expect((await proposalRow(context, id)).status).toBe("draft");
    expect((await act(context, "user-olivia-bennett", id, { intent: "request-approval" })).status).toBe(200);
    expect((await act(context, "user-priya-raman", id, { intent: "approve", comment: "OK" })).status).toBe(200);
    expect((await proposalRow(context, id)).approved_total_cents).toBe(2_475_000);

    const sent = await act(context, "user-olivia-bennett", id, { intent: "send" });
    expect(sent.status).toBe(200);
    const shareUrl = (sent.value as { shareUrl: string }).shareUrl;
    expect(shareUrl).toMatch(/\/p\/[A-Za-z0-9_-]{43}$/);
    const token = shareUrl.split("/p/")[1]!;
    const after = await proposalRow(context, id);
    expect(after.status).toBe("sent");
    expect(after.share_token_hash).not.toBe(token);
    expect(after.share_token_hash).not.toContain(token);
    const mail = await context.db.query.selectFrom("mail_outbox").select(["to_address", "text_body"]).where("to_address", "=", "rachel@harbourco.com.au").execute();
    expect(mail.some((m) => m.text_body.includes(shareUrl))).toBe(true);
    // Content is locked once sent.
    expect((await act(context, "user-olivia-bennett", id, { intent: "add-page", title: "Late", body: "" })).status).toBe(400);
  });

  it("a manager may not approve, and a new item raising the total above the approved amount needs a new approval", async () => {
    const context = db.context();
    expect((await act(context, "user-tom-fletcher", "prop-greenleaf-rebrand", { intent: "approve" })).status).toBe(404);
    expect((await act(context, "user-daniel-costa", "prop-greenleaf-rebrand", { intent: "approve" })).status).toBe(403);
    expect((await act(context, "user-olivia-bennett", "prop-greenleaf-rebrand", { intent: "approve" })).status).toBe(200);
    const sections = await context.db.query.selectFrom("proposal_pricing_sections").select("id").where("proposal_id", "=", "prop-greenleaf-rebrand").execute();
    // An optional item does not change the total; a required one does.
    expect((await act(context, "user-daniel-costa", "prop-greenleaf-rebrand", { intent: "add-item", sectionId: sections[0]!.id, description: "Motion pack", quantity: "1", rate: "3000", optional: "on" })).status).toBe(200);
    expect((await proposalRow(context, "prop-greenleaf-rebrand")).total_cents).toBe(2_475_000);
    expect((await act(context, "user-daniel-costa", "prop-greenleaf-rebrand", { intent: "add-item", sectionId: sections[0]!.id, description: "Extra day", quantity: "1", rate: "1800" })).status).toBe(200);
    expect((await proposalRow(context, "prop-greenleaf-rebrand")).total_cents).toBe(2_475_000 + 198_000);
    expect((await act(context, "user-daniel-costa", "prop-greenleaf-rebrand", { intent: "send" })).status).toBe(400);
    // Bad input is a 400 with field messages, not a 500.
    const bad = await act(context, "user-daniel-costa", "prop-greenleaf-rebrand", { intent: "add-item", sectionId: sections[0]!.id, description: "", quantity: "x", rate: "abc" });
    expect(bad.status).toBe(400);
  });
});

describe("scope and access", () => {
  it("employees get 403, out-of-scope managers 404, the owner and executives 200", async () => {
    const context = db.context();
    const view = async (userId: string, id: string, context = db.context()) =>
      statusOf(async () => detailLoader({ request: await getAs(context, userId, `/proposals/${id}`), context, params: { proposalId: id } } as never));
    expect(await statusOf(async () => boardLoader({ request: await getAs(db.context(), "user-ethan-brown", "/proposals"), context, params: {} } as never))).toBe(403);
    expect(await view("user-daniel-costa", "prop-harbour-loyalty")).toBe(200);
    expect(await view("user-olivia-bennett", "prop-harbour-loyalty")).toBe(200);
    expect(await view("user-tom-fletcher", "prop-harbour-loyalty")).toBe(404);
    expect(await view("user-daniel-costa", "prop-harbour-seo")).toBe(404);
    expect(await view("user-daniel-costa", "nope")).toBe(404);
    expect(await statusOf(async () => templatesLoader({ request: await getAs(context, "user-daniel-costa", "/proposals/templates"), context, params: {} } as never))).toBe(403);
  });

  it("a board column shows its 20 newest cards and counts and values them all", async () => {
    const context = db.context();
    type Board = { columns: { status: string; count: number; valueCents: number; cards: { id: string }[] }[] };
    const drafts = async () => {
      const request = await getAs(context, "user-daniel-costa", "/proposals");
      return ((await boardLoader({ request, context, params: {} } as never)) as Board).columns.find((c) => c.status === "draft")!;
    };
    const before = await drafts();
    const rows = Array.from({ length: 25 }, (_, i) => ({
      id: `prop-vol-${String(i).padStart(2, "0")}`, title: `Volume ${i}`, owner_id: "daniel-costa", total_cents: 1_000,
      updated_at: `2030-01-01T00:${String(i).padStart(2, "0")}:00Z`,
    }));
    await context.db.query.insertInto("proposals").values(rows.slice(0, 12)).execute();
    await context.db.query.insertInto("proposals").values(rows.slice(12)).execute();
    const after = await drafts();
    expect(after.cards).toHaveLength(20);
    expect(after.cards[0]!.id).toBe("prop-vol-24");
    expect(after.cards.map((c) => c.id)).not.toContain("prop-vol-04");
    expect(after.count).toBe(before.count + 25);
    expect(after.valueCents).toBe(before.valueCents + 25_000);
  });

  it("the board counts and values per status, within scope, and expires past-due proposals", async () => {
    const context = db.context();
    const request = await getAs(context, "user-daniel-costa", "/proposals");
    const before = context.db.stats.roundTrips;
    const result = (await boardLoader({ request, context, params: {} } as never)) as { columns: { status: string; count: number; valueCents: number }[] };
    expect(context.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
    const col = (s: string) => result.columns.find((c) => c.status === s)!;
    expect(col("for_approval")).toMatchObject({ count: 1, valueCents: 2_475_000 });
    expect(col("accepted").count).toBe(0); // Tom's, outside Daniel's scope
    // Loading the board expired the past-due one in the same batch.
    expect((await proposalRow(context, "prop-greenleaf-ads")).status).toBe("expired");
    expect((await proposalRow(context, "prop-harbour-loyalty")).status).toBe("sent");
    await expireOverdueProposals(context.db, "2026-11-25");
    const history = await context.db.query.selectFrom("history").select("action").where("resource_id", "=", "prop-greenleaf-ads").execute();
    expect(history.map((h) => h.action).filter((a) => a === "expired")).toHaveLength(1);
  });
});

describe("public share link", () => {
  it("unknown, malformed and tampered tokens are the same 404; an expired proposal is a 404 expired page without content", async () => {
    const context = db.context();
    const tampered = SEED_TOKEN.slice(0, -1) + (SEED_TOKEN.endsWith("1") ? "2" : "1");
    for (const token of [tampered, "short", "A".repeat(43)]) {
      expect((await openPublic(context, token)).status).toBe(404);
    }
    const expired = await openPublic(context, EXPIRED_TOKEN);
    expect(expired.status).toBe(404);
    expect(expired.data).toEqual({ expired: true });
    expect(JSON.stringify(expired.data)).not.toContain("Paid search");
    expect((await proposalRow(context, "prop-greenleaf-ads")).status).toBe("expired");
    // POSTs to an expired link do nothing.
    const post = await run(() => publicAction({ request: clientPost(`/p/${EXPIRED_TOKEN}`, { intent: "accept", name: "Lily Zhang", agree: "on" }), context, params: { token: EXPIRED_TOKEN } } as never));
    expect(post.status).toBe(302);
    expect((await proposalRow(context, "prop-greenleaf-ads")).status).toBe("expired");
  });

  it("records views and page timings, notifies the owner on first view, and shows nothing internal", async () => {
    const context = db.context();
    const first = await openPublic(context, SEED_TOKEN, 1);
    expect(first.status).toBe(200);
    expect(first.data.page.title).toBe("Welcome");
    const json = JSON.stringify(first.data);
    for (const secret of ["Margin is thin", "prop-harbour-loyalty\"", "deal-harbour-loyalty", "keep the care plan optional", "approved_total"]) expect(json).not.toContain(secret);
    expect((await proposalRow(context, "prop-harbour-loyalty")).status).toBe("viewed");
    const notes = await context.db.query.selectFrom("notifications").select("title").where("user_id", "=", "user-daniel-costa").where("type", "=", "proposal_viewed").execute();
    expect(notes).toHaveLength(1);

    // Same visit (cookie): page 2, then the beacon for page 2.
    const second = await openPublic(context, SEED_TOKEN, 2, first.cookie!);
    expect(second.data.page.title).toBe("Our approach");
    const page2 = second.data.page.id as string;
    const beacon = (body: BodyInit, type: string, token = SEED_TOKEN) =>
      run(() => beaconAction({ request: clientRequest(`/p/${token}/beacon`, { method: "POST", body, cookie: first.cookie!, headers: { "Content-Type": type, Origin: ORIGIN } }), context, params: { token } } as never));
    expect((await beacon(new URLSearchParams({ pageId: page2, ms: "4200" }), "application/x-www-form-urlencoded")).status).toBe(204);
    expect((await beacon(JSON.stringify({ pageId: page2, ms: 99_999_999_999 }), "application/json")).status).toBe(204);
    expect((await beacon("{not json", "application/json")).status).toBe(400);
    expect((await beacon(JSON.stringify({ pageId: page2, ms: "abc" }), "application/json")).status).toBe(400);
    expect((await beacon(JSON.stringify({ pageId: page2, ms: 10 }), "application/json", "A".repeat(43))).status).toBe(404);
    expect((await run(async () => beaconLoader())).status).toBe(405);

    // A second open without the cookie is a new visit; no second "viewed" notification.
    await openPublic(context, SEED_TOKEN, 1);
    const views = await context.db.query.selectFrom("proposal_views").select("id").where("proposal_id", "=", "prop-harbour-loyalty").execute();
    expect(views).toHaveLength(2);
    const slides = await context.db.query.selectFrom("proposal_slide_views").select(["page_id", "ms"]).where("proposal_id", "=", "prop-harbour-loyalty").orderBy("viewed_at").execute();
    expect(slides).toHaveLength(3);
    expect(slides.find((s) => s.page_id === page2)!.ms).toBe(MAX_PAGE_MS); // clamped
    expect(await context.db.query.selectFrom("notifications").select("id").where("type", "=", "proposal_viewed").execute()).toHaveLength(1);

    // The owner's analytics tab aggregates it.
    const analytics = (await detailLoader({ request: await getAs(context, "user-daniel-costa", "/proposals/prop-harbour-loyalty?tab=analytics"), context, params: { proposalId: "prop-harbour-loyalty" } } as never)) as { analytics: { views: number; pages: { title: string; ms: number; opens: number }[]; lastSeenAt: string | null; firstViewedAt: string | null } };
    expect(analytics.analytics.views).toBe(2);
    expect(analytics.analytics.firstViewedAt).not.toBeNull();
    expect(analytics.analytics.lastSeenAt).not.toBeNull();
    expect(analytics.analytics.pages.find((p) => p.title === "Our approach")).toMatchObject({ ms: MAX_PAGE_MS, opens: 1 });
    expect(analytics.analytics.pages.find((p) => p.title === "Welcome")!.opens).toBe(2);
  });

  it("without JS, a page's time comes from the next page view", async () => {
    const context = db.context();
    const first = await openPublic(context, SEED_TOKEN, 1);
    await context.db.query.updateTable("proposal_slide_views").set({ viewed_at: new Date(Date.now() - 7000).toISOString() }).where("proposal_id", "=", "prop-harbour-loyalty").execute();
    await openPublic(context, SEED_TOKEN, 2, first.cookie!);
    const rows = await context.db.query.selectFrom("proposal_slide_views").select(["page_id", "ms"]).where("proposal_id", "=", "prop-harbour-loyalty").execute();
    const welcome = rows.find((r) => r.page_id === "prop-harbour-loyalty-p1")!;
    expect(welcome.ms).toBeGreaterThanOrEqual(6500);
    expect(welcome.ms).toBeLessThan(60_000);
  });

  it("the client picks optional items (total recomputed), then accepts and signs once", async () => {
    const context = db.context();
    const post = (fields: Record<string, string | string[]>) =>
      run(() => publicAction({ request: clientPost(`/p/${SEED_TOKEN}`, fields), context, params: { token: SEED_TOKEN } } as never));
    expect((await post({ intent: "options", "item[]": ["prop-harbour-loyalty-i3", "prop-harbour-seo-i1"] })).status).toBe(302);
    const row = await proposalRow(context, "prop-harbour-loyalty");
    expect(row.total_cents).toBe(Math.round((450_000 + 1_800_000 + 240_000) * 1.1));
    // Another proposal's item id is ignored.
    expect((await context.db.query.selectFrom("proposal_pricing_items").select("is_selected").where("id", "=", "prop-harbour-seo-i1").executeTakeFirstOrThrow()).is_selected).toBe(1);
    const last = await openPublic(context, SEED_TOKEN, 999);
    expect(last.data.page).toBeNull();
    expect(last.data.pricing.totalCents).toBe(row.total_cents);

    expect((await post({ intent: "accept", name: "Rachel Green" })).status).toBe(400); // no checkbox
    expect((await post({ intent: "accept", name: "R", agree: "on" })).status).toBe(400);
    expect((await post({ intent: "accept", name: "Rachel Green", agree: "on" })).status).toBe(302);
    const accepted = await proposalRow(context, "prop-harbour-loyalty");
    expect(accepted.status).toBe("accepted");
    const signer = await context.db.query.selectFrom("proposal_signers").selectAll().where("proposal_id", "=", "prop-harbour-loyalty").executeTakeFirstOrThrow();
    expect(signer).toMatchObject({ name: "Rachel Green", signature_type: "typed" });
    expect(signer.ip_hash).not.toContain("203.0.113.7");
    expect((await post({ intent: "decline", reason: "changed my mind" })).status).toBe(400);
    expect((await proposalRow(context, "prop-harbour-loyalty")).status).toBe("accepted");
    const done = await openPublic(context, SEED_TOKEN, 999);
    expect(done.data.signer.name).toBe("Rachel Green");
  });

  it("rate-limits the public link per IP", async () => {
    const context = db.context();
    await context.db.query
      .insertInto("rate_limits")
      .values({ key: "proposal-public:ip:198.51.100.9", window_start: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"), count: 500 })
      .execute();
    const request = clientRequest(`/p/${SEED_TOKEN}`, { ip: "198.51.100.9" });
    expect(await statusOf(() => publicLoader({ request, context, params: { token: SEED_TOKEN } } as never))).toBe(429);
  });
});

describe("drawn signatures, beacons from our origin, templates", () => {
  it("accepts a drawn signature (PNG data URL) and refuses anything else", async () => {
    const context = db.context();
    const post = (fields: Record<string, string>) =>
      run(() => publicAction({ request: clientPost(`/p/${SEED_TOKEN}`, fields), context, params: { token: SEED_TOKEN } } as never));
    expect((await post({ intent: "accept", name: "Rachel Green", agree: "on", signature: "javascript:alert(1)" })).status).toBe(400);
    expect((await post({ intent: "accept", name: "Rachel Green", agree: "on", signature: "data:image/png;base64,iVBORw0KGgo=" })).status).toBe(302);
    const signer = await context.db.query.selectFrom("proposal_signers").selectAll().where("proposal_id", "=", "prop-harbour-loyalty").executeTakeFirstOrThrow();
    expect(signer.signature_type).toBe("drawn");
  });

  it("lets a same-origin sendBeacon POST through the cross-site guard and refuses other origins", () => {
    const beacon = (origin: string | null) => new Request(`${ORIGIN}/p/${SEED_TOKEN}/beacon`, { method: "POST", headers: origin ? { Origin: origin } : {} });
    expect(isCrossSiteMutation(beacon(ORIGIN))).toBe(false);
    expect(isCrossSiteMutation(beacon("https://evil.example"))).toBe(true);
  });

  it("an executive edits a template's pricing and pages; new proposals use them", async () => {
    const post = async (path: string, fields: Record<string, string>, fn: typeof templateAction | typeof templatesAction, params: Record<string, string> = {}) => {
      const context = db.context();
      return run(async () => fn({ request: await postAs(context, "user-olivia-bennett", path, fields), context, params } as never));
    };
    const created = await post("/proposals/templates", { intent: "create", name: "SEO sprint", category: "Search" }, templatesAction);
    expect(created.status).toBe(302);
    const templateId = (created.value as Response).headers.get("Location")!.split("/").pop()!;
    const path = `/proposals/templates/${templateId}`;
    expect((await post(path, { intent: "template", name: "SEO sprint", taxPercent: "10", pricing: "SEO | Audit | 1 | 2000 |\nSEO | Content | 2 | 500 | optional" }, templateAction, { templateId })).status).toBe(200);
    expect((await post(path, { intent: "template", name: "SEO sprint", taxPercent: "10", pricing: "nonsense" }, templateAction, { templateId })).status).toBe(400);
    expect((await post(path, { intent: "add-page", title: "Hi {{company.name}}", body: "For {{contact.first_name}}" }, templateAction, { templateId })).status).toBe(200);
    const context = db.context();
    const loaded = (await templateLoader({ request: await getAs(context, "user-olivia-bennett", path), context, params: { templateId } } as never)) as { pricingText: string; pages: unknown[] };
    expect(loaded.pricingText).toContain("Content | 2 | 500.00 | optional");
    expect(loaded.pages).toHaveLength(1);
    const made = await run(async () => {
      const ctx = db.context();
      return newAction({ request: await postAs(ctx, "user-olivia-bennett", "/proposals/new", { title: "SEO for Greenleaf", templateId, companyId: "co-greenleaf", contactId: "ct-sam-oconnor" }), context: ctx, params: {} } as never);
    });
    const id = (made.value as Response).headers.get("Location")!.match(/\/proposals\/([^?]+)/)![1]!;
    expect((await proposalRow(context, id)).total_cents).toBe(220_000);
    const page = await context.db.query.selectFrom("proposal_pages").select(["title", "body"]).where("proposal_id", "=", id).executeTakeFirstOrThrow();
    expect(page).toEqual({ title: "Hi Greenleaf Energy", body: "For Sam" });
    // Managers cannot manage templates.
    const ctx = db.context();
    expect(await statusOf(async () => templateAction({ request: await postAs(ctx, "user-daniel-costa", path, { intent: "toggle-active" }), context: ctx, params: { templateId } } as never))).toBe(403);
  });
});

describe("new proposal form contact menu", () => {
  type Form = { contacts: { id: string; name: string }[]; companies: { id: string }[]; typed: Record<string, string> | null };
  async function form(path: string) {
    const context = db.context();
    const request = await getAs(context, "user-olivia-bennett", path);
    return (await newLoader({ request, context, params: {} } as never)) as unknown as Form;
  }

  it("lists the picked company's contacts (or the deal's company's), and keeps the fields typed so far", async () => {
    expect((await form("/proposals/new")).contacts).toEqual([]);
    const picked = await form("/proposals/new?title=Loyalty+site&templateId=ptpl-website&dealId=&companyId=co-harbour-co&contactId=&validUntil=");
    expect(picked.contacts.map((c) => c.name)).toContain("Rachel Green");
    const harbour = await db.context().db.query.selectFrom("contacts").select("id").where("company_id", "=", "co-harbour-co").where("email", "is not", null).execute();
    expect(picked.contacts.map((c) => c.id).sort()).toEqual(harbour.map((c) => c.id).sort());
    expect(picked.typed).toMatchObject({ title: "Loyalty site", templateId: "ptpl-website", companyId: "co-harbour-co" });
    const fromDeal = await form("/proposals/new?deal=deal-harbour-loyalty");
    expect(fromDeal.contacts.map((c) => c.id).sort()).toEqual(harbour.map((c) => c.id).sort());
  });
});
