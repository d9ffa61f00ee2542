// The Syncs page (executives: people manage): recent runs per provider with their summaries or
// errors, and "Sync now" for each.
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Viewer } from "~/platform/session.server";
import { isProductiveConfigured } from "./sync-config.server";
import { runGoogleDirectorySync } from "./sync-google.server";
import { runProductiveSync } from "./sync-productive.server";
import { recentRunsQuery, type SyncProvider } from "./sync-runs.server";
import { runXeroLinking } from "./sync-xero.server";

function parseSummary(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function loadSyncPage(context: AppLoadContext) {
  const { db, env } = context;
  const [productive, google, xero, connections] = await batch(db, [
    recentRunsQuery(db, "productive"),
    recentRunsQuery(db, "google"),
    recentRunsQuery(db, "xero"),
    db.query.selectFrom("connections").select(["provider"]).where("provider", "in", ["productive", "google", "xero"]).where("status", "=", "active"),
  ]);
  const stored = new Set(connections.map((c) => c.provider));
  const runs = (rows: typeof productive) => rows.map((r) => ({ ...r, summary: parseSummary(r.summary) }));
  return {
    providers: [
      { key: "productive" as const, label: "Productive", purpose: "People, managers and squads (the source of truth). Runs by itself when the data is over 6 hours old.", configured: isProductiveConfigured(env, stored.has("productive")), runs: runs(productive) },
      { key: "google" as const, label: "Google Workspace directory", purpose: "Names, pictures and job titles of app users; links people to users by email.", configured: stored.has("google") || Boolean(env.GOOGLE_DIRECTORY_TOKEN), runs: runs(google) },
      { key: "xero" as const, label: "Xero Payroll", purpose: "Links people to Xero employees by name and email (score 80 or more). Payroll data is not pulled here.", configured: stored.has("xero") || Boolean(env.XERO_ACCESS_TOKEN && env.XERO_TENANT_ID), runs: runs(xero) },
    ],
  };
}

export async function runSyncNow(context: AppLoadContext, viewer: Viewer, provider: SyncProvider) {
  const actor = { actorUserId: viewer.userId };
  switch (provider) {
    case "productive":
      return { provider, ...(await runProductiveSync(context, { ...actor, trigger: "manual" })) };
    case "google":
      return { provider, ...(await runGoogleDirectorySync(context, { ...actor, actorEmail: viewer.email })) };
    case "xero":
      return { provider, ...(await runXeroLinking(context, actor)) };
  }
}
