import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runProductiveSync } from "~/modules/people/sync-productive.server";
import type { AppLoadContext } from "~/platform/context.server";
import { encryptSecret } from "~/platform/crypto.server";
import type { Env } from "~/platform/env.server";
import { loader as directoryLoader } from "~/routes/_app+/people+/_index";
import { action as syncAction, loader as syncLoader } from "~/routes/_app+/people+/sync";
import { setupTestDb, TEST_VARS } from "../../support/d1";
import { startFakeServer, type FakeServer } from "../../support/fake-server";
import {
  googleDirectoryRoutes, productivePeopleRoutes, SEEDED_PRODUCTIVE_PEOPLE, xeroPayrollRoutes,
  type FakeProductivePerson, type GoogleState, type ProductiveState, type XeroState,
} from "../../support/fake-servers/people-sync";
import { getAs, postAs, statusOf } from "../../support/requests";
import { USERS } from "./helpers";

const db = setupTestDb({ seed: true });
const TOKEN = "prod-token-5f2a9c";
const ORG = "31337";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function productiveState(people: FakeProductivePerson[] = SEEDED_PRODUCTIVE_PEOPLE.map((p) => ({ ...p }))): ProductiveState {
  return { token: TOKEN, orgId: ORG, people, pageSize: 7 };
}

async function productive(state: ProductiveState) {
  const server = await startFakeServer(productivePeopleRoutes(state));
  servers.push(server);
  return server;
}

function contextWith(vars: Partial<Env>, waitUntil?: (p: Promise<unknown>) => void): AppLoadContext {
  const base = db.context();
  return { ...base, env: { ...base.env, ...vars }, ...(waitUntil ? { waitUntil } : {}) };
}

const productiveVars = (server: FakeServer): Partial<Env> => ({ PRODUCTIVE_API_URL: server.url, PRODUCTIVE_API_TOKEN: TOKEN, PRODUCTIVE_ORG_ID: ORG });

type SyncResult = Awaited<ReturnType<typeof syncAction>>;
async function runSyncAs(context: AppLoadContext, intent: string, userId: string = USERS.executive) {
  const request = await postAs(context, userId, "/people/sync", { intent });
  return (await syncAction({ request, context, params: {} })) as Extract<SyncResult, { result: unknown }>;
}

async function snapshot() {
  const q = db.context().db.query;
  const [people, history, squads, users] = await Promise.all([
    q.selectFrom("people").selectAll().orderBy("id").execute(),
    q.selectFrom("history").select(["resource_type", "resource_id", "action"]).orderBy("created_at").orderBy(sql`rowid`).execute(),
    q.selectFrom("squads").select("name").orderBy("name").execute(),
    // (last_login_at moves whenever a test signs in; everything else must not)
    q.selectFrom("users").select(["id", "email", "name", "picture", "job_title", "access_level", "updated_at"]).orderBy("id").execute(),
  ]);
  return { people, history, squads, users };
}

async function runs(provider = "productive") {
  // Newest first (the seed holds the initial import run).
  return db.context().db.query.selectFrom("sync_runs").selectAll().where("provider", "=", provider).orderBy("started_at", "desc").orderBy(sql`rowid`, "desc").execute();
}

/** 30 seeded people, plus two new, one changed and one gone (Henry Scott). */
function changedOrg() {
  const people = SEEDED_PRODUCTIVE_PEOPLE.filter((p) => p.id !== "prod-henry-scott").map((p) => ({ ...p }));
  const ethan = people.find((p) => p.id === "prod-ethan-brown")!;
  ethan.title = "Senior Developer";
  people.push(
    { id: "prod-nina-patel", first_name: "Nina", last_name: "Patel", email: "Nina.Patel@dotcollective.com.au", title: "Backend Developer", managerId: "prod-daniel-costa", department: "Apex", avatar_url: "https://img.example/nina.png" },
    { id: "prod-omar-haddad", first_name: "Omar", last_name: "Haddad", email: "omar.haddad@dotcollective.com.au", title: "Design Lead", managerId: "prod-priya-raman", department: "Orbit" },
    // Not active in Productive: never imported.
    { id: "prod-gone", first_name: "Old", last_name: "Timer", email: "old.timer@dotcollective.com.au", status: 2 },
  );
  return people;
}

describe("Productive sync", () => {
  it("pages through Productive and upserts new, changed and removed people in one go", async () => {
    await db.exec("INSERT INTO users (id, email, name, access_level) VALUES ('user-nina', 'nina.patel@dotcollective.com.au', 'Nina P', 'employee');");
    const server = await productive(productiveState(changedOrg()));
    const context = contextWith(productiveVars(server));
    const historyBefore = (await snapshot()).history.length;
    const { result } = await runSyncAs(context, "productive");
    if (!result.ok) throw new Error(result.error);
    expect(result.summary).toMatchObject({ fetched: 31, created: 2, updated: 1, unchanged: 28, removed: 1, matchedUsers: 1, squadsCreated: 1, skipped: 0 });
    expect(result.summary).toMatchObject({ createdNames: ["Nina Patel", "Omar Haddad"], updatedNames: ["Ethan Brown"], removedNames: ["Henry Scott"], squadNames: ["Orbit"] });

    // 31 active people at 7 per page: 5 pages, each with the documented headers and filter.
    expect(server.requests).toHaveLength(5);
    expect(server.requests.map((r) => r.query.get("page[number]"))).toEqual(["1", "2", "3", "4", "5"]);
    for (const r of server.requests) {
      expect(r.headers["x-auth-token"]).toBe(TOKEN);
      expect(r.headers["x-organization-id"]).toBe(ORG);
      expect(r.query.get("filter[status]")).toBe("1");
      expect(r.query.get("page[size]")).toBe("200");
    }

    const after = await snapshot();
    const byEmail = (email: string) => after.people.find((p) => p.email.toLowerCase() === email)!;
    const nina = byEmail("nina.patel@dotcollective.com.au");
    expect(nina).toMatchObject({ productive_id: "prod-nina-patel", manager_id: "daniel-costa", squad: "Apex", user_id: "user-nina", employment_status: "active", email: "nina.patel@dotcollective.com.au" });
    expect(after.users.find((u) => u.id === "user-nina")).toMatchObject({ job_title: "Backend Developer", picture: "https://img.example/nina.png" });
    expect(byEmail("omar.haddad@dotcollective.com.au")).toMatchObject({ manager_id: "priya-raman", squad: "Orbit", user_id: null });
    expect(after.people.find((p) => p.id === "ethan-brown")!.title).toBe("Senior Developer");
    expect(after.users.find((u) => u.id === "user-ethan-brown")!.job_title).toBe("Senior Developer");
    const henry = after.people.find((p) => p.id === "henry-scott")!;
    expect(henry.employment_status).toBe("terminated");
    expect(henry.end_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(after.people.some((p) => p.email === "old.timer@dotcollective.com.au")).toBe(false);
    expect(after.squads.map((s) => s.name)).toContain("Orbit");
    // Every change has its history row; unchanged people have none.
    const personHistory = after.history.slice(historyBefore).filter((h) => h.resource_type === "person").map((h) => `${h.action}:${h.resource_id}`).sort();
    expect(personHistory).toEqual([`created:${nina.id}`, `created:${byEmail("omar.haddad@dotcollective.com.au").id}`, "terminated:henry-scott", "updated:ethan-brown"].sort());

    const [run] = await runs();
    expect(run).toMatchObject({ status: "succeeded", trigger: "manual", triggered_by: USERS.executive, error: null });
    expect(JSON.parse(run!.summary!)).toMatchObject({ created: 2, removed: 1 });

    // A second run with the same answer changes nothing but the sync time.
    const again = await runSyncAs(contextWith(productiveVars(server)), "productive");
    expect(again.result).toMatchObject({ ok: true, summary: { created: 0, updated: 0, removed: 0, unchanged: 31 } });
  });

  it("a returning person is reactivated, and the Syncs page lists the run with its summary", async () => {
    await db.exec("UPDATE people SET employment_status = 'terminated', end_date = '2026-01-31' WHERE id = 'ava-jones';");
    const server = await productive(productiveState());
    const { result } = await runSyncAs(contextWith(productiveVars(server)), "productive");
    expect(result).toMatchObject({ ok: true, summary: { updated: 1, updatedNames: ["Ava Jones"], removed: 0 } });
    const ava = (await snapshot()).people.find((p) => p.id === "ava-jones")!;
    expect(ava).toMatchObject({ employment_status: "active", end_date: null });
    const context = db.context();
    const page = await syncLoader({ request: await getAs(context, USERS.executive, "/people/sync"), context, params: {} });
    expect(page.providers[0]!.runs[0]).toMatchObject({ status: "succeeded", summary: { updated: 1 } });
  });

  it.each([
    ["an HTTP error on a later page", { failure: { status: 500, json: { errors: [{ title: "Internal" }] } }, failPage: 3 }, "Productive answered HTTP 500"],
    ["invalid JSON", { failure: { status: 200, text: "<html>maintenance</html>" } }, "Productive answered with invalid JSON"],
    ["an unexpected shape", { failure: { status: 200, json: { people: [] } } }, "did not have the expected shape"],
    ["a rejected token", { token: "another-token" }, "Productive answered HTTP 401"],
  ])("%s changes nothing and records why", async (_label, change, message) => {
    const before = await snapshot();
    const server = await productive({ ...productiveState(changedOrg()), ...(change as Partial<ProductiveState>) });
    const { result } = await runSyncAs(contextWith(productiveVars(server)), "productive");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
    const after = await snapshot();
    expect(after).toEqual(before);
    const [run] = await runs();
    expect(run).toMatchObject({ status: "failed" });
    expect(run!.error).toContain(message);
    expect(run!.error).not.toContain(TOKEN);
    // The directory shows the failure to whoever can run syncs.
    const context = db.context();
    const page = await directoryLoader({ request: await getAs(context, USERS.executive, "/people"), context, params: {} });
    expect(page.sync.lastRun).toMatchObject({ status: "failed" });
  });

  it("a timeout changes nothing", async () => {
    const before = await snapshot();
    const server = await productive({ ...productiveState(changedOrg()), delayMs: 1500 });
    const result = await runProductiveSync(contextWith(productiveVars(server)), { trigger: "manual", actorUserId: USERS.executive, clientOverrides: { timeoutMs: 200 } });
    expect(result).toMatchObject({ ok: false, error: "Productive did not answer within 0.2 s" });
    expect(await snapshot()).toEqual(before);
    expect((await runs())[0]).toMatchObject({ status: "failed", error: "Productive did not answer within 0.2 s" });
  });

  it("refuses an answer that would remove (almost) everyone", async () => {
    const before = await snapshot();
    const server = await productive(productiveState([]));
    const { result } = await runSyncAs(contextWith(productiveVars(server)), "productive");
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.error).toContain("no active people");
    expect(await snapshot()).toEqual(before);
  });

  it("one run at a time; not configured says so; only executives may run it", async () => {
    const server = await productive(productiveState());
    await db.exec(`INSERT INTO sync_runs (id, provider, trigger, status, started_at) VALUES ('run-busy', 'productive', 'manual', 'running', '${new Date().toISOString()}');`);
    const busy = await runSyncAs(contextWith(productiveVars(server)), "productive");
    expect(busy.result).toMatchObject({ ok: false, runId: null });
    expect(server.requests).toHaveLength(0);
    const unconfigured = await runSyncAs(db.context(), "productive");
    expect(unconfigured.result).toMatchObject({ ok: false, runId: null });
    if (!unconfigured.result.ok) expect(unconfigured.result.error).toContain("not configured");
    expect(await statusOf(async () => runSyncAs(contextWith(productiveVars(server)), "productive", USERS.head))).toBe(403);
    const asManager = db.context();
    expect(await statusOf(async () => syncLoader({ request: await getAs(asManager, USERS.manager, "/people/sync"), context: asManager, params: {} }))).toBe(403);
    const bad = (await runSyncAs(db.context(), "everything")) as unknown as { init: { status: number } };
    expect(bad.init.status).toBe(400);
  });

  it("uses the stored (encrypted) Productive connection when there is one", async () => {
    const server = await productive(productiveState());
    const ciphertext = await encryptSecret(TEST_VARS.ENCRYPTION_KEY, JSON.stringify({ token: TOKEN, orgId: ORG }));
    await db.exec(`INSERT INTO connections (id, provider, status, encrypted_credentials) VALUES ('conn-productive', 'productive', 'active', '${ciphertext}');`);
    const { result } = await runSyncAs(contextWith({ PRODUCTIVE_API_URL: server.url }), "productive");
    expect(result).toMatchObject({ ok: true, summary: { unchanged: 30 } });
    expect(server.requests[0]!.headers["x-auth-token"]).toBe(TOKEN);
  });
});

describe("stale-while-refresh", () => {
  // Start from "never synced" whatever today's date is (the seed's import run ages with the clock).
  beforeEach(async () => {
    await db.exec("DELETE FROM sync_runs;");
  });

  async function viewDirectory(vars: Partial<Env>) {
    const background: Promise<unknown>[] = [];
    const context = contextWith(vars, (p) => background.push(p));
    const request = await getAs(context, USERS.manager, "/people");
    const before = context.db.stats.roundTrips;
    const page = await directoryLoader({ request, context, params: {} });
    const trips = context.db.stats.roundTrips - before;
    await Promise.all(background);
    return { page, trips, started: background.length };
  }

  it("stale data is served at once and refreshed after the response; fresh data is not", async () => {
    const server = await productive(productiveState(changedOrg()));
    const first = await viewDirectory(productiveVars(server));
    expect(first.started).toBe(1);
    expect(first.page.sync).toMatchObject({ stale: true, refreshing: true, configured: true });
    expect(first.page.rows.some((r) => r.first_name === "Nina")).toBe(false); // served before the refresh
    expect(first.trips).toBeLessThanOrEqual(2);
    expect((await runs())[0]).toMatchObject({ status: "succeeded", trigger: "background", triggered_by: null });
    const second = await viewDirectory(productiveVars(server));
    expect(second.started).toBe(0);
    expect(second.page.sync.stale).toBe(false);
    expect(second.page.rows.some((r) => r.first_name === "Nina")).toBe(true);
  });

  it("no refresh without Productive configured, nor right after a failed attempt", async () => {
    expect((await viewDirectory({})).started).toBe(0);
    const server = await productive({ ...productiveState(), failure: { status: 503, json: {} } });
    const first = await viewDirectory(productiveVars(server));
    expect(first.started).toBe(1);
    expect((await runs())[0]).toMatchObject({ status: "failed" });
    const second = await viewDirectory(productiveVars(server));
    expect(second.started).toBe(0);
    expect(second.page.sync).toMatchObject({ stale: true, refreshing: false, lastRun: { status: "failed" } });
  });

  it("data older than 6 hours is stale again", async () => {
    const server = await productive(productiveState());
    const old = new Date(Date.now() - 7 * 60 * 60 * 1000).toISOString();
    await db.exec(`INSERT INTO sync_runs (id, provider, trigger, status, started_at, finished_at) VALUES ('run-old', 'productive', 'manual', 'succeeded', '${old}', '${old}');`);
    expect((await viewDirectory(productiveVars(server))).started).toBe(1);
    const recent = new Date(Date.now() - 5 * 60 * 60 * 1000).toISOString();
    await db.exec(`DELETE FROM sync_runs; INSERT INTO sync_runs (id, provider, trigger, status, started_at, finished_at) VALUES ('run-recent', 'productive', 'manual', 'succeeded', '${recent}', '${recent}');`);
    expect((await viewDirectory(productiveVars(server))).started).toBe(0);
  });
});

describe("Google directory sync", () => {
  it("refreshes users, creates and links users for people without one, skips the rest", async () => {
    const state: GoogleState = {
      token: "google-token-123",
      pageSize: 2,
      users: [
        { primaryEmail: "olivia.bennett@dotcollective.com.au", givenName: "Olivia", familyName: "Bennett-Ross", thumbnailPhotoUrl: "https://lh3.example/olivia.jpg", title: "Managing Director" },
        { primaryEmail: "amelia.young@dotcollective.com.au", givenName: "Amelia", familyName: "Young", title: "Bookkeeper" },
        { primaryEmail: "meeting-room@dotcollective.com.au", givenName: "Meeting", familyName: "Room" },
        { primaryEmail: "ethan.brown@dotcollective.com.au", givenName: "Ethan", familyName: "Brown", suspended: true },
        { primaryEmail: "ella.white@dotcollective.com.au", givenName: "Ella", familyName: "White", title: "Business Development Executive" },
      ],
    };
    const server = await startFakeServer(googleDirectoryRoutes(state));
    servers.push(server);
    const context = contextWith({ GOOGLE_API_URL: server.url, GOOGLE_DIRECTORY_TOKEN: state.token });
    const { result } = await runSyncAs(context, "google");
    expect(result).toMatchObject({ ok: true, summary: { total: 5, created: 1, updated: 1, linked: 1, skipped: 2 } });
    expect(server.requests.map((r) => r.query.get("pageToken"))).toEqual([null, "2", "4"]);
    const after = await snapshot();
    expect(after.users.find((u) => u.id === "user-olivia-bennett")).toMatchObject({ name: "Olivia Bennett-Ross", picture: "https://lh3.example/olivia.jpg", job_title: "Managing Director" });
    const amelia = after.people.find((p) => p.id === "amelia-young")!;
    expect(amelia.user_id).not.toBeNull();
    expect(after.users.find((u) => u.id === amelia.user_id)).toMatchObject({ email: "amelia.young@dotcollective.com.au", access_level: "employee" });
    expect(after.users.some((u) => u.email === "meeting-room@dotcollective.com.au")).toBe(false);
    expect((await runs("google"))[0]).toMatchObject({ status: "succeeded" });
  });

  it("a failure changes nothing", async () => {
    const server = await startFakeServer(googleDirectoryRoutes({ token: "t", users: [{ primaryEmail: "olivia.bennett@dotcollective.com.au", givenName: "O", familyName: "B" }], failure: { status: 403, json: { error: { message: "Not Authorized to access this resource/api" } } } }));
    servers.push(server);
    const before = await snapshot();
    const { result } = await runSyncAs(contextWith({ GOOGLE_API_URL: server.url, GOOGLE_DIRECTORY_TOKEN: "t" }), "google");
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining("Google answered HTTP 403") });
    expect(await snapshot()).toEqual(before);
  });
});

describe("Xero employee linking", () => {
  it("links unlinked people to Xero employees scoring 80 or more, one-to-one", async () => {
    await db.exec("UPDATE people SET xero_employee_id = 'xe-taken' WHERE id = 'olivia-bennett';");
    const state: XeroState = {
      token: "xero-token",
      tenantId: "tenant-1",
      employees: [
        { EmployeeID: "xe-priya", FirstName: "P", LastName: "R", Email: "priya.raman@dotcollective.com.au" },
        { EmployeeID: "xe-chloe", FirstName: "Chloe", LastName: "Martin", Email: "chloe@gmail.com" },
        { EmployeeID: "xe-jon", FirstName: "Jak", LastName: "Harris" },
        { EmployeeID: "xe-chris", FirstName: "Chris", LastName: "Martinez" },
        { EmployeeID: "xe-taken", FirstName: "Olivia", LastName: "Bennett" },
        { EmployeeID: "xe-gone", FirstName: "Noah", LastName: "Wilson", Status: "TERMINATED" },
        ...Array.from({ length: 100 }, (_, i) => ({ EmployeeID: `xe-filler-${i}`, FirstName: `Casual${i}`, LastName: `Worker${i}` })),
        { EmployeeID: "xe-amelia", FirstName: "Amelia", LastName: "Young", Email: "amelia.young@dotcollective.com.au" },
      ],
    };
    const server = await startFakeServer(xeroPayrollRoutes(state));
    servers.push(server);
    const { result } = await runSyncAs(contextWith({ XERO_API_URL: server.url, XERO_ACCESS_TOKEN: state.token, XERO_TENANT_ID: state.tenantId }), "xero");
    expect(server.requests.map((r) => r.query.get("page"))).toEqual(["1", "2"]);
    expect(server.requests[0]!.headers["xero-tenant-id"]).toBe("tenant-1");
    expect(result).toMatchObject({ ok: true, summary: { total: 107, linked: 4 } });
    const linked = Object.fromEntries((await snapshot()).people.filter((p) => p.xero_employee_id).map((p) => [p.id, p.xero_employee_id]));
    expect(linked).toEqual({ "olivia-bennett": "xe-taken", "priya-raman": "xe-priya", "chloe-martin": "xe-chloe", "jack-harris": "xe-jon", "amelia-young": "xe-amelia" });
    const history = (await snapshot()).history.filter((h) => h.action === "xero_linked");
    expect(history).toHaveLength(4);
  });
});
