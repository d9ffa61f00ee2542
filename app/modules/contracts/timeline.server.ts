// Contracts on company and contact timelines (app/modules/crm/timeline.server.ts): the
// contract's milestones (sent for signature, signed by everyone, declined) and one row per
// signer's signature. A contact's timeline shows the contracts they are a signer on (matched by
// email). Scope is the contracts list's, in SQL: the owner must be in the viewer's person scope.
import { sql, type SqlBool } from "kysely";
import type { TimelineSource, TimelineSubject } from "~/modules/crm/timeline.server";
import { inPersonScope } from "~/platform/scope.server";

const AT = sql<string | null>`case ev.value when 'sent' then c.sent_at when 'completed' then c.completed_at when 'declined' then c.declined_at end`;

function ofSubject(subject: TimelineSubject) {
  return subject.type === "company"
    ? sql<SqlBool>`c.company_id = ${subject.id}`
    : sql<SqlBool>`c.id in (select cs.contract_id from contract_signers cs where cs.email = (select ct.email from contacts ct where ct.id = ${subject.id}))`;
}

export const contractTimelineSources: TimelineSource[] = [
  {
    kind: "contract",
    label: "Contracts",
    tool: "contracts",
    subjects: ["company", "contact"],
    query: (db, subject, viewer) =>
      db.query
        .selectFrom("contracts as c")
        .innerJoin(sql<{ value: string }>`json_each('["sent","completed","declined"]')`.as("ev"), (join) => join.onTrue())
        .select([
          AT.$castTo<string>().as("at"),
          sql<string>`'contract:' || c.id || ':' || ev.value`.as("key"),
          sql<string>`'contract'`.as("kind"),
          sql<string>`case ev.value when 'sent' then 'Contract sent for signature: ' when 'completed' then 'Contract signed by everyone: '
            else 'Contract declined: ' end || c.title`.as("title"),
          sql<string | null>`case when ev.value = 'declined' then 'Reason: ' || c.decline_reason
            when c.value_cents is not null then c.currency || ' ' || printf('%,.2f', c.value_cents / 100.0) end`.as("detail"),
          sql<string>`'/contracts/' || c.id`.as("url"),
        ])
        .where(ofSubject(subject))
        .where(inPersonScope("c.owner_id", viewer))
        .where(sql<SqlBool>`${AT} is not null`),
  },
  {
    kind: "contract_signature",
    label: "Contract signatures",
    tool: "contracts",
    subjects: ["company", "contact"],
    query: (db, subject, viewer) =>
      db.query
        .selectFrom("contract_signers as s")
        .innerJoin("contracts as c", "c.id", "s.contract_id")
        .select([
          sql<string>`s.signed_at`.as("at"),
          sql<string>`'contract_signature:' || s.id`.as("key"),
          sql<string>`'contract'`.as("kind"),
          sql<string>`'Contract signed by ' || s.name || ': ' || c.title`.as("title"),
          sql<string | null>`s.role_label`.as("detail"),
          sql<string>`'/contracts/' || c.id`.as("url"),
        ])
        .where("s.status", "=", "signed")
        .where("s.signed_at", "is not", null)
        .where(ofSubject(subject))
        .where(inPersonScope("c.owner_id", viewer)),
  },
];
