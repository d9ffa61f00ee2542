import { z } from "zod";
import { notFound } from "~/platform/access.server";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { nowIso } from "~/platform/ids";
import type { Viewer } from "~/platform/session.server";
import { inboxUrl, type InboxQuery } from "./shared";

export { inboxUrl };

export const INBOX_PAGE_SIZE = 25;
/** Offset pagination stays bounded: 400 pages × 25 = the latest 10,000 notifications. */
export const INBOX_MAX_PAGE = 400;

export const inboxQuerySchema = z.object({
  filter: z.enum(["unread", "all"]).catch("all" as const),
  page: z.coerce.number().int().min(1).max(INBOX_MAX_PAGE).catch(1),
});

export function inboxQuery(url: URL): InboxQuery {
  return inboxQuerySchema.parse({ filter: url.searchParams.get("filter") ?? undefined, page: url.searchParams.get("page") ?? undefined });
}

/** One page of the viewer's inbox (newest first; dismissed ones hidden), ONE query. */
export async function loadInbox(db: Db, viewer: Viewer, query: InboxQuery) {
  let list = db.query
    .selectFrom("notifications")
    .leftJoin("notification_types", "notification_types.key", "notifications.type")
    .select([
      "notifications.id", "notifications.type", "notifications.title", "notifications.body", "notifications.action_url",
      "notifications.read_at", "notifications.created_at", "notification_types.label as type_label",
    ])
    .where("notifications.user_id", "=", viewer.userId)
    .where("notifications.dismissed_at", "is", null);
  if (query.filter === "unread") list = list.where("notifications.read_at", "is", null);
  const [rows] = await batch(db, [
    list
      .orderBy("notifications.created_at", "desc")
      .orderBy("notifications.id", "desc")
      .limit(INBOX_PAGE_SIZE + 1)
      .offset((query.page - 1) * INBOX_PAGE_SIZE),
  ]);
  return {
    items: rows.slice(0, INBOX_PAGE_SIZE),
    hasNext: rows.length > INBOX_PAGE_SIZE,
    query,
    unread: viewer.unreadNotifications,
  };
}

export const inboxActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("read"), id: z.string().trim().min(1, "Choose a notification").max(100) }),
    z.object({ intent: z.literal("unread"), id: z.string().trim().min(1, "Choose a notification").max(100) }),
    z.object({ intent: z.literal("dismiss"), id: z.string().trim().min(1, "Choose a notification").max(100) }),
    z.object({ intent: z.literal("read_all") }),
  ],
  { errorMap: (issue, ctx) => (issue.code === "invalid_union_discriminator" ? { message: "Unknown action" } : { message: ctx.defaultError }) },
);
export type InboxAction = z.infer<typeof inboxActionSchema>;

/**
 * Marks the viewer's own notifications read/unread, dismisses one, or marks all read. A
 * notification of someone else is simply not found (404). Inbox housekeeping is not a business
 * record change, so no history row is written.
 */
export async function updateInbox(db: Db, viewer: Viewer, action: InboxAction) {
  const now = nowIso();
  const mine = db.query.updateTable("notifications").where("user_id", "=", viewer.userId);
  if (action.intent === "read_all") {
    await batch(db, [mine.set({ read_at: now }).where("read_at", "is", null).where("dismissed_at", "is", null)]);
    return;
  }
  const set =
    action.intent === "read" ? { read_at: now } :
    action.intent === "unread" ? { read_at: null } :
    { dismissed_at: now };
  const [changed] = await batch(db, [mine.set(set).where("id", "=", action.id).returning("id")]);
  if (changed.length === 0) notFound();
}
