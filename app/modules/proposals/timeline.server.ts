// Proposals on company and contact timelines (app/modules/crm/timeline.server.ts): one row per
// milestone — drafted, sent, first opened by the client, accepted, declined — from the
// proposal's own timestamps (one SELECT: each proposal crossed with the five milestones, the
// ones that have not happened dropped). Scope is the proposals list's, in SQL: the owner must be
// in the viewer's person scope.
import { sql, type SqlBool } from "kysely";
import type { TimelineSource } from "~/modules/crm/timeline.server";
import { inPersonScope } from "~/platform/scope.server";

const AT = sql<string | null>`case ev.value when 'created' then p.created_at when 'sent' then p.sent_at
  when 'viewed' then p.first_viewed_at when 'accepted' then p.accepted_at when 'declined' then p.declined_at end`;

const money = sql<string>`p.currency || ' ' || printf('%,.2f', p.total_cents / 100.0)`;

export const proposalTimelineSource: TimelineSource = {
  kind: "proposal",
  label: "Proposals",
  tool: "proposals",
  subjects: ["company", "contact"],
  query: (db, subject, viewer) =>
    db.query
      .selectFrom("proposals as p")
      .innerJoin(sql<{ value: string }>`json_each('["created","sent","viewed","accepted","declined"]')`.as("ev"), (join) => join.onTrue())
      .select([
        AT.$castTo<string>().as("at"),
        sql<string>`'proposal:' || p.id || ':' || ev.value`.as("key"),
        sql<string>`'proposal'`.as("kind"),
        sql<string>`case ev.value when 'created' then 'Proposal drafted: ' when 'sent' then 'Proposal sent: '
          when 'viewed' then 'Proposal opened by the client: ' when 'accepted' then 'Proposal accepted: ' else 'Proposal declined: ' end || p.title`.as("title"),
        sql<string | null>`case ev.value when 'declined' then coalesce('Reason: ' || p.decline_reason, ${money})
          when 'sent' then ${money} || coalesce(' · valid until ' || p.valid_until, '') else ${money} end`.as("detail"),
        sql<string>`'/proposals/' || p.id`.as("url"),
      ])
      .where(subject.type === "company" ? "p.company_id" : "p.contact_id", "=", subject.id)
      .where(inPersonScope("p.owner_id", viewer))
      .where(sql<SqlBool>`${AT} is not null`),
};
