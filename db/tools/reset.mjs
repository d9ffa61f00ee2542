// npm run db:reset — a fresh local D1: migrations applied, demo seed loaded.
import { executeFile, migrate, resetState } from "./lib.mjs";

resetState();
migrate();
executeFile("db/seed.sql");
console.log("Local D1 reset: migrations applied and db/seed.sql loaded.");
