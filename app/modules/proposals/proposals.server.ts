// Proposals (employee side): the status board, the list, create from a template (variables
// resolved from the deal / company / contact / owner), the editor (pages, pricing, team), the
// approval gate, sending (share link + email) and the analytics. Scope: a proposal is visible
// when its owner is in the viewer's person scope (executives and heads: all).
import { sql, type Compilable, type Expression, type SqlBool } from "kysely";
import type { z } from "zod";
import { batch, chunkForInsert } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import { randomToken, sha256 } from "~/platform/crypto.server";
import type { Db } from "~/platform/db.server";
import type { FieldErrors } from "~/platform/forms.server";
import { parseFormData } from "~/platform/forms.server";
import { diffFields, historyEntry, historyFor } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { contains } from "~/platform/like";
import { sendMail } from "~/platform/mail.server";
import { deliverInBackground, prepareNotifications } from "~/platform/notify.server";
import { inPersonScope } from "~/platform/scope.server";
import type { Viewer } from "~/platform/session.server";
import { DEFAULT_FOLLOW_UP_DAYS, followUpSweepStatements } from "./follow-ups.server";
import { formatMoney, summarisePricing, type PricedItem } from "./pricing";
import {
  BOARD_COLUMN_LIMIT, EDITABLE_STATUSES, LIVE_STATUSES, MAX_ITEMS, MAX_PAGES, PAGE_SIZE, PROPOSAL_STATUSES,
  addItemSchema, addMemberSchema, addPageSchema, addSectionSchema, decideSchema, deleteItemSchema, deletePageSchema,
  deleteSectionSchema, detailsSchema, movePageSchema, pageSchema, pricingOutlineSchema, relinkSchema, removeMemberSchema,
  requestApprovalSchema, sendSchema,
  type NewProposalInput, type ProposalStatus, type ProposalTab, type PricingOutlineSection,
} from "./schemas";
import { resolveVariables, type VariableValues } from "./variables";

export const RESOURCE = "proposal";
export const DEFAULT_THRESHOLD_CENTS = 2_000_000;

function personName(alias: string) {
  return sql<string | null>`case when ${sql.ref(`${alias}.id`)} is null then null else coalesce(${sql.ref(`${alias}.preferred_name`)}, ${sql.ref(`${alias}.first_name`)}) || ' ' || ${sql.ref(`${alias}.last_name`)} end`;
}

export const todayIso = (now = new Date()) => now.toISOString().slice(0, 10);
export function addDays(date: string, days: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Proposals the viewer may see. */
export function scopedProposals(db: Db, viewer: Pick<Viewer, "accessLevel" | "personId">) {
  return db.query.selectFrom("proposals").where(inPersonScope("proposals.owner_id", viewer));
}

export function settingsQuery(db: Db) {
  return db.query.selectFrom("proposal_settings").select(["approval_threshold_cents", "default_valid_days", "follow_up_days", "updated_at"]).where("id", "=", "org");
}
export function readSettings(rows: { approval_threshold_cents: number; default_valid_days: number; follow_up_days?: number }[]) {
  return {
    thresholdCents: Number(rows[0]?.approval_threshold_cents ?? DEFAULT_THRESHOLD_CENTS),
    validDays: Number(rows[0]?.default_valid_days ?? 30),
    followUpDays: Number(rows[0]?.follow_up_days ?? DEFAULT_FOLLOW_UP_DAYS),
  };
}

/** Whether sending needs (another) approval: total at or over the threshold and not covered by an approval. */
export function needsApproval(total: number, threshold: number, approvedTotal: number | null) {
  if (total < threshold) return false;
  return approvedTotal === null || total > approvedTotal;
}

export function isApprover(viewer: Pick<Viewer, "accessLevel">) {
  return viewer.accessLevel === "executive" || viewer.accessLevel === "head";
}

// ---------------------------------------------------------------------------------------------
// Expiry

/** Statements marking Sent/Viewed proposals whose valid_until has passed as Expired (with history). */
export function expireStatements(db: Db, today = todayIso(), onlyId?: string) {
  const now = nowIso();
  const base = db.query
    .selectFrom("proposals")
    .where("status", "in", ["sent", "viewed"])
    .where("valid_until", "is not", null)
    .where("valid_until", "<", today)
    .$if(Boolean(onlyId), (q) => q.where("id", "=", onlyId!));
  return [
    db.query
      .insertInto("history")
      .columns(["id", "resource_type", "resource_id", "actor_id", "action", "details", "created_at"])
      .expression(
        base.select([
          sql<string>`lower(hex(randomblob(16)))`.as("id"),
          sql<string>`${RESOURCE}`.as("resource_type"),
          "proposals.id as resource_id",
          sql<null>`null`.as("actor_id"),
          sql<string>`'expired'`.as("action"),
          sql<string>`json_object('changes', json_object('status', json_object('from', proposals.status, 'to', 'expired')))`.as("details"),
          sql<string>`${now}`.as("created_at"),
        ]),
      ),
    db.query
      .updateTable("proposals")
      .set({ status: "expired", updated_at: now })
      .where("status", "in", ["sent", "viewed"])
      .where("valid_until", "is not", null)
      .where("valid_until", "<", today)
      .$if(Boolean(onlyId), (q) => q.where("id", "=", onlyId!)),
  ] as const;
}

/** Marks past-due Sent/Viewed proposals Expired. One round trip; returns how many expired. */
export async function expireOverdueProposals(db: Db, today = todayIso()) {
  const [, updated] = await batch(db, [...expireStatements(db, today), db.query.selectNoFrom(sql<number>`changes()`.as("n"))]);
  return updated;
}

// ---------------------------------------------------------------------------------------------
// Board and list

/**
 * The board: count and value per status plus the newest cards of each column. Past-due proposals
 * are expired first IN THE SAME batch, then the unanswered-proposal follow-ups are swept
 * (closed / raised / refreshed, see follow-ups.server.ts), so the columns and the action centre
 * are current and the page stays one round trip; the statements touch nothing when there is
 * nothing to do. The cards and every column's count and value come from ONE ranked statement
 * (the viewer's scope is walked once; a status with proposals always has its first card).
 */
export async function loadBoard(context: AppLoadContext, viewer: Viewer, now: Date = new Date()) {
  const { db } = context;
  const sweep = [...expireStatements(db, todayIso(now)), ...followUpSweepStatements(db, nowIso(now))] as const;
  const ranked = scopedProposals(db, viewer).select([
    "proposals.id",
    sql<number>`row_number() over (partition by proposals.status order by proposals.updated_at desc, proposals.id)`.as("rn"),
    sql<number>`count(*) over (partition by proposals.status)`.as("status_count"),
    sql<number>`sum(proposals.total_cents) over (partition by proposals.status)`.as("status_value"),
  ]);
  const cards = db.query
    .selectFrom(ranked.as("ranked"))
    .innerJoin("proposals", "proposals.id", "ranked.id")
    .leftJoin("companies", "companies.id", "proposals.company_id")
    .leftJoin("people as owner", "owner.id", "proposals.owner_id")
    .select([
      "proposals.id", "proposals.title", "proposals.status", "proposals.total_cents", "proposals.currency",
      "proposals.valid_until", "proposals.updated_at", "proposals.sent_at", "proposals.first_viewed_at",
      "companies.name as company_name", personName("owner").as("owner_name"), "ranked.status_count", "ranked.status_value",
    ])
    .where("ranked.rn", "<=", BOARD_COLUMN_LIMIT)
    .orderBy("proposals.updated_at", "desc")
    .orderBy("proposals.id");
  const [, , , , , , , , rows] = await batch(db, [...sweep, cards]);
  return PROPOSAL_STATUSES.map((status) => {
    const column = rows.filter((r) => r.status === status);
    return {
      status,
      count: Number(column[0]?.status_count ?? 0),
      valueCents: Number(column[0]?.status_value ?? 0),
      cards: column.map(({ status_count: _count, status_value: _value, ...card }) => card),
    };
  });
}

export interface ListFilters { q?: string; status?: ProposalStatus; page: number }

export async function loadList(db: Db, viewer: Viewer, f: ListFilters) {
  const filtered = (q: ReturnType<typeof scopedProposals>) =>
    q.leftJoin("companies", "companies.id", "proposals.company_id").where((eb) => {
      const c: Expression<SqlBool>[] = [];
      if (f.status) c.push(eb("proposals.status", "=", f.status));
      if (f.q) c.push(eb.or([eb("proposals.title", "like", contains(f.q)), eb("companies.name", "like", contains(f.q))]));
      return eb.and(c);
    });
  const [rows, counts] = await batch(db, [
    filtered(scopedProposals(db, viewer))
      .leftJoin("people as owner", "owner.id", "proposals.owner_id")
      .select([
        "proposals.id", "proposals.title", "proposals.status", "proposals.total_cents", "proposals.currency", "proposals.valid_until",
        "proposals.updated_at", "companies.name as company_name", personName("owner").as("owner_name"),
      ])
      .orderBy("proposals.updated_at", "desc")
      .orderBy("proposals.id")
      .limit(PAGE_SIZE)
      .offset((f.page - 1) * PAGE_SIZE),
    filtered(scopedProposals(db, viewer)).select((eb) => eb.fn.countAll<number>().as("n")),
  ]);
  const total = Number(counts[0]?.n ?? 0);
  return { rows, total, page: f.page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

// ---------------------------------------------------------------------------------------------
// Create

const CHOICE_LIMIT = 200;
const COMPANY_CHOICE_LIMIT = 1000;
const CONTACT_CHOICE_LIMIT = 500;

/**
 * Choices for the "new proposal" form (one round trip). Contacts are those of `companyId` (the
 * company just picked), else of the deal's company: a menu of every contact does not scale.
 */
export async function loadNewForm(db: Db, viewer: Viewer, dealId: string | null, companyId: string | null = null) {
  const contactsOf = companyId ? sql<string>`${companyId}` : sql<string>`(select company_id from deals where id = ${dealId ?? ""})`;
  const [templates, companies, contacts, deals] = await batch(db, [
    db.query.selectFrom("proposal_templates").select(["id", "name", "category"]).where("is_active", "=", 1).orderBy("name").limit(CHOICE_LIMIT),
    db.query.selectFrom("companies").select(["id", "name"]).orderBy("name").limit(COMPANY_CHOICE_LIMIT),
    db.query
      .selectFrom("contacts")
      .select(["contacts.id", sql<string>`trim(contacts.first_name || ' ' || contacts.last_name)`.as("name")])
      .where("contacts.email", "is not", null)
      .where(sql<SqlBool>`contacts.company_id = ${contactsOf}`)
      .orderBy("contacts.is_primary", "desc")
      .orderBy("contacts.first_name")
      .limit(CONTACT_CHOICE_LIMIT),
    db.query
      .selectFrom("deals")
      .select(["deals.id", "deals.title"])
      .where(inPersonScope("deals.owner_id", viewer))
      .where((eb) => eb.or([eb("deals.status", "=", "open"), eb("deals.id", "=", dealId ?? "")]))
      .orderBy("deals.updated_at", "desc")
      .limit(CHOICE_LIMIT),
  ]);
  return { templates, companies, contacts, deals };
}

function outline(json: string | null | undefined): PricingOutlineSection[] {
  try {
    const parsed = pricingOutlineSchema.safeParse(JSON.parse(json ?? "[]"));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

type Insertable = Compilable<unknown>;

/** Creates a proposal (cloned from a template with variables resolved). Two round trips. */
export async function createProposal(
  db: Db,
  viewer: Viewer,
  input: NewProposalInput,
): Promise<{ ok: true; id: string } | { ok: false; errors: FieldErrors }> {
  const [templates, templatePages, deals, companies, contacts, owners, settings] = await batch(db, [
    db.query.selectFrom("proposal_templates").select(["id", "pricing_json", "tax_rate_bp"]).where("id", "=", input.templateId ?? "").where("is_active", "=", 1),
    db.query.selectFrom("proposal_template_pages").select(["title", "body", "position"]).where("template_id", "=", input.templateId ?? "").orderBy("position").limit(MAX_PAGES),
    db.query
      .selectFrom("deals")
      .select(["id", "title", "value_cents", "currency", "company_id", "primary_contact_id"])
      .where("id", "=", input.dealId ?? "")
      .where(inPersonScope("deals.owner_id", viewer)),
    db.query.selectFrom("companies").select(["id", "name"]).where("id", "=", input.companyId ?? ""),
    db.query.selectFrom("contacts").select(["id", "first_name", "last_name", "company_id"]).where("id", "=", input.contactId ?? ""),
    db.query.selectFrom("people").select(["id", personName("people").as("name")]).where("id", "=", viewer.personId ?? ""),
    settingsQuery(db),
  ]);
  const errors: FieldErrors = {};
  const template = templates[0];
  const deal = deals[0];
  if (input.templateId && !template) errors.templateId = "Choose an active template";
  if (input.dealId && !deal) errors.dealId = "No such deal";
  if (input.companyId && !companies[0]) errors.companyId = "No such company";
  if (input.contactId && !contacts[0]) errors.contactId = "No such contact";
  if (!viewer.personId) errors.form = "Your account is not linked to a person record";
  if (Object.keys(errors).length) return { ok: false, errors };

  // The deal fills in what the form left empty.
  const companyId = input.companyId ?? deal?.company_id ?? contacts[0]?.company_id ?? null;
  const contactId = input.contactId ?? deal?.primary_contact_id ?? null;
  let companyName = companies[0]?.name ?? null;
  let contact = contacts[0] ?? null;
  if ((companyId && !companyName) || (contactId && !contact)) {
    const [c, k] = await batch(db, [
      db.query.selectFrom("companies").select(["id", "name"]).where("id", "=", companyId ?? ""),
      db.query.selectFrom("contacts").select(["id", "first_name", "last_name", "company_id"]).where("id", "=", contactId ?? ""),
    ]);
    companyName ??= c[0]?.name ?? null;
    contact ??= k[0] ?? null;
  }
  const { validDays } = readSettings(settings);
  const validUntil = input.validUntil ?? addDays(todayIso(), validDays);
  const values: VariableValues = {
    "company.name": companyName,
    "contact.name": contact ? `${contact.first_name} ${contact.last_name}`.trim() : null,
    "contact.first_name": contact?.first_name ?? null,
    "deal.title": deal?.title ?? null,
    "deal.value": deal ? formatMoney(deal.value_cents, deal.currency) : null,
    "owner.name": owners[0]?.name ?? viewer.name,
    "proposal.title": input.title,
    "proposal.valid_until": validUntil,
    today: todayIso(),
  };
  const id = newId();
  const now = nowIso();
  const taxRateBp = template?.tax_rate_bp ?? 1000;
  const sections = outline(template?.pricing_json).map((s, i) => ({ ...s, id: newId(), position: i + 1 }));
  const items = sections.flatMap((s) =>
    s.items.map((item, j) => ({
      id: newId(), proposal_id: id, section_id: s.id, position: j + 1, description: resolveVariables(item.description, values),
      quantity: item.quantity, rate_cents: item.rate_cents, is_optional: item.optional ? 1 : 0, is_selected: item.optional ? 0 : 1, created_at: now,
    })),
  );
  const total = summarisePricing(sections, items, taxRateBp).totalCents;
  const pages = templatePages.map((p, i) => ({
    id: newId(), proposal_id: id, position: i + 1, title: resolveVariables(p.title, values), body: resolveVariables(p.body, values), created_at: now, updated_at: now,
  }));
  const statements: Insertable[] = [
    db.query.insertInto("proposals").values({
      id, title: input.title, status: "draft", template_id: template?.id ?? null, deal_id: deal?.id ?? null, company_id: companyId,
      contact_id: contactId, owner_id: viewer.personId, currency: deal?.currency ?? "AUD", tax_rate_bp: taxRateBp, total_cents: total,
      valid_until: validUntil, created_by: viewer.userId, created_at: now, updated_at: now,
    }),
    ...chunkForInsert(pages, 8).map((chunk) => db.query.insertInto("proposal_pages").values(chunk)),
    ...(sections.length
      ? [db.query.insertInto("proposal_pricing_sections").values(sections.map((s) => ({ id: s.id, proposal_id: id, position: s.position, title: s.title, created_at: now })))]
      : []),
    ...chunkForInsert(items, 10).map((chunk) => db.query.insertInto("proposal_pricing_items").values(chunk)),
    db.query.insertInto("proposal_team_members").values({ id: newId(), proposal_id: id, person_id: viewer.personId!, role: "Proposal lead", position: 1, created_at: now }),
    historyEntry(db, {
      actorId: viewer.userId, resourceType: RESOURCE, resourceId: id, action: "created",
      details: { title: input.title, template_id: template?.id ?? null, deal_id: deal?.id ?? null },
    }),
  ];
  await batch(db, statements);
  return { ok: true, id };
}

// ---------------------------------------------------------------------------------------------
// Detail

function proposalRow(db: Db, viewer: Viewer, id: string) {
  return scopedProposals(db, viewer)
    .leftJoin("companies", "companies.id", "proposals.company_id")
    .leftJoin("contacts", "contacts.id", "proposals.contact_id")
    .leftJoin("deals", "deals.id", "proposals.deal_id")
    .leftJoin("people as owner", "owner.id", "proposals.owner_id")
    .leftJoin("proposal_templates as tpl", "tpl.id", "proposals.template_id")
    .select([
      "proposals.id", "proposals.title", "proposals.status", "proposals.template_id", "proposals.deal_id", "proposals.company_id",
      "proposals.contact_id", "proposals.owner_id", "proposals.currency", "proposals.tax_rate_bp", "proposals.total_cents",
      "proposals.valid_until", "proposals.internal_notes", "proposals.approved_total_cents", "proposals.sent_at",
      "proposals.first_viewed_at", "proposals.accepted_at", "proposals.declined_at", "proposals.decline_reason",
      "proposals.created_at", "proposals.updated_at",
      sql<number>`proposals.share_token_hash is not null`.as("has_link"),
      "companies.name as company_name", sql<string | null>`trim(contacts.first_name || ' ' || contacts.last_name)`.as("contact_name"),
      "contacts.email as contact_email", "deals.title as deal_title", personName("owner").as("owner_name"), "owner.user_id as owner_user_id",
      "tpl.name as template_name",
    ])
    .where("proposals.id", "=", id);
}

const childQueries = (db: Db, id: string) => [
  db.query.selectFrom("proposal_pages").select(["id", "position", "title", "body"]).where("proposal_id", "=", id).orderBy("position").orderBy("id").limit(MAX_PAGES),
  db.query.selectFrom("proposal_pricing_sections").select(["id", "position", "title"]).where("proposal_id", "=", id).orderBy("position").orderBy("id").limit(40),
  db.query
    .selectFrom("proposal_pricing_items")
    .select(["id", "section_id", "position", "description", "quantity", "rate_cents", "is_optional", "is_selected"])
    .where("proposal_id", "=", id)
    .orderBy("position")
    .orderBy("id")
    .limit(MAX_ITEMS),
  db.query
    .selectFrom("proposal_team_members as m")
    .innerJoin("people", "people.id", "m.person_id")
    .select(["m.id", "m.person_id", "m.role", "m.position", personName("people").as("name"), "people.title"])
    .where("m.proposal_id", "=", id)
    .orderBy("m.position")
    .orderBy("m.id")
    .limit(50),
] as const;

export function analyticsQueries(db: Db, id: string) {
  return [
    db.query
      .selectFrom("proposal_views")
      .select([(eb) => eb.fn.countAll<number>().as("views"), sql<string | null>`min(started_at)`.as("first_view"), sql<string | null>`max(last_seen_at)`.as("last_seen")])
      .where("proposal_id", "=", id),
    db.query
      .selectFrom("proposal_pages as pg")
      .leftJoin("proposal_slide_views as sv", "sv.page_id", "pg.id")
      .select(["pg.id", "pg.title", "pg.position", sql<number>`coalesce(sum(sv.ms), 0)`.as("ms"), sql<number>`count(sv.id)`.as("opens")])
      .where("pg.proposal_id", "=", id)
      .groupBy("pg.id")
      .orderBy("pg.position")
      .limit(MAX_PAGES),
    db.query
      .selectFrom("proposal_views")
      .select(["id", "started_at", "last_seen_at", "user_agent"])
      .where("proposal_id", "=", id)
      .orderBy("started_at", "desc")
      .limit(20),
  ] as const;
}

export interface Analytics {
  views: number;
  firstViewedAt: string | null;
  lastSeenAt: string | null;
  totalMs: number;
  pages: { id: string; title: string; position: number; ms: number; opens: number }[];
  recent: { id: string; started_at: string; last_seen_at: string; user_agent: string | null }[];
}

export function readAnalytics(
  firstViewedAt: string | null,
  [summary, pages, recent]: [{ views: number; first_view: string | null; last_seen: string | null }[], { id: string; title: string; position: number; ms: number; opens: number }[], Analytics["recent"]],
): Analytics {
  const s = summary[0];
  const perPage = pages.map((p) => ({ ...p, ms: Number(p.ms), opens: Number(p.opens) }));
  return {
    views: Number(s?.views ?? 0),
    firstViewedAt: firstViewedAt ?? s?.first_view ?? null,
    lastSeenAt: s?.last_seen ?? null,
    totalMs: perPage.reduce((sum, p) => sum + p.ms, 0),
    pages: perPage,
    recent,
  };
}

/** Everything the detail page shows for one tab: ONE round trip; null when out of scope. */
export async function loadProposalPage(db: Db, viewer: Viewer, id: string, tab: ProposalTab) {
  const [rows, pages, sections, items, team, approvals, settings, people, companies, contacts, signers, ...rest] = await batch(db, [
    proposalRow(db, viewer, id),
    ...childQueries(db, id),
    db.query
      .selectFrom("proposal_approvals as a")
      .leftJoin("users as rq", "rq.id", "a.requested_by")
      .leftJoin("users as dc", "dc.id", "a.decided_by")
      .select(["a.id", "a.status", "a.total_cents", "a.requested_at", "a.decided_at", "a.comment", "a.requested_by", "rq.name as requested_by_name", "dc.name as decided_by_name"])
      .where("a.proposal_id", "=", id)
      .orderBy("a.requested_at", "desc")
      .limit(10),
    settingsQuery(db),
    db.query
      .selectFrom("people")
      .select(["id", personName("people").as("name"), "title"])
      .where("employment_status", "=", "active")
      .where((eb) => eb.not(eb.exists(eb.selectFrom("proposal_team_members as m").select("m.id").whereRef("m.person_id", "=", "people.id").where("m.proposal_id", "=", id))))
      .orderBy("first_name")
      .limit(tab === "overview" ? CHOICE_LIMIT : 0),
    db.query.selectFrom("companies").select(["id", "name"]).orderBy("name").limit(tab === "overview" ? CHOICE_LIMIT : 0),
    db.query
      .selectFrom("contacts")
      .select(["contacts.id", sql<string>`trim(contacts.first_name || ' ' || contacts.last_name) || coalesce(' <' || contacts.email || '>', '')`.as("name")])
      .where((eb) => eb.or([eb("contacts.company_id", "=", sql<string>`(select company_id from proposals where id = ${id})`), eb("contacts.id", "=", sql<string>`(select contact_id from proposals where id = ${id})`)]))
      .orderBy("contacts.first_name")
      .limit(tab === "overview" ? CHOICE_LIMIT : 0),
    db.query
      .selectFrom("proposal_signers")
      .select(["name", "signature_type", "signature_image", "signed_at"])
      .where("proposal_id", "=", id)
      .where("status", "=", "signed")
      .limit(tab === "overview" ? 1 : 0),
    ...(tab === "analytics" ? analyticsQueries(db, id) : []),
    ...(tab === "history" ? [historyFor(db, RESOURCE, id, 100)] : []),
  ]);
  const proposal = rows[0];
  if (!proposal) return null;
  const pricing = summarisePricing(sections, items as PricedItem[], proposal.tax_rate_bp);
  const { thresholdCents } = readSettings(settings);
  const analytics = tab === "analytics"
    ? readAnalytics(proposal.first_viewed_at, rest as unknown as Parameters<typeof readAnalytics>[1])
    : null;
  const history = tab === "history" ? (rest[0] as unknown as Awaited<ReturnType<ReturnType<typeof historyFor>["execute"]>>) : [];
  return {
    proposal: { ...proposal, owner_user_id: undefined },
    pages, sections, items, team, approvals, pricing, analytics, history,
    people, companies, contacts,
    signer: signers[0] ?? null,
    thresholdCents,
    approvalNeeded: needsApproval(pricing.totalCents, thresholdCents, proposal.approved_total_cents),
    pendingApproval: approvals.find((a) => a.status === "pending") ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Mutations

type ActionResult =
  | { ok: true; notice: string; shareUrl?: string; mailStatus?: string }
  | { ok: false; errors: FieldErrors; values?: Record<string, unknown> }
  | { ok: false; status: 403 | 404 };

const SCHEMAS = {
  details: detailsSchema, "save-page": pageSchema, "add-page": addPageSchema, "move-page": movePageSchema, "delete-page": deletePageSchema,
  "add-section": addSectionSchema, "delete-section": deleteSectionSchema, "add-item": addItemSchema, "delete-item": deleteItemSchema,
  "add-member": addMemberSchema, "remove-member": removeMemberSchema, "request-approval": requestApprovalSchema,
  approve: decideSchema, reject: decideSchema, send: sendSchema, "regenerate-link": relinkSchema,
} as const;

/** Loads what any mutation needs to check its rule (one round trip). */
async function loadState(db: Db, viewer: Viewer, id: string) {
  const [rows, pages, sections, items, team, settings, pending, approvers] = await batch(db, [
    proposalRow(db, viewer, id),
    ...childQueries(db, id),
    settingsQuery(db),
    db.query.selectFrom("proposal_approvals").select(["id", "requested_by", "total_cents"]).where("proposal_id", "=", id).where("status", "=", "pending").limit(1),
    db.query.selectFrom("users").select("id").where("access_level", "in", ["executive", "head"]).where("disabled_at", "is", null).limit(50),
  ]);
  const proposal = rows[0];
  if (!proposal) return null;
  return { proposal, pages, sections, items: items as (PricedItem & (typeof items)[number])[], team, settings: readSettings(settings), pending: pending[0] ?? null, approvers };
}

type State = NonNullable<Awaited<ReturnType<typeof loadState>>>;

function shareUrl(origin: string, token: string) {
  return `${origin.replace(/\/$/, "")}/p/${token}`;
}

/**
 * Runs one intent of the proposal page's form (the route passes the FormData). Each branch
 * checks its rule against fresh state and writes the change with its history in ONE batch.
 */
export async function proposalAction(
  context: AppLoadContext,
  viewer: Viewer,
  id: string,
  form: FormData,
  origin: string,
): Promise<ActionResult> {
  const intent = String(form.get("intent") ?? "");
  const schema = SCHEMAS[intent as keyof typeof SCHEMAS];
  if (!schema) return { ok: false, errors: { form: "Unknown action" } };
  const parsed = parseFormData(form, schema);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, values: parsed.values };
  const { db } = context;
  const state = await loadState(db, viewer, id);
  if (!state) return { ok: false, status: 404 };
  const input = parsed.data as { intent: string } & Record<string, unknown>;
  const p = state.proposal;
  const status = p.status as ProposalStatus;
  const now = nowIso();
  const history = (action: string, extra: { changes?: ReturnType<typeof diffFields>; details?: Record<string, unknown> } = {}) =>
    historyEntry(db, { actorId: viewer.userId, resourceType: RESOURCE, resourceId: id, action, ...extra });
  const editable = EDITABLE_STATUSES.includes(status);
  const locked = { ok: false as const, errors: { form: "This proposal has been sent; its content can no longer change." } };

  /** Statements that store a new pricing total (and history) after item changes. */
  const withTotal = (items: PricedItem[], taxBp = p.tax_rate_bp) => summarisePricing(state.sections, items, taxBp).totalCents;

  switch (input.intent) {
    case "details": {
      if (["accepted", "declined", "expired"].includes(status)) return { ok: false, errors: { form: "A closed proposal cannot change." } };
      const d = parsed.data as z.infer<typeof detailsSchema>;
      if (!editable && (d.currency !== p.currency || d.taxPercent !== p.tax_rate_bp)) return { ok: false, errors: { form: "Pricing of a sent proposal cannot change." } };
      const after = {
        title: d.title, company_id: d.companyId, contact_id: d.contactId, valid_until: d.validUntil, currency: d.currency,
        tax_rate_bp: d.taxPercent, internal_notes: d.internalNotes,
      };
      if (d.validUntil && LIVE_STATUSES.includes(status) && d.validUntil < todayIso()) return { ok: false, errors: { validUntil: "Pick a date from today on" } };
      const changes = diffFields(p as Record<string, unknown>, after);
      if (!Object.keys(changes).length) return { ok: true, notice: "No changes." };
      const total = withTotal(state.items, d.taxPercent);
      try {
        await batch(db, [
          db.query.updateTable("proposals").set({ ...after, total_cents: total, updated_at: now }).where("id", "=", id),
          history("updated", { changes: { ...changes, ...(changes.internal_notes ? { internal_notes: { from: "…", to: "…" } } : {}) } }),
        ]);
      } catch {
        return { ok: false, errors: { form: "The company or contact no longer exists." } };
      }
      return { ok: true, notice: "Details saved." };
    }
    case "add-page": {
      if (!editable) return locked;
      if (state.pages.length >= MAX_PAGES) return { ok: false, errors: { form: `At most ${MAX_PAGES} pages` } };
      const d = input as unknown as { title: string; body: string };
      const pageId = newId();
      const position = Math.max(0, ...state.pages.map((x) => x.position)) + 1;
      await batch(db, [
        db.query.insertInto("proposal_pages").values({ id: pageId, proposal_id: id, position, title: d.title, body: d.body, created_at: now, updated_at: now }),
        db.query.updateTable("proposals").set({ updated_at: now }).where("id", "=", id),
        history("page_added", { details: { page_id: pageId, title: d.title } }),
      ]);
      return { ok: true, notice: "Page added." };
    }
    case "save-page": {
      if (!editable) return locked;
      const d = input as unknown as { pageId: string; title: string; body: string };
      const page = state.pages.find((x) => x.id === d.pageId);
      if (!page) return { ok: false, status: 404 };
      const changes = diffFields({ title: page.title, body: page.body }, { title: d.title, body: d.body });
      if (!Object.keys(changes).length) return { ok: true, notice: "No changes." };
      await batch(db, [
        db.query.updateTable("proposal_pages").set({ title: d.title, body: d.body, updated_at: now }).where("id", "=", page.id).where("proposal_id", "=", id),
        db.query.updateTable("proposals").set({ updated_at: now }).where("id", "=", id),
        history("page_updated", { details: { page_id: page.id }, changes: { ...changes, ...(changes.body ? { body: { from: "…", to: "…" } } : {}) } }),
      ]);
      return { ok: true, notice: "Page saved." };
    }
    case "move-page": {
      if (!editable) return locked;
      const d = input as unknown as { pageId: string; direction: "up" | "down" };
      const index = state.pages.findIndex((x) => x.id === d.pageId);
      if (index < 0) return { ok: false, status: 404 };
      const swapWith = d.direction === "up" ? index - 1 : index + 1;
      if (swapWith < 0 || swapWith >= state.pages.length) return { ok: true, notice: "Page order unchanged." };
      // Renumber 1..n with the two swapped (positions may have gaps or ties).
      const order = state.pages.map((x) => x.id);
      [order[index], order[swapWith]] = [order[swapWith]!, order[index]!];
      await batch(db, [
        db.query
          .updateTable("proposal_pages")
          .set({ position: sql<number>`(select key + 1 from json_each(${JSON.stringify(order)}) where value = proposal_pages.id)`, updated_at: now })
          .where("proposal_id", "=", id),
        history("page_moved", { details: { page_id: d.pageId, direction: d.direction } }),
      ]);
      return { ok: true, notice: "Page moved." };
    }
    case "delete-page": {
      if (!editable) return locked;
      const d = input as unknown as { pageId: string };
      const page = state.pages.find((x) => x.id === d.pageId);
      if (!page) return { ok: false, status: 404 };
      await batch(db, [
        db.query.deleteFrom("proposal_pages").where("id", "=", page.id).where("proposal_id", "=", id),
        db.query.updateTable("proposals").set({ updated_at: now }).where("id", "=", id),
        history("page_deleted", { details: { page_id: page.id, title: page.title } }),
      ]);
      return { ok: true, notice: "Page deleted." };
    }
    case "add-section": {
      if (!editable) return locked;
      const d = input as unknown as { title: string };
      const sectionId = newId();
      await batch(db, [
        db.query.insertInto("proposal_pricing_sections").values({
          id: sectionId, proposal_id: id, title: d.title, position: Math.max(0, ...state.sections.map((s) => s.position)) + 1, created_at: now,
        }),
        history("pricing_section_added", { details: { section_id: sectionId, title: d.title } }),
      ]);
      return { ok: true, notice: "Section added." };
    }
    case "delete-section": {
      if (!editable) return locked;
      const d = input as unknown as { sectionId: string };
      const section = state.sections.find((s) => s.id === d.sectionId);
      if (!section) return { ok: false, status: 404 };
      const remaining = state.items.filter((i) => i.section_id !== section.id);
      const total = summarisePricing(state.sections.filter((s) => s.id !== section.id), remaining, p.tax_rate_bp).totalCents;
      await batch(db, [
        db.query.deleteFrom("proposal_pricing_sections").where("id", "=", section.id).where("proposal_id", "=", id),
        db.query.updateTable("proposals").set({ total_cents: total, updated_at: now }).where("id", "=", id),
        history("pricing_section_deleted", { details: { section_id: section.id, title: section.title }, changes: diffFields({ total_cents: p.total_cents }, { total_cents: total }) }),
      ]);
      return { ok: true, notice: "Section deleted." };
    }
    case "add-item": {
      if (!editable) return locked;
      const d = input as unknown as { sectionId: string; description: string; quantity: number; rate: number; optional: boolean };
      if (!state.sections.some((s) => s.id === d.sectionId)) return { ok: false, errors: { sectionId: "No such section" } };
      if (state.items.length >= MAX_ITEMS) return { ok: false, errors: { form: `At most ${MAX_ITEMS} items` } };
      const item = {
        id: newId(), proposal_id: id, section_id: d.sectionId, description: d.description, quantity: d.quantity, rate_cents: d.rate,
        is_optional: d.optional ? 1 : 0, is_selected: d.optional ? 0 : 1, created_at: now,
        position: Math.max(0, ...state.items.filter((i) => i.section_id === d.sectionId).map((i) => i.position)) + 1,
      };
      const total = withTotal([...state.items, item]);
      await batch(db, [
        db.query.insertInto("proposal_pricing_items").values(item),
        db.query.updateTable("proposals").set({ total_cents: total, updated_at: now }).where("id", "=", id),
        history("pricing_item_added", {
          details: { item_id: item.id, description: d.description, optional: d.optional },
          changes: diffFields({ total_cents: p.total_cents }, { total_cents: total }),
        }),
      ]);
      return { ok: true, notice: "Item added." };
    }
    case "delete-item": {
      if (!editable) return locked;
      const d = input as unknown as { itemId: string };
      const item = state.items.find((i) => i.id === d.itemId);
      if (!item) return { ok: false, status: 404 };
      const total = withTotal(state.items.filter((i) => i.id !== item.id));
      await batch(db, [
        db.query.deleteFrom("proposal_pricing_items").where("id", "=", item.id).where("proposal_id", "=", id),
        db.query.updateTable("proposals").set({ total_cents: total, updated_at: now }).where("id", "=", id),
        history("pricing_item_deleted", { details: { item_id: item.id, description: item.description }, changes: diffFields({ total_cents: p.total_cents }, { total_cents: total }) }),
      ]);
      return { ok: true, notice: "Item removed." };
    }
    case "add-member": {
      if (!editable) return locked;
      const d = input as unknown as { personId: string; role: string | null };
      if (state.team.some((m) => m.person_id === d.personId)) return { ok: false, errors: { personId: "Already on the team" } };
      const memberId = newId();
      try {
        await batch(db, [
          db.query.insertInto("proposal_team_members").values({
            id: memberId, proposal_id: id, person_id: d.personId, role: d.role, position: Math.max(0, ...state.team.map((m) => m.position)) + 1, created_at: now,
          }),
          history("team_member_added", { details: { person_id: d.personId, role: d.role } }),
        ]);
      } catch {
        return { ok: false, errors: { personId: "No such person" } };
      }
      return { ok: true, notice: "Team member added." };
    }
    case "remove-member": {
      if (!editable) return locked;
      const d = input as unknown as { memberId: string };
      const member = state.team.find((m) => m.id === d.memberId);
      if (!member) return { ok: false, status: 404 };
      await batch(db, [
        db.query.deleteFrom("proposal_team_members").where("id", "=", member.id).where("proposal_id", "=", id),
        history("team_member_removed", { details: { person_id: member.person_id } }),
      ]);
      return { ok: true, notice: "Team member removed." };
    }
    case "request-approval":
      return requestApproval(context, viewer, state);
    case "approve":
    case "reject":
      return decide(context, viewer, state, input.intent, (input as unknown as { comment: string | null }).comment);
    case "send":
      return send(context, viewer, state, origin);
    case "regenerate-link": {
      if (!LIVE_STATUSES.includes(status)) return { ok: false, errors: { form: "Only a sent proposal has a link." } };
      const token = randomToken(32);
      await batch(db, [
        db.query.updateTable("proposals").set({ share_token_hash: await sha256(token), updated_at: now }).where("id", "=", id),
        history("link_regenerated"),
      ]);
      return { ok: true, notice: "New link created; the old one no longer works.", shareUrl: shareUrl(origin, token) };
    }
  }
  return { ok: false, errors: { form: "Unknown action" } };
}

async function requestApproval(context: AppLoadContext, viewer: Viewer, state: State): Promise<ActionResult> {
  const { db } = context;
  const p = state.proposal;
  if (p.status !== "draft") return { ok: false, errors: { form: "Only a draft can go for approval." } };
  if (!needsApproval(p.total_cents, state.settings.thresholdCents, p.approved_total_cents)) {
    return { ok: false, errors: { form: "No approval needed: the total is under the threshold or already approved." } };
  }
  const now = nowIso();
  const approvalId = newId();
  const note = prepareNotifications(db, {
    userIds: state.approvers.map((a) => a.id).filter((u) => u !== viewer.userId),
    type: "proposal_approval",
    title: `Approval needed: ${p.title}`,
    body: `${viewer.name} asks to send a proposal of ${formatMoney(p.total_cents, p.currency)}.`,
    actionUrl: `/proposals/${p.id}`,
    resourceType: RESOURCE,
    resourceId: p.id,
  });
  await batch(db, [
    db.query.insertInto("proposal_approvals").values({ id: approvalId, proposal_id: p.id, total_cents: p.total_cents, status: "pending", requested_by: viewer.userId, requested_at: now }),
    db.query.updateTable("proposals").set({ status: "for_approval", updated_at: now }).where("id", "=", p.id).where("status", "=", "draft"),
    historyEntry(db, { actorId: viewer.userId, resourceType: RESOURCE, resourceId: p.id, action: "approval_requested", changes: { status: { from: "draft", to: "for_approval" } }, details: { total_cents: p.total_cents } }),
    ...note.inserts,
  ]);
  context.waitUntil(deliverInBackground(context, note.ids));
  return { ok: true, notice: "Sent for approval." };
}

async function decide(context: AppLoadContext, viewer: Viewer, state: State, intent: "approve" | "reject", comment: string | null): Promise<ActionResult> {
  const { db } = context;
  const p = state.proposal;
  if (!isApprover(viewer)) return { ok: false, status: 403 };
  if (p.status !== "for_approval" || !state.pending) return { ok: false, errors: { form: "Nothing is waiting for approval." } };
  if (state.pending.requested_by === viewer.userId) return { ok: false, errors: { form: "Someone else must approve your own request." } };
  if (intent === "reject" && !comment) return { ok: false, errors: { comment: "Say why, so the owner can fix it" } };
  const now = nowIso();
  const approved = intent === "approve";
  const note = prepareNotifications(db, {
    userIds: [p.owner_user_id, state.pending.requested_by].filter((u): u is string => Boolean(u) && u !== viewer.userId),
    type: "proposal_approval",
    title: `${approved ? "Approved" : "Changes requested"}: ${p.title}`,
    body: comment,
    actionUrl: `/proposals/${p.id}`,
    resourceType: RESOURCE,
    resourceId: p.id,
  });
  await batch(db, [
    db.query.updateTable("proposal_approvals").set({ status: approved ? "approved" : "rejected", decided_by: viewer.userId, decided_at: now, comment }).where("id", "=", state.pending.id),
    db.query
      .updateTable("proposals")
      .set({ status: "draft", approved_total_cents: approved ? p.total_cents : null, updated_at: now })
      .where("id", "=", p.id)
      .where("status", "=", "for_approval"),
    historyEntry(db, {
      actorId: viewer.userId, resourceType: RESOURCE, resourceId: p.id, action: approved ? "approved" : "rejected",
      changes: { status: { from: "for_approval", to: "draft" } }, details: { total_cents: p.total_cents },
    }),
    ...note.inserts,
  ]);
  context.waitUntil(deliverInBackground(context, note.ids));
  return { ok: true, notice: approved ? "Approved: the owner can send it." : "Sent back to the owner." };
}

async function send(context: AppLoadContext, viewer: Viewer, state: State, origin: string): Promise<ActionResult> {
  const { db } = context;
  const p = state.proposal;
  if (p.status === "for_approval") return { ok: false, errors: { form: "Waiting for approval." } };
  if (p.status !== "draft") return { ok: false, errors: { form: "Only a draft can be sent." } };
  if (needsApproval(p.total_cents, state.settings.thresholdCents, p.approved_total_cents)) {
    return { ok: false, errors: { form: `Proposals of ${formatMoney(state.settings.thresholdCents, p.currency)} or more need an approval before sending.` } };
  }
  if (!p.contact_email) return { ok: false, errors: { form: "Choose a client contact with an email address first." } };
  if (state.pages.length === 0) return { ok: false, errors: { form: "Add at least one page first." } };
  const today = todayIso();
  const validUntil = p.valid_until && p.valid_until >= today ? p.valid_until : addDays(today, state.settings.validDays);
  const token = randomToken(32);
  const now = nowIso();
  const updated = await batch(db, [
    db.query
      .updateTable("proposals")
      .set({ status: "sent", sent_at: now, share_token_hash: await sha256(token), valid_until: validUntil, updated_at: now })
      .where("id", "=", p.id)
      .where("status", "=", "draft")
      .returning("id"),
    historyEntry(db, {
      actorId: viewer.userId, resourceType: RESOURCE, resourceId: p.id, action: "sent",
      changes: { status: { from: "draft", to: "sent" }, ...(validUntil !== p.valid_until ? { valid_until: { from: p.valid_until, to: validUntil } } : {}) },
      details: { to: p.contact_email },
    }),
  ]);
  if (!updated[0].length) return { ok: false, errors: { form: "The proposal changed meanwhile; reload and try again." } };
  const url = shareUrl(origin, token);
  const mail = await sendMail(context, {
    to: p.contact_email,
    subject: `Proposal: ${p.title}`,
    text: [
      `Hello ${p.contact_name ?? ""},`.trim(),
      "",
      `${viewer.name} has sent you a proposal: ${p.title}.`,
      `Read it, choose options and accept it here: ${url}`,
      "",
      `It is valid until ${validUntil}.`,
    ].join("\n"),
  });
  return {
    ok: true,
    notice: mail.status === "failed" ? "Sent, but the email could not be delivered: share the link yourself." : `Sent to ${p.contact_email}.`,
    shareUrl: url,
    mailStatus: mail.status,
  };
}
