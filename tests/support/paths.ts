import { join, resolve } from "node:path";

export const ROOT = resolve(__dirname, "../..");
export const TEST_STATE_ROOT = join(ROOT, "tests/.state");
export const TEMPLATE_STATE = join(TEST_STATE_ROOT, "template");
