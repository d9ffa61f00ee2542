import { generateKeyPairSync } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { getConnectionCredentials, getUserConnectionCredentials } from "~/integrations/credentials.server";
import { EMPTY_CREDENTIALS } from "~/modules/connections/connections.server";
import type { AppLoadContext } from "~/platform/context.server";
import { decryptSecret, encryptSecret } from "~/platform/crypto.server";
import type { Env } from "~/platform/env.server";
import { action as adminAction, loader as adminLoader } from "~/routes/_app+/admin+/connections";
import { action as userAction, loader as userLoader } from "~/routes/_app+/connections";
import { setupTestDb } from "../../support/d1";
import { startFakeServer, type FakeRoutes, type FakeServer } from "../../support/fake-server";
import {
  githubRoutes, googleTokenInfoRoutes, googleTokenRoutes, granolaRoutes, productiveRoutes, slackRoutes, twilioRoutes, xeroRoutes,
} from "../../support/fake-servers/services";
import { getAs, postAs, statusOf } from "../../support/requests";

const db = setupTestDb({ seed: true });
const ADMIN = "user-olivia-bennett";
const SLACK_TOKEN = "xoxb-1111-2222-supersecret-abcd";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function fake(routes: FakeRoutes) {
  const server = await startFakeServer(routes);
  servers.push(server);
  return server;
}
function contextWith(vars: Partial<Env>): AppLoadContext {
  const base = db.context();
  return { ...base, env: { ...base.env, ...vars } };
}
async function postAdmin(context: AppLoadContext, fields: Record<string, string>, userId = ADMIN) {
  const request = await postAs(context, userId, "/admin/connections", fields);
  return adminAction({ request, context, params: {} });
}
async function postUser(context: AppLoadContext, userId: string, fields: Record<string, string>) {
  const request = await postAs(context, userId, "/connections", fields);
  return userAction({ request, context, params: {} });
}
type Invalid = { data: { ok: false; errors: Record<string, string> }; init: { status: number } };
async function orgRow(provider: string) {
  return db.context().db.query.selectFrom("connections").selectAll().where("provider", "=", provider).executeTakeFirst();
}
async function historyRows(resourceType: string) {
  return db.context().db.query.selectFrom("history").selectAll().where("resource_type", "=", resourceType).orderBy("created_at").execute();
}

describe("org connections: test before saving", () => {
  it("a failing test shows the provider's error and writes nothing", async () => {
    const slack = await fake(slackRoutes(SLACK_TOKEN));
    const context = contextWith({ SLACK_API_URL: slack.url });
    const result = (await postAdmin(context, { intent: "save", provider: "slack", botToken: "xoxb-wrong-token-9999" })) as unknown as Invalid;
    expect(result.init.status).toBe(400);
    expect(result.data.errors.form).toContain("invalid_auth");
    expect(JSON.stringify(result)).not.toContain("xoxb-wrong-token-9999");
    expect(await orgRow("slack")).toBeUndefined();
    expect(await historyRows("connection")).toEqual([]);
    // The client really called Slack's auth.test with the bearer token.
    expect(slack.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /auth.test"]);
    expect(slack.requests[0].headers.authorization).toBe("Bearer xoxb-wrong-token-9999");
  });

  it("a passing test stores ciphertext (never the plaintext), a hint and a secret-free history row", async () => {
    const slack = await fake(slackRoutes(SLACK_TOKEN));
    const context = contextWith({ SLACK_API_URL: slack.url });
    expect(await statusOf(() => postAdmin(context, { intent: "save", provider: "slack", botToken: SLACK_TOKEN }))).toBe(200);
    const row = await orgRow("slack");
    expect(row).toMatchObject({ status: "active", credential_hint: "•••• abcd", last_error: null, created_by: ADMIN });
    expect(row!.last_tested_at).toMatch(/^\d{4}-/);
    expect(JSON.stringify(row)).not.toContain(SLACK_TOKEN);
    expect(JSON.stringify(row)).not.toContain("supersecret");
    expect(row!.encrypted_credentials).toMatch(/^v1\./);
    // Decryption round trip, server-side only.
    expect(JSON.parse(await decryptSecret(db.env.ENCRYPTION_KEY, row!.encrypted_credentials))).toEqual({ botToken: SLACK_TOKEN });
    expect(await getConnectionCredentials(db.context(), "slack")).toEqual({ botToken: SLACK_TOKEN });
    const history = await historyRows("connection");
    expect(history.map((h) => h.action)).toEqual(["connected"]);
    expect(history[0].resource_id).toBe(row!.id);
    expect(JSON.stringify(history)).not.toContain(SLACK_TOKEN);
  });

  it("the page never sends the secret or the ciphertext to the browser", async () => {
    const slack = await fake(slackRoutes(SLACK_TOKEN));
    const context = contextWith({ SLACK_API_URL: slack.url });
    await postAdmin(context, { intent: "save", provider: "slack", botToken: SLACK_TOKEN });
    const saved = await orgRow("slack");
    const view = db.context();
    const data = await adminLoader({ request: await getAs(view, ADMIN, "/admin/connections"), context: view, params: {} });
    const json = JSON.stringify(data);
    expect(json).not.toContain(SLACK_TOKEN);
    expect(json).not.toContain(saved!.encrypted_credentials);
    const card = data.connections.find((c) => c.key === "slack");
    expect(card).toMatchObject({ status: "active", hint: "•••• abcd", account: "DotCollective" });
    expect(data.connections.map((c) => c.key)).toEqual(["slack", "productive", "xero", "granola", "twilio", "google"]);
  });

  it("a failed replacement leaves the working credentials untouched", async () => {
    const slack = await fake(slackRoutes(SLACK_TOKEN));
    const context = contextWith({ SLACK_API_URL: slack.url });
    await postAdmin(context, { intent: "save", provider: "slack", botToken: SLACK_TOKEN });
    const before = await orgRow("slack");
    expect(await statusOf(() => postAdmin(context, { intent: "save", provider: "slack", botToken: "xoxb-bad-0000" }))).toBe(400);
    expect(await orgRow("slack")).toEqual(before);
  });

  it("re-test records a failure, disconnect forgets the secret", async () => {
    const slack = await fake(slackRoutes(SLACK_TOKEN));
    await postAdmin(contextWith({ SLACK_API_URL: slack.url }), { intent: "save", provider: "slack", botToken: SLACK_TOKEN });
    // The token is revoked at Slack: the re-test fails and says so.
    const revoked = await fake(slackRoutes("xoxb-some-other-token"));
    const retest = (await postAdmin(contextWith({ SLACK_API_URL: revoked.url }), { intent: "test", provider: "slack" })) as unknown as Invalid;
    expect(retest.init.status).toBe(400);
    expect(await orgRow("slack")).toMatchObject({ status: "error", last_error: expect.stringContaining("invalid_auth") });
    // Working again.
    expect(await statusOf(() => postAdmin(contextWith({ SLACK_API_URL: slack.url }), { intent: "test", provider: "slack" }))).toBe(200);
    expect(await orgRow("slack")).toMatchObject({ status: "active", last_error: null });

    expect(await statusOf(() => postAdmin(db.context(), { intent: "disconnect", provider: "slack" }))).toBe(200);
    expect(await orgRow("slack")).toMatchObject({ status: "disconnected", encrypted_credentials: EMPTY_CREDENTIALS, credential_hint: null });
    expect(await getConnectionCredentials(db.context(), "slack")).toBeNull();
    expect((await historyRows("connection")).map((h) => h.action)).toEqual(["connected", "tested", "tested", "disconnected"]);
  });

  it("keeps other areas' non-secret config (e.g. Slack channels) across replace and disconnect", async () => {
    const slack = await fake(slackRoutes(SLACK_TOKEN));
    const context = contextWith({ SLACK_API_URL: slack.url });
    await postAdmin(context, { intent: "save", provider: "slack", botToken: SLACK_TOKEN });
    await db.exec(`UPDATE connections SET config = json_set(config, '$.leave_channel', '#company-leave') WHERE provider = 'slack';`);
    await postAdmin(context, { intent: "save", provider: "slack", botToken: SLACK_TOKEN });
    expect(JSON.parse((await orgRow("slack"))!.config)).toEqual({ account: "DotCollective", leave_channel: "#company-leave" });
    await postAdmin(db.context(), { intent: "disconnect", provider: "slack" });
    expect(JSON.parse((await orgRow("slack"))!.config)).toEqual({ leave_channel: "#company-leave" });
  });

  it("validates fields per provider and 404s an unknown provider", async () => {
    const missing = (await postAdmin(db.context(), { intent: "save", provider: "twilio", accountSid: "nope" })) as unknown as Invalid;
    expect(missing.init.status).toBe(400);
    expect(Object.keys(missing.data.errors).sort()).toEqual(["accountSid", "authToken"]);
    expect(await statusOf(() => postAdmin(db.context(), { intent: "save", provider: "myspace", token: "x" }))).toBe(404);
    expect(await statusOf(() => postAdmin(db.context(), { intent: "explode", provider: "slack" }))).toBe(400);
  });

  it("only admins with manage may change org connections; view shows the status", async () => {
    for (const user of ["user-ethan-brown", "user-daniel-costa", "user-priya-raman"]) {
      const context = db.context();
      expect(await statusOf(async () => adminLoader({ request: await getAs(context, user, "/admin/connections"), context, params: {} }))).toBe(403);
      expect(await statusOf(() => postAdmin(db.context(), { intent: "disconnect", provider: "slack" }, user))).toBe(403);
    }
  });

  it("error messages never echo a credential", async () => {
    const echo = await fake({ "GET /v1/notes": (req) => ({ status: 401, json: { error: `Invalid API key ${req.headers.authorization?.slice(7)}` } }) });
    const result = (await postAdmin(contextWith({ GRANOLA_API_URL: echo.url }), { intent: "save", provider: "granola", apiKey: "grn_live_topsecret_42" })) as unknown as Invalid;
    expect(result.init.status).toBe(400);
    expect(result.data.errors.form).toContain("Granola answered HTTP 401");
    expect(result.data.errors.form).not.toContain("topsecret");
  });

  it("an unreachable provider is a clear failure, not a crash", async () => {
    const result = (await postAdmin(contextWith({ SLACK_API_URL: "http://127.0.0.1:9" }), { intent: "save", provider: "slack", botToken: SLACK_TOKEN })) as unknown as Invalid;
    expect(result.init.status).toBe(400);
    expect(result.data.errors.form).toBe("Slack could not be reached");
    expect(await orgRow("slack")).toBeUndefined();
  });
});

describe("each org provider's real test call", () => {
  it("Productive: GET /people?page[size]=1 with X-Auth-Token and X-Organization-Id", async () => {
    const server = await fake(productiveRoutes("prod-token-7788", "4242"));
    const context = contextWith({ PRODUCTIVE_API_URL: server.url });
    expect(await statusOf(() => postAdmin(context, { intent: "save", provider: "productive", token: "prod-token-7788", orgId: "9999" }))).toBe(400);
    expect(await orgRow("productive")).toBeUndefined();
    expect(await statusOf(() => postAdmin(context, { intent: "save", provider: "productive", token: "prod-token-7788", orgId: "4242" }))).toBe(200);
    expect(await getConnectionCredentials(db.context(), "productive")).toEqual({ token: "prod-token-7788", orgId: "4242" });
    expect((await orgRow("productive"))?.credential_hint).toBe("org 4242 · •••• 7788");
  });

  it("Xero: GET /connections must include the tenant", async () => {
    const server = await fake(xeroRoutes("xero-access-1234", [{ tenantId: "tenant-aaa-111", tenantName: "DotCollective Pty Ltd" }]));
    const context = contextWith({ XERO_API_URL: server.url });
    const wrongTenant = (await postAdmin(context, { intent: "save", provider: "xero", token: "xero-access-1234", tenantId: "tenant-zzz" })) as unknown as Invalid;
    expect(wrongTenant.data.errors.form).toContain("cannot reach that tenant");
    const expired = (await postAdmin(context, { intent: "save", provider: "xero", token: "expired", tenantId: "tenant-aaa-111" })) as unknown as Invalid;
    expect(expired.data.errors.form).toContain("Xero answered HTTP 401");
    expect(await orgRow("xero")).toBeUndefined();
    expect(await statusOf(() => postAdmin(context, { intent: "save", provider: "xero", token: "xero-access-1234", tenantId: "tenant-aaa-111" }))).toBe(200);
    expect(await getConnectionCredentials(db.context(), "xero")).toEqual({ token: "xero-access-1234", tenantId: "tenant-aaa-111" });
  });

  it("Granola: GET /v1/notes?limit=1 with a bearer key", async () => {
    const server = await fake(granolaRoutes("grn_key_5678"));
    expect(await statusOf(() => postAdmin(contextWith({ GRANOLA_API_URL: server.url }), { intent: "save", provider: "granola", apiKey: "grn_key_5678" }))).toBe(200);
    expect(server.requests[0].query.get("limit")).toBe("1");
  });

  it("Twilio: GET /2010-04-01/Accounts/{sid}.json with basic auth", async () => {
    const sid = `AC${"a1".repeat(16)}`;
    const server = await fake(twilioRoutes(sid, "twilio-auth-token-9090"));
    const context = contextWith({ TWILIO_API_URL: server.url });
    expect(await statusOf(() => postAdmin(context, { intent: "save", provider: "twilio", accountSid: sid, authToken: "wrong-token" }))).toBe(400);
    expect(await statusOf(() => postAdmin(context, { intent: "save", provider: "twilio", accountSid: sid, authToken: "twilio-auth-token-9090" }))).toBe(200);
    expect(await getConnectionCredentials(db.context(), "twilio")).toEqual({ accountSid: sid, authToken: "twilio-auth-token-9090" });
  });

  it("Google: a service-account JWT signed RS256 is exchanged for a token", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const clientEmail = "nucleus@dotcollective.iam.gserviceaccount.com";
    const server = await fake(googleTokenRoutes(clientEmail, publicKey));
    const context = contextWith({ GOOGLE_OAUTH_URL: server.url });
    const key = { type: "service_account", project_id: "dotcollective", private_key_id: "kid1", private_key: privateKey, client_email: clientEmail };

    const notJson = (await postAdmin(context, { intent: "save", provider: "google", serviceAccountJson: "{oops" })) as unknown as Invalid;
    expect(notJson.data.errors.serviceAccountJson).toBe("This is not valid JSON");
    const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
    const forged = (await postAdmin(context, { intent: "save", provider: "google", serviceAccountJson: JSON.stringify({ ...key, private_key: otherKey.privateKey }) })) as unknown as Invalid;
    expect(forged.data.errors.form).toContain("Invalid JWT Signature");
    expect(await orgRow("google")).toBeUndefined();

    expect(await statusOf(() => postAdmin(context, { intent: "save", provider: "google", serviceAccountJson: JSON.stringify(key) }))).toBe(200);
    const row = await orgRow("google");
    expect(row?.credential_hint).toBe(clientEmail);
    expect(row?.encrypted_credentials).not.toContain("PRIVATE KEY");
    const creds = await getConnectionCredentials(db.context(), "google");
    expect(creds?.serviceAccountJson.client_email).toBe(clientEmail);
    expect(creds?.serviceAccountJson.private_key).toBe(privateKey);
  });
});

describe("per-user connections", () => {
  it("GitHub: a user's own token, tested with GET /user, stored for them only", async () => {
    const server = await fake(githubRoutes("ghp_ethanToken1234", "ethanb"));
    const context = contextWith({ GITHUB_API_URL: server.url });
    const bad = (await postUser(context, "user-ethan-brown", { intent: "save", provider: "github", token: "ghp_wrong" })) as unknown as Invalid;
    expect(bad.data.errors.form).toContain("Bad credentials");
    expect(await statusOf(() => postUser(context, "user-ethan-brown", { intent: "save", provider: "github", token: "ghp_ethanToken1234" }))).toBe(200);
    const row = await db.context().db.query.selectFrom("user_connections").selectAll().where("user_id", "=", "user-ethan-brown").executeTakeFirst();
    expect(row).toMatchObject({ provider: "github", status: "active", account_email: "ethanb", scopes: "repo, read:user", credential_hint: "•••• 1234" });
    expect(JSON.stringify(row)).not.toContain("ghp_ethanToken1234");
    expect(await getUserConnectionCredentials(db.context(), "user-ethan-brown", "github")).toEqual({ token: "ghp_ethanToken1234" });
    expect(await getUserConnectionCredentials(db.context(), "user-chloe-martin", "github")).toBeNull();
    expect((await historyRows("user_connection")).map((h) => h.action)).toEqual(["connected"]);

    // Ethan's page shows the hint but never the token; Chloe's page shows nothing of Ethan's.
    const view = db.context();
    const mine = await userLoader({ request: await getAs(view, "user-ethan-brown", "/connections"), context: view, params: {} });
    expect(JSON.stringify(mine)).not.toContain("ghp_ethanToken1234");
    expect(mine.connections.find((c) => c.key === "github")).toMatchObject({ status: "active", hint: "•••• 1234", account: "ethanb" });
    const other = db.context();
    const chloe = await userLoader({ request: await getAs(other, "user-chloe-martin", "/connections"), context: other, params: {} });
    expect(chloe.connections.every((c) => c.status === "not_connected")).toBe(true);
  });

  it("Google: tokeninfo gives the account, scopes and expiry", async () => {
    const server = await fake(googleTokenInfoRoutes("ya29.user-token-abcd", "ethan.brown@dotcollective.com.au"));
    const context = contextWith({ GOOGLE_API_URL: server.url });
    expect(await statusOf(() => postUser(context, "user-ethan-brown", { intent: "save", provider: "google", accessToken: "ya29.expired" }))).toBe(400);
    expect(await statusOf(() => postUser(context, "user-ethan-brown", { intent: "save", provider: "google", accessToken: "ya29.user-token-abcd" }))).toBe(200);
    const row = await db.context().db.query.selectFrom("user_connections").selectAll().where("user_id", "=", "user-ethan-brown").executeTakeFirst();
    expect(row).toMatchObject({ account_email: "ethan.brown@dotcollective.com.au", expires_at: "2030-01-01T00:00:00Z" });
    expect(row?.scopes).toContain("calendar");
  });

  it("org-only providers are not available per user, and a user cannot touch another's row", async () => {
    expect(await statusOf(() => postUser(db.context(), "user-ethan-brown", { intent: "save", provider: "slack", botToken: "x" }))).toBe(404);
    const ciphertext = await encryptSecret(db.env.ENCRYPTION_KEY, JSON.stringify({ token: "ghp_chloe" }));
    await db.exec(`INSERT INTO user_connections (id, user_id, provider, status, encrypted_credentials, credential_hint) VALUES ('uc-chloe', 'user-chloe-martin', 'github', 'active', '${ciphertext}', '•••• loe');`);
    expect(await statusOf(() => postUser(db.context(), "user-ethan-brown", { intent: "disconnect", provider: "github" }))).toBe(200);
    const chloe = await db.context().db.query.selectFrom("user_connections").selectAll().where("id", "=", "uc-chloe").executeTakeFirst();
    expect(chloe?.status).toBe("active");
    expect(await getUserConnectionCredentials(db.context(), "user-chloe-martin", "github")).toEqual({ token: "ghp_chloe" });
  });

  it("anonymous visitors are sent to sign in", async () => {
    const context = db.context();
    expect(await statusOf(() => userLoader({ request: new Request("http://localhost:8788/connections"), context, params: {} }))).toBe(302);
  });
});
