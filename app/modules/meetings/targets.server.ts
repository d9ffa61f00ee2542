// The registry of things a meeting can be matched to: companies, projects and deals. Adding a
// target is ONE appended entry: its candidates for scoring, its display name, its URL and how to
// find one by id (the meetings.matched_type CHECK lists the allowed types).
import { sql, type Compilable, type RawBuilder } from "kysely";
import type { Db } from "~/platform/db.server";
import { WEIGHTS, type ScoringCandidate, type SignalWeights } from "./scoring";

export interface CandidateRow {
  id: string;
  name: string;
  company_id: string | null;
  /** Comma-separated email domains. */
  domains: string | null;
  /** Comma-separated people ids. */
  members: string | null;
}

export interface MatchTargetDefinition {
  type: "company" | "project" | "deal";
  label: string;
  weights: SignalWeights;
  /** Every candidate for scoring (bounded). */
  candidates: (db: Db) => Compilable<CandidateRow>;
  /** The matched record's display name, as a scalar subquery over `meetings.matched_id`. */
  nameSql: RawBuilder<string | null>;
  /** The matched record's company id, as a scalar subquery over `meetings.matched_id`. */
  companySql: RawBuilder<string | null>;
  url: (id: string) => string;
  /** { id, name } when the record exists. */
  find: (db: Db, id: string) => Compilable<{ id: string; name: string }>;
  /** Choices for the manual picker (bounded). */
  options: (db: Db) => Compilable<{ id: string; name: string }>;
}

const MAX_CANDIDATES = 2000;
const MAX_OPTIONS = 500;
const OPEN_PROJECT = ["planning", "active", "on_hold"] as const;

export const MATCH_TARGETS: MatchTargetDefinition[] = [
  {
    type: "company",
    label: "Company",
    weights: WEIGHTS.company,
    candidates: (db) =>
      db.query
        .selectFrom("companies")
        .select(["companies.id", "companies.name", "companies.id as company_id", "companies.domain as domains", sql<string | null>`null`.as("members")])
        .orderBy("companies.name")
        .limit(MAX_CANDIDATES),
    nameSql: sql<string | null>`(select companies.name from companies where companies.id = meetings.matched_id)`,
    companySql: sql<string | null>`meetings.matched_id`,
    url: (id) => `/companies/${encodeURIComponent(id)}`,
    find: (db, id) => db.query.selectFrom("companies").select(["companies.id", "companies.name"]).where("companies.id", "=", id),
    options: (db) => db.query.selectFrom("companies").select(["companies.id", "companies.name"]).orderBy("companies.name").limit(MAX_OPTIONS),
  },
  {
    type: "project",
    label: "Project",
    weights: WEIGHTS.project,
    candidates: (db) =>
      db.query
        .selectFrom("projects")
        .leftJoin("companies", "companies.id", "projects.company_id")
        .select([
          "projects.id",
          "projects.name",
          "projects.company_id",
          "companies.domain as domains",
          sql<string | null>`(select group_concat(pm.person_id) from project_members pm where pm.project_id = projects.id)
            || coalesce(',' || projects.owner_id, '') || coalesce(',' || projects.delivery_manager_id, '')`.as("members"),
        ])
        .where("projects.status", "in", OPEN_PROJECT)
        .orderBy("projects.name")
        .limit(MAX_CANDIDATES),
    nameSql: sql<string | null>`(select projects.name from projects where projects.id = meetings.matched_id)`,
    companySql: sql<string | null>`(select projects.company_id from projects where projects.id = meetings.matched_id)`,
    url: (id) => `/projects/${encodeURIComponent(id)}`,
    find: (db, id) => db.query.selectFrom("projects").select(["projects.id", "projects.name"]).where("projects.id", "=", id),
    options: (db) =>
      db.query.selectFrom("projects").select(["projects.id", "projects.name"]).where("projects.status", "in", OPEN_PROJECT).orderBy("projects.name").limit(MAX_OPTIONS),
  },
  {
    // Open deals, most recently worked first (those are the ones being discussed in meetings).
    type: "deal",
    label: "Deal",
    weights: WEIGHTS.deal,
    candidates: (db) =>
      db.query
        .selectFrom("deals")
        .leftJoin("companies", "companies.id", "deals.company_id")
        .select([
          "deals.id",
          "deals.title as name",
          "deals.company_id",
          "companies.domain as domains",
          sql<string | null>`(select group_concat(dp.person_id) from deal_participants dp where dp.deal_id = deals.id)
            || coalesce(',' || deals.owner_id, '')`.as("members"),
        ])
        .where("deals.status", "=", "open")
        .orderBy("deals.updated_at", "desc")
        .limit(MAX_CANDIDATES),
    nameSql: sql<string | null>`(select deals.title from deals where deals.id = meetings.matched_id)`,
    companySql: sql<string | null>`(select deals.company_id from deals where deals.id = meetings.matched_id)`,
    url: (id) => `/deals/${encodeURIComponent(id)}`,
    find: (db, id) => db.query.selectFrom("deals").select(["deals.id", "deals.title as name"]).where("deals.id", "=", id),
    options: (db) =>
      db.query.selectFrom("deals").select(["deals.id", "deals.title as name"]).where("deals.status", "=", "open").orderBy("deals.updated_at", "desc").limit(MAX_OPTIONS),
  },
];

export type MatchTargetType = MatchTargetDefinition["type"];

export function matchTarget(type: string | null | undefined): MatchTargetDefinition | null {
  return MATCH_TARGETS.find((t) => t.type === type) ?? null;
}

export function targetUrl(type: string | null | undefined, id: string | null | undefined) {
  const target = matchTarget(type);
  return target && id ? target.url(id) : null;
}

export function targetLabel(type: string | null | undefined) {
  return matchTarget(type)?.label ?? "Record";
}

/** `case meetings.matched_type when … end`: the linked record's name. */
export function matchedNameSql(): RawBuilder<string | null> {
  if (MATCH_TARGETS.length === 0) return sql<string | null>`null`;
  return sql<string | null>`case meetings.matched_type ${sql.join(
    MATCH_TARGETS.map((t) => sql`when ${t.type} then ${t.nameSql}`),
    sql` `,
  )} end`;
}

/** `case meetings.matched_type when … end`: the linked record's company id. */
export function matchedCompanySql(): RawBuilder<string | null> {
  return sql<string | null>`case meetings.matched_type ${sql.join(
    MATCH_TARGETS.map((t) => sql`when ${t.type} then ${t.companySql}`),
    sql` `,
  )} end`;
}

/** Candidate rows (in registry order) → scoring candidates. */
export function toCandidates(target: MatchTargetDefinition, rows: CandidateRow[]): ScoringCandidate[] {
  const list = (v: string | null) => (v ? v.split(",").map((s) => s.trim()).filter(Boolean) : []);
  return rows.map((r) => ({
    type: target.type,
    id: r.id,
    name: r.name,
    companyId: r.company_id,
    domains: list(r.domains),
    memberPersonIds: list(r.members),
    weights: target.weights,
  }));
}
