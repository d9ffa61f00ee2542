// npm run db:schema — writes db/schema.sql from a freshly migrated scratch database.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dumpSchema, migrate, ROOT } from "./lib.mjs";

const scratch = mkdtempSync(join(tmpdir(), "nucleus-schema-"));
try {
  migrate(scratch);
  writeFileSync(join(ROOT, "db/schema.sql"), await dumpSchema(scratch));
  console.log("db/schema.sql written.");
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
