// The development mailbox: every message the app "sent" (mail_outbox), newest first. Only
// reachable where DEV_LOGIN=true (the routes check); message bodies carry live tokens.
import { sql } from "kysely";
import type { Db } from "~/platform/db.server";
import { isDevLoginEnabled, type Env } from "~/platform/env.server";

export const MAILBOX_PAGE_SIZE = 25;
export const MAILBOX_JSON_LIMIT = 50;

function messages(db: Db, to: string | undefined) {
  return db.query
    .selectFrom("mail_outbox")
    .select(["id", "to_address", "subject", "text_body", "status", "error", "created_at"])
    .$if(Boolean(to), (q) => q.where("to_address", "=", to!.trim().toLowerCase()))
    .orderBy("created_at", "desc")
    // rowid breaks ties within a second: insertion order.
    .orderBy(sql`mail_outbox.rowid`, "desc");
}

export async function listMailbox(db: Db, options: { to?: string; page: number }) {
  const rows = await messages(db, options.to)
    .limit(MAILBOX_PAGE_SIZE + 1)
    .offset((options.page - 1) * MAILBOX_PAGE_SIZE)
    .execute();
  return { rows: rows.slice(0, MAILBOX_PAGE_SIZE), hasNext: rows.length > MAILBOX_PAGE_SIZE, page: options.page };
}

/** The JSON shape tests read: newest first, at most 50. */
export async function mailboxJson(db: Db, options: { to?: string }) {
  const rows = await messages(db, options.to).limit(MAILBOX_JSON_LIMIT).execute();
  return rows.map(({ id, to_address, subject, text_body, created_at }) => ({ id, to_address, subject, text_body, created_at }));
}

/** The development tools exist only where DEV_LOGIN=true; elsewhere they are a plain 404. */
export function assertDevToolsEnabled(env: Env) {
  if (!isDevLoginEnabled(env)) throw new Response("Not found", { status: 404 });
}
