// Global search: meetings by title, within the viewer's meeting scope.
import { sql } from "kysely";
import type { Searcher } from "~/modules/search/search.server";
import { contains } from "~/platform/like";
import { meetingInScope } from "./meetings.server";

export const searchMeetings: Searcher = {
  type: "meeting",
  label: "Meetings",
  tool: "meetings",
  query: (db, viewer, term, limit) =>
    db.query
      .selectFrom("meetings")
      .select([
        "meetings.id",
        "meetings.title as title",
        sql<string | null>`substr(meetings.starts_at, 1, 10)`.as("subtitle"),
        sql<string>`'/meetings/' || meetings.id`.as("url"),
      ])
      .where("meetings.title", "like", contains(term))
      .where(meetingInScope(viewer))
      .orderBy("meetings.starts_at", "desc")
      .limit(limit),
};
