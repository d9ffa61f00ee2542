// sync_runs: one row per external sync attempt (Productive, Google directory, Xero linking).
// A run is claimed atomically (no second run of the same provider while one is running), then
// finished as succeeded (in the SAME batch as its writes) or failed (with the reason).
import { sql, type Compilable, type SqlBool } from "kysely";
import { IntegrationError } from "~/integrations/json-http.server";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { newId, nowIso } from "~/platform/ids";

export const SYNC_PROVIDERS = ["productive", "google", "xero"] as const;
export type SyncProvider = (typeof SYNC_PROVIDERS)[number];
export type SyncTrigger = "manual" | "background";

/** People data from Productive is fresh for 6 hours (ORIGINAL §12). */
export const PRODUCTIVE_TTL_MS = 6 * 60 * 60 * 1000;
/** A run still "running" after this long was interrupted; a new one may start. */
export const RUN_LEASE_MS = 10 * 60 * 1000;

/**
 * Starts a run unless one of the same provider is already running (and not abandoned).
 * One statement; returns the run id, or null when busy.
 */
export async function claimRun(db: Db, provider: SyncProvider, trigger: SyncTrigger, actorUserId: string | null, now = new Date()) {
  const id = newId();
  const startedAt = nowIso(now);
  const leaseCutoff = nowIso(new Date(now.getTime() - RUN_LEASE_MS));
  const result = await db.query
    .insertInto("sync_runs")
    .columns(["id", "provider", "trigger", "status", "started_at", "triggered_by", "created_at"])
    .expression(
      db.query
        .selectNoFrom([
          sql<string>`${id}`.as("id"),
          sql<string>`${provider}`.as("provider"),
          sql<string>`${trigger}`.as("trigger"),
          sql<string>`'running'`.as("status"),
          sql<string>`${startedAt}`.as("started_at"),
          sql<string | null>`${actorUserId}`.as("triggered_by"),
          sql<string>`${startedAt}`.as("created_at"),
        ])
        .where(
          sql<SqlBool>`not exists (select 1 from sync_runs where provider = ${provider} and status = 'running' and started_at > ${leaseCutoff})`,
        ),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? id : null;
}

/** The statement that closes a run successfully: put it in the same batch as the run's writes. */
export function succeedRun(db: Db, runId: string, summary: unknown) {
  return db.query
    .updateTable("sync_runs")
    .set({ status: "succeeded", finished_at: nowIso(), summary: JSON.stringify(summary), error: null })
    .where("id", "=", runId);
}

export async function failRun(db: Db, runId: string, error: string) {
  await db.query
    .updateTable("sync_runs")
    .set({ status: "failed", finished_at: nowIso(), error: error.slice(0, 500) })
    .where("id", "=", runId)
    .execute();
}

/** Latest run and latest successful run of a provider (two small indexed reads, for a page batch). */
export function latestRunQuery(db: Db, provider: SyncProvider) {
  return db.query
    .selectFrom("sync_runs")
    .select(["id", "provider", "trigger", "status", "started_at", "finished_at", "summary", "error"])
    .where("provider", "=", provider)
    .orderBy("started_at", "desc")
    // Times have second precision: the insertion order breaks ties.
    .orderBy(sql`sync_runs.rowid`, "desc")
    .limit(1);
}

export function latestSuccessQuery(db: Db, provider: SyncProvider) {
  return db.query
    .selectFrom("sync_runs")
    .select(["id", "finished_at"])
    .where("provider", "=", provider)
    .where("status", "=", "succeeded")
    .orderBy("finished_at", "desc")
    .orderBy(sql`sync_runs.rowid`, "desc")
    .limit(1);
}

export function recentRunsQuery(db: Db, provider: SyncProvider, limit = 10) {
  return db.query
    .selectFrom("sync_runs")
    .leftJoin("users", "users.id", "sync_runs.triggered_by")
    .select([
      "sync_runs.id", "sync_runs.provider", "sync_runs.trigger", "sync_runs.status", "sync_runs.started_at",
      "sync_runs.finished_at", "sync_runs.summary", "sync_runs.error", "users.name as triggered_by_name",
    ])
    .where("sync_runs.provider", "=", provider)
    .orderBy("sync_runs.started_at", "desc")
    .orderBy(sql`sync_runs.rowid`, "desc")
    .limit(limit);
}

export type RunRow = {
  id: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  summary: string | null;
  error: string | null;
};

export interface FreshnessState {
  lastSyncedAt: string | null;
  stale: boolean;
  /** A run started recently (running, or just finished/failed): do not start another in the background. */
  recentlyAttempted: boolean;
  lastRun: { status: string; startedAt: string; finishedAt: string | null; error: string | null } | null;
}

export function freshness(lastRun: RunRow | undefined, lastSuccess: { finished_at: string | null } | undefined, now = new Date()): FreshnessState {
  const lastSyncedAt = lastSuccess?.finished_at ?? null;
  const stale = !lastSyncedAt || now.getTime() - Date.parse(lastSyncedAt) > PRODUCTIVE_TTL_MS;
  const recentlyAttempted = Boolean(lastRun && now.getTime() - Date.parse(lastRun.started_at) < RUN_LEASE_MS);
  return {
    lastSyncedAt,
    stale,
    recentlyAttempted,
    lastRun: lastRun
      ? { status: lastRun.status, startedAt: lastRun.started_at, finishedAt: lastRun.finished_at, error: lastRun.error }
      : null,
  };
}

export type SyncOutcome<S> =
  | { ok: true; runId: string; summary: S }
  | { ok: false; runId: string | null; error: string };

/** A message safe to store and show: integration errors as they are, anything else generic. */
export function failureReason(e: unknown, stage = "saving") {
  if (e instanceof IntegrationError) return e.message;
  if (e instanceof Error) return `The sync failed while ${stage}: ${e.message.slice(0, 200)}`;
  return "The sync failed";
}

/**
 * The frame every sync runs in: resolve the configuration, claim the run, do the work (fetch
 * everything, then plan), and write the plan's statements together with the run's success in
 * ONE batch. Any failure — configuration, HTTP, timeout, bad JSON, a refusal, a failed batch —
 * records why on the run and changes nothing else.
 */
export async function runSync<C, S>(
  db: Db,
  run: { provider: SyncProvider; trigger: SyncTrigger; actorUserId: string | null; now?: Date; notConfigured: string },
  resolveConfig: () => Promise<C | null>,
  work: (config: C) => Promise<{ statements: Compilable<unknown>[]; summary: S } | { refusal: string }>,
): Promise<SyncOutcome<S>> {
  let config: C | null = null;
  let configError: unknown = null;
  try {
    config = await resolveConfig();
  } catch (e) {
    configError = e;
  }
  if (!config && !configError) return { ok: false, runId: null, error: run.notConfigured };
  const runId = await claimRun(db, run.provider, run.trigger, run.actorUserId, run.now);
  if (!runId) return { ok: false, runId: null, error: "A sync of this kind is already running. Try again in a few minutes." };
  let stage = "fetching";
  try {
    if (configError) throw configError;
    const result = await work(config as C);
    if ("refusal" in result) {
      await failRun(db, runId, result.refusal);
      return { ok: false, runId, error: result.refusal };
    }
    stage = "saving";
    await batch(db, [...result.statements, succeedRun(db, runId, result.summary)]);
    return { ok: true, runId, summary: result.summary };
  } catch (e) {
    const message = failureReason(e, stage);
    await failRun(db, runId, message).catch(() => {});
    return { ok: false, runId, error: message };
  }
}
