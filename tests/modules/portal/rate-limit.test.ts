import { describe, expect, it } from "vitest";
import { hitRateLimit, hitRateLimits } from "~/platform/rate-limit.server";
import { setupTestDb } from "../../support/d1";

const db = setupTestDb();
const rule = { limit: 3, windowSeconds: 60 };

describe("hitRateLimit (fixed window on rate_limits)", () => {
  it("allows `limit` hits per window in one statement each, then refuses with the wait", async () => {
    const { db: conn } = db.context();
    const t0 = new Date("2026-01-01T10:00:00Z");
    for (let i = 1; i <= 3; i++) {
      expect(await hitRateLimit(conn, "k", rule, new Date(t0.getTime() + i * 1000))).toMatchObject({ allowed: true, count: i, retryAfterSeconds: 0 });
    }
    expect(conn.stats.roundTrips).toBe(3);
    const refused = await hitRateLimit(conn, "k", rule, new Date(t0.getTime() + 20_000));
    // The window opened with the first hit (t0 + 1 s), so it resets at t0 + 61 s.
    expect(refused).toEqual({ allowed: false, count: 4, retryAfterSeconds: 41 });
    // Other keys are counted separately.
    expect((await hitRateLimit(conn, "other", rule, t0)).allowed).toBe(true);
  });

  it("starts a new window once the old one is over", async () => {
    const { db: conn } = db.context();
    const t0 = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < 5; i++) await hitRateLimit(conn, "k", rule, t0);
    expect((await hitRateLimit(conn, "k", rule, new Date(t0.getTime() + 59_000))).allowed).toBe(false);
    const fresh = await hitRateLimit(conn, "k", rule, new Date(t0.getTime() + 60_000));
    expect(fresh).toMatchObject({ allowed: true, count: 1 });
    const row = await conn.query.selectFrom("rate_limits").selectAll().where("key", "=", "k").executeTakeFirstOrThrow();
    expect(row).toEqual({ key: "k", count: 1, window_start: "2026-01-01T10:01:00Z" });
  });

  it("hitRateLimits counts several keys in one round trip and answers with the strictest", async () => {
    const { db: conn } = db.context();
    const now = new Date("2026-01-01T10:00:00Z");
    const hits = [{ key: "email", rule: { limit: 1, windowSeconds: 900 } }, { key: "ip", rule: { limit: 10, windowSeconds: 60 } }];
    expect((await hitRateLimits(conn, hits, now)).allowed).toBe(true);
    const before = conn.stats.roundTrips;
    expect(await hitRateLimits(conn, hits, now)).toEqual({ allowed: false, count: 2, retryAfterSeconds: 900 });
    expect(conn.stats.roundTrips - before).toBe(1);
  });
});
