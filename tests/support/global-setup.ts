import { mkdirSync, rmSync } from "node:fs";
import { migrate } from "../../db/tools/lib.mjs";
import { TEMPLATE_STATE, TEST_STATE_ROOT } from "./paths";

/** Once per run: a migrated (unseeded) local D1 that every test copies. */
export default function setup() {
  rmSync(TEST_STATE_ROOT, { recursive: true, force: true });
  mkdirSync(TEMPLATE_STATE, { recursive: true });
  migrate(TEMPLATE_STATE);
  return () => rmSync(TEST_STATE_ROOT, { recursive: true, force: true });
}
