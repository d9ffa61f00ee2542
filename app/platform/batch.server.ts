import type { Compilable, CompiledQuery } from "kysely";
import { timedRoundTrip, type Db } from "./db.server";

/** D1 refuses statements with more than 100 bound parameters. */
export const D1_MAX_PARAMS = 100;

type Rows<Q> = Q extends Compilable<infer O> ? O[] : never;
export type BatchResults<T extends readonly Compilable<unknown>[]> = { [K in keyof T]: Rows<T[K]> };

function prepare(db: Db, query: Compilable<unknown> | CompiledQuery<unknown>) {
  const compiled = "compile" in query ? query.compile() : query;
  return db.raw.prepare(compiled.sql).bind(...(compiled.parameters as unknown[]));
}

/**
 * Runs Kysely queries as ONE `DB.batch()`: one round trip, atomic (D1 rolls the whole batch
 * back if any statement fails). Use it for every multi-table write (record + history +
 * notification) and to read a page's independent queries together.
 */
export async function batch<const T extends readonly Compilable<unknown>[]>(
  db: Db,
  queries: T,
): Promise<BatchResults<T>> {
  if (queries.length === 0) return [] as unknown as BatchResults<T>;
  const results = await timedRoundTrip(db.stats, () => db.raw.batch(queries.map((q) => prepare(db, q))));
  return results.map((r) => r.results ?? []) as unknown as BatchResults<T>;
}

/**
 * Splits rows into chunks whose insert stays under D1's parameter limit
 * (`columnsPerRow` bound values per row).
 */
export function chunkForInsert<T>(rows: readonly T[], columnsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(D1_MAX_PARAMS / Math.max(1, columnsPerRow)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
