import { sql } from "kysely";
import type { Searcher } from "~/modules/search/search.server";
import { contains } from "~/platform/like";
import { inPersonScope } from "~/platform/scope.server";

export const searchPeople: Searcher = {
  type: "person",
  label: "People",
  tool: "people",
  query: (db, viewer, term, limit) =>
    db.query
      .selectFrom("people")
      .select([
        "people.id",
        sql<string>`people.first_name || ' ' || people.last_name`.as("title"),
        "people.title as subtitle",
        sql<string>`'/people/' || people.id`.as("url"),
      ])
      .where(inPersonScope("people.id", viewer))
      .where((eb) =>
        eb.or([
          eb(sql`people.first_name || ' ' || people.last_name`, "like", contains(term)),
          eb("people.email", "like", contains(term)),
        ]),
      )
      .orderBy("people.last_name")
      .limit(limit),
};
