// npm run db:types — kysely-codegen writes db/types.ts from a freshly migrated scratch database.
// `--check` compares instead of writing (used by the test suite).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate, ROOT, sqliteFile } from "./lib.mjs";

export function generateTypes(outFile) {
  const scratch = mkdtempSync(join(tmpdir(), "nucleus-types-"));
  try {
    migrate(scratch);
    const result = spawnSync(
      join(ROOT, "node_modules/.bin/kysely-codegen"),
      ["--dialect", "libsql", "--url", `file:${sqliteFile(scratch)}`, "--out-file", outFile,
       "--exclude-pattern", "(_cf_*|d1_migrations|sqlite_*)"],
      { cwd: ROOT, encoding: "utf8" },
    );
    if (result.status !== 0) throw new Error(result.stderr || result.stdout);
    return readFileSync(outFile, "utf8");
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  generateTypes(join(ROOT, "db/types.ts"));
  console.log("db/types.ts written.");
}
