import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { batch, chunkForInsert } from "~/platform/batch.server";
import { setupTestDb } from "../../support/d1";

const db = setupTestDb();

describe("batch()", () => {
  it("runs every statement in one round trip and returns each result", async () => {
    const { db: conn } = db.context();
    const [inserted, counted] = await batch(conn, [
      conn.query.insertInto("daily_quotes").values({ id: "q1", text: "Ship it", author: "Us" }).returning("id"),
      conn.query.selectFrom("daily_quotes").select((eb) => eb.fn.countAll<number>().as("n")),
    ]);
    expect(inserted).toEqual([{ id: "q1" }]);
    expect(counted[0].n).toBe(1);
    expect(conn.stats.roundTrips).toBe(1);
  });

  it("is atomic: a failing statement leaves nothing written", async () => {
    const { db: conn } = db.context();
    await expect(
      batch(conn, [
        conn.query.insertInto("daily_quotes").values({ id: "q-ok", text: "Written?" }),
        // Violates the CHECK on is_active, so the whole batch must roll back.
        conn.query.insertInto("daily_quotes").values({ id: "q-bad", text: "Bad", is_active: 7 }),
      ]),
    ).rejects.toThrow();
    const rows = await conn.query.selectFrom("daily_quotes").selectAll().execute();
    expect(rows).toEqual([]);
  });

  it("counts plain Kysely queries as round trips", async () => {
    const { db: conn } = db.context();
    await sql`select 1`.execute(conn.query);
    await conn.query.selectFrom("users").selectAll().execute();
    expect(conn.stats.roundTrips).toBe(2);
  });
});

describe("chunkForInsert()", () => {
  it("keeps each chunk under D1's 100 bound parameters", () => {
    const rows = Array.from({ length: 250 }, (_, i) => ({ i }));
    const chunks = chunkForInsert(rows, 7);
    expect(chunks.every((c) => c.length * 7 <= 100)).toBe(true);
    expect(chunks.flat()).toHaveLength(250);
  });
});
