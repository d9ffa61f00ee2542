// A second app instance for suites that need it pointed somewhere the shared e2e server cannot be
// told about (usually a local fake of an integration): same build, its own port, its own freshly
// migrated and seeded database in tests/.state/e2e-<name>-<port>, its own process group.
import type { ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { startApp } from "../../support/e2e-server.mjs";

export interface OwnApp {
  /** http://127.0.0.1:<port>, for browser contexts (baseURL) and Origin headers. */
  url: string;
  /** Stops wrangler and its workerd child, then removes this instance's database. */
  stop(): Promise<void>;
}

export interface OwnAppOptions {
  /** SQL run after db/seed.sql (e.g. connections stored encrypted with APP_VARS.ENCRYPTION_KEY). */
  extraSeedSql?: string;
  healthTimeoutMs?: number;
}

export async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function waitForHealth(url: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`app at ${url} did not start`);
}

/** Starts the app with `vars` as extra bindings and waits until /health answers (call from beforeAll with a long timeout). */
export async function startOwnApp(name: string, vars: Record<string, string>, options: OwnAppOptions = {}): Promise<OwnApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const stateRoot = join(process.cwd(), "tests/.state");
  const stateDir = join(stateRoot, `e2e-${name}-${port}`);
  let seedFile: string | undefined;
  if (options.extraSeedSql) {
    mkdirSync(stateRoot, { recursive: true });
    seedFile = join(stateRoot, `e2e-${name}-seed-${port}.sql`);
    writeFileSync(seedFile, `${readFileSync("db/seed.sql", "utf8")}\n${options.extraSeedSql}\n`);
  }
  // detached: wrangler gets its own process group, so stop() ends it and workerd together.
  const child: ChildProcess = startApp({ port, stateDir, vars, stdio: "ignore", detached: true, ...(seedFile ? { seedFile } : {}) });

  const stop = async () => {
    if (child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    // Give wrangler a moment to let go of its files, then remove this instance's database.
    await new Promise((r) => setTimeout(r, 500));
    rmSync(stateDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, options.healthTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    if (seedFile) rmSync(seedFile, { force: true });
  }
  return { url, stop };
}
