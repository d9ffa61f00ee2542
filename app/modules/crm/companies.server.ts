// Companies: the list (search, filters, sort, pagination, CSV export), the detail page (tabs,
// hierarchy, group roll-ups) and create / edit / delete with history. Companies are agency-wide
// records: the companies tool's VIEW grant shows them all, UPDATE edits and deletes.
import { sql, type Expression, type SqlBool } from "kysely";
import { mentionableUsersQuery, notesQuery } from "~/modules/records/notes.server";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import type { FieldErrors } from "~/platform/forms.server";
import { diffFields, historyEntry, historyFor } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { contains } from "~/platform/like";
import type { Viewer } from "~/platform/session.server";
import { toCsv } from "./csv";
import {
  COMPANY_FIELDS, COMPANY_PAGE_SIZE, EXPORT_CAP, companySortDir,
  type CompanyInput, type CompanyListFilters, type CompanyTab,
} from "./schemas";
import { compilable, constraintOf, contactName, descendantIds, personName } from "./sql.server";
import { timelinePage, timelineQuery, TIMELINE_PAGE_SIZE } from "./timeline.server";
import { companyEmailsQuery, companyInboundQuery } from "~/modules/email/threads.server";
import { can } from "~/platform/access.server";
import { meetingsForRecordQuery } from "~/modules/meetings/meetings.server";

type MeetingRows = Awaited<ReturnType<ReturnType<typeof meetingsForRecordQuery>["execute"]>>;

export const DOMAIN_TAKEN = "Another company already uses this domain";

// ---------------------------------------------------------------------------------------------
// List

function filteredCompanies(db: Db, f: CompanyListFilters) {
  return db.query.selectFrom("companies").where((eb) => {
    const conditions: Expression<SqlBool>[] = [];
    if (f.q) conditions.push(eb.or([eb("companies.name", "like", contains(f.q)), eb("companies.domain", "like", contains(f.q))]));
    if (f.industry) conditions.push(eb("companies.industry", "=", f.industry));
    if (f.parent === "yes") conditions.push(eb("companies.parent_id", "is not", null));
    if (f.parent === "no") conditions.push(eb("companies.parent_id", "is", null));
    if (f.manager) conditions.push(eb("companies.account_manager_id", "=", f.manager));
    return eb.and(conditions);
  });
}

function companyRows(db: Db, f: CompanyListFilters, limit: number, offset: number) {
  const dir = companySortDir(f);
  return filteredCompanies(db, f)
    .leftJoin("companies as parent", "parent.id", "companies.parent_id")
    .leftJoin("people as am", "am.id", "companies.account_manager_id")
    .select([
      "companies.id", "companies.name", "companies.domain", "companies.industry", "companies.website", "companies.phone",
      "companies.address", "companies.created_at", "companies.parent_id", "parent.name as parent_name", "parent.domain as parent_domain",
      "companies.account_manager_id", personName("am").as("account_manager_name"),
      sql<number>`(select count(*) from contacts where contacts.company_id = companies.id)`.as("contact_count"),
      sql<number>`(select count(*) from companies k where k.parent_id = companies.id)`.as("child_count"),
    ])
    .orderBy(f.sort === "created" ? "companies.created_at" : "companies.name", dir)
    .orderBy("companies.id", dir)
    .limit(limit)
    .offset(offset);
}

const MANAGER_CHOICES = 60;

/** One page of companies, the total and the filter choices: ONE round trip. */
export async function loadCompanyList(db: Db, f: CompanyListFilters) {
  const [rows, counts, industries, managers] = await batch(db, [
    companyRows(db, f, COMPANY_PAGE_SIZE, (f.page - 1) * COMPANY_PAGE_SIZE),
    filteredCompanies(db, f).select((eb) => eb.fn.countAll<number>().as("n")),
    db.query.selectFrom("companies").select("industry").distinct().where("industry", "is not", null).orderBy("industry").limit(200),
    // The busiest account managers (bounded), plus the one being filtered on.
    db.query
      .selectFrom("companies as c")
      .innerJoin("people as am", "am.id", "c.account_manager_id")
      .select(["am.id", personName("am").as("name"), sql<number>`count(*) + case when am.id = ${f.manager ?? ""} then 1000000 else 0 end`.as("weight")])
      .groupBy("am.id")
      .orderBy("weight", "desc")
      .limit(MANAGER_CHOICES),
  ]);
  const total = Number(counts[0]?.n ?? 0);
  return {
    rows,
    total,
    page: f.page,
    pageCount: Math.max(1, Math.ceil(total / COMPANY_PAGE_SIZE)),
    industries: industries.map((r) => r.industry as string),
    managers: managers.map((m) => ({ id: m.id, name: m.name ?? m.id })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

const EXPORT_HEADER = [
  "Name", "Domain", "Industry", "Website", "Phone", "Address", "Parent company", "Parent domain",
  "Account manager", "Contacts", "Subsidiaries", "Created",
];

/** The filtered list as CSV, every page up to EXPORT_CAP rows (one query). */
export async function exportCompaniesCsv(db: Db, f: CompanyListFilters) {
  const rows = await companyRows(db, f, EXPORT_CAP + 1, 0).execute();
  const truncated = rows.length > EXPORT_CAP;
  const body = toCsv(
    EXPORT_HEADER,
    rows.slice(0, EXPORT_CAP).map((r) => [
      r.name, r.domain, r.industry, r.website, r.phone, r.address, r.parent_name, r.parent_domain,
      r.account_manager_name, r.contact_count, r.child_count, r.created_at,
    ]),
  );
  return { body, truncated };
}

// ---------------------------------------------------------------------------------------------
// Detail

function companyRecord(db: Db, id: string) {
  return db.query
    .selectFrom("companies")
    .leftJoin("companies as parent", "parent.id", "companies.parent_id")
    .leftJoin("people as am", "am.id", "companies.account_manager_id")
    .leftJoin("users as creator", "creator.id", "companies.created_by")
    .selectAll("companies")
    .select(["parent.name as parent_name", personName("am").as("account_manager_name"), "creator.name as created_by_name"])
    .where("companies.id", "=", id);
}

/** Ancestors from the top of the group down to the direct parent. */
function ancestorsQuery(db: Db, id: string) {
  return compilable(
    db,
    sql<{ id: string; name: string; depth: number }>`with recursive up(id, name, parent_id, depth) as (
        select p.id, p.name, p.parent_id, 1 from companies c join companies p on p.id = c.parent_id where c.id = ${id}
        union all
        select p.id, p.name, p.parent_id, up.depth + 1 from companies p join up on p.id = up.parent_id where up.depth < 25
      ) select id, name, depth from up order by depth desc`,
  );
}

function childrenQuery(db: Db, id: string) {
  return db.query
    .selectFrom("companies")
    .select([
      "companies.id", "companies.name", "companies.domain", "companies.industry",
      sql<number>`(select count(*) from contacts where contacts.company_id = companies.id)`.as("contact_count"),
      sql<number>`(select count(*) from companies k where k.parent_id = companies.id)`.as("child_count"),
    ])
    .where("companies.parent_id", "=", id)
    .orderBy("companies.name")
    .limit(100);
}

/** Group roll-ups: every company below this one, and contacts across this company and all of them. */
function rollupQuery(db: Db, id: string) {
  return compilable(
    db,
    sql<{ subsidiaries: number; group_contacts: number; direct_contacts: number }>`select
        (select count(*) from ${descendantIds(id)}) as subsidiaries,
        (select count(*) from contacts where company_id = ${id} or company_id in ${descendantIds(id)}) as group_contacts,
        (select count(*) from contacts where company_id = ${id}) as direct_contacts`,
  );
}

function companyContactsQuery(db: Db, id: string, limit: number, offset: number) {
  return db.query
    .selectFrom("contacts")
    .select(["contacts.id", "contacts.first_name", "contacts.last_name", "contacts.email", "contacts.phone", "contacts.role", "contacts.is_primary"])
    .where("contacts.company_id", "=", id)
    .orderBy("contacts.is_primary", "desc")
    .orderBy("contacts.last_name")
    .orderBy("contacts.first_name")
    .orderBy("contacts.id")
    .limit(limit)
    .offset(offset);
}

export function companyCommunicationsQuery(db: Db, id: string, limit: number, offset: number) {
  return db.query
    .selectFrom("contact_communications as cc")
    .innerJoin("contacts as c", "c.id", "cc.contact_id")
    .leftJoin("users as u", "u.id", "cc.logged_by")
    .select([
      "cc.id", "cc.type", "cc.direction", "cc.subject", "cc.summary", "cc.occurred_at", "cc.duration_minutes",
      "c.id as contact_id", contactName("c").as("contact_name"), "u.name as logged_by_name",
    ])
    .where(sql<SqlBool>`cc.contact_id in (select id from contacts where company_id = ${id})`)
    .orderBy("cc.occurred_at", "desc")
    .orderBy("cc.id", "desc")
    .limit(limit)
    .offset(offset);
}

export const TAB_PAGE_SIZE = 25;

/**
 * Everything the company page shows for one tab, in ONE batch: the company, its place in the
 * group (ancestors, children, roll-ups) and the tab's own rows. Null when it does not exist.
 */
export async function loadCompanyPage(
  db: Db,
  viewer: Viewer,
  id: string,
  tab: CompanyTab,
  options: { page?: number; before?: string | null } = {},
) {
  const page = Math.max(1, options.page ?? 1);
  const offset = (page - 1) * TAB_PAGE_SIZE;
  const base = [companyRecord(db, id), ancestorsQuery(db, id), childrenQuery(db, id), rollupQuery(db, id)] as const;
  const empty = { contacts: [], communications: [], total: 0, notes: [], mentionables: [], history: [], timeline: { rows: [], next: null },
    emails: [] as Awaited<ReturnType<ReturnType<typeof companyEmailsQuery>["execute"]>>,
    inboundEmails: [] as Awaited<ReturnType<ReturnType<typeof companyInboundQuery>["execute"]>>,
    meetings: [] as MeetingRows,
    moreMeetings: false,
  };

  if (tab === "contacts") {
    const [records, ancestors, children, rollups, contacts] = await batch(db, [...base, companyContactsQuery(db, id, TAB_PAGE_SIZE, offset)]);
    if (!records[0]) return null;
    return { company: records[0], ancestors, children, rollup: rollups[0]!, tab, page, ...empty, contacts, total: Number(rollups[0]?.direct_contacts ?? 0) };
  }
  if (tab === "communications") {
    const [records, ancestors, children, rollups, communications, counts] = await batch(db, [
      ...base,
      companyCommunicationsQuery(db, id, TAB_PAGE_SIZE, offset),
      db.query
        .selectFrom("contact_communications")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where(sql<SqlBool>`contact_id in (select id from contacts where company_id = ${id})`),
    ]);
    if (!records[0]) return null;
    return { company: records[0], ancestors, children, rollup: rollups[0]!, tab, page, ...empty, communications, total: Number(counts[0]?.n ?? 0) };
  }
  if (tab === "notes") {
    const [records, ancestors, children, rollups, notes, mentionables] = await batch(db, [
      ...base, notesQuery(db, viewer, "company", id), mentionableUsersQuery(db),
    ]);
    if (!records[0]) return null;
    return { company: records[0], ancestors, children, rollup: rollups[0]!, tab, page, ...empty, notes, mentionables: mentionables.filter((u) => u.id !== viewer.userId) };
  }
  if (tab === "emails" && can(viewer, "emails", "view")) {
    const [records, ancestors, children, rollups, emails, inboundEmails] = await batch(db, [
      ...base, companyEmailsQuery(db, viewer, id), companyInboundQuery(db, id),
    ]);
    if (!records[0]) return null;
    return { company: records[0], ancestors, children, rollup: rollups[0]!, tab, page, ...empty, emails, inboundEmails };
  }
  if (tab === "meetings" && can(viewer, "meetings", "view")) {
    const [records, ancestors, children, rollups, meetings] = await batch(db, [
      ...base, meetingsForRecordQuery(db, viewer, { companyId: id }, { limit: TAB_PAGE_SIZE, offset }),
    ]);
    if (!records[0]) return null;
    return { company: records[0], ancestors, children, rollup: rollups[0]!, tab, page, ...empty, meetings: meetings.slice(0, TAB_PAGE_SIZE), moreMeetings: meetings.length > TAB_PAGE_SIZE };
  }
  if (tab === "history") {
    const [records, ancestors, children, rollups, history] = await batch(db, [...base, historyFor(db, "company", id)]);
    if (!records[0]) return null;
    return { company: records[0], ancestors, children, rollup: rollups[0]!, tab, page, ...empty, history };
  }
  if (tab === "timeline") {
    const [records, ancestors, children, rollups, rows] = await batch(db, [
      ...base, timelineQuery(db, viewer, { type: "company", id }, { before: options.before }),
    ]);
    if (!records[0]) return null;
    return { company: records[0], ancestors, children, rollup: rollups[0]!, tab, page, ...empty, timeline: timelinePage(rows, TIMELINE_PAGE_SIZE) };
  }
  // Overview: the first contacts and the latest communications as a summary.
  const [records, ancestors, children, rollups, contacts, communications] = await batch(db, [
    ...base, companyContactsQuery(db, id, 5, 0), companyCommunicationsQuery(db, id, 5, 0),
  ]);
  if (!records[0]) return null;
  return { company: records[0], ancestors, children, rollup: rollups[0]!, tab, page, ...empty, contacts, communications };
}

// ---------------------------------------------------------------------------------------------
// Form choices

/** Choices for the company form: possible parents (not itself or below it) and account managers. */
export async function loadCompanyForm(db: Db, id: string | null) {
  const parents = db.query
    .selectFrom("companies")
    .select(["companies.id", "companies.name", "companies.domain"])
    .orderBy("companies.name")
    .limit(1000);
  const [records, parentRows, managers] = await batch(db, [
    companyRecord(db, id ?? ""),
    id ? parents.where("companies.id", "<>", id).where(sql<SqlBool>`companies.id not in ${descendantIds(id)}`) : parents,
    managerChoices(db, id),
  ]);
  return { company: records[0] ?? null, parents: parentRows, managers: managers.map((m) => ({ id: m.id, name: m.name ?? m.id })) };
}

/** Active people who can own accounts (leads and above), plus the current account manager. */
function managerChoices(db: Db, companyId: string | null) {
  return db.query
    .selectFrom("people as am")
    .leftJoin("users", "users.id", "am.user_id")
    .select(["am.id", personName("am").as("name")])
    .where((eb) =>
      eb.or([
        eb.and([eb("am.employment_status", "=", "active"), eb("users.access_level", "in", ["executive", "head", "manager", "lead"])]),
        companyId ? eb("am.id", "=", eb.selectFrom("companies").select("account_manager_id").where("companies.id", "=", companyId)) : sql<SqlBool>`0`,
      ]),
    )
    .orderBy("am.first_name")
    .orderBy("am.last_name")
    .limit(500);
}

// ---------------------------------------------------------------------------------------------
// Writes

export type WriteResult = { ok: true; id: string } | { ok: false; errors: FieldErrors; status?: number };

function values(input: CompanyInput) {
  const out: Record<string, string | null> = {};
  for (const key of COMPANY_FIELDS) out[key] = input[key] ?? null;
  return out as { [K in (typeof COMPANY_FIELDS)[number]]: string | null } & { name: string };
}

/**
 * Reads everything the rules need in ONE batch: domain / external-id clashes, whether the parent
 * exists and is not the company itself or below it (cycle check with WITH RECURSIVE), and whether
 * the account manager is an existing person.
 */
async function checkCompany(db: Db, id: string | null, input: CompanyInput) {
  const self = id ?? "";
  const clash = (column: "domain" | "productive_id" | "stripe_customer_id", value: string | null) =>
    db.query.selectFrom("companies").select("id").where(column, "=", value ?? "").where("id", "<>", self).limit(1);
  const [existing, domains, productive, stripe, parents, managers] = await batch(db, [
    db.query.selectFrom("companies").selectAll().where("id", "=", self),
    clash("domain", input.domain),
    clash("productive_id", input.productive_id),
    clash("stripe_customer_id", input.stripe_customer_id),
    compilable(
      db,
      sql<{ id: string; is_descendant: number }>`select id, case when ${self} <> '' and id in ${descendantIds(self)} then 1 else 0 end as is_descendant
        from companies where id = ${input.parent_id ?? ""}`,
    ),
    db.query.selectFrom("people").select("id").where("id", "=", input.account_manager_id ?? ""),
  ]);
  const errors: FieldErrors = {};
  if (input.domain && domains.length) errors.domain = DOMAIN_TAKEN;
  if (input.productive_id && productive.length) errors.productive_id = "Another company already has this Productive id";
  if (input.stripe_customer_id && stripe.length) errors.stripe_customer_id = "Another company already has this Stripe customer id";
  if (input.parent_id) {
    const parent = parents[0];
    if (id && input.parent_id === id) errors.parent_id = "A company cannot be its own parent";
    else if (!parent) errors.parent_id = "Choose an existing company as the parent";
    else if (parent.is_descendant) errors.parent_id = "That company sits below this one in the group; choosing it would make a loop";
  }
  if (input.account_manager_id && !managers.length) errors.account_manager_id = "Choose an existing person as account manager";
  return { existing: existing[0] ?? null, errors };
}

function raceErrors(error: unknown): FieldErrors | null {
  const c = constraintOf(error);
  if (c.kind === "unique" && c.target === "companies.domain") return { domain: DOMAIN_TAKEN };
  if (c.kind === "unique" && c.target === "companies.productive_id") return { productive_id: "Another company already has this Productive id" };
  if (c.kind === "unique" && c.target === "companies.stripe_customer_id") return { stripe_customer_id: "Another company already has this Stripe customer id" };
  if (c.kind === "foreign_key") return { form: "The parent company or account manager no longer exists. Reload and try again." };
  return null;
}

export async function createCompany(db: Db, viewer: Viewer, input: CompanyInput): Promise<WriteResult> {
  const { errors } = await checkCompany(db, null, input);
  if (Object.keys(errors).length) return { ok: false, errors };
  const id = newId();
  const now = nowIso();
  const row = values(input);
  try {
    await batch(db, [
      db.query.insertInto("companies").values({ id, ...row, created_by: viewer.userId, created_at: now, updated_at: now }),
      historyEntry(db, { actorId: viewer.userId, resourceType: "company", resourceId: id, action: "created", changes: diffFields({}, row) }),
    ]);
  } catch (error) {
    const mapped = raceErrors(error);
    if (mapped) return { ok: false, errors: mapped };
    throw error;
  }
  return { ok: true, id };
}

export async function updateCompany(db: Db, viewer: Viewer, id: string, input: CompanyInput): Promise<WriteResult | null> {
  const { existing, errors } = await checkCompany(db, id, input);
  if (!existing) return null;
  if (Object.keys(errors).length) return { ok: false, errors };
  const row = values(input);
  const changes = diffFields(existing as Record<string, unknown>, row);
  if (Object.keys(changes).length === 0) return { ok: true, id };
  const changed = Object.fromEntries(Object.keys(changes).map((k) => [k, row[k as keyof typeof row]]));
  try {
    await batch(db, [
      db.query.updateTable("companies").set({ ...changed, updated_at: nowIso() }).where("id", "=", id),
      historyEntry(db, { actorId: viewer.userId, resourceType: "company", resourceId: id, action: "updated", changes }),
    ]);
  } catch (error) {
    const mapped = raceErrors(error);
    if (mapped) return { ok: false, errors: mapped };
    throw error;
  }
  return { ok: true, id };
}

/**
 * Deletes a company (history keeps a snapshot). Subsidiaries become top-level and contacts stay
 * without a company (ON DELETE SET NULL). Null when it does not exist.
 */
export async function deleteCompany(db: Db, viewer: Viewer, id: string): Promise<WriteResult | null> {
  const existing = await db.query.selectFrom("companies").selectAll().where("id", "=", id).executeTakeFirst();
  if (!existing) return null;
  const snapshot = Object.fromEntries(COMPANY_FIELDS.map((k) => [k, existing[k] ?? null]));
  try {
    await batch(db, [
      historyEntry(db, { actorId: viewer.userId, resourceType: "company", resourceId: id, action: "deleted", changes: diffFields(snapshot, Object.fromEntries(COMPANY_FIELDS.map((k) => [k, null]))) }),
      db.query.deleteFrom("companies").where("id", "=", id),
    ]);
  } catch (error) {
    if (constraintOf(error).kind === "foreign_key") {
      return { ok: false, status: 409, errors: { form: "Other records (deals, projects or invoices) still belong to this company. Move or remove them first." } };
    }
    throw error;
  }
  return { ok: true, id };
}
