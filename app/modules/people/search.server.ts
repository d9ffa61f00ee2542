import { sql } from "kysely";
import type { Searcher } from "~/modules/search/search.server";
import { contains } from "~/platform/like";
import { inPersonScope } from "~/platform/scope.server";

/** People in the viewer's scope by name (or preferred name), email or title; the name carries its pronunciation. */
export const searchPeople: Searcher = {
  type: "person",
  label: "People",
  tool: "people",
  query: (db, viewer, term, limit) =>
    db.query
      .selectFrom("people")
      .select([
        "people.id",
        sql<string>`coalesce(people.preferred_name, people.first_name) || ' ' || people.last_name
          || case when people.pronunciation is not null and people.pronunciation <> '' then ' (' || people.pronunciation || ')' else '' end`.as("title"),
        sql<string | null>`case when people.employment_status = 'terminated' then coalesce(people.title || ' · ', '') || 'former employee' else people.title end`.as("subtitle"),
        sql<string>`'/people/' || people.id`.as("url"),
      ])
      .where(inPersonScope("people.id", viewer))
      .where((eb) =>
        eb.or([
          eb(sql`people.first_name || ' ' || people.last_name`, "like", contains(term)),
          eb(sql`coalesce(people.preferred_name, '') || ' ' || people.last_name`, "like", contains(term)),
          eb("people.email", "like", contains(term)),
          eb("people.title", "like", contains(term)),
        ]),
      )
      .orderBy(sql`people.employment_status = 'terminated'`)
      .orderBy("people.last_name")
      .orderBy("people.first_name")
      .limit(limit),
};
