import { sql } from "kysely";
import type { Db } from "~/platform/db.server";

/** One trivial query: proves D1 answers. Also the benchmark's floor. */
export async function databaseStatus(db: Db): Promise<{ reachable: boolean; migrations: number }> {
  try {
    const row = await sql<{ n: number }>`select count(*) as n from d1_migrations`.execute(db.query);
    return { reachable: true, migrations: Number(row.rows[0]?.n ?? 0) };
  } catch {
    return { reachable: false, migrations: 0 };
  }
}
