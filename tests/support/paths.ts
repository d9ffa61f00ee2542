import { join, resolve } from "node:path";

export const ROOT = resolve(__dirname, "../..");
// One folder per test run (set in vitest.config.ts), so parallel runs never share databases.
export const TEST_STATE_ROOT = process.env.NUCLEUS_TEST_STATE ?? join(ROOT, "tests/.state/run-default");
export const TEMPLATE_STATE = join(TEST_STATE_ROOT, "template");
