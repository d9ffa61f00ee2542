// Global search over stored emails (thread heads by subject), within the viewer's email scope.
import { sql } from "kysely";
import type { Searcher } from "~/modules/search/search.server";
import { contains } from "~/platform/like";
import { emailInScope } from "./scope.server";

export const searchEmails: Searcher = {
  type: "email",
  label: "Emails",
  tool: "emails",
  query: (db, viewer, term, limit) =>
    db.query
      .selectFrom("emails as e")
      .select([
        "e.id",
        sql<string>`case when e.subject = '' then '(no subject)' else e.subject end`.as("title"),
        sql<string | null>`coalesce(e.from_name, e.from_address) || ' · ' || substr(e.sent_at, 1, 10)`.as("subtitle"),
        sql<string>`'/emails/' || e.gmail_thread_id`.as("url"),
      ])
      .where("e.is_thread_head", "=", 1)
      .where(emailInScope("e.user_id", viewer))
      .where("e.subject", "like", contains(term))
      .orderBy("e.sent_at", "desc")
      .limit(limit),
};
