import { sql } from "kysely";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import type { Viewer } from "~/platform/session.server";

/** Days since 1970-01-01 for a YYYY-MM-DD date: the quote index rotates once a day. */
export function dayNumber(isoDate: string) {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);
}

/** Everything the dashboard shows, in one round trip. */
export async function loadDashboard(db: Db, viewer: Viewer, today: string) {
  const day = dayNumber(today);
  const [quotes, actions, notifications] = await batch(db, [
    db.query
      .selectFrom("daily_quotes")
      .select(["id", "text", "author"])
      .where("is_active", "=", 1)
      .orderBy("id")
      .limit(1)
      .offset(
        sql<number>`(${day} % max(1, (select count(*) from daily_quotes where is_active = 1)))`,
      ),
    db.query
      .selectFrom("action_items")
      .select(["id", "title", "source_module", "due_date"])
      .where("assigned_person_id", "=", viewer.personId ?? "")
      .where("is_completed", "=", 0)
      .orderBy(sql`due_date is null`)
      .orderBy("due_date")
      .limit(5),
    db.query
      .selectFrom("notifications")
      .select(["id", "title", "body", "action_url", "created_at"])
      .where("user_id", "=", viewer.userId)
      .where("read_at", "is", null)
      .where("dismissed_at", "is", null)
      .orderBy("created_at", "desc")
      .limit(5),
  ]);
  return { quote: quotes[0] ?? null, actions, notifications };
}
