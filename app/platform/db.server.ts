import { Kysely, type DatabaseConnection, type Driver, type QueryResult } from "kysely";
import { D1Dialect } from "kysely-d1";
import type { DB as Database } from "~db/types";

export type { Database };
export type Kysely_ = Kysely<Database>;

/** Round trips this request has made to D1 (one per statement run, one per batch). */
export interface D1Stats {
  roundTrips: number;
  /** Wall time spent waiting on D1 (ms), for the benchmark's Server-Timing. */
  waitMs: number;
}

/** Counts one round trip and adds its wall time to `stats.waitMs`. */
export async function timedRoundTrip<T>(stats: D1Stats, run: () => Promise<T>): Promise<T> {
  stats.roundTrips++;
  const started = performance.now();
  try {
    return await run();
  } finally {
    stats.waitMs += performance.now() - started;
  }
}

/**
 * Per-request database handle. `query` builds and runs Kysely queries (each one a counted
 * round trip); `raw` is the unwrapped binding that `batch()` in batch.server.ts sends through.
 */
export interface Db {
  query: Kysely<Database>;
  raw: D1Database;
  stats: D1Stats;
}

const STATEMENT_RUNNERS = new Set(["all", "run", "first", "raw"]);

function countStatement(stmt: D1PreparedStatement, stats: D1Stats): D1PreparedStatement {
  return new Proxy(stmt, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (prop === "bind") {
        return (...args: unknown[]) => countStatement(value.apply(target, args), stats);
      }
      if (STATEMENT_RUNNERS.has(prop as string)) {
        return (...args: unknown[]) => timedRoundTrip(stats, () => value.apply(target, args));
      }
      return value.bind(target);
    },
  });
}

/** Wraps the D1 binding so that each network round trip increments `stats.roundTrips`. */
export function countingD1(db: D1Database, stats: D1Stats): D1Database {
  return new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (prop === "prepare") {
        return (sql: string) => countStatement(value.call(target, sql), stats);
      }
      if (prop === "batch" || prop === "exec") {
        return (...args: unknown[]) => timedRoundTrip(stats, () => value.apply(target, args));
      }
      return value.bind(target);
    },
  });
}

/**
 * kysely-d1 still reports the pre-0.28 `numUpdatedOrDeletedRows` field, which makes Kysely log
 * an "outdated driver" warning; this drops the field (numAffectedRows carries the same value).
 */
class CurrentD1Dialect extends D1Dialect {
  createDriver(): Driver {
    const driver = super.createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    driver.acquireConnection = async () => {
      const connection = await acquire();
      const execute = connection.executeQuery.bind(connection);
      const current: DatabaseConnection = {
        executeQuery: async <R>(query: Parameters<typeof execute>[0]) => {
          const result = (await execute<R>(query)) as QueryResult<R> & { numUpdatedOrDeletedRows?: bigint };
          delete result.numUpdatedOrDeletedRows;
          return result;
        },
        streamQuery: connection.streamQuery.bind(connection),
      };
      return current;
    };
    return driver;
  }
}

export function createDb(binding: D1Database): Db {
  const stats: D1Stats = { roundTrips: 0, waitMs: 0 };
  const counted = countingD1(binding, stats);
  return {
    query: new Kysely<Database>({ dialect: new CurrentD1Dialect({ database: counted }) }),
    raw: binding,
    stats,
  };
}
