import type { Db } from "./db.server";
import { newId, nowIso } from "./ids";

export interface NotificationInput {
  /** Recipients (user ids). */
  userIds: string[];
  type: string; // a notification_types.key
  title: string;
  body?: string | null;
  actionUrl?: string | null;
  resourceType?: string | null;
  resourceId?: string | null;
}

/**
 * In-app notification rows, as statements for the caller's batch (with the change that caused
 * them). Delivery to other channels is done by `deliverNotifications` after the batch.
 */
export function notificationInserts(db: Db, input: NotificationInput) {
  const now = nowIso();
  const recipients = [...new Set(input.userIds)];
  return recipients.map((userId) =>
    db.query.insertInto("notifications").values({
      id: newId(),
      user_id: userId,
      type: input.type,
      title: input.title,
      body: input.body ?? null,
      action_url: input.actionUrl ?? null,
      resource_type: input.resourceType ?? null,
      resource_id: input.resourceId ?? null,
      created_at: now,
    }),
  );
}
