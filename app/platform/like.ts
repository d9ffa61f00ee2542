import { sql } from "kysely";

/** A LIKE pattern matching `term` anywhere, with %, _ and \ escaped (use with ESCAPE '\'). */
export function likePattern(term: string) {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `LIKE '%term%' ESCAPE '\'` as a right-hand side for `eb(column, "like", contains(term))`. */
export const contains = (term: string) => sql<string>`${likePattern(term)} escape '\\'`;
