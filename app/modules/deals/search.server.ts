// Global search: deals in the viewer's scope, by title or company name.
import { sql } from "kysely";
import type { Searcher } from "~/modules/search/search.server";
import { contains } from "~/platform/like";
import { dealVisible } from "./scope.server";

export const searchDeals: Searcher = {
  type: "deal",
  label: "Deals",
  tool: "deals",
  query: (db, viewer, term, limit) =>
    db.query
      .selectFrom("deals as d")
      .leftJoin("companies as c", "c.id", "d.company_id")
      .select([
        "d.id", "d.title",
        sql<string | null>`coalesce(c.name, '') || case d.status when 'won' then ' · Won' when 'lost' then ' · Lost' else '' end`.as("subtitle"),
        sql<string>`'/deals/' || d.id`.as("url"),
      ])
      .where(dealVisible(viewer, "d"))
      .where((eb) => eb.or([eb("d.title", "like", contains(term)), eb("c.name", "like", contains(term))]))
      .orderBy("d.updated_at", "desc")
      .limit(limit),
};
