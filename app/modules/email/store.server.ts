// Storing emails: resolving addresses to known contacts (chunked under D1's parameter limit, all
// chunks in ONE batch), the insert statements for an email and its participants, and the thread
// head flag (the newest message of each mailbox thread is the one the thread list shows).
import { sql } from "kysely";
import { batch, D1_MAX_PARAMS } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { newId, nowIso } from "~/platform/ids";

export interface KnownContact {
  id: string;
  email: string;
  company_id: string | null;
}

export interface ParsedEmail {
  gmailMessageId: string;
  gmailThreadId: string;
  rfcMessageId: string | null;
  inReplyTo: string | null;
  references: string | null;
  direction: "inbound" | "outbound";
  source: "sync" | "sent";
  from: string;
  fromName: string | null;
  to: string[];
  cc: string[];
  subject: string;
  snippet: string | null;
  text: string;
  sentAt: string;
}

const CHUNK = D1_MAX_PARAMS - 10;

function chunks<T>(items: readonly T[], size = CHUNK) {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Known contacts for these addresses and which Gmail message ids the user already stored:
 * one batch of chunked selects.
 */
export async function lookupForStore(db: Db, userId: string, addressList: readonly string[], gmailIds: readonly string[]) {
  const addressChunks = chunks([...new Set(addressList.map((a) => a.toLowerCase()))]);
  const idChunks = chunks([...new Set(gmailIds)]);
  const queries = [
    ...addressChunks.map((c) => db.query.selectFrom("contacts").select(["id", "email", "company_id"]).where("email", "in", c)),
    ...idChunks.map((c) => db.query.selectFrom("emails").select(["gmail_message_id as id", sql<string>`''`.as("email"), sql<string | null>`null`.as("company_id")]).where("user_id", "=", userId).where("gmail_message_id", "in", c)),
  ];
  const results = queries.length ? ((await batch(db, queries)) as unknown as KnownContact[][]) : [];
  const contacts = new Map<string, KnownContact>();
  for (const rows of results.slice(0, addressChunks.length)) for (const r of rows) if (r.email) contacts.set(r.email.toLowerCase(), r);
  const existing = new Set<string>();
  for (const rows of results.slice(addressChunks.length)) for (const r of rows) existing.add(r.id);
  return { contacts, existing };
}

export const participants = (e: Pick<ParsedEmail, "from" | "to" | "cc">) => [e.from, ...e.to, ...e.cc];

/** The contact an email is "with": the sender of an inbound email, else the first known recipient. */
export function primaryContact(e: ParsedEmail, contacts: Map<string, KnownContact>): KnownContact | null {
  const order = e.direction === "inbound" ? [e.from, ...e.to, ...e.cc] : [...e.to, ...e.cc, e.from];
  for (const address of order) {
    const found = contacts.get(address.toLowerCase());
    if (found) return found;
  }
  return null;
}

/** The insert statements for one email and its participants. */
export function emailInserts(db: Db, userId: string, e: ParsedEmail, contacts: Map<string, KnownContact>, id = newId()) {
  const now = nowIso();
  const primary = primaryContact(e, contacts);
  const roles: { address: string; role: "from" | "to" | "cc" }[] = [];
  const seen = new Set<string>();
  for (const [list, role] of [[[e.from], "from"], [e.to, "to"], [e.cc, "cc"]] as const) {
    for (const address of list) {
      const key = `${address.toLowerCase()}|${role}`;
      if (seen.has(key) || roles.length >= 50) continue;
      seen.add(key);
      roles.push({ address: address.toLowerCase(), role });
    }
  }
  const email = db.query.insertInto("emails").values({
    id, user_id: userId, gmail_message_id: e.gmailMessageId, gmail_thread_id: e.gmailThreadId,
    rfc_message_id: e.rfcMessageId, in_reply_to: e.inReplyTo, references_header: e.references,
    direction: e.direction, source: e.source, from_address: e.from.toLowerCase(), from_name: e.fromName,
    to_addresses: e.to.join(", ").slice(0, 4000), cc_addresses: e.cc.join(", ").slice(0, 4000),
    subject: e.subject.slice(0, 500), snippet: e.snippet?.slice(0, 300) ?? null, body_text: e.text.slice(0, 100_000),
    sent_at: e.sentAt, company_id: primary?.company_id ?? null, contact_id: primary?.id ?? null, is_thread_head: 0,
    created_at: now, updated_at: now,
  });
  // 7 values per participant row → at most 14 rows per statement.
  const participantInserts = chunks(roles, 14).map((rows) =>
    db.query.insertInto("email_contacts").values(
      rows.map((r) => {
        const contact = contacts.get(r.address) ?? null;
        return { id: newId(), email_id: id, address: r.address, role: r.role, contact_id: contact?.id ?? null, company_id: contact?.company_id ?? null, created_at: now };
      }),
    ),
  );
  return { id, statements: [email, ...participantInserts] };
}

/** Marks the newest message of a mailbox thread as its head (and the others not). */
export function threadHeadUpdate(db: Db, userId: string, gmailThreadId: string) {
  return db.query
    .updateTable("emails")
    .set({
      is_thread_head: sql<number>`case when emails.id = (select e2.id from emails e2 where e2.user_id = emails.user_id and e2.gmail_thread_id = emails.gmail_thread_id order by e2.sent_at desc, e2.id desc limit 1) then 1 else 0 end`,
    })
    .where("user_id", "=", userId)
    .where("gmail_thread_id", "=", gmailThreadId);
}
