// Unanswered-proposal follow-ups. A proposal Sent or Viewed for proposal_settings.follow_up_days
// (7 by default) without an accept or decline raises ONE action item for its owner
// ("Follow up: <client> has not answered <proposal> (viewed 3 times, last 2 days ago)"); the item
// is refreshed while it stays open (view count, days) and closed automatically once the
// proposal is no longer live (accepted, declined, expired, withdrawn/deleted).
//
// There is no cron: the statements are set-based (INSERT … SELECT / UPDATE … WHERE, no ids
// bound from JavaScript) and ride in the proposals board's own batch, next to the expiry sweep,
// so the board stays at one round trip for its data. Every change writes its history row in
// the same batch (history first, then the change, both over the same condition).
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { ACTION_ITEM_RESOURCE } from "~/modules/action-centre/action-items.server";
import type { Db } from "~/platform/db.server";
import { historyColumns, historyForRows } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";

export const FOLLOW_UP_MODULE = "proposals";
/** Picked up by the action centre's Estimate tab (catalogue SOURCE_TYPES.estimate). */
export const FOLLOW_UP_TYPE = "unanswered_proposal";
export const DEFAULT_FOLLOW_UP_DAYS = 7;

const followUpDays = sql<number>`coalesce((select follow_up_days from proposal_settings where id = 'org'), ${DEFAULT_FOLLOW_UP_DAYS})`;

/** Whole days between an ISO time and `now`, in words. */
function ago(column: RawBuilder<unknown>, now: string) {
  return sql<string>`case cast(julianday(${now}) - julianday(${column}) as integer)
    when 0 then 'today' when 1 then '1 day ago'
    else cast(julianday(${now}) - julianday(${column}) as integer) || ' days ago' end`;
}

/** The item's title for proposal alias `p` (company and contact joined as `co` / `ct`). */
function titleSql(now: string) {
  const views = sql<number>`(select count(*) from proposal_views pv where pv.proposal_id = p.id)`;
  const lastSeen = sql<string>`(select max(pv.last_seen_at) from proposal_views pv where pv.proposal_id = p.id)`;
  return sql<string>`substr('Follow up: ' || coalesce(co.name, nullif(trim(ct.first_name || ' ' || ct.last_name), ''), 'the client')
    || ' has not answered ' || p.title || ' ('
    || case when ${views} = 0 then 'not opened yet, sent ' || ${ago(sql.ref("p.sent_at"), now)}
       else 'viewed ' || ${views} || case when ${views} = 1 then ' time' else ' times' end || ', last ' || ${ago(lastSeen, now)} end
    || ')', 1, 200)`;
}

const descriptionSql = sql<string>`'Sent ' || substr(p.sent_at, 1, 10) || coalesce(' to ' || nullif(trim(ct.first_name || ' ' || ct.last_name), ''), '')
  || coalesce(', valid until ' || p.valid_until, '') || '. Call or email the client, then update the proposal.'`;

const LIVE = sql<SqlBool>`p.status in ('sent', 'viewed')`;

/** Live proposals unanswered for at least follow_up_days that have no follow-up item yet. */
function dueProposals(db: Db, now: string, onlyId?: string) {
  return db.query
    .selectFrom("proposals as p")
    .leftJoin("companies as co", "co.id", "p.company_id")
    .leftJoin("contacts as ct", "ct.id", "p.contact_id")
    .where(LIVE)
    .where("p.sent_at", "is not", null)
    .where("p.owner_id", "is not", null)
    .where(sql<SqlBool>`p.sent_at <= strftime('%Y-%m-%dT%H:%M:%SZ', ${now}, '-' || ${followUpDays} || ' days')`)
    .where(sql<SqlBool>`not exists (select 1 from action_items ai where ai.source_module = ${FOLLOW_UP_MODULE}
      and ai.source_type = ${FOLLOW_UP_TYPE} and ai.source_id = p.id)`)
    .$if(Boolean(onlyId), (q) => q.where("p.id", "=", onlyId!));
}

const openItems = (db: Db) =>
  db.query
    .selectFrom("action_items")
    .where("action_items.source_module", "=", FOLLOW_UP_MODULE)
    .where("action_items.source_type", "=", FOLLOW_UP_TYPE)
    .where("action_items.source_id", "is not", null) // lets SQLite use the partial source index
    .where("action_items.is_completed", "=", 0);

const notLive = sql<SqlBool>`not exists (select 1 from proposals p where p.id = action_items.source_id and ${LIVE})`;

/** The up-to-date title of an open item's proposal (NULL when the proposal is gone). */
function currentTitle(now: string) {
  return sql<string | null>`(select ${titleSql(now)} from proposals p
    left join companies co on co.id = p.company_id left join contacts ct on ct.id = p.contact_id
    where p.id = action_items.source_id)`;
}

/**
 * Closes the follow-up of proposals that are no longer Sent/Viewed (all of them, or one).
 * Two statements (history, then the update) for the caller's batch.
 */
export function closeFollowUpStatements(db: Db, now = nowIso(), onlyProposalId?: string) {
  const scope = (q: ReturnType<typeof openItems>) =>
    q.where(notLive).$if(Boolean(onlyProposalId), (x) => x.where("action_items.source_id", "=", onlyProposalId!));
  return [
    historyForRows(db, scope(openItems(db)).select(historyColumns({
      resourceType: ACTION_ITEM_RESOURCE, resourceId: sql.ref("action_items.id"), action: "completed", at: now,
      details: sql<string>`json_object('changes', json_object('is_completed', json_object('from', 0, 'to', 1)), 'reason', 'proposal answered or closed',
        'proposal_status', (select status from proposals where proposals.id = action_items.source_id))`,
    }))),
    db.query
      .updateTable("action_items")
      .set({ is_completed: 1, completed_at: now, completed_by: null, updated_at: now })
      .where("source_module", "=", FOLLOW_UP_MODULE)
      .where("source_type", "=", FOLLOW_UP_TYPE)
      .where("source_id", "is not", null)
      .where("is_completed", "=", 0)
      .where(notLive)
      .$if(Boolean(onlyProposalId), (x) => x.where("source_id", "=", onlyProposalId!)),
  ] as const;
}

/**
 * The whole sweep, for the board's batch: close answered/closed ones, raise new ones (one per
 * proposal, idempotent by the action_items source index), refresh the titles of open ones.
 * Six statements; each touches nothing when there is nothing to do.
 */
export function followUpSweepStatements(db: Db, now = nowIso()) {
  // Item ids are app-generated: this run's prefix + the proposal id, so the history row can be
  // written (first) with the id the insert (second) will use.
  const run = newId();
  const itemId = sql<string>`${run} || ':' || p.id`;
  return [
    ...closeFollowUpStatements(db, now),
    historyForRows(db, dueProposals(db, now).select(historyColumns({
      resourceType: ACTION_ITEM_RESOURCE, resourceId: itemId, action: "raised", at: now,
      details: sql<string>`json_object('source', json_object('module', ${FOLLOW_UP_MODULE}, 'type', ${FOLLOW_UP_TYPE}, 'id', p.id),
        'title', ${titleSql(now)}, 'assigned_person_id', p.owner_id)`,
    }))),
    db.query
      .insertInto("action_items")
      .columns([
        "id", "title", "description", "source_module", "source_type", "source_id", "company_id", "contact_id", "deal_id",
        "assigned_person_id", "due_date", "created_at", "updated_at",
      ])
      .expression(
        dueProposals(db, now).select([
          itemId.as("id"),
          titleSql(now).as("title"),
          descriptionSql.as("description"),
          sql<string>`${FOLLOW_UP_MODULE}`.as("source_module"),
          sql<string>`${FOLLOW_UP_TYPE}`.as("source_type"),
          "p.id as source_id",
          "p.company_id",
          "p.contact_id",
          "p.deal_id",
          "p.owner_id as assigned_person_id",
          sql<string>`${now.slice(0, 10)}`.as("due_date"),
          sql<string>`${now}`.as("created_at"),
          sql<string>`${now}`.as("updated_at"),
        ]),
      )
      .onConflict((oc) => oc.columns(["source_module", "source_type", "source_id"]).where("source_id", "is not", null).doNothing()),
    // Refresh (views and days move on): only rows whose title actually changed.
    historyForRows(db, openItems(db)
      .where(sql<SqlBool>`${currentTitle(now)} is not action_items.title`)
      .where(sql<SqlBool>`${currentTitle(now)} is not null`)
      .select(historyColumns({
        resourceType: ACTION_ITEM_RESOURCE, resourceId: sql.ref("action_items.id"), action: "refreshed", at: now,
        details: sql<string>`json_object('changes', json_object('title', json_object('from', action_items.title, 'to', ${currentTitle(now)})))`,
      }))),
    db.query
      .updateTable("action_items")
      .set({ title: sql<string>`${currentTitle(now)}`, updated_at: now })
      .where("source_module", "=", FOLLOW_UP_MODULE)
      .where("source_type", "=", FOLLOW_UP_TYPE)
      .where("source_id", "is not", null)
      .where("is_completed", "=", 0)
      .where(sql<SqlBool>`${currentTitle(now)} is not action_items.title`)
      .where(sql<SqlBool>`${currentTitle(now)} is not null`),
  ] as const;
}
