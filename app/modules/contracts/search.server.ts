// Global search: contracts in the viewer's scope (by owner), by title or company name.
import { sql } from "kysely";
import type { Searcher } from "~/modules/search/search.server";
import { contains } from "~/platform/like";
import { contractScope } from "./contracts.server";

export const searchContracts: Searcher = {
  type: "contract",
  label: "Contracts",
  tool: "contracts",
  query: (db, viewer, term, limit) =>
    db.query
      .selectFrom("contracts")
      .leftJoin("companies", "companies.id", "contracts.company_id")
      .select([
        "contracts.id", "contracts.title",
        sql<string | null>`coalesce(companies.name, '') || ' · ' || contracts.status`.as("subtitle"),
        sql<string>`'/contracts/' || contracts.id`.as("url"),
      ])
      .where(contractScope(viewer))
      .where((eb) => eb.or([eb("contracts.title", "like", contains(term)), eb("companies.name", "like", contains(term))]))
      .orderBy("contracts.updated_at", "desc")
      .limit(limit),
};
