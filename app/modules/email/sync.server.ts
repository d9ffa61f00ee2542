// Gmail sync of the viewer's own mailbox (ORIGINAL §8.6):
// - the first sync lists the last 90 days (q=newer_than:90d) and remembers the mailbox's
//   historyId; later syncs read only the history since that id; when Gmail says the id is too
//   old (HTTP 404) the sync falls back to a full 90-day sync;
// - each touched thread is fetched whole, and stored ONLY when at least one participant of the
//   thread is a known contact (contacts.email) — every other thread is skipped and counted, so
//   personal mail is never stored;
// - writes go in batches of whole threads (each email, its participants, the thread head); the
//   cursor, the status and counts in email_sync_state and a history row come last.
import {
  addresses, displayName, gmailGetThread, gmailListHistory, gmailListMessages, gmailProfile, header, messageText,
  type GmailMessage,
} from "~/integrations/gmail.server";
import { IntegrationError } from "~/integrations/request.server";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import type { Viewer } from "~/platform/session.server";
import { mailboxError, NoGoogleConnection, openMailbox, type Mailbox } from "./mailbox.server";
import { emailInserts, lookupForStore, participants, threadHeadUpdate, type ParsedEmail } from "./store.server";

export const FIRST_SYNC_QUERY = "newer_than:90d";
/** Upper bounds per run (Workers' subrequest budget); the rest waits for the next sync. */
const MAX_LIST_PAGES = 20;
const MAX_THREADS = 200;
const STATEMENTS_PER_BATCH = 80;

export type SyncResult =
  | { ok: true; mode: "full" | "incremental"; stored: number; skipped: number; threads: number }
  | { ok: false; error: string; noConnection?: boolean };

/** A Gmail message as an email row (null for drafts and messages without a sender). */
export function parseGmailMessage(m: GmailMessage, mailbox: string | null): ParsedEmail | null {
  const labels = m.labelIds ?? [];
  if (labels.includes("DRAFT")) return null;
  const fromHeader = header(m.payload, "From");
  const from = addresses(fromHeader)[0];
  if (!from) return null;
  const internal = Number(m.internalDate);
  const dateHeader = header(m.payload, "Date");
  const sent = Number.isFinite(internal) && internal > 0 ? new Date(internal) : dateHeader ? new Date(dateHeader) : new Date();
  const outbound = labels.includes("SENT") || (mailbox !== null && from === mailbox);
  return {
    gmailMessageId: m.id,
    gmailThreadId: m.threadId,
    rfcMessageId: header(m.payload, "Message-ID") ?? header(m.payload, "Message-Id"),
    inReplyTo: header(m.payload, "In-Reply-To"),
    references: header(m.payload, "References"),
    direction: outbound ? "outbound" : "inbound",
    source: "sync",
    from,
    fromName: displayName(fromHeader),
    to: addresses(header(m.payload, "To")),
    cc: addresses(header(m.payload, "Cc")),
    subject: header(m.payload, "Subject") ?? "",
    snippet: m.snippet ?? null,
    text: messageText(m),
    sentAt: nowIso(Number.isNaN(sent.getTime()) ? new Date() : sent),
  };
}

async function fullThreadIds(context: AppLoadContext, mailbox: Mailbox) {
  const profile = await mailbox.call((t) => gmailProfile(context.env, t));
  const ids = new Set<string>();
  let pageToken: string | null = null;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const result = await mailbox.call((t) => gmailListMessages(context.env, t, FIRST_SYNC_QUERY, pageToken));
    for (const m of result.messages) ids.add(m.threadId);
    pageToken = result.nextPageToken;
    if (!pageToken) break;
  }
  return { ids, historyId: profile.historyId, account: profile.emailAddress?.toLowerCase() ?? null };
}

async function incrementalThreadIds(context: AppLoadContext, mailbox: Mailbox, startHistoryId: string) {
  const ids = new Set<string>();
  let pageToken: string | null = null;
  let historyId: string | null = startHistoryId;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const result = await mailbox.call((t) => gmailListHistory(context.env, t, startHistoryId, pageToken));
    for (const m of result.added) ids.add(m.threadId);
    historyId = result.historyId ?? historyId;
    pageToken = result.nextPageToken;
    if (!pageToken) break;
  }
  return { ids, historyId };
}

/** Syncs the viewer's mailbox now. Never throws for Gmail failures: they are recorded and returned. */
export async function syncMailbox(context: AppLoadContext, viewer: Pick<Viewer, "userId">): Promise<SyncResult> {
  const { db } = context;
  const userId = viewer.userId;
  const state = await db.query.selectFrom("email_sync_state").selectAll().where("user_id", "=", userId).executeTakeFirst();
  const stateId = state?.id ?? newId();
  let mailbox: Mailbox | null = null;
  try {
    mailbox = await openMailbox(context, userId);
    const open = mailbox;
    let mode: "full" | "incremental" = "full";
    let ids: Set<string>;
    let historyId: string | null;
    let account = state?.mailbox ?? open.account;
    if (state?.history_id) {
      try {
        ({ ids, historyId } = await incrementalThreadIds(context, open, state.history_id));
        mode = "incremental";
      } catch (e) {
        if (!(e instanceof IntegrationError && e.status === 404)) throw e;
        const full = await fullThreadIds(context, open);
        ({ ids, historyId } = full);
        account = full.account ?? account;
      }
    } else {
      const full = await fullThreadIds(context, open);
      ({ ids, historyId } = full);
      account = full.account ?? account;
    }

    const threadIds = [...ids].slice(0, MAX_THREADS);
    const threads = [];
    for (let i = 0; i < threadIds.length; i += 5) {
      const group = threadIds.slice(i, i + 5);
      threads.push(...(await Promise.all(group.map((id) => open.call((t) => gmailGetThread(context.env, t, id))))));
    }
    const parsed = threads.map((t) => ({ id: t.id, emails: t.messages.map((m) => parseGmailMessage(m, account)).filter((e): e is ParsedEmail => e !== null) }));
    const allAddresses = parsed.flatMap((t) => t.emails.flatMap(participants));
    const allIds = parsed.flatMap((t) => t.emails.map((e) => e.gmailMessageId));
    const { contacts, existing } = await lookupForStore(db, userId, allAddresses, allIds);

    let stored = 0;
    let skipped = 0;
    let pending: Parameters<typeof batch>[1][number][] = [];
    for (const thread of parsed) {
      const known = thread.emails.some((e) => participants(e).some((a) => contacts.has(a.toLowerCase())));
      if (!known) {
        skipped++;
        continue;
      }
      const fresh = thread.emails.filter((e) => !existing.has(e.gmailMessageId));
      if (!fresh.length) continue;
      for (const e of fresh) pending.push(...emailInserts(db, userId, e, contacts).statements);
      pending.push(threadHeadUpdate(db, userId, thread.id));
      stored += fresh.length;
      if (pending.length >= STATEMENTS_PER_BATCH) {
        await batch(db, pending);
        pending = [];
      }
    }
    const now = nowIso();
    const counts = { stored_count: stored, skipped_count: skipped, mode };
    await batch(db, [
      ...pending,
      db.query
        .insertInto("email_sync_state")
        .values({ id: stateId, user_id: userId, mailbox: account, history_id: historyId, status: "succeeded", last_synced_at: now, last_attempt_at: now, last_error: null, ...counts, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column("user_id").doUpdateSet({ mailbox: account, history_id: historyId, status: "succeeded", last_synced_at: now, last_attempt_at: now, last_error: null, ...counts, updated_at: now })),
      historyEntry(db, { actorId: userId, resourceType: "email_sync", resourceId: stateId, action: "synced", details: { mode, stored, skipped, threads: threadIds.length } }),
    ]);
    return { ok: true, mode, stored, skipped, threads: threadIds.length };
  } catch (e) {
    const error = mailboxError(e, mailbox);
    if (e instanceof NoGoogleConnection) return { ok: false, error, noConnection: true };
    const now = nowIso();
    await batch(db, [
      db.query
        .insertInto("email_sync_state")
        .values({ id: stateId, user_id: userId, status: "failed", last_attempt_at: now, last_error: error, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column("user_id").doUpdateSet({ status: "failed", last_attempt_at: now, last_error: error, updated_at: now })),
      historyEntry(db, { actorId: userId, resourceType: "email_sync", resourceId: stateId, action: "sync_failed", details: { error } }),
    ]);
    return { ok: false, error };
  }
}
