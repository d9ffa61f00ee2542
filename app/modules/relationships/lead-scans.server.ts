// The lead scan log: one row per scanner run (source, timing, status, counts, error). Scanners
// call `recordLeadScan` (or put `leadScanInsert` in their own batch); executives read the log at
// /relationships/lead-scans.
import type { Db } from "~/platform/db.server";
import { newId, nowIso } from "~/platform/ids";
import { batch } from "~/platform/batch.server";

export const LEAD_SCAN_PAGE_SIZE = 25;
export const LEAD_SCAN_STATUSES = ["running", "succeeded", "partial", "failed"] as const;
export type LeadScanStatus = (typeof LEAD_SCAN_STATUSES)[number];

export interface LeadScanInput {
  /** Which scanner ran, e.g. "linkedin_alerts", "inbound_forms", "website_visits". */
  source: string;
  startedAt: string;
  finishedAt?: string | null;
  status: LeadScanStatus;
  /** Whole numbers only, e.g. { scanned: 120, matched: 8, created: 3 }. */
  counts?: Record<string, number>;
  /** Why it failed — a short message, never a token or raw response body. */
  error?: string | null;
  triggeredBy?: string | null;
  id?: string;
}

function cleanCounts(counts: Record<string, number> | undefined) {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(counts ?? {}).slice(0, 30)) {
    if (Number.isFinite(value)) out[key.slice(0, 40)] = Math.trunc(value);
  }
  return out;
}

/** The insert, for a scanner's own batch. */
export function leadScanInsert(db: Db, input: LeadScanInput) {
  return db.query.insertInto("lead_scan_log").values({
    id: input.id ?? newId(),
    source: input.source.trim().slice(0, 100) || "unknown",
    started_at: input.startedAt,
    finished_at: input.finishedAt ?? null,
    status: input.status,
    counts: JSON.stringify(cleanCounts(input.counts)),
    error: input.error ? input.error.slice(0, 500) : null,
    triggered_by: input.triggeredBy ?? null,
    created_at: nowIso(),
  });
}

/** Records one scan run; returns its id. */
export async function recordLeadScan(db: Db, input: LeadScanInput): Promise<string> {
  const id = input.id ?? newId();
  await batch(db, [leadScanInsert(db, { ...input, id })]);
  return id;
}

/** Newest runs first, optionally one source, with the total and the list of sources: ONE batch. */
export async function loadLeadScans(db: Db, options: { page: number; source?: string }) {
  const filtered = () => {
    const q = db.query.selectFrom("lead_scan_log");
    return options.source ? q.where("lead_scan_log.source", "=", options.source) : q;
  };
  const [rows, counts, sources] = await batch(db, [
    filtered()
      .leftJoin("users", "users.id", "lead_scan_log.triggered_by")
      .select([
        "lead_scan_log.id", "lead_scan_log.source", "lead_scan_log.started_at", "lead_scan_log.finished_at", "lead_scan_log.status",
        "lead_scan_log.counts", "lead_scan_log.error", "users.name as triggered_by_name",
      ])
      .orderBy("lead_scan_log.started_at", "desc")
      .orderBy("lead_scan_log.id", "desc")
      .limit(LEAD_SCAN_PAGE_SIZE)
      .offset((options.page - 1) * LEAD_SCAN_PAGE_SIZE),
    filtered().select((eb) => eb.fn.countAll<number>().as("n")),
    db.query.selectFrom("lead_scan_log").select("source").distinct().orderBy("source").limit(100),
  ]);
  const total = Number(counts[0]?.n ?? 0);
  return {
    rows: rows.map((r) => ({ ...r, counts: parseCounts(r.counts) })),
    total,
    page: options.page,
    pageCount: Math.max(1, Math.ceil(total / LEAD_SCAN_PAGE_SIZE)),
    sources: sources.map((s) => s.source),
  };
}

function parseCounts(json: string): Record<string, number> {
  try {
    const value = JSON.parse(json) as unknown;
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === "number")) as Record<string, number>;
  } catch {
    return {};
  }
}
