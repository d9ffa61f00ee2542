import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { getPlatformProxy } from "wrangler";
import { createLoadContext, type AppLoadContext } from "~/platform/context.server";
import type { Env } from "~/platform/env.server";
import { ROOT, TEMPLATE_STATE, TEST_STATE_ROOT } from "./paths";

export const TEST_VARS = {
  DEV_LOGIN: "true",
  SESSION_SECRETS: "test-secret-a,test-secret-b",
  ENCRYPTION_KEY: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
  WORKSPACE_DOMAIN: "dotcollective.com.au",
  APP_URL: "http://localhost:8788",
} satisfies Partial<Env>;

export interface TestDb {
  env: Env;
  /** A fresh request context (new round-trip counter) over the same database. */
  context: () => AppLoadContext;
  /** Runs raw SQL (a file's worth of statements) — for fixtures only. */
  exec: (sql: string) => Promise<void>;
  dispose: () => Promise<void>;
}

/** A private copy of the migrated template database, reached through wrangler's real local D1. */
export async function openTestDb(options: { seed?: boolean; vars?: Partial<Env> } = {}): Promise<TestDb> {
  const dir = mkdtempSync(join(TEST_STATE_ROOT, "db-"));
  cpSync(TEMPLATE_STATE, dir, { recursive: true });
  const proxy = await getPlatformProxy<Env>({ configPath: join(ROOT, "wrangler.toml"), persist: { path: join(dir, "v3") } });
  const env = { ...proxy.env, ...TEST_VARS, ...options.vars } as Env;
  const exec = async (sql: string) => {
    const statements = splitSql(sql);
    for (let i = 0; i < statements.length; i += 50) {
      await env.DB.batch(statements.slice(i, i + 50).map((s) => env.DB.prepare(s)));
    }
  };
  if (options.seed) await exec(readFileSync(join(ROOT, "db/seed.sql"), "utf8"));
  return {
    env,
    context: () => createLoadContext(env),
    exec,
    dispose: async () => {
      await proxy.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Splits a SQL script into statements (our seed and fixtures keep ';' out of string literals' line ends). */
export function splitSql(sql: string): string[] {
  const statements: string[] = [];
  let current = "";
  let inString = false;
  for (const line of sql.split("\n")) {
    const trimmed = line.trim();
    if (!inString && (trimmed.startsWith("--") || trimmed === "")) continue;
    if (!inString && /^PRAGMA\b/i.test(trimmed)) continue;
    current += line + "\n";
    for (const ch of line) if (ch === "'") inString = !inString;
    if (!inString && trimmed.endsWith(";")) {
      statements.push(current.trim());
      current = "";
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

/** Each test gets its own database (isolation without cleanup code). */
export function setupTestDb(options: { seed?: boolean; vars?: Partial<Env> } = {}) {
  const holder = {} as { current: TestDb };
  beforeEach(async () => {
    holder.current = await openTestDb(options);
  });
  afterEach(async () => {
    await holder.current?.dispose();
  });
  return {
    get env() {
      return holder.current.env;
    },
    context: () => holder.current.context(),
    exec: (sql: string) => holder.current.exec(sql),
  };
}
