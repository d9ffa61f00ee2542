// Contract signer chasers. A signer who has had their signing link for more than
// CHASE_AFTER_DAYS without signing or declining raises ONE action item ("Chase <signer> on
// <contract>") for the contract's owner; it is closed automatically when that signer signs or
// declines, or the contract stops waiting (voided, declined, deleted).
//
// Like the renewal reminders, the sweep runs in the background of the contracts list
// (waitUntil), never in the page's own round trips. The statements are set-based (no ids bound
// from JavaScript) and each write carries its history row in the same batch.
import { sql, type SqlBool } from "kysely";
import { ACTION_ITEM_RESOURCE } from "~/modules/action-centre/action-items.server";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { historyColumns, historyForRows } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";

export const CHASE_MODULE = "contracts";
export const CHASE_TYPE = "contract_signer_chase";
export const CHASE_AFTER_DAYS = 5;

const WAITING = sql<SqlBool>`s.status in ('sent', 'viewed') and c.status = 'sent'`;

/** Signers waiting for more than CHASE_AFTER_DAYS whose chaser was never raised. */
function dueSigners(db: Db, now: string) {
  return db.query
    .selectFrom("contract_signers as s")
    .innerJoin("contracts as c", "c.id", "s.contract_id")
    .where(WAITING)
    .where("c.owner_id", "is not", null)
    .where("s.sent_at", "is not", null)
    .where(sql<SqlBool>`s.sent_at < strftime('%Y-%m-%dT%H:%M:%SZ', ${now}, '-${sql.raw(String(CHASE_AFTER_DAYS))} days')`)
    .where(sql<SqlBool>`not exists (select 1 from action_items ai where ai.source_module = ${CHASE_MODULE}
      and ai.source_type = ${CHASE_TYPE} and ai.source_id = s.id)`);
}

const titleSql = sql<string>`substr('Chase ' || s.name || ' on ' || c.title, 1, 200)`;
const descriptionSql = (now: string) => sql<string>`s.role_label || ' ' || s.name || ' <' || s.email || '> has had the signing link since '
  || substr(s.sent_at, 1, 10) || ' (' || cast(julianday(${now}) - julianday(s.sent_at) as integer) || ' days) and '
  || case when s.viewed_at is null then 'has not opened it' else 'opened it on ' || substr(s.viewed_at, 1, 10) end
  || '. Give them a call, or resend the link from the contract.'`;

/** An open chaser whose signer is no longer waiting (signed, declined, contract voided or gone). */
const notWaiting = sql<SqlBool>`not exists (select 1 from contract_signers s join contracts c on c.id = s.contract_id
  where s.id = action_items.source_id and ${WAITING})`;

/**
 * Closes the chasers of signers who stopped waiting: all of them, or those of one contract.
 * Two statements (history, then the update) for the caller's batch.
 */
export function closeChaseStatements(db: Db, now = nowIso(), onlyContractId?: string) {
  const ofContract = sql<SqlBool>`action_items.source_id in (select id from contract_signers where contract_id = ${onlyContractId ?? ""})`;
  return [
    historyForRows(db, db.query
      .selectFrom("action_items")
      .where("action_items.source_module", "=", CHASE_MODULE)
      .where("action_items.source_type", "=", CHASE_TYPE)
      .where("action_items.source_id", "is not", null) // lets SQLite use the partial source index
      .where("action_items.is_completed", "=", 0)
      .where(notWaiting)
      .$if(Boolean(onlyContractId), (q) => q.where(ofContract))
      .select(historyColumns({
        resourceType: ACTION_ITEM_RESOURCE, resourceId: sql.ref("action_items.id"), action: "completed", at: now,
        details: sql<string>`json_object('changes', json_object('is_completed', json_object('from', 0, 'to', 1)), 'reason', 'signer no longer waiting',
          'signer_status', (select status from contract_signers where contract_signers.id = action_items.source_id))`,
      }))),
    db.query
      .updateTable("action_items")
      .set({ is_completed: 1, completed_at: now, completed_by: null, updated_at: now })
      .where("source_module", "=", CHASE_MODULE)
      .where("source_type", "=", CHASE_TYPE)
      .where("source_id", "is not", null)
      .where("is_completed", "=", 0)
      .where(notWaiting)
      .$if(Boolean(onlyContractId), (q) => q.where(ofContract)),
  ] as const;
}

/** Close stale chasers, then raise new ones (one per signer; idempotent). Four statements. */
export function chaseSweepStatements(db: Db, now = nowIso()) {
  const run = newId();
  const itemId = sql<string>`${run} || ':' || s.id`;
  return [
    ...closeChaseStatements(db, now),
    historyForRows(db, dueSigners(db, now).select(historyColumns({
      resourceType: ACTION_ITEM_RESOURCE, resourceId: itemId, action: "raised", at: now,
      details: sql<string>`json_object('source', json_object('module', ${CHASE_MODULE}, 'type', ${CHASE_TYPE}, 'id', s.id),
        'title', ${titleSql}, 'assigned_person_id', c.owner_id, 'contract_id', c.id)`,
    }))),
    db.query
      .insertInto("action_items")
      .columns(["id", "title", "description", "source_module", "source_type", "source_id", "company_id", "deal_id", "assigned_person_id", "due_date", "created_at", "updated_at"])
      .expression(
        dueSigners(db, now).select([
          itemId.as("id"),
          titleSql.as("title"),
          descriptionSql(now).as("description"),
          sql<string>`${CHASE_MODULE}`.as("source_module"),
          sql<string>`${CHASE_TYPE}`.as("source_type"),
          "s.id as source_id",
          "c.company_id",
          "c.deal_id",
          "c.owner_id as assigned_person_id",
          sql<string>`${now.slice(0, 10)}`.as("due_date"),
          sql<string>`${now}`.as("created_at"),
          sql<string>`${now}`.as("updated_at"),
        ]),
      )
      .onConflict((oc) => oc.columns(["source_module", "source_type", "source_id"]).where("source_id", "is not", null).doNothing()),
  ] as const;
}

/** Runs the sweep (one round trip). */
export async function sweepSignerChasers(db: Db, now: Date = new Date()) {
  await batch(db, chaseSweepStatements(db, nowIso(now)));
}
