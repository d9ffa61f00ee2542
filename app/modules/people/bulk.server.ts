// Bulk writes for the syncs: many rows in ONE bound parameter (a JSON array read back with
// json_each), so a statement never comes near D1's 100-parameter limit and a sync of thousands
// of people is a handful of statements in one atomic batch.
import { CompiledQuery, type Compilable } from "kysely";

/** Rows per statement (keeps each JSON parameter well under D1's size limits). */
export const JSON_ROWS_PER_STATEMENT = 200;

function statement(sqlText: string, parameters: unknown[]): Compilable<never> {
  const compiled = CompiledQuery.raw(sqlText, parameters) as CompiledQuery<never>;
  return { compile: () => compiled };
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
function assertIdentifiers(names: readonly string[]) {
  for (const name of names) if (!IDENTIFIER.test(name)) throw new Error(`Not a column name: ${name}`);
}

/**
 * `INSERT INTO table (columns) SELECT … FROM json_each(?)`, chunked; with `upsertOn`, rows whose
 * key already exists update `updateColumns` instead. Column names come from code, never input.
 */
export function jsonInsert(
  table: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  options: { upsertOn?: string; updateColumns?: readonly string[] } = {},
): Compilable<never>[] {
  assertIdentifiers([table, ...columns, ...(options.upsertOn ? [options.upsertOn] : []), ...(options.updateColumns ?? [])]);
  const select = columns.map((c) => `json_extract(value, '$.${c}')`).join(", ");
  const conflict = options.upsertOn
    ? ` ON CONFLICT(${options.upsertOn}) DO UPDATE SET ${(options.updateColumns ?? []).map((c) => `${c} = excluded.${c}`).join(", ")}`
    : "";
  const out: Compilable<never>[] = [];
  for (let i = 0; i < rows.length; i += JSON_ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + JSON_ROWS_PER_STATEMENT).map((row) => Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
    // "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
    out.push(statement(`INSERT INTO ${table} (${columns.join(", ")}) SELECT ${select} FROM json_each(?) WHERE true${conflict}`, [JSON.stringify(chunk)]));
  }
  return out;
}

/** `UPDATE table SET col = <json> … WHERE key = <json>` for many rows (one statement per chunk). */
export function jsonUpdate(
  table: string,
  key: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): Compilable<never>[] {
  assertIdentifiers([table, key, ...columns]);
  const sets = columns.map((c) => `${c} = json_extract(j.value, '$.${c}')`).join(", ");
  const out: Compilable<never>[] = [];
  for (let i = 0; i < rows.length; i += JSON_ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + JSON_ROWS_PER_STATEMENT).map((row) => Object.fromEntries([key, ...columns].map((c) => [c, row[c] ?? null])));
    out.push(statement(`UPDATE ${table} SET ${sets} FROM json_each(?) AS j WHERE ${table}.${key} = json_extract(j.value, '$.${key}')`, [JSON.stringify(chunk)]));
  }
  return out;
}
