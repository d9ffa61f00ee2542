/**
 * One timeline per company and per contact: every source's events merged newest first in ONE
 * query (UNION ALL), paginated with a `before` cursor.
 *
 * HOW TO ADD A SOURCE (deals, tasks, emails, meetings...): append an entry to TIMELINE_SOURCES:
 *
 *   {
 *     kind: "deal",                       // a short word; shown as the row's badge
 *     label: "Deals",
 *     tool: "deals",                      // the viewer needs this tool's VIEW grant, else the source is left out
 *     subjects: ["company", "contact"],   // which timelines it feeds
 *     query: (db, subject, viewer) =>     // a SELECT of exactly these columns, in any order:
 *       db.query.selectFrom("deals")      //   at (ISO text), key (unique across sources: "<kind>:<id>"),
 *         .select([...])                  //   kind, title, detail (text or null), url (or null)
 *         .where(...),                    // filtered to the subject (and the viewer's scope, in SQL)
 *   }
 *
 * Each source is cut to the page size on its own (WHERE (at, key) < cursor ORDER BY at DESC
 * LIMIT n+1), then the union is ordered and cut again, so a page costs the same however much
 * history a record has (index each source's subject + time columns).
 */
import { sql, type Compilable, type Expression, type RawBuilder, type SqlBool } from "kysely";
import { itemScope } from "~/modules/action-centre/action-items.server";
import { dealVisible } from "~/modules/deals/scope.server";
import { noteVisibleTo } from "~/modules/records/notes.server";
import type { ScopeViewer } from "~/modules/records/registry.server";
import type { Db } from "~/platform/db.server";
import type { Viewer } from "~/platform/session.server";
import type { ToolKey } from "~/platform/tools";
import { emailInScope } from "~/modules/email/scope.server";
import { meetingInScope, recordCondition as meetingRecordCondition } from "~/modules/meetings/meetings.server";
import { compilable, contactName } from "./sql.server";
import { proposalTimelineSource } from "~/modules/proposals/timeline.server";
import { contractTimelineSources } from "~/modules/contracts/timeline.server";

export type TimelineSubjectType = "company" | "contact";
export interface TimelineSubject {
  type: TimelineSubjectType;
  id: string;
}

export interface TimelineRow {
  at: string;
  key: string;
  kind: string;
  title: string;
  detail: string | null;
  url: string | null;
}

/** Any select with the six timeline columns. */
export type TimelineQuery = Compilable<TimelineRow> & Expression<TimelineRow>;

export interface TimelineSource {
  kind: string;
  label: string;
  tool: ToolKey | null;
  subjects: readonly TimelineSubjectType[];
  query: (db: Db, subject: TimelineSubject, viewer: ScopeViewer) => TimelineQuery;
}

export const TIMELINE_PAGE_SIZE = 30;

const COMM_LABEL = sql<string>`case cc.type when 'call' then 'Call' when 'email' then 'Email' when 'meeting' then 'Meeting' else 'Note' end`;
const excerpt = (column: string, max = 240) => sql<string | null>`substr(${sql.ref(column)}, 1, ${max})`;

/** Contacts of a company, for company timelines. */
const companyContacts = (db: Db, companyId: string) => db.query.selectFrom("contacts").select("contacts.id").where("contacts.company_id", "=", companyId);

export const TIMELINE_SOURCES: TimelineSource[] = [
  {
    kind: "communication",
    label: "Communications",
    tool: "contacts",
    subjects: ["company", "contact"],
    query: (db, subject) =>
      db.query
        .selectFrom("contact_communications as cc")
        .innerJoin("contacts as c", "c.id", "cc.contact_id")
        .select([
          "cc.occurred_at as at",
          sql<string>`'communication:' || cc.id`.as("key"),
          sql<string>`'communication'`.as("kind"),
          (subject.type === "company"
            ? sql<string>`${COMM_LABEL} || ' with ' || ${contactName("c")} || case when cc.direction = 'inbound' then ' (inbound)' else '' end`
            : sql<string>`${COMM_LABEL} || case when cc.direction = 'inbound' then ' (inbound)' else '' end`
          ).as("title"),
          sql<string | null>`coalesce(cc.subject || case when cc.summary is not null then ' — ' || substr(cc.summary, 1, 200) else '' end, substr(cc.summary, 1, 240))`.as("detail"),
          sql<string>`'/contacts/' || c.id || '?tab=communications'`.as("url"),
        ])
        .where(subject.type === "company" ? sql<SqlBool>`cc.contact_id in (${companyContacts(db, subject.id)})` : sql<SqlBool>`cc.contact_id = ${subject.id}`),
  },
  {
    kind: "life_event",
    label: "Life events",
    tool: "relationships",
    subjects: ["company", "contact"],
    query: (db, subject) =>
      db.query
        .selectFrom("contact_life_events as le")
        .innerJoin("contacts as c", "c.id", "le.contact_id")
        .select([
          sql<string>`le.event_date || 'T00:00:00Z'`.as("at"),
          sql<string>`'life_event:' || le.id`.as("key"),
          sql<string>`'life_event'`.as("kind"),
          (subject.type === "company" ? sql<string>`le.title || ' — ' || ${contactName("c")}` : sql<string>`le.title`).as("title"),
          excerpt("le.notes").as("detail"),
          sql<string>`'/contacts/' || c.id || '?tab=life-events'`.as("url"),
        ])
        .where(subject.type === "company" ? sql<SqlBool>`le.contact_id in (${companyContacts(db, subject.id)})` : sql<SqlBool>`le.contact_id = ${subject.id}`),
  },
  {
    kind: "message",
    label: "Relationship messages",
    tool: "relationships",
    subjects: ["company", "contact"],
    query: (db, subject) =>
      db.query
        .selectFrom("relationship_messages as m")
        .innerJoin("contacts as c", "c.id", "m.contact_id")
        .select([
          sql<string>`m.sent_at`.as("at"),
          sql<string>`'message:' || m.id`.as("key"),
          sql<string>`'message'`.as("kind"),
          sql<string>`'Sent ' || case m.channel when 'sms' then 'an SMS' when 'linkedin' then 'a LinkedIn message' else 'an email' end || ' to ' || ${contactName("c")}`.as("title"),
          sql<string | null>`coalesce(m.subject, substr(m.body, 1, 200))`.as("detail"),
          sql<string>`'/contacts/' || c.id || '?tab=messages'`.as("url"),
        ])
        .where("m.status", "=", "sent")
        .where(subject.type === "company" ? sql<SqlBool>`m.contact_id in (${companyContacts(db, subject.id)})` : sql<SqlBool>`m.contact_id = ${subject.id}`),
  },
  {
    kind: "note",
    label: "Notes",
    tool: null, // the page's own tool (notes on a company need companies:view, which the page checked)
    subjects: ["company", "contact"],
    query: (db, subject, viewer) =>
      db.query
        .selectFrom("notes")
        .leftJoin("users", "users.id", "notes.author_id")
        .select([
          "notes.created_at as at",
          sql<string>`'note:' || notes.id`.as("key"),
          sql<string>`'note'`.as("kind"),
          sql<string>`'Note by ' || coalesce(users.name, 'a former user')`.as("title"),
          excerpt("notes.content").as("detail"),
          sql<string>`${`/${subject.type === "company" ? "companies" : "contacts"}/${encodeURIComponent(subject.id)}?tab=notes#note-`} || notes.id`.as("url"),
        ])
        .where("notes.resource_type", "=", subject.type)
        .where("notes.resource_id", "=", subject.id)
        .where(noteVisibleTo(viewer)),
  },
  {
    kind: "history",
    label: "Changes",
    tool: null,
    subjects: ["company", "contact"],
    query: (db, subject) =>
      db.query
        .selectFrom("history")
        .leftJoin("users", "users.id", "history.actor_id")
        .select([
          "history.created_at as at",
          sql<string>`'history:' || history.id`.as("key"),
          sql<string>`'history'`.as("kind"),
          sql<string>`coalesce(users.name, 'System') || ' ' || replace(history.action, '_', ' ')`.as("title"),
          sql<string | null>`case when json_valid(history.details) and json_type(history.details, '$.changes') = 'object'
            then (select group_concat(replace(key, '_', ' '), ', ') from json_each(history.details, '$.changes')) end`.as("detail"),
          sql<string>`${`/${subject.type === "company" ? "companies" : "contacts"}/${encodeURIComponent(subject.id)}?tab=history`}`.as("url"),
        ])
        .where("history.resource_type", "=", subject.type)
        .where("history.resource_id", "=", subject.id),
  },
  {
    kind: "action_item",
    label: "Action items",
    tool: "action-centre",
    subjects: ["company", "contact"],
    query: (db, subject, viewer) =>
      db.query
        .selectFrom("action_items")
        .select([
          "action_items.created_at as at",
          sql<string>`'action_item:' || action_items.id`.as("key"),
          sql<string>`'action_item'`.as("kind"),
          sql<string>`case when action_items.is_completed = 1 then 'Done: ' else 'To do: ' end || action_items.title`.as("title"),
          sql<string | null>`case when action_items.due_date is not null then 'Due ' || action_items.due_date end`.as("detail"),
          sql<string>`'/action-centre'`.as("url"),
        ])
        .where(subject.type === "company" ? "action_items.company_id" : "action_items.contact_id", "=", subject.id)
        .where(itemScope({ accessLevel: viewer.accessLevel, personId: viewer.personId, userId: viewer.userId })),
  },
  {
    kind: "deal",
    label: "Deals",
    tool: "deals",
    subjects: ["company", "contact"],
    query: (db, subject, viewer) =>
      db.query
        .selectFrom("deals as d")
        .select([
          "d.created_at as at",
          sql<string>`'deal:' || d.id`.as("key"),
          sql<string>`'deal'`.as("kind"),
          sql<string>`'Deal: ' || d.title || case d.status when 'won' then ' (won)' when 'lost' then ' (lost)' else '' end`.as("title"),
          sql<string | null>`case when d.value_cents > 0 then d.currency || ' ' || printf('%.2f', d.value_cents / 100.0) end`.as("detail"),
          sql<string>`'/deals/' || d.id`.as("url"),
        ])
        .where(subject.type === "company"
          ? sql<SqlBool>`d.company_id = ${subject.id}`
          : sql<SqlBool>`(d.primary_contact_id = ${subject.id} or d.id in (select dcl.deal_id from deal_contact_links dcl where dcl.contact_id = ${subject.id}))`)
        .where(dealVisible(viewer, "d")),
  },
  {
    kind: "email",
    label: "Emails",
    tool: "emails",
    subjects: ["company", "contact"],
    query: (db, subject, viewer) =>
      db.query
        .selectFrom("emails as em")
        .select([
          "em.sent_at as at",
          sql<string>`'email:' || em.id`.as("key"),
          sql<string>`'email'`.as("kind"),
          sql<string>`case when em.direction = 'inbound' then 'Email from ' || coalesce(em.from_name, em.from_address) else 'Email sent' end`.as("title"),
          sql<string | null>`case when em.subject = '' then em.snippet else em.subject end`.as("detail"),
          sql<string>`'/emails/' || em.gmail_thread_id`.as("url"),
        ])
        .where(subject.type === "company"
          ? sql<SqlBool>`em.id in (select email_id from email_contacts where company_id = ${subject.id})`
          : sql<SqlBool>`em.id in (select email_id from email_contacts where contact_id = ${subject.id})`)
        .where(emailInScope("em.user_id", viewer)),
  },
  {
    kind: "meeting",
    label: "Meetings",
    tool: "meetings",
    subjects: ["company", "contact"],
    query: (db, subject, viewer) =>
      db.query
        .selectFrom("meetings")
        .select([
          "meetings.starts_at as at",
          sql<string>`'meeting:' || meetings.id`.as("key"),
          sql<string>`'meeting'`.as("kind"),
          sql<string>`'Meeting: ' || meetings.title`.as("title"),
          sql<string | null>`substr(meetings.summary, 1, 240)`.as("detail"),
          sql<string>`'/meetings/' || meetings.id`.as("url"),
        ])
        .where(meetingRecordCondition(subject.type === "company" ? { companyId: subject.id } : { contactId: subject.id }))
        .where(meetingInScope(viewer)),
  },
  proposalTimelineSource,
  ...contractTimelineSources,
];

/** `at~key` of the last row shown; the next page starts after it. */
export function timelineCursor(row: Pick<TimelineRow, "at" | "key">) {
  return `${row.at}~${row.key}`;
}

function parseCursor(before: string | null | undefined): { at: string; key: string } | null {
  if (!before) return null;
  const index = before.indexOf("~");
  if (index <= 0) return null;
  return { at: before.slice(0, index), key: before.slice(index + 1) };
}

/**
 * The merged timeline page for a company or contact (limit + 1 rows: the extra one says there
 * is more). One statement for the page's batch.
 */
export function timelineQuery(
  db: Db,
  viewer: Pick<Viewer, "userId" | "personId" | "accessLevel" | "permissions">,
  subject: TimelineSubject,
  options: { before?: string | null; limit?: number } = {},
): Compilable<TimelineRow> {
  const limit = Math.min(Math.max(options.limit ?? TIMELINE_PAGE_SIZE, 1), 100);
  const cursor = parseCursor(options.before);
  const sources = TIMELINE_SOURCES.filter((s) => s.subjects.includes(subject.type) && (!s.tool || viewer.permissions[s.tool]?.view));
  const after = cursor ? sql<SqlBool>`(at < ${cursor.at} or (at = ${cursor.at} and key < ${cursor.key}))` : sql<SqlBool>`at is not null`;
  const parts = sources.map(
    (s) => sql`select at, key, kind, title, detail, url from (
        select at, key, kind, title, detail, url from (${s.query(db, subject, viewer)}) where ${after} order by at desc, key desc limit ${limit + 1}
      )`,
  );
  if (parts.length === 0) return compilable(db, sql<TimelineRow>`select null as at, null as key, null as kind, null as title, null as detail, null as url where 0`);
  return compilable(db, sql<TimelineRow>`select at, key, kind, title, detail, url from ${unionAll(parts)} order by at desc, key desc limit ${limit + 1}`);
}

/** D1 allows at most 5 terms per compound SELECT: union in groups of ≤ 5, nesting as needed. */
const MAX_COMPOUND_TERMS = 5;
function unionAll(parts: RawBuilder<unknown>[]): RawBuilder<unknown> {
  if (parts.length <= MAX_COMPOUND_TERMS) return sql`(${sql.join(parts, sql` union all `)})`;
  const groups: RawBuilder<unknown>[] = [];
  for (let i = 0; i < parts.length; i += MAX_COMPOUND_TERMS) {
    groups.push(sql`select at, key, kind, title, detail, url from ${unionAll(parts.slice(i, i + MAX_COMPOUND_TERMS))}`);
  }
  return unionAll(groups);
}

/** Splits the limit+1 rows into the page and the cursor for the next one. */
export function timelinePage(rows: TimelineRow[], limit = TIMELINE_PAGE_SIZE) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > limit && last ? timelineCursor(last) : null };
}
