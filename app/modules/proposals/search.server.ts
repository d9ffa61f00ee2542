// Global search: proposals by title or company, within the viewer's proposal scope.
import { sql } from "kysely";
import type { Searcher } from "~/modules/search/search.server";
import { contains } from "~/platform/like";
import { scopedProposals } from "./proposals.server";

export const searchProposals: Searcher = {
  type: "proposal",
  label: "Proposals",
  tool: "proposals",
  query: (db, viewer, term, limit) =>
    scopedProposals(db, viewer)
      .leftJoin("companies", "companies.id", "proposals.company_id")
      .select([
        "proposals.id",
        "proposals.title as title",
        sql<string | null>`coalesce(companies.name || ' · ', '') || proposals.status`.as("subtitle"),
        sql<string>`'/proposals/' || proposals.id`.as("url"),
      ])
      .where((eb) => eb.or([eb("proposals.title", "like", contains(term)), eb("companies.name", "like", contains(term))]))
      .orderBy("proposals.updated_at", "desc")
      .limit(limit),
};
