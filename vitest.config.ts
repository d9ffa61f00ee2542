import { join, resolve } from "node:path";
import { defineConfig } from "vitest/config";

// Workers inherit this from the main process: every run gets its own database folder.
process.env.NUCLEUS_TEST_STATE ??= join(__dirname, "tests/.state", `run-${process.pid}`);

export default defineConfig({
  resolve: { alias: { "~db": resolve(__dirname, "db"), "~": resolve(__dirname, "app") } },
  test: {
    include: ["tests/modules/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
    // On a loaded 2-core CI machine wrangler's platform proxy occasionally loses a synchronous
    // D1 call (miniflare's SynchronousFetcher asserts `message?.id === id`: "false == true"),
    // which fails whichever test made it. One retry in CI absorbs that infrastructure race; a
    // real failure still fails twice. Playwright retries once in CI for the same reason.
    retry: process.env.CI ? 1 : 0,
    hookTimeout: 60_000,
  },
});
