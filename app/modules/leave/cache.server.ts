// Leave types and balances: a 1 h read-through cache of Xero Payroll AU (leave_types,
// leave_balances; bookkeeping in cache_refreshes 'leave_types' and 'leave_balances:<person>').
// Pages read the cache in their own batch and schedule a background refresh when it is stale;
// the Refresh button refreshes synchronously. When Xero fails, the stale rows stay and the page
// shows their age and the error.
import { sql } from "kysely";
import { IntegrationError } from "~/integrations/request.server";
import { fetchLeaveBalances, fetchLeaveTypes } from "~/integrations/xero-leave.server";
import { cacheUpsert, type CacheRow } from "~/modules/holidays/holidays.server";
import { xeroConfig } from "~/modules/people/sync-config.server";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import { newId, nowIso } from "~/platform/ids";

export const LEAVE_CACHE_TTL_MS = 60 * 60 * 1000;
const RETRY_AFTER_MS = 5 * 60 * 1000;
const XERO_TIMEOUT_MS = 8_000;

export const TYPES_KEY = "leave_types";
export const balancesKey = (personId: string) => `leave_balances:${personId}`;

const failure = (e: unknown) => (e instanceof IntegrationError ? e.message : "Xero could not be read");

export type RefreshResult = { ok: true } | { ok: false; error: string };

/**
 * Refreshes the leave types (and, with a person linked to Xero, their balances) from Xero in one
 * write batch. Never throws; a failure is recorded on the cache rows (stale data stays).
 */
export async function refreshLeaveCache(context: AppLoadContext, person: { id: string; xero_employee_id: string | null } | null): Promise<RefreshResult> {
  const { db } = context;
  const now = nowIso();
  const keys = [TYPES_KEY, ...(person ? [balancesKey(person.id)] : [])];
  const config = await xeroConfig(context, { timeoutMs: XERO_TIMEOUT_MS }).catch(() => null);
  const fail = async (error: string) => {
    await batch(db, keys.map((k) => cacheUpsert(db, k, { attempted_at: now, last_error: error }))).catch(() => undefined);
    return { ok: false as const, error };
  };
  if (!config) return fail("Xero is not connected: showing the last cached leave types and balances");
  try {
    const [types, balances] = await Promise.all([
      fetchLeaveTypes(config),
      person?.xero_employee_id ? fetchLeaveBalances(config, person.xero_employee_id) : Promise.resolve(null),
    ]);
    const typeIds = new Map(types.map((t) => [t.leaveTypeId, t]));
    for (const b of balances ?? []) if (!typeIds.has(b.leaveTypeId)) typeIds.set(b.leaveTypeId, { leaveTypeId: b.leaveTypeId, name: b.name ?? "Leave", isPaid: true });
    const statements = [
      ...[...typeIds.values()].map((t, i) =>
        db.query.insertInto("leave_types")
          .values({ id: newId(), provider: "xero", external_id: t.leaveTypeId, name: t.name, is_paid: t.isPaid ? 1 : 0, is_active: 1, position: i, fetched_at: now, created_at: now, updated_at: now })
          .onConflict((oc) => oc.column("external_id").doUpdateSet({ name: t.name, is_paid: t.isPaid ? 1 : 0, is_active: 1, fetched_at: now, updated_at: now })),
      ),
      ...(balances && person
        ? balances.map((b) =>
            db.query.insertInto("leave_balances")
              .values({
                id: newId(), person_id: person.id, balance_hours: b.hours, fetched_at: now,
                leave_type_id: sql<string>`(select id from leave_types where external_id = ${b.leaveTypeId})`,
              })
              .onConflict((oc) => oc.columns(["person_id", "leave_type_id"]).doUpdateSet({ balance_hours: b.hours, fetched_at: now })),
          )
        : []),
      ...keys.map((k) =>
        cacheUpsert(db, k, { fetched_at: k === TYPES_KEY || balances ? now : undefined, attempted_at: now, last_error: k !== TYPES_KEY && !balances ? "Not linked to a Xero employee: balances cannot be refreshed" : null }),
      ),
    ];
    await batch(db, statements as Parameters<typeof batch>[1]);
    return { ok: true };
  } catch (e) {
    return fail(failure(e));
  }
}

export function isStale(row: CacheRow | undefined, now = Date.now()) {
  if (row?.fetched_at && now - Date.parse(row.fetched_at) <= LEAVE_CACHE_TTL_MS) return false;
  return !row?.attempted_at || now - Date.parse(row.attempted_at) > RETRY_AFTER_MS;
}
