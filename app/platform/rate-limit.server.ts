import { sql } from "kysely";
import { batch } from "./batch.server";
import type { Db } from "./db.server";
import { nowIso } from "./ids";

export interface RateLimitRule {
  /** Hits allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Hits counted in the current window, this one included. */
  count: number;
  /** 0 when allowed; otherwise seconds until the window resets (for Retry-After). */
  retryAfterSeconds: number;
}

/**
 * One fixed-window hit as ONE statement: insert the key, or bump its count, or (when the
 * stored window is over) restart the window at 1 — and return the count. SQLite evaluates
 * every SET expression against the old row, so both CASEs test the same old window_start.
 */
export function rateLimitHit(db: Db, key: string, rule: RateLimitRule, now = new Date()) {
  const start = nowIso(now);
  const expired = nowIso(new Date(now.getTime() - rule.windowSeconds * 1000));
  return db.query
    .insertInto("rate_limits")
    .values({ key, window_start: start, count: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        count: sql<number>`CASE WHEN rate_limits.window_start <= ${expired} THEN 1 ELSE rate_limits.count + 1 END`,
        window_start: sql<string>`CASE WHEN rate_limits.window_start <= ${expired} THEN excluded.window_start ELSE rate_limits.window_start END`,
      }),
    )
    .returning(["count", "window_start"]);
}

/** Reads a rateLimitHit's returned rows (when it ran inside a caller's batch). */
export function rateLimitResult(rows: { count: number; window_start: string }[], rule: RateLimitRule, now: Date): RateLimitResult {
  const row = rows[0];
  const count = Number(row?.count ?? 1);
  if (count <= rule.limit) return { allowed: true, count, retryAfterSeconds: 0 };
  const resetsAt = Date.parse(row?.window_start ?? nowIso(now)) + rule.windowSeconds * 1000;
  return { allowed: false, count, retryAfterSeconds: Math.max(1, Math.ceil((resetsAt - now.getTime()) / 1000)) };
}

/** Counts a hit on `key` (e.g. "portal-login:ip:203.0.113.9") and says whether it is allowed. */
export async function hitRateLimit(db: Db, key: string, rule: RateLimitRule, now = new Date()): Promise<RateLimitResult> {
  const rows = await rateLimitHit(db, key, rule, now).execute();
  return rateLimitResult(rows, rule, now);
}

/**
 * Several limits (per email AND per IP, say) in one round trip. Every key is counted; the
 * answer is the most restrictive: not allowed if any is over, with the longest wait.
 */
export async function hitRateLimits(
  db: Db,
  hits: { key: string; rule: RateLimitRule }[],
  now = new Date(),
): Promise<RateLimitResult> {
  const results = await batch(db, hits.map((h) => rateLimitHit(db, h.key, h.rule, now)));
  const answers = results.map((rows, i) => rateLimitResult(rows, hits[i]!.rule, now));
  const refused = answers.filter((a) => !a.allowed);
  if (refused.length === 0) return { allowed: true, count: Math.max(...answers.map((a) => a.count)), retryAfterSeconds: 0 };
  return {
    allowed: false,
    count: Math.max(...refused.map((a) => a.count)),
    retryAfterSeconds: Math.max(...refused.map((a) => a.retryAfterSeconds)),
  };
}

/** Deletes windows that ended long ago (a statement; run it now and then, e.g. via waitUntil). */
export function pruneRateLimits(db: Db, olderThanSeconds = 24 * 60 * 60, now = new Date()) {
  return db.query
    .deleteFrom("rate_limits")
    .where("window_start", "<", nowIso(new Date(now.getTime() - olderThanSeconds * 1000)));
}

/** The client's address as Cloudflare reports it (absent in some local setups). */
export function clientIp(request: Request) {
  return request.headers.get("CF-Connecting-IP")?.trim() || "unknown";
}
