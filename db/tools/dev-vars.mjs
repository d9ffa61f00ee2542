// Creates .dev.vars from .dev.vars.example on first start (local development sign-in enabled).
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib.mjs";

const target = join(ROOT, ".dev.vars");
if (!existsSync(target)) {
  copyFileSync(join(ROOT, ".dev.vars.example"), target);
  console.log("Created .dev.vars from .dev.vars.example (development sign-in enabled).");
}
