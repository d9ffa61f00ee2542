// Scaled dataset for the benchmark: takes a local D1 that already holds db/seed.sql (the
// 30-person demo agency) and adds rows in proportion, so scale 1 is the seed alone, scale 10
// about 300 people and scale 100 about 3,000 people and 20,000 contacts. Writes straight into
// wrangler's SQLite file (before `wrangler pages dev` opens it), in chunked transactions.
//
//   node tests/bench/generate.mjs <stateDir> [scale]    (for poking at a dataset by hand)
import { openSqlite } from "../../db/tools/lib.mjs";
import { generators } from "./generators/index.mjs";
import { createRng } from "./generators/lib.mjs";

/**
 * Runs every registered generator against the D1 under `stateDir`. Deterministic for a given
 * (scale, seed): each generator draws from its own RNG stream named after its area.
 * Returns { counts: {table: rows in the database}, added: {area: result}, ms }.
 */
export async function generate({ scale, stateDir, seed = "nucleus-bench" }) {
  const started = performance.now();
  const client = openSqlite(stateDir);
  const added = {};
  try {
    await client.execute("PRAGMA foreign_keys = ON");
    const ctx = {};
    if (scale > 1) {
      for (const { area, generate: run } of generators) {
        added[area] = await run(client, { scale, rng: createRng(`${seed}:${area}:${scale}`), ctx });
      }
    }
    const violations = (await client.execute("PRAGMA foreign_key_check")).rows;
    if (violations.length) {
      const sample = violations
        .slice(0, 5)
        .map((v) => `${v.table}.rowid=${v.rowid} -> ${v.parent}`)
        .join(", ");
      throw new Error(`Generated data breaks ${violations.length} foreign key(s): ${sample}`);
    }
    // Row counts of the tables the generators are named after (an area's table by default).
    const tables = new Set(
      (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table'")).rows.map((r) => r.name),
    );
    const counts = {};
    for (const { area } of generators) {
      if (tables.has(area))
        counts[area] = Number((await client.execute(`SELECT count(*) AS n FROM "${area}"`)).rows[0].n);
    }
    return { counts, added, ms: performance.now() - started };
  } finally {
    client.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [stateDir, scale = "10"] = process.argv.slice(2);
  if (!stateDir) {
    console.error("usage: node tests/bench/generate.mjs <stateDir> [scale]");
    process.exit(2);
  }
  const result = await generate({ scale: Number(scale), stateDir });
  console.log(JSON.stringify(result, null, 2));
}
