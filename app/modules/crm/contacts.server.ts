// Contacts: the list (search, filters, sort, pagination, CSV export), the detail page (overview,
// communications, relationship tabs, notes, history, timeline) and create / edit / delete with
// history. Agency-wide records: the contacts tool's VIEW grant shows them all, UPDATE edits.
import { sql, type Expression, type SqlBool } from "kysely";
import { mentionableUsersQuery, notesQuery } from "~/modules/records/notes.server";
import {
  actionItemHistory, AUTO_ACTION_SOURCE, communicationsCountQuery, communicationsQuery, contactAutoActionsQuery, lifeEventsQuery, messagesQuery, partnersQuery, profileQuery,
} from "~/modules/relationships/relationships.server";
import { can } from "~/platform/access.server";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import type { FieldErrors } from "~/platform/forms.server";
import { diffFields, historyEntry, historyFor } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { contains } from "~/platform/like";
import type { Viewer } from "~/platform/session.server";
import { toCsv } from "./csv";
import {
  CONTACT_PAGE_SIZE, EXPORT_CAP, RELATIONSHIP_TABS, contactSortDir,
  type ContactInput, type ContactListFilters, type ContactTab,
} from "./schemas";
import { constraintOf, contactName, personName } from "./sql.server";
import { timelinePage, timelineQuery, TIMELINE_PAGE_SIZE } from "./timeline.server";
import { contactEmailsQuery, contactInboundQuery } from "~/modules/email/threads.server";
import { meetingsForRecordQuery } from "~/modules/meetings/meetings.server";

export const EMAIL_TAKEN = "Another contact already uses this email";
export const CONTACT_FIELDS = ["first_name", "last_name", "email", "phone", "role", "pronunciation", "linkedin_url", "company_id", "is_primary"] as const;

// ---------------------------------------------------------------------------------------------
// List

function filteredContacts(db: Db, f: ContactListFilters) {
  return db.query
    .selectFrom("contacts")
    .leftJoin("companies", "companies.id", "contacts.company_id")
    .where((eb) => {
      const conditions: Expression<SqlBool>[] = [];
      if (f.q) {
        conditions.push(
          eb.or([
            eb(sql`contacts.first_name || ' ' || contacts.last_name`, "like", contains(f.q)),
            eb("contacts.email", "like", contains(f.q)),
          ]),
        );
      }
      if (f.company) conditions.push(eb("contacts.company_id", "=", f.company));
      if (f.company_q) conditions.push(eb.or([eb("companies.name", "like", contains(f.company_q)), eb("companies.domain", "like", contains(f.company_q))]));
      if (f.primary === "yes") conditions.push(eb("contacts.is_primary", "=", 1));
      if (f.primary === "no") conditions.push(eb("contacts.is_primary", "=", 0));
      return eb.and(conditions);
    });
}

function contactRows(db: Db, f: ContactListFilters, limit: number, offset: number) {
  const dir = contactSortDir(f);
  let q = filteredContacts(db, f).select([
    "contacts.id", "contacts.first_name", "contacts.last_name", "contacts.email", "contacts.phone", "contacts.role",
    "contacts.linkedin_url", "contacts.is_primary", "contacts.created_at", "contacts.company_id", "companies.name as company_name",
    "companies.domain as company_domain",
  ]);
  if (f.sort === "created") q = q.orderBy("contacts.created_at", dir);
  else if (f.sort === "company") q = q.orderBy(sql`companies.name is null`).orderBy("companies.name", dir).orderBy("contacts.last_name").orderBy("contacts.first_name");
  else q = q.orderBy("contacts.last_name", dir).orderBy("contacts.first_name", dir);
  return q.orderBy("contacts.id", dir).limit(limit).offset(offset);
}

/** One page of contacts, the total and the company named in the filter: ONE round trip. */
export async function loadContactList(db: Db, f: ContactListFilters) {
  const [rows, counts, companies] = await batch(db, [
    contactRows(db, f, CONTACT_PAGE_SIZE, (f.page - 1) * CONTACT_PAGE_SIZE),
    filteredContacts(db, f).select((eb) => eb.fn.countAll<number>().as("n")),
    db.query.selectFrom("companies").select(["id", "name"]).where("id", "=", f.company ?? ""),
  ]);
  const total = Number(counts[0]?.n ?? 0);
  return { rows, total, page: f.page, pageCount: Math.max(1, Math.ceil(total / CONTACT_PAGE_SIZE)), company: companies[0] ?? null };
}

const EXPORT_HEADER = ["First name", "Last name", "Email", "Phone", "Role", "LinkedIn", "Primary", "Company", "Company domain", "Created"];

export async function exportContactsCsv(db: Db, f: ContactListFilters) {
  const rows = await contactRows(db, f, EXPORT_CAP + 1, 0).execute();
  const truncated = rows.length > EXPORT_CAP;
  const body = toCsv(
    EXPORT_HEADER,
    rows.slice(0, EXPORT_CAP).map((r) => [
      r.first_name, r.last_name, r.email, r.phone, r.role, r.linkedin_url, r.is_primary ? "yes" : "no", r.company_name, r.company_domain, r.created_at,
    ]),
  );
  return { body, truncated };
}

// ---------------------------------------------------------------------------------------------
// Detail

function contactRecord(db: Db, id: string) {
  return db.query
    .selectFrom("contacts")
    .leftJoin("companies", "companies.id", "contacts.company_id")
    .leftJoin("people as am", "am.id", "companies.account_manager_id")
    .leftJoin("users as creator", "creator.id", "contacts.created_by")
    .selectAll("contacts")
    .select([
      contactName("contacts").as("name"), "companies.name as company_name", "companies.domain as company_domain",
      "companies.account_manager_id", personName("am").as("account_manager_name"), "creator.name as created_by_name",
    ])
    .where("contacts.id", "=", id);
}

export const CONTACT_TAB_PAGE_SIZE = 25;

/**
 * Everything the contact page shows for one tab, in ONE batch. Relationship data (profile,
 * reminders, relationship tabs) only with the relationships tool's VIEW grant. Null when the
 * contact does not exist.
 */
export async function loadContactPage(
  db: Db,
  viewer: Viewer,
  id: string,
  requested: ContactTab,
  options: { page?: number; before?: string | null } = {},
) {
  const relationships = can(viewer, "relationships", "view");
  const emailsAllowed = can(viewer, "emails", "view");
  const meetingsAllowed = can(viewer, "meetings", "view");
  const tab: ContactTab =
    (!relationships && RELATIONSHIP_TABS.includes(requested)) || (!emailsAllowed && requested === "emails") || (!meetingsAllowed && requested === "meetings")
      ? "overview"
      : requested;
  const page = Math.max(1, options.page ?? 1);
  const none = db.query.selectFrom("contacts").select("id").where(sql<SqlBool>`0`);
  const base = [
    contactRecord(db, id),
    relationships ? profileQuery(db, id) : none,
    relationships ? contactAutoActionsQuery(db, id) : none,
  ] as const;
  const empty = {
    communications: [], total: 0, lifeEvents: [], partners: [], messages: [], notes: [], mentionables: [], history: [],
    timeline: { rows: [], next: null as string | null },
    emails: [] as Awaited<ReturnType<ReturnType<typeof contactEmailsQuery>["execute"]>>,
    inboundEmails: [] as Awaited<ReturnType<ReturnType<typeof contactInboundQuery>["execute"]>>,
    meetings: [] as Awaited<ReturnType<ReturnType<typeof meetingsForRecordQuery>["execute"]>>,
    moreMeetings: false,
  };
  const shape = (records: unknown[], profiles: unknown[], actions: unknown[]) => ({
    contact: records[0] as Awaited<ReturnType<ReturnType<typeof contactRecord>["executeTakeFirstOrThrow"]>>,
    profile: (relationships ? profiles[0] ?? null : null) as Awaited<ReturnType<ReturnType<typeof profileQuery>["executeTakeFirst"]>> | null,
    autoActions: (relationships ? actions : []) as Awaited<ReturnType<ReturnType<typeof contactAutoActionsQuery>["execute"]>>,
    relationships,
    emailsAllowed,
    meetingsAllowed,
    tab,
    page,
  });

  switch (tab) {
    case "communications": {
      const [r, p, a, communications, counts] = await batch(db, [
        ...base, communicationsQuery(db, id, CONTACT_TAB_PAGE_SIZE, (page - 1) * CONTACT_TAB_PAGE_SIZE), communicationsCountQuery(db, id),
      ]);
      if (!r[0]) return null;
      return { ...shape(r, p, a), ...empty, communications, total: Number(counts[0]?.n ?? 0) };
    }
    case "life-events": {
      const [r, p, a, lifeEvents] = await batch(db, [...base, lifeEventsQuery(db, id)]);
      if (!r[0]) return null;
      return { ...shape(r, p, a), ...empty, lifeEvents };
    }
    case "partners": {
      const [r, p, a, partners] = await batch(db, [...base, partnersQuery(db, id)]);
      if (!r[0]) return null;
      return { ...shape(r, p, a), ...empty, partners };
    }
    case "messages": {
      const [r, p, a, messages] = await batch(db, [...base, messagesQuery(db, id)]);
      if (!r[0]) return null;
      return { ...shape(r, p, a), ...empty, messages };
    }
    case "notes": {
      const [r, p, a, notes, mentionables] = await batch(db, [...base, notesQuery(db, viewer, "contact", id), mentionableUsersQuery(db)]);
      if (!r[0]) return null;
      return { ...shape(r, p, a), ...empty, notes, mentionables: mentionables.filter((u) => u.id !== viewer.userId) };
    }
    case "history": {
      const [r, p, a, history] = await batch(db, [...base, historyFor(db, "contact", id)]);
      if (!r[0]) return null;
      return { ...shape(r, p, a), ...empty, history };
    }
    case "timeline": {
      const [r, p, a, rows] = await batch(db, [...base, timelineQuery(db, viewer, { type: "contact", id }, { before: options.before })]);
      if (!r[0]) return null;
      return { ...shape(r, p, a), ...empty, timeline: timelinePage(rows, TIMELINE_PAGE_SIZE) };
    }
    case "emails": {
      const [r, p, a, emails, inboundEmails] = await batch(db, [...base, contactEmailsQuery(db, viewer, id), contactInboundQuery(db, id)]);
      if (!r[0]) return null;
      return { ...shape(r, p, a), ...empty, emails, inboundEmails };
    }
    case "meetings": {
      const [r, p, a, meetings] = await batch(db, [
        ...base, meetingsForRecordQuery(db, viewer, { contactId: id }, { limit: CONTACT_TAB_PAGE_SIZE, offset: (page - 1) * CONTACT_TAB_PAGE_SIZE }),
      ]);
      if (!r[0]) return null;
      return { ...shape(r, p, a), ...empty, meetings: meetings.slice(0, CONTACT_TAB_PAGE_SIZE), moreMeetings: meetings.length > CONTACT_TAB_PAGE_SIZE };
    }
    case "relationship": {
      const [r, p, a] = await batch(db, base);
      if (!r[0]) return null;
      return { ...shape(r, p, a), ...empty };
    }
    default: {
      const [r, p, a, communications, lifeEvents] = await batch(db, [
        ...base, communicationsQuery(db, id, 5), relationships ? lifeEventsQuery(db, id, 3) : lifeEventsQuery(db, "", 0),
      ]);
      if (!r[0]) return null;
      return { ...shape(r, p, a), ...empty, communications, lifeEvents };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Form choices and writes

/** Companies to choose from (bounded), the current one always included. */
export async function loadContactForm(db: Db, id: string | null, companyId: string | null) {
  const [records, companies] = await batch(db, [
    contactRecord(db, id ?? ""),
    db.query
      .selectFrom("companies")
      .select(["id", "name", "domain"])
      .orderBy(sql`id = ${companyId ?? ""}`, "desc")
      .orderBy("name")
      .limit(1000),
  ]);
  return { contact: records[0] ?? null, companies: companies.sort((a, b) => a.name.localeCompare(b.name)) };
}

export type WriteResult = { ok: true; id: string } | { ok: false; errors: FieldErrors; status?: number };

function row(input: ContactInput) {
  return {
    first_name: input.first_name, last_name: input.last_name, email: input.email, phone: input.phone, role: input.role,
    pronunciation: input.pronunciation, linkedin_url: input.linkedin_url, company_id: input.company_id, is_primary: input.is_primary,
  };
}

async function checkContact(db: Db, id: string | null, input: ContactInput) {
  const [existing, emails, companies] = await batch(db, [
    db.query.selectFrom("contacts").selectAll().where("id", "=", id ?? ""),
    db.query.selectFrom("contacts").select("id").where("email", "=", input.email ?? "").where("id", "<>", id ?? "").limit(1),
    db.query.selectFrom("companies").select("id").where("id", "=", input.company_id ?? ""),
  ]);
  const errors: FieldErrors = {};
  if (input.email && emails.length) errors.email = EMAIL_TAKEN;
  if (input.company_id && !companies.length) errors.company_id = "Choose an existing company";
  return { existing: existing[0] ?? null, errors };
}

/**
 * Statements that make `id` the only primary contact of `companyId`: history rows for the
 * contacts losing the flag, then the clearing update (put BEFORE the insert/update that sets it).
 */
function clearOtherPrimaries(db: Db, viewer: Viewer, companyId: string, id: string) {
  const now = nowIso();
  return [
    db.query
      .insertInto("history")
      .columns(["id", "resource_type", "resource_id", "actor_id", "action", "details", "created_at"])
      .expression(
        db.query
          .selectFrom("contacts")
          .select([
            sql<string>`lower(hex(randomblob(16)))`.as("id"), sql<string>`'contact'`.as("resource_type"), "contacts.id as resource_id",
            sql<string>`${viewer.userId}`.as("actor_id"), sql<string>`'updated'`.as("action"),
            sql<string>`${JSON.stringify({ changes: { is_primary: { from: 1, to: 0 } }, reason: "another contact became primary" })}`.as("details"),
            sql<string>`${now}`.as("created_at"),
          ])
          .where("company_id", "=", companyId)
          .where("is_primary", "=", 1)
          .where("id", "<>", id),
      ),
    db.query.updateTable("contacts").set({ is_primary: 0, updated_at: now }).where("company_id", "=", companyId).where("is_primary", "=", 1).where("id", "<>", id),
  ];
}

function raceErrors(error: unknown): FieldErrors | null {
  const c = constraintOf(error);
  if (c.kind === "unique" && c.target === "contacts.email") return { email: EMAIL_TAKEN };
  if (c.kind === "unique" && c.target === "contacts.company_id") return { is_primary: "Another contact became primary at the same time. Try again." };
  if (c.kind === "foreign_key") return { company_id: "Choose an existing company" };
  return null;
}

export async function createContact(db: Db, viewer: Viewer, input: ContactInput): Promise<WriteResult> {
  const { errors } = await checkContact(db, null, input);
  if (Object.keys(errors).length) return { ok: false, errors };
  const id = newId();
  const now = nowIso();
  const values = row(input);
  try {
    await batch(db, [
      ...(values.is_primary && values.company_id ? clearOtherPrimaries(db, viewer, values.company_id, id) : []),
      db.query.insertInto("contacts").values({ id, ...values, created_by: viewer.userId, created_at: now, updated_at: now }),
      historyEntry(db, { actorId: viewer.userId, resourceType: "contact", resourceId: id, action: "created", changes: diffFields({}, values) }),
    ]);
  } catch (error) {
    const mapped = raceErrors(error);
    if (mapped) return { ok: false, errors: mapped };
    throw error;
  }
  return { ok: true, id };
}

export async function updateContact(db: Db, viewer: Viewer, id: string, input: ContactInput): Promise<WriteResult | null> {
  const { existing, errors } = await checkContact(db, id, input);
  if (!existing) return null;
  if (Object.keys(errors).length) return { ok: false, errors };
  const values = row(input);
  const changes = diffFields(existing as Record<string, unknown>, values);
  if (Object.keys(changes).length === 0) return { ok: true, id };
  const changed = Object.fromEntries(Object.keys(changes).map((k) => [k, values[k as keyof typeof values]]));
  try {
    await batch(db, [
      ...(values.is_primary && values.company_id ? clearOtherPrimaries(db, viewer, values.company_id, id) : []),
      db.query.updateTable("contacts").set({ ...changed, updated_at: nowIso() }).where("id", "=", id),
      historyEntry(db, { actorId: viewer.userId, resourceType: "contact", resourceId: id, action: "updated", changes }),
    ]);
  } catch (error) {
    const mapped = raceErrors(error);
    if (mapped) return { ok: false, errors: mapped };
    throw error;
  }
  return { ok: true, id };
}

/**
 * Deletes a contact with a history snapshot; its communications, relationship profile, life
 * events, partner links, reminders and drafts go with it (ON DELETE CASCADE), and its open
 * action-centre reminders are removed in the same batch.
 */
export async function deleteContact(db: Db, viewer: Viewer, id: string): Promise<WriteResult | null> {
  const existing = await db.query.selectFrom("contacts").selectAll().where("id", "=", id).executeTakeFirst();
  if (!existing) return null;
  const snapshot = Object.fromEntries(CONTACT_FIELDS.map((k) => [k, existing[k] ?? null]));
  try {
    await batch(db, [
      historyEntry(db, { actorId: viewer.userId, resourceType: "contact", resourceId: id, action: "deleted", changes: diffFields(snapshot, Object.fromEntries(CONTACT_FIELDS.map((k) => [k, null]))) }),
      actionItemHistory(db, viewer.userId, { contactId: id }, "deleted", { reason: "contact deleted" }),
      db.query
        .deleteFrom("action_items")
        .where("source_module", "=", AUTO_ACTION_SOURCE)
        .where("contact_id", "=", id)
        .where("is_completed", "=", 0),
      db.query.deleteFrom("contacts").where("id", "=", id),
    ]);
  } catch (error) {
    if (constraintOf(error).kind === "foreign_key") {
      return { ok: false, status: 409, errors: { form: "Other records (deals or portal access) still point at this contact. Remove them first." } };
    }
    throw error;
  }
  return { ok: true, id };
}
