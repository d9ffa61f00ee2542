// Reading stored email: the thread list (one row per mailbox thread — its newest message —
// newest first, searchable by subject/sender, filterable by company, paginated), one thread's
// messages, and the per-company / per-contact lists for the CRM tabs. Scoped in SQL.
import { sql, type SqlBool } from "kysely";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { contains } from "~/platform/like";
import type { Viewer } from "~/platform/session.server";
import { THREAD_PAGE_SIZE, type ThreadFilters } from "./schemas";
import { emailInScope, type EmailViewer } from "./scope.server";

const threadCompanies = sql<string | null>`(select group_concat(distinct c.name) from email_contacts ec
  join emails m on m.id = ec.email_id join companies c on c.id = ec.company_id
  where m.user_id = e.user_id and m.gmail_thread_id = e.gmail_thread_id)`;

function threadListBase(db: Db, viewer: EmailViewer, f: ThreadFilters) {
  let q = db.query
    .selectFrom("emails as e")
    .where("e.is_thread_head", "=", 1)
    .where(emailInScope("e.user_id", viewer));
  if (f.q) {
    const term = f.q;
    q = q.where((eb) => eb.or([eb("e.subject", "like", contains(term)), eb("e.from_address", "like", contains(term)), eb("e.from_name", "like", contains(term))]));
  }
  if (f.company) {
    q = q.where(sql<SqlBool>`exists (select 1 from email_contacts ec join emails m on m.id = ec.email_id
      where ec.company_id = ${f.company} and m.user_id = e.user_id and m.gmail_thread_id = e.gmail_thread_id)`);
  }
  return q;
}

function connectionQuery(db: Db, userId: string) {
  return db.query
    .selectFrom("user_connections")
    .select(["status", "account_email"])
    .where("user_id", "=", userId)
    .where("provider", "=", "google");
}

/** The /emails page in ONE batch: threads, total, the viewer's sync state and connection, companies to filter by. */
export async function loadThreadList(db: Db, viewer: Viewer, f: ThreadFilters) {
  const page = f.page ?? 1;
  const [threads, counts, states, connections, companies] = await batch(db, [
    threadListBase(db, viewer, f)
      .leftJoin("users as u", "u.id", "e.user_id")
      .select([
        "e.id", "e.gmail_thread_id", "e.subject", "e.from_address", "e.from_name", "e.snippet", "e.sent_at", "e.direction",
        "u.name as mailbox_name",
        sql<number>`(select count(*) from emails m where m.user_id = e.user_id and m.gmail_thread_id = e.gmail_thread_id)`.as("message_count"),
        threadCompanies.as("companies"),
      ])
      .orderBy("e.sent_at", "desc")
      .orderBy("e.id", "desc")
      .limit(THREAD_PAGE_SIZE)
      .offset((page - 1) * THREAD_PAGE_SIZE),
    threadListBase(db, viewer, f).select((eb) => eb.fn.countAll<number>().as("n")),
    db.query.selectFrom("email_sync_state").select(["status", "last_synced_at", "last_attempt_at", "last_error", "stored_count", "skipped_count", "mode", "mailbox"]).where("user_id", "=", viewer.userId),
    connectionQuery(db, viewer.userId),
    db.query
      .selectFrom("companies")
      .select(["id", "name"])
      .where(sql<SqlBool>`exists (select 1 from email_contacts ec where ec.company_id = companies.id)`)
      .orderBy("name")
      .limit(300),
  ]);
  const connection = connections[0];
  return {
    threads,
    total: Number(counts[0]?.n ?? 0),
    page,
    sync: states[0] ?? null,
    connected: Boolean(connection && connection.status !== "disconnected"),
    companies,
  };
}

/** One thread's messages (scoped), its matched contacts and companies, and whether the viewer can send. Null when out of scope. */
export async function loadThread(db: Db, viewer: Viewer, gmailThreadId: string) {
  const [messages, matches, connections] = await batch(db, [
    db.query
      .selectFrom("emails as e")
      .leftJoin("users as u", "u.id", "e.user_id")
      .select([
        "e.id", "e.user_id", "e.gmail_thread_id", "e.subject", "e.from_address", "e.from_name", "e.to_addresses", "e.cc_addresses",
        "e.body_text", "e.sent_at", "e.direction", "e.source", "u.name as mailbox_name",
      ])
      .where("e.gmail_thread_id", "=", gmailThreadId)
      .where(emailInScope("e.user_id", viewer))
      .orderBy("e.sent_at", "asc")
      .orderBy("e.id", "asc")
      .limit(200),
    db.query
      .selectFrom("email_contacts as ec")
      .innerJoin("emails as e", "e.id", "ec.email_id")
      .leftJoin("contacts as c", "c.id", "ec.contact_id")
      .leftJoin("companies as co", "co.id", "ec.company_id")
      .select(["ec.contact_id", sql<string | null>`trim(c.first_name || ' ' || c.last_name)`.as("contact_name"), "ec.address", "ec.company_id", "co.name as company_name"])
      .distinct()
      .where("e.gmail_thread_id", "=", gmailThreadId)
      .where(emailInScope("e.user_id", viewer))
      .where("ec.contact_id", "is not", null)
      .limit(50),
    connectionQuery(db, viewer.userId),
  ]);
  if (!messages.length) return null;
  const connection = connections[0];
  return { messages, matches, connected: Boolean(connection && connection.status !== "disconnected") };
}

export const EMAIL_TAB_LIMIT = 25;

/** Stored emails with a company (any participant at the company), scoped; for the company Emails tab. */
export function companyEmailsQuery(db: Db, viewer: EmailViewer, companyId: string, limit = EMAIL_TAB_LIMIT) {
  return db.query
    .selectFrom("emails as e")
    .select(["e.id", "e.gmail_thread_id", "e.subject", "e.from_address", "e.from_name", "e.to_addresses", "e.snippet", "e.sent_at", "e.direction"])
    .where(sql<SqlBool>`e.id in (select email_id from email_contacts where company_id = ${companyId})`)
    .where(emailInScope("e.user_id", viewer))
    .orderBy("e.sent_at", "desc")
    .orderBy("e.id", "desc")
    .limit(limit);
}

export function contactEmailsQuery(db: Db, viewer: EmailViewer, contactId: string, limit = EMAIL_TAB_LIMIT) {
  return db.query
    .selectFrom("emails as e")
    .select(["e.id", "e.gmail_thread_id", "e.subject", "e.from_address", "e.from_name", "e.to_addresses", "e.snippet", "e.sent_at", "e.direction"])
    .where(sql<SqlBool>`e.id in (select email_id from email_contacts where contact_id = ${contactId})`)
    .where(emailInScope("e.user_id", viewer))
    .orderBy("e.sent_at", "desc")
    .orderBy("e.id", "desc")
    .limit(limit);
}

/** Inbound (webhook) emails matched to a company or contact; agency-wide like the record itself. */
function inboundQuery(db: Db, column: "i.company_id" | "i.contact_id", id: string, limit: number) {
  return db.query
    .selectFrom("inbound_emails as i")
    .select(["i.id", "i.subject", "i.from_address", "i.from_name", "i.received_at", "i.status", "i.matched_by", "i.task_id"])
    .where(column, "=", id)
    .orderBy("i.received_at", "desc")
    .orderBy("i.id", "desc")
    .limit(limit);
}

export const companyInboundQuery = (db: Db, companyId: string, limit = EMAIL_TAB_LIMIT) => inboundQuery(db, "i.company_id", companyId, limit);
export const contactInboundQuery = (db: Db, contactId: string, limit = EMAIL_TAB_LIMIT) => inboundQuery(db, "i.contact_id", contactId, limit);

export type InboundTabRow = Awaited<ReturnType<ReturnType<typeof companyInboundQuery>["execute"]>>[number];
