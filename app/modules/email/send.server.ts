// Compose (to a contact) and reply (on a thread) through the viewer's own Gmail: the message is
// sent with messages.send (a reply carries In-Reply-To / References and, when the thread is in
// the viewer's own mailbox, its threadId), then stored with its participants, the thread head
// and a history row in ONE batch. Nothing is stored when Gmail refuses.
import { sql } from "kysely";
import { buildRawMessage, gmailSend } from "~/integrations/gmail.server";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Db } from "~/platform/db.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import type { Viewer } from "~/platform/session.server";
import { mailboxError, NoGoogleConnection, openMailbox, type Mailbox } from "./mailbox.server";
import type { ComposeInput, ReplyInput } from "./schemas";
import { emailInScope } from "./scope.server";
import { emailInserts, threadHeadUpdate, type KnownContact, type ParsedEmail } from "./store.server";

export type SendResult =
  | { ok: true; threadId: string; emailId: string }
  | { ok: false; kind: "not_found" }
  | { ok: false; kind: "invalid"; errors: Record<string, string> }
  | { ok: false; kind: "failed"; error: string; noConnection?: boolean };

/** Contacts with an email address to write to (first 500 by name) and the viewer's connection. */
export async function loadCompose(db: Db, viewer: Viewer) {
  const [contacts, connections] = await batch(db, [
    db.query
      .selectFrom("contacts as c")
      .leftJoin("companies as co", "co.id", "c.company_id")
      .select(["c.id", sql<string>`trim(c.first_name || ' ' || c.last_name)`.as("name"), "c.email", "co.name as company_name"])
      .where("c.email", "is not", null)
      .orderBy("c.first_name")
      .orderBy("c.last_name")
      .limit(500),
    db.query.selectFrom("user_connections").select(["status"]).where("user_id", "=", viewer.userId).where("provider", "=", "google"),
  ]);
  return { contacts, connected: Boolean(connections[0] && connections[0].status !== "disconnected") };
}

async function sendAndStore(
  context: AppLoadContext,
  viewer: Viewer,
  message: { to: string[]; subject: string; text: string; inReplyTo: string | null; references: string | null; threadId: string | null },
  contacts: Map<string, KnownContact>,
): Promise<SendResult> {
  let mailbox: Mailbox | null = null;
  const rfcMessageId = `<${newId()}@nucleus.local>`;
  let sent: { id: string; threadId: string };
  try {
    mailbox = await openMailbox(context, viewer.userId);
    const open = mailbox;
    const from = open.account ?? viewer.email;
    const raw = buildRawMessage({ from, to: message.to, subject: message.subject, text: message.text, inReplyTo: message.inReplyTo, references: message.references, messageId: rfcMessageId });
    sent = await open.call((t) => gmailSend(context.env, t, raw, message.threadId));
  } catch (e) {
    return { ok: false, kind: "failed", error: mailboxError(e, mailbox), noConnection: e instanceof NoGoogleConnection };
  }
  const { db } = context;
  const email: ParsedEmail = {
    gmailMessageId: sent.id, gmailThreadId: sent.threadId, rfcMessageId, inReplyTo: message.inReplyTo, references: message.references,
    direction: "outbound", source: "sent", from: (mailbox.account ?? viewer.email).toLowerCase(), fromName: viewer.name,
    to: message.to, cc: [], subject: message.subject, snippet: message.text.slice(0, 200), text: message.text, sentAt: nowIso(),
  };
  const { id, statements } = emailInserts(db, viewer.userId, email, contacts);
  await batch(db, [
    ...statements,
    threadHeadUpdate(db, viewer.userId, sent.threadId),
    historyEntry(db, { actorId: viewer.userId, resourceType: "email", resourceId: id, action: message.inReplyTo ? "replied" : "sent", details: { to: message.to, subject: message.subject } }),
  ]);
  return { ok: true, threadId: sent.threadId, emailId: id };
}

export async function composeEmail(context: AppLoadContext, viewer: Viewer, input: ComposeInput): Promise<SendResult> {
  const contact = await context.db.query
    .selectFrom("contacts")
    .select(["id", "email", "company_id"])
    .where("id", "=", input.contactId)
    .executeTakeFirst();
  if (!contact) return { ok: false, kind: "invalid", errors: { contactId: "Choose a contact" } };
  if (!contact.email) return { ok: false, kind: "invalid", errors: { contactId: "This contact has no email address" } };
  const known = new Map([[contact.email.toLowerCase(), { id: contact.id, email: contact.email, company_id: contact.company_id }]]);
  return sendAndStore(context, viewer, { to: [contact.email.toLowerCase()], subject: input.subject, text: input.body, inReplyTo: null, references: null, threadId: null }, known);
}

/** Replies to the newest message of a thread the viewer can see (404 otherwise). */
export async function replyToThread(context: AppLoadContext, viewer: Viewer, gmailThreadId: string, input: ReplyInput): Promise<SendResult> {
  const { db } = context;
  const last = await db.query
    .selectFrom("emails as e")
    .select(["e.user_id", "e.gmail_thread_id", "e.subject", "e.from_address", "e.to_addresses", "e.direction", "e.rfc_message_id", "e.references_header"])
    .where("e.gmail_thread_id", "=", gmailThreadId)
    .where(emailInScope("e.user_id", viewer))
    .orderBy("e.sent_at", "desc")
    .orderBy("e.id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!last) return { ok: false, kind: "not_found" };
  const to = last.direction === "inbound" ? [last.from_address.toLowerCase()] : last.to_addresses.split(",").map((a) => a.trim().toLowerCase()).filter(Boolean);
  if (!to.length) return { ok: false, kind: "invalid", errors: { body: "This thread has no one to reply to" } };
  const contactRows = await db.query.selectFrom("contacts").select(["id", "email", "company_id"]).where("email", "in", to.slice(0, 50)).execute();
  const contacts = new Map(contactRows.filter((c) => c.email).map((c) => [c.email!.toLowerCase(), { id: c.id, email: c.email!, company_id: c.company_id }]));
  const subject = /^re:/i.test(last.subject) ? last.subject : `Re: ${last.subject}`.trim();
  const references = [last.references_header, last.rfc_message_id].filter(Boolean).join(" ").trim() || null;
  return sendAndStore(
    context,
    viewer,
    { to, subject: subject.slice(0, 200), text: input.body, inReplyTo: last.rfc_message_id, references, threadId: last.user_id === viewer.userId ? last.gmail_thread_id : null },
    contacts,
  );
}
