import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dumpSchema, executeFile, migrate, openSqlite } from "../../../db/tools/lib.mjs";
import { generateTypes } from "../../../db/tools/types.mjs";
import { ROOT, TEMPLATE_STATE, TEST_STATE_ROOT } from "../../support/paths";

const migrations = readdirSync(join(ROOT, "db/migrations")).filter((f) => f.endsWith(".sql")).sort();
const REMOVED_TABLES = ["user_external_ids", "squad_members", "leave_request_history"];
const PLATFORM_TABLES = [
  "users", "tool_permissions", "org_settings", "user_preferences", "squads", "sidebar_favorites",
  "daily_quotes", "history", "notes", "connections", "user_connections", "portal_users",
  "portal_invitations", "notifications", "notification_preferences", "notification_types",
  "notification_delivery_log", "push_subscriptions", "action_items", "action_centre_preferences", "people",
];

async function tableNames(stateDir: string): Promise<string[]> {
  const client = openSqlite(stateDir);
  try {
    const { rows } = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table'");
    return rows.map((r) => String(r.name));
  } finally {
    client.close();
  }
}

describe("database schema", () => {
  it("db/schema.sql is exactly what the migrations produce", async () => {
    expect(readFileSync(join(ROOT, "db/schema.sql"), "utf8")).toBe(await dumpSchema(TEMPLATE_STATE));
  });

  it("db/types.ts is what kysely-codegen generates from the migrations", () => {
    const scratch = mkdtempSync(join(tmpdir(), "types-check-"));
    try {
      const fresh = generateTypes(join(scratch, "types.ts"));
      expect(readFileSync(join(ROOT, "db/types.ts"), "utf8")).toBe(fresh);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it("has every platform table and people, and none of the removed tables", async () => {
    const names = await tableNames(TEMPLATE_STATE);
    for (const table of PLATFORM_TABLES) expect(names).toContain(table);
    const removedFile = join(ROOT, "../shared/spec/removed-tables.txt");
    const removed = existsSync(removedFile)
      ? readFileSync(removedFile, "utf8").split(/\s+/).filter(Boolean)
      : REMOVED_TABLES;
    for (const table of [...REMOVED_TABLES, ...removed]) {
      expect(names.map((n) => n.toLowerCase())).not.toContain(table.toLowerCase());
    }
  });

  it("every migration has a rollback outside migrations/, and none is a down script", () => {
    for (const file of migrations) {
      expect(file).not.toMatch(/\.down\.sql$/);
      expect(existsSync(join(ROOT, "db/rollbacks", file.replace(/\.sql$/, ".down.sql")))).toBe(true);
    }
  });

  it("rolling back the latest migration and re-applying it restores the schema", async () => {
    const scratch = mkdtempSync(join(TEST_STATE_ROOT, "rollback-"));
    try {
      cpSync(TEMPLATE_STATE, scratch, { recursive: true });
      const latest = migrations[migrations.length - 1];
      const before = await dumpSchema(scratch);
      executeFile(`db/rollbacks/${latest.replace(/\.sql$/, ".down.sql")}`, scratch);
      const rolledBack = await dumpSchema(scratch);
      expect(rolledBack).not.toBe(before);
      migrate(scratch);
      expect(await dumpSchema(scratch)).toBe(before);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
