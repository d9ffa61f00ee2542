// Starts the built app under `wrangler pages dev` on a freshly migrated and seeded local D1
// (its own state folder, so a developer's .wrangler/state is untouched). Used by Playwright's
// webServer and by the benchmark. Usage: node tests/support/e2e-server.mjs <port> [stateDir]
import { spawn } from "node:child_process";
import { join } from "node:path";
import { executeFile, migrate, ROOT } from "../../db/tools/lib.mjs";
import { rmSync } from "node:fs";

export const APP_VARS = {
  DEV_LOGIN: "true",
  SESSION_SECRETS: "e2e-secret",
  ENCRYPTION_KEY: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
  SERVER_TIMING: "true",
  // Signs POST /webhooks/inbound-email in the delivery e2e suite (fixed test value).
  WEBHOOK_SECRET: "e2e-webhook-secret",
  // Pages showing public holidays refresh the (seeded, stale) Nager.Date cache in the background;
  // there is no internet here, so point it at a closed local port: it fails at once and the stale
  // rows are kept, instead of waiting on a DNS lookup. Specs that test the refresh pass a fake.
  NAGER_API_URL: "http://127.0.0.1:9",
};

// `reset: false` serves `stateDir` as it is (the benchmark prepares its own dataset first);
// `detached: true` gives wrangler its own process group, so the caller can stop it and its
// workerd child together with process.kill(-child.pid).
export function startApp({ port, stateDir, vars = {}, seedFile = "db/seed.sql", stdio = "inherit", reset = true, detached = false }) {
  if (reset) {
    rmSync(stateDir, { recursive: true, force: true });
    migrate(stateDir);
    if (seedFile) executeFile(seedFile, stateDir);
  }
  const bindings = Object.entries({ ...APP_VARS, APP_URL: `http://127.0.0.1:${port}`, ...vars }).flatMap(
    ([k, v]) => ["--binding", `${k}=${v}`],
  );
  return spawn(
    join(ROOT, "node_modules/.bin/wrangler"),
    ["pages", "dev", "./public", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", stateDir, ...bindings],
    { cwd: ROOT, stdio, detached, env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] ?? 8788);
  const stateDir = process.argv[3] ?? join(ROOT, `tests/.state/e2e-${port}`);
  const child = startApp({ port, stateDir });
  const stop = () => child.kill("SIGTERM");
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  child.on("exit", (code) => {
    // Each run gets a fresh database; don't leave one folder per port behind.
    rmSync(stateDir, { recursive: true, force: true });
    process.exit(code ?? 0);
  });
}
