// The client side of a proposal, reached only by its share token (/p/:token). The token is 32
// random bytes (base64url); only its SHA-256 is stored. Unknown, malformed or tampered tokens
// and unsent proposals are the same 404; a proposal past its valid_until is a 404 with a plain
// "expired" page without content (the route turns PublicError 410 into that). Nothing internal (notes, approvals, deal, other proposals)
// is ever selected here. Every open records a visit (proposal_views) and each page shown a
// proposal_slide_views row; time per page comes from the beacon or, without JS, from the next
// page's timestamp.
import { sql } from "kysely";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import { sha256 } from "~/platform/crypto.server";
import type { Db } from "~/platform/db.server";
import type { FieldErrors } from "~/platform/forms.server";
import { parseFormData } from "~/platform/forms.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { deliverInBackground, prepareNotifications } from "~/platform/notify.server";
import { clientIp, rateLimitHit, rateLimitResult, type RateLimitRule } from "~/platform/rate-limit.server";
import { closeFollowUpStatements } from "./follow-ups.server";
import { summarisePricing, type PricedItem } from "./pricing";
import { RESOURCE, expireStatements, todayIso } from "./proposals.server";
import {
  LIVE_STATUSES, MAX_ITEMS, MAX_PAGES, MAX_PAGE_MS, VISIT_IDLE_MS,
  acceptSchema, beaconSchema, declineSchema, optionsSchema, shareTokenSchema, type ProposalStatus,
} from "./schemas";

export const PUBLIC_RATE: RateLimitRule = { limit: 120, windowSeconds: 60 };
export const BEACON_RATE: RateLimitRule = { limit: 300, windowSeconds: 60 };
export const VIEW_COOKIE = "nucleus_pv";

/** The stored hash of a token, or a value no row can have when the token is malformed. */
async function tokenHash(token: string | undefined) {
  const parsed = shareTokenSchema.safeParse(token);
  return parsed.success ? sha256(parsed.data) : "!invalid";
}

export function viewIdFromCookie(request: Request) {
  const match = /(?:^|;\s*)nucleus_pv=([0-9a-f-]{36})(?:;|$)/i.exec(request.headers.get("Cookie") ?? "");
  return match?.[1] ?? null;
}

export function viewCookie(request: Request, viewId: string) {
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return `${VIEW_COOKIE}=${viewId}; Path=/p/; Max-Age=${VISIT_IDLE_MS / 1000}; HttpOnly; SameSite=Lax${secure}`;
}

async function ipHash(request: Request, proposalId: string) {
  return (await sha256(`${clientIp(request)}|${proposalId}`)).slice(0, 22);
}

export class PublicError extends Error {
  constructor(public status: 404 | 410 | 429, public retryAfter = 0) {
    super(status === 404 ? "Not found" : status === 410 ? "Expired" : "Too many requests");
  }
}

function proposalByHash(db: Db, hash: string) {
  return db.query
    .selectFrom("proposals")
    .leftJoin("companies", "companies.id", "proposals.company_id")
    .leftJoin("contacts", "contacts.id", "proposals.contact_id")
    .leftJoin("people as owner", "owner.id", "proposals.owner_id")
    .select([
      "proposals.id", "proposals.title", "proposals.status", "proposals.currency", "proposals.tax_rate_bp", "proposals.total_cents",
      "proposals.valid_until", "proposals.accepted_at", "proposals.declined_at", "proposals.first_viewed_at",
      "companies.name as company_name", "contacts.first_name as contact_first_name",
      sql<string | null>`case when owner.id is null then null else coalesce(owner.preferred_name, owner.first_name) || ' ' || owner.last_name end`.as("owner_name"),
      "owner.email as owner_email", "owner.user_id as owner_user_id",
    ])
    .where("proposals.share_token_hash", "=", hash)
    .where("proposals.status", "in", ["sent", "viewed", "accepted", "declined", "expired"]);
}

const byHash = (hash: string) => sql<string>`(select id from proposals where share_token_hash = ${hash})`;

function contentQueries(db: Db, hash: string) {
  return [
    db.query.selectFrom("proposal_pages").select(["id", "title", "body"]).where("proposal_id", "=", byHash(hash)).orderBy("position").orderBy("id").limit(MAX_PAGES),
    db.query.selectFrom("proposal_pricing_sections").select(["id", "title"]).where("proposal_id", "=", byHash(hash)).orderBy("position").orderBy("id").limit(40),
    db.query
      .selectFrom("proposal_pricing_items")
      .select(["id", "section_id", "description", "quantity", "rate_cents", "is_optional", "is_selected"])
      .where("proposal_id", "=", byHash(hash))
      .orderBy("position")
      .orderBy("id")
      .limit(MAX_ITEMS),
  ] as const;
}

function isPastDue(p: { status: string; valid_until: string | null }) {
  return LIVE_STATUSES.includes(p.status as ProposalStatus) && p.valid_until !== null && p.valid_until < todayIso();
}

/**
 * Opens the proposal for the client at page `pageNumber` (1-based; pages.length + 1 is the
 * pricing & acceptance step). Two round trips: look-up (with the rate-limit hit), then the
 * visit/analytics writes. Throws PublicError (404 / 410 / 429).
 */
export async function openPublicProposal(context: AppLoadContext, request: Request, token: string | undefined, pageNumber: number) {
  const { db } = context;
  const now = new Date();
  const hash = await tokenHash(token);
  const cookieView = viewIdFromCookie(request);
  const [limit, rows, pages, sections, items, team, signers, views] = await batch(db, [
    rateLimitHit(db, `proposal-public:ip:${clientIp(request)}`, PUBLIC_RATE, now),
    proposalByHash(db, hash),
    ...contentQueries(db, hash),
    db.query
      .selectFrom("proposal_team_members as m")
      .innerJoin("people", "people.id", "m.person_id")
      .select([
        sql<string>`coalesce(people.preferred_name, people.first_name) || ' ' || people.last_name`.as("name"),
        "people.title", "m.role",
      ])
      .where("m.proposal_id", "=", byHash(hash))
      .orderBy("m.position")
      .limit(20),
    db.query.selectFrom("proposal_signers").select(["name", "signed_at", "signature_type"]).where("proposal_id", "=", byHash(hash)).where("status", "=", "signed").limit(1),
    db.query
      .selectFrom("proposal_views")
      .select(["id"])
      .where("id", "=", cookieView ?? "")
      .where("proposal_id", "=", byHash(hash))
      .where("last_seen_at", ">", nowIso(new Date(now.getTime() - VISIT_IDLE_MS))),
  ]);
  const rate = rateLimitResult(limit, PUBLIC_RATE, now);
  if (!rate.allowed) throw new PublicError(429, rate.retryAfterSeconds);
  const p = rows[0];
  if (!p) throw new PublicError(404);
  if (p.status === "expired" || isPastDue(p)) {
    if (p.status !== "expired") await batch(db, [...expireStatements(db, todayIso(now), p.id), ...closeFollowUpStatements(db, nowIso(now), p.id)]);
    throw new PublicError(410);
  }
  const pageCount = pages.length + 1;
  const index = Math.min(Math.max(1, pageNumber), pageCount);
  const page = index <= pages.length ? pages[index - 1]! : null;

  // Analytics writes (one batch).
  const nowText = nowIso(now);
  const existingView = views[0]?.id ?? null;
  const viewId = existingView ?? newId();
  const statements = [];
  if (existingView) {
    // Without JS: the previous page's time is the gap until this page view (when no beacon set it).
    statements.push(
      db.query
        .updateTable("proposal_slide_views")
        .set({ ms: sql<number>`min(${MAX_PAGE_MS}, max(0, cast(round((julianday(${now.toISOString()}) - julianday(viewed_at)) * 86400000) as integer)))` })
        .where("id", "=", (eb) => eb.selectFrom("proposal_slide_views as last").select("last.id").where("last.view_id", "=", viewId).orderBy("last.viewed_at", "desc").orderBy(sql`last.rowid`, "desc").limit(1))
        .where("ms", "=", 0),
      db.query.updateTable("proposal_views").set({ last_seen_at: nowText }).where("id", "=", viewId),
    );
  } else {
    statements.push(
      db.query.insertInto("proposal_views").values({
        id: viewId, proposal_id: p.id, ip_hash: await ipHash(request, p.id), user_agent: request.headers.get("User-Agent")?.slice(0, 200) ?? null,
        started_at: nowText, last_seen_at: nowText,
      }),
    );
  }
  if (page) {
    statements.push(db.query.insertInto("proposal_slide_views").values({ id: newId(), view_id: viewId, proposal_id: p.id, page_id: page.id, viewed_at: now.toISOString(), ms: 0 }));
  }
  let notificationIds: string[] = [];
  if (p.status === "sent") {
    const note = prepareNotifications(db, {
      userIds: p.owner_user_id ? [p.owner_user_id] : [],
      type: "proposal_viewed",
      title: `${p.company_name ?? "The client"} opened “${p.title}”`,
      actionUrl: `/proposals/${p.id}?tab=analytics`,
      resourceType: RESOURCE,
      resourceId: p.id,
    });
    notificationIds = note.ids;
    statements.push(
      db.query.updateTable("proposals").set({ status: "viewed", first_viewed_at: nowText, updated_at: nowText }).where("id", "=", p.id).where("status", "=", "sent"),
      historyEntry(db, { actorId: null, resourceType: RESOURCE, resourceId: p.id, action: "viewed", changes: { status: { from: "sent", to: "viewed" } }, details: { by: "client" } }),
      ...note.inserts,
    );
  }
  await batch(db, statements);
  if (notificationIds.length) context.waitUntil(deliverInBackground(context, notificationIds));

  const pricing = summarisePricing(sections, items as PricedItem[], p.tax_rate_bp);
  return {
    cookie: viewCookie(request, viewId),
    proposal: {
      title: p.title, status: (p.status === "sent" ? "viewed" : p.status) as ProposalStatus, currency: p.currency, taxRateBp: p.tax_rate_bp,
      validUntil: p.valid_until, companyName: p.company_name, contactFirstName: p.contact_first_name,
      ownerName: p.owner_name, ownerEmail: p.owner_email, acceptedAt: p.accepted_at, declinedAt: p.declined_at,
    },
    pageIndex: index,
    pageCount,
    pageTitles: pages.map((x) => x.title),
    page,
    sections,
    items: items.map((i) => ({ ...i, is_optional: Number(i.is_optional), is_selected: Number(i.is_selected) })),
    pricing,
    team,
    signer: signers[0] ?? null,
  };
}

/** Look-up for the client's POSTs (rate limit + proposal + pricing), one round trip. */
async function loadForAction(db: Db, request: Request, token: string | undefined) {
  const now = new Date();
  const hash = await tokenHash(token);
  const [limit, rows, , sections, items] = await batch(db, [
    rateLimitHit(db, `proposal-public:ip:${clientIp(request)}`, PUBLIC_RATE, now),
    proposalByHash(db, hash),
    ...contentQueries(db, hash),
  ]);
  const rate = rateLimitResult(limit, PUBLIC_RATE, now);
  if (!rate.allowed) throw new PublicError(429, rate.retryAfterSeconds);
  const p = rows[0];
  if (!p) throw new PublicError(404);
  if (p.status === "expired" || isPastDue(p)) {
    if (p.status !== "expired") await batch(db, [...expireStatements(db, todayIso(now), p.id), ...closeFollowUpStatements(db, nowIso(now), p.id)]);
    throw new PublicError(410);
  }
  return { p, sections, items: items as (PricedItem & (typeof items)[number])[] };
}

export type PublicActionResult = { ok: true; done: "options" | "accepted" | "declined" } | { ok: false; errors: FieldErrors };

/** The client's form posts: choose optional items, accept and sign, or decline. */
export async function publicProposalAction(context: AppLoadContext, request: Request, token: string | undefined, form: FormData): Promise<PublicActionResult> {
  const { db } = context;
  const { p, sections, items } = await loadForAction(db, request, token);
  const intent = String(form.get("intent") ?? "");
  if (!LIVE_STATUSES.includes(p.status as ProposalStatus)) {
    return { ok: false, errors: { form: p.status === "accepted" ? "This proposal has already been accepted." : "This proposal has been declined." } };
  }
  const now = nowIso();
  if (intent === "options") {
    const parsed = parseFormData(form, optionsSchema);
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    const chosen = new Set(parsed.data["item[]"]);
    const next = items.map((i) => ({ ...i, is_selected: Number(i.is_optional) ? (chosen.has(i.id) ? 1 : 0) : 1 }));
    const total = summarisePricing(sections, next, p.tax_rate_bp).totalCents;
    const selected = next.filter((i) => Number(i.is_optional) && i.is_selected).map((i) => i.id);
    await batch(db, [
      db.query
        .updateTable("proposal_pricing_items")
        .set({ is_selected: sql<number>`case when is_optional = 0 then 1 when id in (select value from json_each(${JSON.stringify(selected)})) then 1 else 0 end` })
        .where("proposal_id", "=", p.id),
      db.query.updateTable("proposals").set({ total_cents: total, updated_at: now }).where("id", "=", p.id),
      historyEntry(db, {
        actorId: null, resourceType: RESOURCE, resourceId: p.id, action: "options_chosen",
        changes: { total_cents: { from: p.total_cents, to: total } }, details: { by: "client", selected },
      }),
    ]);
    return { ok: true, done: "options" };
  }
  if (intent === "accept") {
    const parsed = parseFormData(form, acceptSchema);
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    const note = prepareNotifications(db, {
      userIds: p.owner_user_id ? [p.owner_user_id] : [],
      type: "proposal_response",
      title: `Accepted: ${p.title}`,
      body: `${parsed.data.name} accepted and signed.`,
      actionUrl: `/proposals/${p.id}`,
      resourceType: RESOURCE,
      resourceId: p.id,
    });
    const [updated] = await batch(db, [
      db.query.updateTable("proposals").set({ status: "accepted", accepted_at: now, updated_at: now }).where("id", "=", p.id).where("status", "in", ["sent", "viewed"]).returning("id"),
      db.query.insertInto("proposal_signers").values({
        id: newId(), proposal_id: p.id, name: parsed.data.name, signature_type: parsed.data.signature ? "drawn" : "typed",
        signature_image: parsed.data.signature, status: "signed", ip_hash: await ipHash(request, p.id),
        user_agent: request.headers.get("User-Agent")?.slice(0, 200) ?? null, signed_at: now,
      }),
      historyEntry(db, {
        actorId: null, resourceType: RESOURCE, resourceId: p.id, action: "accepted",
        changes: { status: { from: p.status, to: "accepted" } }, details: { by: "client", signer: parsed.data.name, total_cents: p.total_cents },
      }),
      ...note.inserts,
      // The owner's "follow up" item is answered now.
      ...closeFollowUpStatements(db, now, p.id),
    ]);
    if (!updated.length) return { ok: false, errors: { form: "This proposal can no longer be accepted." } };
    context.waitUntil(deliverInBackground(context, note.ids));
    return { ok: true, done: "accepted" };
  }
  if (intent === "decline") {
    const parsed = parseFormData(form, declineSchema);
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    const note = prepareNotifications(db, {
      userIds: p.owner_user_id ? [p.owner_user_id] : [],
      type: "proposal_response",
      title: `Declined: ${p.title}`,
      body: parsed.data.reason,
      actionUrl: `/proposals/${p.id}`,
      resourceType: RESOURCE,
      resourceId: p.id,
    });
    await batch(db, [
      db.query
        .updateTable("proposals")
        .set({ status: "declined", declined_at: now, decline_reason: parsed.data.reason, updated_at: now })
        .where("id", "=", p.id)
        .where("status", "in", ["sent", "viewed"]),
      historyEntry(db, {
        actorId: null, resourceType: RESOURCE, resourceId: p.id, action: "declined",
        changes: { status: { from: p.status, to: "declined" } }, details: { by: "client", reason: parsed.data.reason },
      }),
      ...note.inserts,
      ...closeFollowUpStatements(db, now, p.id),
    ]);
    context.waitUntil(deliverInBackground(context, note.ids));
    return { ok: true, done: "declined" };
  }
  return { ok: false, errors: { form: "Unknown action" } };
}

/**
 * The page-timing beacon: sets the time of the visit's latest showing of `pageId` (clamped).
 * One round trip. Returns 204 (recorded or nothing to record), 400 (bad input), 404 (token),
 * 429 (rate limit) — never throws for bad input.
 */
export async function recordBeacon(context: AppLoadContext, request: Request, token: string | undefined, body: unknown): Promise<number> {
  const parsed = beaconSchema.safeParse(body);
  if (!parsed.success) return 400;
  const { db } = context;
  const now = new Date();
  const hash = await tokenHash(token);
  const viewId = viewIdFromCookie(request) ?? "";
  const [limit, rows] = await batch(db, [
    rateLimitHit(db, `proposal-beacon:ip:${clientIp(request)}`, BEACON_RATE, now),
    db.query.selectFrom("proposals").select("id").where("share_token_hash", "=", hash).where("status", "in", ["sent", "viewed", "accepted", "declined"]),
    db.query
      .updateTable("proposal_slide_views")
      .set({ ms: parsed.data.ms })
      .where("id", "=", (eb) =>
        eb
          .selectFrom("proposal_slide_views as sv")
          .select("sv.id")
          .where("sv.view_id", "=", viewId)
          .where("sv.page_id", "=", parsed.data.pageId)
          .where("sv.proposal_id", "=", byHash(hash))
          .orderBy("sv.viewed_at", "desc")
          .orderBy(sql`sv.rowid`, "desc")
          .limit(1),
      ),
  ]);
  if (!rateLimitResult(limit, BEACON_RATE, now).allowed) return 429;
  if (!rows[0]) return 404;
  return 204;
}

/** Reads the beacon body: JSON, or form-encoded (what navigator.sendBeacon sends from our page). */
export async function readBeaconBody(request: Request): Promise<unknown> {
  const type = request.headers.get("Content-Type") ?? "";
  try {
    const text = (await request.text()).slice(0, 2000);
    if (type.includes("json") || text.trim().startsWith("{")) return JSON.parse(text) as unknown;
    return Object.fromEntries(new URLSearchParams(text));
  } catch {
    return null;
  }
}
