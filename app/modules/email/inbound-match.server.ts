// Inbound (webhook) email → company: the sender's contact's company, else the company whose
// domain is the sender's domain (free-mail domains such as gmail.com never match). The delivery
// inbound handler puts `inboundDomainCompanyQuery` in its existing read batch and records the
// result with `matchInboundCompany`.
import { sql, type SqlBool } from "kysely";
import type { Db } from "~/platform/db.server";
import { isFreeMailDomain } from "./schemas";

export type InboundMatch = { company_id: string | null; matched_by: "contact" | "domain" | null };

export function senderDomain(address: string) {
  return (address.split("@")[1] ?? "").trim().toLowerCase();
}

/** The company whose domain is the sender's (none for free-mail or empty domains). */
export function inboundDomainCompanyQuery(db: Db, fromAddress: string) {
  const domain = senderDomain(fromAddress);
  const q = db.query.selectFrom("companies").select(["id"]).limit(1);
  return !domain || isFreeMailDomain(domain) ? q.where(sql<SqlBool>`1 = 0`) : q.where("domain", "=", domain);
}

export function matchInboundCompany(contact: { company_id: string | null } | null | undefined, domainCompany: { id: string } | null | undefined): InboundMatch {
  if (contact?.company_id) return { company_id: contact.company_id, matched_by: "contact" };
  if (domainCompany) return { company_id: domainCompany.id, matched_by: "domain" };
  return { company_id: null, matched_by: null };
}
