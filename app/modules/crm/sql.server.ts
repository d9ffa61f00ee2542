// Small SQL helpers shared by the CRM modules.
import { sql, type Compilable, type RawBuilder } from "kysely";
import type { Db } from "~/platform/db.server";

/** A raw `sql` query as something `batch()` accepts. */
export function compilable<T>(db: Db, raw: RawBuilder<T>): Compilable<T> {
  return { compile: () => raw.compile(db.query) };
}

/** `(SELECT id ...)`: every company below `companyId` (children, grandchildren...). UNION stops on a cycle. */
export function descendantIds(companyId: string): RawBuilder<string> {
  return sql<string>`(WITH RECURSIVE sub(id) AS (
      SELECT id FROM companies WHERE parent_id = ${companyId}
      UNION
      SELECT c.id FROM companies c JOIN sub ON c.parent_id = sub.id
    ) SELECT id FROM sub)`;
}

/** A person's display name from the `people` row aliased `alias`. */
export function personName(alias: string) {
  return sql<string | null>`case when ${sql.ref(`${alias}.id`)} is null then null else coalesce(${sql.ref(`${alias}.preferred_name`)}, ${sql.ref(`${alias}.first_name`)}) || ' ' || ${sql.ref(`${alias}.last_name`)} end`;
}

/** "First Last" from the `contacts` row aliased `alias`. */
export function contactName(alias = "contacts") {
  return sql<string>`trim(${sql.ref(`${alias}.first_name`)} || ' ' || ${sql.ref(`${alias}.last_name`)})`;
}

/** D1 error text → which unique/foreign-key rule failed (for turning races into field errors). */
export function constraintOf(error: unknown): { kind: "unique" | "foreign_key" | "check" | null; target: string | null } {
  const message = error instanceof Error ? error.message : String(error);
  const unique = message.match(/UNIQUE constraint failed: ([\w.]+)/);
  if (unique) return { kind: "unique", target: unique[1] ?? null };
  if (/FOREIGN KEY constraint failed/i.test(message)) return { kind: "foreign_key", target: null };
  if (/CHECK constraint failed/i.test(message)) return { kind: "check", target: null };
  return { kind: null, target: null };
}

export const todayIso = (now = new Date()) => now.toISOString().slice(0, 10);

export function addDays(date: string, days: number) {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
