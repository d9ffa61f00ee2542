// Connections: org-level (table `connections`, admin) and per-user (`user_connections`, the
// user's own). Credentials are tested with a real call before anything is saved, stored only as
// AES-GCM ciphertext (plus a non-secret hint), and never returned to the browser or logged.
import { sql } from "kysely";
import { z } from "zod";
import type { AppLoadContext } from "~/platform/context.server";
import { decryptSecret, encryptSecret } from "~/platform/crypto.server";
import { batch } from "~/platform/batch.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { parseFormData, type FieldErrors } from "~/platform/forms.server";
import type { Viewer } from "~/platform/session.server";
import { IntegrationError, redactSecrets } from "~/integrations/request.server";
import {
  describeProvider, providersFor,
  type ConnectionLevel, type ProviderDefinition, type ProviderDescription, type TestOutcome,
} from "~/integrations/registry.server";

/** What disconnected rows hold instead of ciphertext (the column is NOT NULL). */
export const EMPTY_CREDENTIALS = "";

export const CONNECTION_RESOURCE: Record<ConnectionLevel, string> = { org: "connection", user: "user_connection" };

export type ConnectionStatus = "not_connected" | "active" | "disconnected" | "error";

export interface ConnectionView extends ProviderDescription {
  status: ConnectionStatus;
  hint: string | null;
  account: string | null;
  lastTestedAt: string | null;
  lastError: string | null;
  updatedAt: string | null;
}

/** Where a connection lives: the org table, or the user table for one user. */
export type Owner = { level: "org" } | { level: "user"; userId: string };

export type ConnectionResult =
  | { ok: true; message: string }
  | { ok: false; kind: "unknown" }
  | { ok: false; kind: "invalid"; errors: FieldErrors }
  | { ok: false; kind: "failed"; error: string };

function definition(owner: Owner, provider: string): ProviderDefinition | null {
  const providers = providersFor(owner.level);
  return Object.prototype.hasOwnProperty.call(providers, provider) ? providers[provider] : null;
}

// --- reading ---------------------------------------------------------------------------------

/** Every provider of the level with its saved state — never the ciphertext. One query. */
export async function loadConnections(context: AppLoadContext, owner: Owner): Promise<ConnectionView[]> {
  const { db } = context;
  const rows =
    owner.level === "org"
      ? await db.query
          .selectFrom("connections")
          .select(["provider", "status", "credential_hint", "last_tested_at", "last_error", "updated_at", "config"])
          .execute()
      : await db.query
          .selectFrom("user_connections")
          .select(["provider", "status", "credential_hint", "last_tested_at", "last_error", "updated_at", "account_email"])
          .where("user_id", "=", owner.userId)
          .execute();
  return Object.values(providersFor(owner.level)).map((def) => {
    const row = rows.find((r) => r.provider === def.key) as (typeof rows)[number] | undefined;
    const account = row ? ("account_email" in row ? row.account_email : readAccount(row.config)) : null;
    return {
      ...describeProvider(def),
      status: (row?.status as ConnectionStatus | undefined) ?? "not_connected",
      hint: row?.status === "disconnected" ? null : row?.credential_hint ?? null,
      account: row?.status === "disconnected" ? null : account,
      lastTestedAt: row?.last_tested_at ?? null,
      lastError: row?.last_error ?? null,
      updatedAt: row?.updated_at ?? null,
    };
  });
}

function readAccount(config: string | null | undefined): string | null {
  try {
    const value = (JSON.parse(config ?? "{}") as { account?: unknown }).account;
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

function stored(context: AppLoadContext, owner: Owner, provider: string) {
  const { db } = context;
  return owner.level === "org"
    ? db.query.selectFrom("connections").select(["id", "status", "encrypted_credentials", "config"]).where("provider", "=", provider).executeTakeFirst()
    : db.query
        .selectFrom("user_connections")
        .select(["id", "status", "encrypted_credentials"])
        .where("user_id", "=", owner.userId)
        .where("provider", "=", provider)
        .executeTakeFirst();
}

/**
 * The decrypted, validated credentials of a provider (server-side only; for sync clients).
 * Null when never connected, disconnected, or unreadable.
 */
export async function readCredentials(context: AppLoadContext, owner: Owner, provider: string): Promise<unknown | null> {
  const def = definition(owner, provider);
  if (!def) return null;
  const row = await stored(context, owner, provider);
  if (!row || row.status === "disconnected" || row.encrypted_credentials === EMPTY_CREDENTIALS) return null;
  return decode(context, def, row.encrypted_credentials);
}

async function decode(context: AppLoadContext, def: ProviderDefinition, ciphertext: string): Promise<unknown | null> {
  try {
    const raw = JSON.parse(await decryptSecret(context.env.ENCRYPTION_KEY, ciphertext)) as unknown;
    const parsed = def.schema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

// --- testing ---------------------------------------------------------------------------------

/** Runs the provider's real test; a failure becomes a message safe to show (no secret values). */
async function runTest(def: ProviderDefinition, credentials: unknown, raw: Record<string, unknown>, env: AppLoadContext["env"]) {
  try {
    return { ok: true as const, outcome: await def.test(credentials, env) };
  } catch (e) {
    const secrets = [...Object.values(raw), ...Object.values((credentials ?? {}) as Record<string, unknown>)];
    const message = e instanceof IntegrationError ? e.message : `${def.label} could not be tested`;
    if (!(e instanceof IntegrationError)) console.error(`connection test for ${def.key} failed unexpectedly (${e instanceof Error ? e.name : "error"})`);
    return { ok: false as const, error: redactSecrets(message, secrets) };
  }
}

// --- writing ---------------------------------------------------------------------------------

/**
 * Tests the submitted credentials and, only when they work, stores them encrypted (status
 * active) with a history row in the same batch. On failure nothing is written.
 */
export async function saveConnection(context: AppLoadContext, viewer: Viewer, owner: Owner, provider: string, form: FormData): Promise<ConnectionResult> {
  const def = definition(owner, provider);
  if (!def) return { ok: false, kind: "unknown" };
  const parsed = parseFormData(form, def.schema);
  if (!parsed.ok) return { ok: false, kind: "invalid", errors: parsed.errors };
  if (!context.env.ENCRYPTION_KEY) return { ok: false, kind: "failed", error: "Credentials cannot be stored: ENCRYPTION_KEY is not configured." };
  const raw = Object.fromEntries(def.fields.map((f) => [f.name, String(form.get(f.name) ?? "").trim()]));
  const tested = await runTest(def, parsed.data, raw, context.env);
  if (!tested.ok) return { ok: false, kind: "failed", error: tested.error };

  const ciphertext = await encryptSecret(context.env.ENCRYPTION_KEY, JSON.stringify(raw));
  const hint = def.hint(parsed.data);
  const existing = await stored(context, owner, provider);
  const id = existing?.id ?? newId();
  const now = nowIso();
  const history = historyEntry(context.db, {
    actorId: viewer.userId,
    resourceType: CONNECTION_RESOURCE[owner.level],
    resourceId: id,
    action: existing && existing.status !== "disconnected" ? "credentials_replaced" : "connected",
    details: { provider, status: "active", account: tested.outcome.account },
  });
  await batch(context.db, [writeActive(context, owner, { id, provider, ciphertext, hint, outcome: tested.outcome, now, userId: viewer.userId }), history]);
  return { ok: true, message: `${def.label} connected${tested.outcome.account ? ` (${tested.outcome.account})` : ""}.` };
}

function writeActive(
  context: AppLoadContext,
  owner: Owner,
  w: { id: string; provider: string; ciphertext: string; hint: string; outcome: TestOutcome; now: string; userId: string },
) {
  const { db } = context;
  const common = {
    status: "active",
    encrypted_credentials: w.ciphertext,
    credential_hint: w.hint,
    last_tested_at: w.now,
    last_error: null,
    updated_at: w.now,
  };
  if (owner.level === "org") {
    // `config` also holds other areas' non-secret settings (channels, intervals): only `account` is ours.
    return db.query
      .insertInto("connections")
      .values({ id: w.id, provider: w.provider, ...common, config: JSON.stringify({ account: w.outcome.account }), created_by: w.userId, created_at: w.now })
      .onConflict((oc) =>
        oc.column("provider").doUpdateSet({ ...common, config: sql<string>`json_set(coalesce(connections.config, '{}'), '$.account', ${w.outcome.account})` }),
      );
  }
  const extra = { account_email: w.outcome.account, scopes: w.outcome.scopes ?? null, expires_at: w.outcome.expiresAt ?? null };
  return db.query
    .insertInto("user_connections")
    .values({ id: w.id, user_id: owner.userId, provider: w.provider, ...common, ...extra, created_at: w.now })
    .onConflict((oc) => oc.columns(["user_id", "provider"]).doUpdateSet({ ...common, ...extra }));
}

/** Tests the saved credentials again; records the result (active / error) and a history row. */
export async function retestConnection(context: AppLoadContext, viewer: Viewer, owner: Owner, provider: string): Promise<ConnectionResult> {
  const def = definition(owner, provider);
  if (!def) return { ok: false, kind: "unknown" };
  const row = await stored(context, owner, provider);
  if (!row || row.status === "disconnected" || row.encrypted_credentials === EMPTY_CREDENTIALS) {
    return { ok: false, kind: "failed", error: `${def.label} is not connected.` };
  }
  const credentials = await decode(context, def, row.encrypted_credentials);
  let raw: Record<string, unknown> = {};
  try {
    raw = JSON.parse(await decryptSecret(context.env.ENCRYPTION_KEY, row.encrypted_credentials)) as Record<string, unknown>;
  } catch {
    raw = {};
  }
  const tested = credentials === null
    ? { ok: false as const, error: "The saved credentials could not be read. Replace them." }
    : await runTest(def, credentials, raw, context.env);
  const now = nowIso();
  const changes = tested.ok
    ? { status: "active", last_error: null, last_tested_at: now, updated_at: now }
    : { status: "error", last_error: tested.error, last_tested_at: now, updated_at: now };
  const update =
    owner.level === "org"
      ? context.db.query.updateTable("connections").set(changes).where("id", "=", row.id)
      : context.db.query.updateTable("user_connections").set(changes).where("id", "=", row.id).where("user_id", "=", owner.userId);
  await batch(context.db, [
    update,
    historyEntry(context.db, {
      actorId: viewer.userId,
      resourceType: CONNECTION_RESOURCE[owner.level],
      resourceId: row.id,
      action: "tested",
      details: { provider, result: tested.ok ? "ok" : "failed", ...(tested.ok ? {} : { error: tested.error }) },
      changes: { status: { from: row.status, to: changes.status } },
    }),
  ]);
  return tested.ok ? { ok: true, message: `${def.label} works.` } : { ok: false, kind: "failed", error: tested.error };
}

/** Forgets the credentials (ciphertext replaced by an empty marker), keeps the row for history. */
export async function disconnectConnection(context: AppLoadContext, viewer: Viewer, owner: Owner, provider: string): Promise<ConnectionResult> {
  const def = definition(owner, provider);
  if (!def) return { ok: false, kind: "unknown" };
  const row = await stored(context, owner, provider);
  if (!row || row.status === "disconnected") return { ok: true, message: `${def.label} is not connected.` };
  const now = nowIso();
  const changes = { status: "disconnected", encrypted_credentials: EMPTY_CREDENTIALS, credential_hint: null, last_error: null, updated_at: now };
  const update =
    owner.level === "org"
      ? context.db.query.updateTable("connections").set({ ...changes, config: sql<string>`json_remove(coalesce(config, '{}'), '$.account')` }).where("id", "=", row.id)
      : context.db.query
          .updateTable("user_connections")
          .set({ ...changes, account_email: null, scopes: null, expires_at: null })
          .where("id", "=", row.id)
          .where("user_id", "=", owner.userId);
  await batch(context.db, [
    update,
    historyEntry(context.db, {
      actorId: viewer.userId,
      resourceType: CONNECTION_RESOURCE[owner.level],
      resourceId: row.id,
      action: "disconnected",
      details: { provider },
      changes: { status: { from: row.status, to: "disconnected" } },
    }),
  ]);
  return { ok: true, message: `${def.label} disconnected.` };
}

// --- one entry point for both pages' POSTs ----------------------------------------------------

export const connectionIntentSchema = z.object({
  intent: z.enum(["save", "test", "disconnect"], { message: "Unknown action" }),
  provider: z.string().trim().min(1, "Choose a provider").max(40),
});

/** Dispatches a connections form post (save / test / disconnect) for the owner. */
export async function handleConnectionPost(context: AppLoadContext, viewer: Viewer, owner: Owner, form: FormData) {
  const parsed = parseFormData(form, connectionIntentSchema);
  if (!parsed.ok) return { provider: null, result: { ok: false, kind: "invalid", errors: parsed.errors } as ConnectionResult };
  const { intent, provider } = parsed.data;
  const result =
    intent === "save"
      ? await saveConnection(context, viewer, owner, provider, form)
      : intent === "test"
        ? await retestConnection(context, viewer, owner, provider)
        : await disconnectConnection(context, viewer, owner, provider);
  return { provider, result };
}
