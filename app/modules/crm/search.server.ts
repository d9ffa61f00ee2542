// Global search: companies (name or domain) and contacts (name or email). Agency-wide records,
// so only the tool's VIEW grant matters (the search module checks it).
import { sql } from "kysely";
import type { Searcher } from "~/modules/search/search.server";
import { contains } from "~/platform/like";

export const searchCompanies: Searcher = {
  type: "company",
  label: "Companies",
  tool: "companies",
  query: (db, _viewer, term, limit) =>
    db.query
      .selectFrom("companies")
      .select([
        "companies.id",
        "companies.name as title",
        sql<string | null>`coalesce(companies.domain, companies.industry)`.as("subtitle"),
        sql<string>`'/companies/' || companies.id`.as("url"),
      ])
      .where((eb) => eb.or([eb("companies.name", "like", contains(term)), eb("companies.domain", "like", contains(term))]))
      .orderBy("companies.name")
      .limit(limit),
};

export const searchContacts: Searcher = {
  type: "contact",
  label: "Contacts",
  tool: "contacts",
  query: (db, _viewer, term, limit) =>
    db.query
      .selectFrom("contacts")
      .leftJoin("companies", "companies.id", "contacts.company_id")
      .select([
        "contacts.id",
        sql<string>`trim(contacts.first_name || ' ' || contacts.last_name)`.as("title"),
        sql<string | null>`coalesce(contacts.role || ' · ' || companies.name, companies.name, contacts.email)`.as("subtitle"),
        sql<string>`'/contacts/' || contacts.id`.as("url"),
      ])
      .where((eb) =>
        eb.or([
          eb(sql`contacts.first_name || ' ' || contacts.last_name`, "like", contains(term)),
          eb("contacts.email", "like", contains(term)),
        ]),
      )
      .orderBy("contacts.last_name")
      .orderBy("contacts.first_name")
      .limit(limit),
};
