import { execFileSync } from "node:child_process";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ACCESS_MATRIX } from "./access";
import type { Expected, Persona } from "./access/types";
import { employeeContext, PEOPLE, PORTAL_USERS, portalContext } from "./support/personas";

interface ManifestRoute {
  id: string;
  children?: ManifestRoute[];
}

function manifestRouteIds(): string[] {
  const json = execFileSync("node_modules/.bin/remix", ["routes", "--json"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const ids: string[] = [];
  const walk = (routes: ManifestRoute[]) => {
    for (const r of routes) {
      if (r.id !== "root") ids.push(r.id);
      walk(r.children ?? []);
    }
  };
  walk(JSON.parse(json) as ManifestRoute[]);
  return ids.sort();
}

function outcome(status: number, location: string | undefined): Expected {
  if (status >= 300 && status < 400) {
    const path = location ? new URL(location, "http://x").pathname : "";
    if (path === "/login") return "login";
    if (path === "/portal/login") return "portal-login";
    return "redirect";
  }
  return status;
}

test("every route in the Remix manifest declares who may open it", () => {
  const declared = new Set(ACCESS_MATRIX.map((e) => e.id));
  const missing = manifestRouteIds().filter((id) => !declared.has(id));
  expect(missing, "routes without an access matrix entry (tests/e2e/access/<area>.ts)").toEqual([]);
  const stale = [...declared].filter((id) => !manifestRouteIds().includes(id));
  expect(stale, "access matrix entries for routes that no longer exist").toEqual([]);
});

test("each persona gets exactly the declared answer on every route", async () => {
  test.setTimeout(180_000);
  const contexts: Record<Persona, APIRequestContext> = {
    anonymous: await employeeContext(null),
    employee: await employeeContext(PEOPLE.employee),
    manager: await employeeContext(PEOPLE.manager),
    executive: await employeeContext(PEOPLE.executive),
    portal: await portalContext(PORTAL_USERS.companyA.email),
  };
  const mismatches: string[] = [];
  for (const entry of ACCESS_MATRIX) {
    for (const persona of Object.keys(contexts) as Persona[]) {
      const response = await contexts[persona].get(entry.path, { maxRedirects: 0 });
      const got = outcome(response.status(), response.headers()["location"]);
      if (got !== entry.expect[persona]) {
        mismatches.push(`${entry.path} as ${persona}: expected ${entry.expect[persona]}, got ${got}`);
      }
    }
  }
  expect(mismatches).toEqual([]);
  await Promise.all(Object.values(contexts).map((c) => c.dispose()));
});
