// Deals (FEATURES "sales", ORIGINAL §8.1): the pipeline board, the list (filters, sort,
// pagination, CSV), the detail page with its tabs (each page's data in ONE batch), creation and
// editing, stage moves with stage history, won / lost / reopen, the deal team, contact links,
// AI research briefs, won → delivery project, and rotting deals → action items.
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { raiseActionItem } from "~/modules/action-centre/action-items.server";
import { compilable, contactName, personName } from "~/modules/crm/sql.server";
import { prepareProject } from "~/modules/delivery/projects.server";
import { meetingsForRecordQuery } from "~/modules/meetings/meetings.server";
import { mentionableUsersQuery, notesQuery } from "~/modules/records/notes.server";
import { can } from "~/platform/access.server";
import { generateText } from "~/platform/ai.server";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Db } from "~/platform/db.server";
import { diffFields, historyEntry, historyFor } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { contains } from "~/platform/like";
import { personIdInScope } from "~/platform/scope.server";
import type { Viewer } from "~/platform/session.server";
import {
  BOARD_CLOSED_DAYS, CONTACT_ROLE_LABELS, DEAL_BOARD_COLUMN_LIMIT, DEAL_STATUS_LABELS, DEALS_EXPORT_CAP, DEALS_PAGE_SIZE,
  ROTTING_SOURCE_TYPE, WON_NO_PROJECT_SOURCE_TYPE, daysSince, formatMoney, isRotting, weightedCents,
  type DealCreateInput, type DealFields, type DealIntent, type DealListFilters, type DealStatus, type DealTab,
} from "./schemas";
import { dealVisible, seesAllDeals, type DealViewer } from "./scope.server";

export const DEAL_RESOURCE = "deal";
const DAY_MS = 86_400_000;

export type DealResult =
  | { ok: true; id?: string; message?: string; redirectTo?: string }
  | { ok: false; status: 403 | 404 }
  | { ok: false; status: 400; errors: Record<string, string> };
const bad = (errors: Record<string, string>): DealResult => ({ ok: false, status: 400, errors });
const missing: DealResult = { ok: false, status: 404 };

/** The probability that applies to deal `d` in stage `s`, in SQL. */
const probabilitySql = sql<number>`coalesce(d.probability_override, s.probability)`;
/** value × probability / 100, rounded to the cent, in SQL. */
const weightedSql = sql<number>`cast(round(d.value_cents * ${probabilitySql} / 100.0) as integer)`;
/** An open deal in an open stage with rotting days whose last update is older than that. */
const rottingSql = (now: string) =>
  sql<number>`case when d.status = 'open' and s.stage_type = 'open' and s.rotting_days is not null
    and julianday(${now}) - julianday(d.updated_at) >= s.rotting_days then 1 else 0 end`;

/** The pipeline to show: the one asked for (if it exists), else the default, else the first active one. */
function pipelineIdSql(pipelineId: string | null | undefined) {
  return sql<string>`coalesce(
    (select id from deal_pipeline_templates where id = ${pipelineId ?? ""}),
    (select id from deal_pipeline_templates where is_default = 1),
    (select id from deal_pipeline_templates where is_active = 1 order by name limit 1))`;
}

function stagesQuery(db: Db, pipeline: RawBuilder<string>) {
  return db.query
    .selectFrom("deal_pipeline_stages")
    .select(["id", "template_id", "name", "position", "probability", "stage_type", "rotting_days"])
    .where(sql<SqlBool>`template_id = ${pipeline}`)
    .orderBy("position")
    .orderBy("name");
}

function pipelinesQuery(db: Db) {
  return db.query
    .selectFrom("deal_pipeline_templates")
    .select(["id", "name", "is_default", "is_active"])
    .orderBy("is_default", "desc")
    .orderBy("name")
    .limit(100);
}

// ---------------------------------------------------------------------------------------------
// Board

export interface BoardDeal {
  id: string;
  title: string;
  stage_id: string;
  status: DealStatus;
  value_cents: number;
  weighted_cents: number;
  currency: string;
  probability: number;
  company_name: string | null;
  owner_name: string | null;
  stage_entered_at: string;
  updated_at: string;
  expected_close_date: string | null;
  rotting: number;
}

/**
 * The board for one pipeline (the default when none is asked for): columns per stage with up to
 * DEAL_BOARD_COLUMN_LIMIT cards each (most recently updated first), per-stage count / value /
 * weighted value, and the pipeline list. Open deals, plus won / lost deals closed in the last
 * BOARD_CLOSED_DAYS days. ONE batch.
 */
export async function loadBoard(db: Db, viewer: DealViewer, pipelineId: string | null, now: Date = new Date()) {
  const nowText = nowIso(now);
  const closedSince = nowIso(new Date(now.getTime() - BOARD_CLOSED_DAYS * DAY_MS));
  const pipeline = pipelineIdSql(pipelineId);
  const onBoard = (alias: string) =>
    sql<SqlBool>`${sql.ref(`${alias}.pipeline_id`)} = ${pipeline} and (${sql.ref(`${alias}.status`)} = 'open' or ${sql.ref(`${alias}.closed_at`)} >= ${closedSince}) and ${dealVisible(viewer, alias)}`;
  // Each column walks the (pipeline, stage, updated_at) index newest first and stops after
  // DEAL_BOARD_COLUMN_LIMIT visible deals (a correlated subquery per stage, its ids as a JSON
  // array); names are joined for those cards only.
  const cards = compilable(db, sql<BoardDeal>`
    select d.id, d.title, d.stage_id, d.status, d.value_cents, ${weightedSql} as weighted_cents, d.currency,
      ${probabilitySql} as probability, c.name as company_name, ${personName("o")} as owner_name,
      d.stage_entered_at, d.updated_at, d.expected_close_date, ${rottingSql(nowText)} as rotting
    from deal_pipeline_stages s
    join json_each((
      select json_group_array(top.id) from (
        select col.id from deals col
        where col.stage_id = s.id and ${onBoard("col")}
        order by col.updated_at desc, col.id
        limit ${DEAL_BOARD_COLUMN_LIMIT}
      ) top
    )) picked
    join deals d on d.id = picked.value
    left join companies c on c.id = d.company_id
    left join people o on o.id = d.owner_id
    where s.template_id = ${pipeline}
    order by d.updated_at desc, d.id`);
  const totals = compilable(db, sql<{ stage_id: string; n: number; value_cents: number; weighted_cents: number; rotting: number }>`
    select d.stage_id, count(*) as n, coalesce(sum(d.value_cents), 0) as value_cents,
      coalesce(sum(${weightedSql}), 0) as weighted_cents, coalesce(sum(${rottingSql(nowText)}), 0) as rotting
    from deals d join deal_pipeline_stages s on s.id = d.stage_id
    where ${onBoard("d")}
    group by d.stage_id`);
  const [pipelines, stages, cardRows, totalRows] = await batch(db, [pipelinesQuery(db), stagesQuery(db, pipeline), cards, totals]);
  const byStage = new Map(totalRows.map((t) => [t.stage_id, t]));
  const columns = stages.map((s) => {
    const t = byStage.get(s.id);
    return {
      ...s,
      count: Number(t?.n ?? 0),
      valueCents: Number(t?.value_cents ?? 0),
      weightedCents: Number(t?.weighted_cents ?? 0),
      rotting: Number(t?.rotting ?? 0),
    };
  });
  const open = columns.filter((c) => c.stage_type === "open");
  const summary = {
    openCount: open.reduce((n, c) => n + c.count, 0),
    openValueCents: open.reduce((n, c) => n + c.valueCents, 0),
    weightedCents: open.reduce((n, c) => n + c.weightedCents, 0),
    wonValueCents: columns.filter((c) => c.stage_type === "won").reduce((n, c) => n + c.valueCents, 0),
    rotting: open.reduce((n, c) => n + c.rotting, 0),
  };
  const currentId = stages[0]?.template_id ?? null;
  return {
    pipelines,
    pipeline: pipelines.find((p) => p.id === currentId) ?? null,
    columns,
    // Only what a card shows (the page data is serialised into the HTML once more for hydration).
    cards: cardRows.map((c) => ({
      id: c.id, title: c.title, stage_id: c.stage_id, value_cents: c.value_cents, currency: c.currency, company_name: c.company_name,
      owner_name: c.owner_name, rotting: c.rotting, days_in_stage: daysSince(c.stage_entered_at, now),
    })),
    summary,
  };
}

// ---------------------------------------------------------------------------------------------
// List

function listCondition(viewer: DealViewer, f: DealListFilters, nowText: string): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [dealVisible(viewer, "d")];
  if (f.q) parts.push(sql`(d.title like ${contains(f.q)} or d.company_id in (select id from companies where name like ${contains(f.q)}))`);
  if (f.pipeline) parts.push(sql`d.pipeline_id = ${f.pipeline}`);
  if (f.stage) parts.push(sql`d.stage_id = ${f.stage}`);
  if (f.owner) parts.push(sql`d.owner_id = ${f.owner === "me" ? viewer.personId ?? "" : f.owner}`);
  if (f.company) parts.push(sql`d.company_id = ${f.company}`);
  if (f.status) parts.push(sql`d.status = ${f.status}`);
  if (f.rotting) parts.push(sql`${rottingSql(nowText)} = 1`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

const DEAL_SORT_SQL = {
  title: sql`d.title`,
  company: sql`c.name`,
  stage: sql`s.position`,
  value: sql`d.value_cents`,
  weighted: weightedSql,
  close: sql`d.expected_close_date`,
  updated: sql`d.updated_at`,
  created: sql`d.created_at`,
  owner: sql`o.first_name`,
} as const;

export interface DealRow {
  id: string;
  title: string;
  status: DealStatus;
  value_cents: number;
  weighted_cents: number;
  currency: string;
  probability: number;
  company_id: string | null;
  company_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  pipeline_name: string;
  stage_id: string;
  stage_name: string;
  expected_close_date: string | null;
  stage_entered_at: string;
  updated_at: string;
  created_at: string;
  close_reason: string | null;
  rotting: number;
}

/**
 * One page of the list: the page's ids are picked from deals + stages alone (joining a company or
 * owner only when sorting by it), then names are joined for those rows only.
 */
function dealRows(db: Db, viewer: DealViewer, f: DealListFilters, nowText: string, limit: number, offset: number) {
  const dir = f.dir === "asc" ? sql`asc` : sql`desc`;
  const sortJoin = f.sort === "company" ? sql`left join companies c on c.id = d.company_id`
    : f.sort === "owner" ? sql`left join people o on o.id = d.owner_id` : sql``;
  return compilable(db, sql<DealRow>`
    select d.id, d.title, d.status, d.value_cents, ${weightedSql} as weighted_cents, d.currency, ${probabilitySql} as probability,
      d.company_id, c.name as company_name, d.owner_id, ${personName("o")} as owner_name, p.name as pipeline_name,
      d.stage_id, s.name as stage_name, d.expected_close_date, d.stage_entered_at, d.updated_at, d.created_at, d.close_reason,
      ${rottingSql(nowText)} as rotting
    from (
      select d.id, ${DEAL_SORT_SQL[f.sort]} as sort_key
      from deals d join deal_pipeline_stages s on s.id = d.stage_id ${sortJoin}
      where ${listCondition(viewer, f, nowText)}
      order by sort_key ${dir} nulls last, d.title, d.id
      limit ${limit} offset ${offset}
    ) page
    join deals d on d.id = page.id
    join deal_pipeline_stages s on s.id = d.stage_id
    join deal_pipeline_templates p on p.id = d.pipeline_id
    left join companies c on c.id = d.company_id
    left join people o on o.id = d.owner_id
    order by page.sort_key ${dir} nulls last, d.title, d.id`);
}

/** One page of deals in scope, the totals and the filter options (ONE batch). */
export async function listDeals(db: Db, viewer: DealViewer, f: DealListFilters, now: Date = new Date()) {
  const nowText = nowIso(now);
  // The owner and company filters are set from the rows (their names link to the filter), so
  // only the chosen one's name is loaded, never every owner / company as a menu.
  const [rows, totals, pipelines, stages, chosenOwner, chosenCompany] = await batch(db, [
    dealRows(db, viewer, f, nowText, DEALS_PAGE_SIZE, (f.page - 1) * DEALS_PAGE_SIZE),
    compilable(db, sql<{ n: number; value_cents: number; weighted_cents: number }>`
      select count(*) as n, coalesce(sum(d.value_cents), 0) as value_cents, coalesce(sum(${weightedSql}), 0) as weighted_cents
      from deals d join deal_pipeline_stages s on s.id = d.stage_id where ${listCondition(viewer, f, nowText)}`),
    pipelinesQuery(db),
    db.query
      .selectFrom("deal_pipeline_stages as st")
      .innerJoin("deal_pipeline_templates as pt", "pt.id", "st.template_id")
      .select(["st.id", "st.name", "st.template_id", "pt.name as pipeline_name"])
      .orderBy("pt.is_default", "desc").orderBy("pt.name").orderBy("st.position")
      .limit(300),
    db.query
      .selectFrom("people as o")
      .select(["o.id", personName("o").as("name")])
      .where("o.id", "=", f.owner && f.owner !== "me" ? f.owner : "")
      .where(sql<SqlBool>`exists (select 1 from deals vd where vd.owner_id = o.id and ${dealVisible(viewer, "vd")})`),
    db.query
      .selectFrom("companies")
      .select(["companies.id", "companies.name"])
      .where("companies.id", "=", f.company ?? "")
      .where(sql<SqlBool>`exists (select 1 from deals vd where vd.company_id = companies.id and ${dealVisible(viewer, "vd")})`),
  ]);
  const total = Number(totals[0]?.n ?? 0);
  return {
    rows,
    total,
    valueCents: Number(totals[0]?.value_cents ?? 0),
    weightedCents: Number(totals[0]?.weighted_cents ?? 0),
    page: f.page,
    pageCount: Math.max(1, Math.ceil(total / DEALS_PAGE_SIZE)),
    pipelines,
    stages,
    chosenOwner: chosenOwner[0] ?? null,
    chosenCompany: chosenCompany[0] ?? null,
  };
}

export function csvCell(value: unknown) {
  let text = value == null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const cents = (value: number | null | undefined) => (Number(value ?? 0) / 100).toFixed(2);

/** The same filtered, sorted list as CSV (all pages, capped at DEALS_EXPORT_CAP rows; one query). */
export async function exportDealsCsv(db: Db, viewer: DealViewer, f: DealListFilters, now: Date = new Date()) {
  const [rows] = await batch(db, [dealRows(db, viewer, f, nowIso(now), DEALS_EXPORT_CAP + 1, 0)]);
  const header = ["Title", "Company", "Pipeline", "Stage", "Status", "Owner", "Currency", "Value", "Probability %", "Weighted value",
    "Expected close", "Days in stage", "Rotting", "Close reason", "Created", "Updated"];
  const lines = [header.map(csvCell).join(",")];
  for (const r of rows.slice(0, DEALS_EXPORT_CAP)) {
    lines.push([
      r.title, r.company_name, r.pipeline_name, r.stage_name, DEAL_STATUS_LABELS[r.status] ?? r.status, r.owner_name, r.currency,
      cents(r.value_cents), r.probability, cents(r.weighted_cents), r.expected_close_date, daysSince(r.stage_entered_at, now),
      r.rotting ? "yes" : "no", r.close_reason, r.created_at.slice(0, 10), r.updated_at.slice(0, 10),
    ].map(csvCell).join(","));
  }
  return { csv: lines.join("\r\n") + "\r\n", truncated: rows.length > DEALS_EXPORT_CAP };
}

// ---------------------------------------------------------------------------------------------
// Form (new / edit)

function dealBaseQuery(db: Db, viewer: DealViewer, dealId: string) {
  return db.query
    .selectFrom("deals as d")
    .innerJoin("deal_pipeline_stages as s", "s.id", "d.stage_id")
    .innerJoin("deal_pipeline_templates as p", "p.id", "d.pipeline_id")
    .leftJoin("companies as c", "c.id", "d.company_id")
    .leftJoin("contacts as ct", "ct.id", "d.primary_contact_id")
    .leftJoin("people as o", "o.id", "d.owner_id")
    .select([
      "d.id", "d.title", "d.description", "d.company_id", "d.primary_contact_id", "d.pipeline_id", "d.stage_id", "d.owner_id",
      "d.value_cents", "d.currency", "d.probability_override", "d.status", "d.expected_close_date", "d.closed_at", "d.close_reason",
      "d.source", "d.stage_entered_at", "d.created_at", "d.updated_at",
      "s.name as stage_name", "s.probability as stage_probability", "s.stage_type", "s.rotting_days", "p.name as pipeline_name",
      "c.name as company_name", contactName("ct").as("contact_name"), "ct.email as contact_email", personName("o").as("owner_name"),
    ])
    .where("d.id", "=", dealId)
    .where(dealVisible(viewer, "d"));
}
export type DealDetail = NonNullable<Awaited<ReturnType<ReturnType<typeof dealBaseQuery>["executeTakeFirst"]>>>;

function peopleOptions(db: Db) {
  return db.query
    .selectFrom("people as pe")
    .select(["pe.id", personName("pe").as("name")])
    .where("pe.employment_status", "=", "active")
    .orderBy("pe.first_name")
    .orderBy("pe.last_name")
    .limit(1000);
}

/**
 * Choices for the deal form (one batch). `dealId` loads the deal (in scope) too; null when it is
 * not. Contacts are those of `companyId` (the company just picked), else of the deal's company:
 * the primary contact must belong to the deal's company, and listing every contact does not scale.
 */
export async function loadDealForm(db: Db, viewer: DealViewer, dealId: string | null, companyId: string | null = null) {
  const contactsOf = companyId !== null ? sql<string>`${companyId}` : sql<string>`(select company_id from deals where id = ${dealId ?? ""})`;
  const [deals, pipelines, stages, companies, contacts, people] = await batch(db, [
    dealBaseQuery(db, viewer, dealId ?? ""),
    pipelinesQuery(db),
    db.query.selectFrom("deal_pipeline_stages").select(["id", "name", "template_id", "stage_type", "probability"]).orderBy("template_id").orderBy("position").limit(300),
    db.query.selectFrom("companies").select(["id", "name"]).orderBy("name").limit(1000),
    db.query
      .selectFrom("contacts")
      .select(["contacts.id", "contacts.company_id", contactName("contacts").as("name")])
      .where(sql<SqlBool>`contacts.company_id = ${contactsOf}`)
      .orderBy("is_primary", "desc").orderBy("first_name").orderBy("last_name")
      .limit(500),
    peopleOptions(db),
  ]);
  if (dealId && !deals[0]) return null;
  return { deal: deals[0] ?? null, pipelines: pipelines.filter((p) => p.is_active || p.id === deals[0]?.pipeline_id), stages, companies, contacts, people };
}

/** Reference checks shared by create and update. */
function referenceQueries(db: Db, viewer: DealViewer, input: DealFields) {
  return [
    db.query.selectFrom("companies").select("id").where("id", "=", input.company_id ?? ""),
    db.query.selectFrom("contacts").select(["id", "company_id"]).where("id", "=", input.primary_contact_id ?? ""),
    db.query.selectFrom("people").select("id").where("id", "=", input.owner_id ?? "").where(personIdInScope(input.owner_id ?? "", viewer)),
  ] as const;
}

function checkReferences(input: DealFields, [companies, contacts, owners]: [unknown[], { company_id: string | null }[], unknown[]]) {
  const errors: Record<string, string> = {};
  if (input.company_id && !companies[0]) errors.company_id = "Choose a company from the list";
  if (input.primary_contact_id && !contacts[0]) errors.primary_contact_id = "Choose a contact from the list";
  else if (input.primary_contact_id && input.company_id && contacts[0]?.company_id && contacts[0].company_id !== input.company_id) {
    errors.primary_contact_id = "The contact works for another company";
  }
  if (input.owner_id && !owners[0]) errors.owner_id = "Choose an owner from your team";
  return errors;
}

function dealValues(input: DealFields) {
  return {
    title: input.title, description: input.description, company_id: input.company_id, primary_contact_id: input.primary_contact_id,
    owner_id: input.owner_id, value_cents: input.value, currency: input.currency, probability_override: input.probability_override,
    expected_close_date: input.expected_close_date, source: input.source,
  };
}

/**
 * Creates a deal in ONE batch: the deal (in the chosen or default pipeline, in the chosen or first
 * open stage), its first stage-history period, a contact link for the primary contact, and the
 * history row. The owner defaults to the viewer and must be in the viewer's person scope.
 */
export async function createDeal(db: Db, viewer: DealViewer, input: DealCreateInput, now: Date = new Date()): Promise<DealResult> {
  const ownerId = input.owner_id ?? viewer.personId;
  const fields = { ...input, owner_id: ownerId };
  const [companies, contacts, owners, stages] = await batch(db, [
    ...referenceQueries(db, viewer, fields),
    stagesQuery(db, pipelineIdSql(input.pipeline_id)),
  ]);
  const errors = checkReferences(fields, [companies, contacts, owners]);
  if (!ownerId) errors.owner_id = "Choose an owner (your account is not linked to a person)";
  const pipelineId = stages[0]?.template_id;
  if (!pipelineId) errors.pipeline_id = "Set up a pipeline first";
  else if (input.pipeline_id && input.pipeline_id !== pipelineId) errors.pipeline_id = "Choose a pipeline from the list";
  const openStages = stages.filter((s) => s.stage_type === "open");
  const stage = input.stage_id ? openStages.find((s) => s.id === input.stage_id) : openStages[0];
  if (pipelineId && !stage) errors.stage_id = input.stage_id ? "Choose an open stage of this pipeline" : "This pipeline has no open stage";
  if (Object.keys(errors).length || !stage || !pipelineId) return bad(errors);

  const id = newId();
  const at = nowIso(now);
  const statements: unknown[] = [
    db.query.insertInto("deals").values({
      id, ...dealValues(fields), pipeline_id: pipelineId, stage_id: stage.id, status: "open", stage_entered_at: at,
      created_by: viewer.userId, created_at: at, updated_at: at,
    }),
    db.query.insertInto("deal_stage_history").values({ id: newId(), deal_id: id, stage_id: stage.id, stage_name: stage.name, entered_at: at, moved_by: viewer.userId }),
    historyEntry(db, { actorId: viewer.userId, resourceType: DEAL_RESOURCE, resourceId: id, action: "created", details: { title: input.title, stage: stage.name, value_cents: input.value } }),
  ];
  if (input.primary_contact_id) {
    statements.push(db.query.insertInto("deal_contact_links").values({ id: newId(), deal_id: id, contact_id: input.primary_contact_id, role: "decision_maker", added_by: viewer.userId, created_at: at }));
  }
  await batch(db, statements as Parameters<typeof batch>[1]);
  return { ok: true, id };
}

/** Saves the edit form (fields only; stage and status change through their own actions). */
export async function updateDeal(db: Db, viewer: DealViewer, dealId: string, input: DealFields, now: Date = new Date()): Promise<DealResult> {
  const [deals, companies, contacts, owners] = await batch(db, [dealBaseQuery(db, viewer, dealId), ...referenceQueries(db, viewer, input)]);
  const deal = deals[0];
  if (!deal) return missing;
  const errors = checkReferences(input, [companies, contacts, owners]);
  // Keeping an owner who is outside the editor's scope (e.g. a participant editing) is fine.
  if (input.owner_id && input.owner_id === deal.owner_id) delete errors.owner_id;
  if (Object.keys(errors).length) return bad(errors);
  const values = dealValues(input);
  const changes = diffFields(deal as unknown as Record<string, unknown>, values);
  if (!Object.keys(changes).length) return { ok: true, id: dealId, message: "No changes" };
  await batch(db, [
    db.query.updateTable("deals").set({ ...values, updated_at: nowIso(now) }).where("id", "=", dealId),
    historyEntry(db, { actorId: viewer.userId, resourceType: DEAL_RESOURCE, resourceId: dealId, action: "updated", changes }),
  ]);
  return { ok: true, id: dealId, message: "Deal saved" };
}

// ---------------------------------------------------------------------------------------------
// Stage moves, won / lost / reopen

type Stage = { id: string; name: string; stage_type: string; position: number; probability: number; template_id: string };

/** The statements that put a deal into `stage` (deal row, stage history periods, history row). */
function stageChangeStatements(
  db: Db, viewer: DealViewer, deal: DealDetail, stage: Stage, at: string,
  patch: { status: DealStatus; closed_at: string | null; close_reason: string | null }, action: string, details: Record<string, unknown> = {},
) {
  const changes = diffFields(
    { stage: deal.stage_name, status: deal.status, close_reason: deal.close_reason },
    { stage: stage.name, status: patch.status, close_reason: patch.close_reason },
  );
  return [
    db.query.updateTable("deals").set({ stage_id: stage.id, stage_entered_at: at, updated_at: at, ...patch }).where("id", "=", deal.id),
    db.query.updateTable("deal_stage_history").set({ exited_at: at }).where("deal_id", "=", deal.id).where("exited_at", "is", null),
    db.query.insertInto("deal_stage_history").values({
      id: newId(), deal_id: deal.id, stage_id: stage.id, stage_name: stage.name, from_stage_id: deal.stage_id, entered_at: at, moved_by: viewer.userId,
    }),
    historyEntry(db, { actorId: viewer.userId, resourceType: DEAL_RESOURCE, resourceId: deal.id, action, changes, details }),
    // The deal was touched, so it is no longer rotting: close its open rotting item.
    db.query.updateTable("action_items")
      .set({ is_completed: 1, completed_at: at, completed_by: viewer.userId, updated_at: at })
      .where("source_module", "=", "deals").where("source_type", "=", ROTTING_SOURCE_TYPE)
      .where("source_id", "=", deal.id).where("is_completed", "=", 0),
  ] as const;
}

async function dealWithStages(db: Db, viewer: DealViewer, dealId: string) {
  const [deals, stages] = await batch(db, [
    dealBaseQuery(db, viewer, dealId),
    db.query.selectFrom("deal_pipeline_stages").select(["id", "name", "stage_type", "position", "probability", "template_id"])
      .where(sql<SqlBool>`template_id = (select pipeline_id from deals where id = ${dealId})`).orderBy("position"),
  ]);
  return { deal: deals[0] ?? null, stages: stages as Stage[] };
}

/**
 * Moves a deal to another stage of its pipeline (board drag and drop, the card's select, the
 * detail page). Into a won stage it is won (with the project hand-off); a lost stage needs a
 * reason, so it is refused here; back into an open stage a closed deal is reopened.
 */
export async function moveDeal(context: Pick<AppLoadContext, "db" | "env">, viewer: Viewer, dealId: string, stageId: string, now: Date = new Date()): Promise<DealResult> {
  const { db } = context;
  const { deal, stages } = await dealWithStages(db, viewer, dealId);
  if (!deal) return missing;
  const stage = stages.find((s) => s.id === stageId);
  if (!stage) return bad({ stage_id: "Choose a stage of this deal's pipeline" });
  if (stage.id === deal.stage_id) return { ok: true, id: dealId, message: `Already in ${stage.name}` };
  if (stage.stage_type === "lost") return bad({ stage_id: "A lost deal needs a reason: open the deal and use “Mark as lost”" });
  if (stage.stage_type === "won") return winDeal(context, viewer, dealId, { reason: null, create_project: true }, now, { deal, stages, stage });
  const at = nowIso(now);
  await batch(db, stageChangeStatements(db, viewer, deal, stage, at, { status: "open", closed_at: null, close_reason: null }, deal.status === "open" ? "stage_changed" : "reopened"));
  return { ok: true, id: dealId, message: `Moved “${deal.title}” to ${stage.name}` };
}

/**
 * Wins a deal: the deal moves to the pipeline's won stage and, when asked for (and the viewer may
 * create projects), a delivery project is created through delivery's own prepareProject and linked
 * (deal_project_links) in the SAME batch as the win, so there is never a project without its link. When the project cannot be created, an action item ("won deal needs a
 * project", Estimate tab) goes to the owner instead.
 */
export async function winDeal(
  context: Pick<AppLoadContext, "db" | "env">, viewer: Viewer, dealId: string,
  input: { reason: string | null; create_project: boolean }, now: Date = new Date(),
  loaded?: { deal: DealDetail; stages: Stage[]; stage: Stage },
): Promise<DealResult> {
  const { db } = context;
  const found = loaded ?? (await dealWithStages(db, viewer, dealId));
  const deal = found.deal;
  if (!deal) return missing;
  const stage = loaded?.stage ?? found.stages.find((s) => s.stage_type === "won");
  if (!stage) return bad({ form: "This pipeline has no won stage: add one under Pipelines" });
  if (deal.status === "won") return bad({ form: "This deal is already won" });
  const at = nowIso(now);

  let projectId: string | null = null;
  let projectStatements: readonly unknown[] = [];
  let projectProblem: string | null = null;
  if (input.create_project) {
    if (!can(viewer, "projects", "update")) projectProblem = "You may not create projects";
    else {
      const created = await prepareProject(db, viewer, {
        name: deal.title.slice(0, 160), description: deal.description ? deal.description.slice(0, 5000) : `From the won deal “${deal.title}”.`,
        company_id: deal.company_id, type_id: null, status: "planning", owner_id: deal.owner_id, delivery_manager_id: null, squad: null,
        start_date: null, end_date: null, sla_policy_id: null, auto_ticket_enabled: false, inbound_address: null, match_sender_domain: false,
        setup_template_id: null,
      });
      if (created.ok) {
        projectId = created.id;
        projectStatements = created.statements;
      } else projectProblem = !created.ok && created.status === 400 ? Object.values(created.errors).join("; ") : "The project could not be created";
    }
  }

  const statements: unknown[] = [
    ...projectStatements,
    ...stageChangeStatements(db, viewer, deal, stage, at, { status: "won", closed_at: at, close_reason: input.reason }, "won",
      projectId ? { project_id: projectId } : {}),
  ];
  if (projectId) {
    statements.push(
      db.query.insertInto("deal_project_links").values({ id: newId(), deal_id: deal.id, project_id: projectId, created_by: viewer.userId, created_at: at }),
      historyEntry(db, { actorId: viewer.userId, resourceType: DEAL_RESOURCE, resourceId: deal.id, action: "project_linked", details: { project_id: projectId } }),
      historyEntry(db, { actorId: viewer.userId, resourceType: "project", resourceId: projectId, action: "linked_to_deal", details: { deal_id: deal.id, title: deal.title } }),
    );
  } else {
    statements.push(...raiseActionItem(db, {
      sourceModule: "deals", sourceType: WON_NO_PROJECT_SOURCE_TYPE, sourceId: deal.id,
      title: `Set up a project for the won deal “${deal.title}”`.slice(0, 200),
      description: projectProblem ? `No project was created automatically: ${projectProblem}.` : "The deal was won without creating a project.",
      assignedPersonId: deal.owner_id ?? viewer.personId, dueDate: new Date(now.getTime() + 3 * DAY_MS).toISOString().slice(0, 10),
      companyId: deal.company_id, dealId: deal.id, createdBy: viewer.userId, reopen: true,
    }, viewer.userId));
  }
  await batch(db, statements as Parameters<typeof batch>[1]);
  return {
    ok: true, id: dealId,
    message: projectId ? `Deal won — project created` : `Deal won — ${projectProblem ? "project not created, an action item was raised" : "no project created, an action item was raised"}`,
  };
}

export async function loseDeal(db: Db, viewer: DealViewer, dealId: string, reason: string, now: Date = new Date()): Promise<DealResult> {
  const { deal, stages } = await dealWithStages(db, viewer, dealId);
  if (!deal) return missing;
  const stage = stages.find((s) => s.stage_type === "lost");
  if (!stage) return bad({ form: "This pipeline has no lost stage: add one under Pipelines" });
  if (deal.status === "lost") return bad({ form: "This deal is already lost" });
  await batch(db, stageChangeStatements(db, viewer, deal, stage, nowIso(now), { status: "lost", closed_at: nowIso(now), close_reason: reason }, "lost"));
  return { ok: true, id: dealId, message: "Deal marked as lost" };
}

/** Back to the last open stage it was in (or the first open stage). */
export async function reopenDeal(db: Db, viewer: DealViewer, dealId: string, now: Date = new Date()): Promise<DealResult> {
  const [deals, stages, last] = await batch(db, [
    dealBaseQuery(db, viewer, dealId),
    db.query.selectFrom("deal_pipeline_stages").select(["id", "name", "stage_type", "position", "probability", "template_id"])
      .where(sql<SqlBool>`template_id = (select pipeline_id from deals where id = ${dealId})`).orderBy("position"),
    db.query.selectFrom("deal_stage_history as h").innerJoin("deal_pipeline_stages as s", "s.id", "h.stage_id")
      .select("h.stage_id").where("h.deal_id", "=", dealId).where("s.stage_type", "=", "open").orderBy("h.entered_at", "desc").limit(1),
  ]);
  const deal = deals[0];
  if (!deal) return missing;
  if (deal.status === "open") return bad({ form: "This deal is already open" });
  const stage = (stages as Stage[]).find((s) => s.id === last[0]?.stage_id) ?? (stages as Stage[]).find((s) => s.stage_type === "open");
  if (!stage) return bad({ form: "This pipeline has no open stage" });
  await batch(db, stageChangeStatements(db, viewer, deal, stage, nowIso(now), { status: "open", closed_at: null, close_reason: null }, "reopened"));
  return { ok: true, id: dealId, message: `Deal reopened in ${stage.name}` };
}

// ---------------------------------------------------------------------------------------------
// Rotting

/**
 * Raises (idempotently) one action item per rotting deal for its owner: open deals untouched for
 * at least their stage's rotting days. A deal already raised since its last update is skipped, so
 * calling this on every board load (or from cron) adds nothing new; a deal that was touched and
 * rots again is raised again (reopening the item). Two round trips at most; up to 200 deals a run.
 */
export async function raiseRottingDealItems(db: Db, now: Date = new Date()) {
  const nowText = nowIso(now);
  const rows = await db.query
    .selectFrom("deals as d")
    .innerJoin("deal_pipeline_stages as s", "s.id", "d.stage_id")
    .select(["d.id", "d.title", "d.owner_id", "d.company_id", "d.primary_contact_id", "d.updated_at", "s.name as stage_name", "s.rotting_days"])
    .where("d.status", "=", "open")
    .where("s.stage_type", "=", "open")
    .where("s.rotting_days", "is not", null)
    .where("d.owner_id", "is not", null)
    .where(sql<SqlBool>`julianday(${nowText}) - julianday(d.updated_at) >= s.rotting_days`)
    .where(sql<SqlBool>`not exists (select 1 from action_items ai where ai.source_module = 'deals' and ai.source_type = ${ROTTING_SOURCE_TYPE}
      and ai.source_id = d.id and ai.updated_at >= d.updated_at)`)
    .orderBy("d.updated_at")
    .limit(200)
    .execute();
  if (!rows.length) return { raised: 0 };
  const statements = rows.flatMap((d) => {
    const days = daysSince(d.updated_at, now);
    return raiseActionItem(db, {
      sourceModule: "deals", sourceType: ROTTING_SOURCE_TYPE, sourceId: d.id,
      title: `Deal “${d.title}” has had no update for ${days} days`.slice(0, 200),
      description: `It has been in ${d.stage_name} without an update for ${days} days (rotting after ${d.rotting_days}). Move it on, update it or close it.`,
      assignedPersonId: d.owner_id, dueDate: nowText.slice(0, 10), companyId: d.company_id, contactId: d.primary_contact_id, dealId: d.id,
      reopen: true,
    }, null);
  });
  await batch(db, statements);
  return { raised: rows.length };
}

/** When this isolate last swept for rotting deals (ms since epoch). */
let lastRottingSweep = 0;
export const ROTTING_SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * `raiseRottingDealItems` at most once per ROTTING_SWEEP_INTERVAL_MS per isolate: the board
 * calls it after every response (waitUntil) without paying for the sweep on every page view.
 * Returns null when it was skipped.
 */
export async function sweepRottingDeals(db: Db, now: Date = new Date()) {
  if (now.getTime() - lastRottingSweep < ROTTING_SWEEP_INTERVAL_MS) return null;
  lastRottingSweep = now.getTime();
  return raiseRottingDealItems(db, now);
}

// ---------------------------------------------------------------------------------------------
// Detail page

function stageHistoryQuery(db: Db, dealId: string, limit = 200) {
  return db.query
    .selectFrom("deal_stage_history as h")
    .leftJoin("deal_pipeline_stages as s", "s.id", "h.stage_id")
    .leftJoin("users as u", "u.id", "h.moved_by")
    .select(["h.id", "h.stage_id", "h.stage_name", "h.entered_at", "h.exited_at", "s.stage_type", "s.probability", "u.name as moved_by_name"])
    .where("h.deal_id", "=", dealId)
    .orderBy("h.entered_at", "desc")
    .orderBy("h.id", "desc")
    .limit(limit);
}

function projectLinksQuery(db: Db, dealId: string) {
  return db.query
    .selectFrom("deal_project_links as l")
    .innerJoin("projects as pr", "pr.id", "l.project_id")
    .select(["l.id", "l.project_id", "pr.name as project_name", "pr.status as project_status", "l.created_at"])
    .where("l.deal_id", "=", dealId)
    .orderBy("l.created_at");
}

function participantsQuery(db: Db, dealId: string) {
  return db.query
    .selectFrom("deal_participants as dp")
    .innerJoin("people as pe", "pe.id", "dp.person_id")
    .select(["dp.id", "dp.person_id", "dp.role", "dp.created_at", personName("pe").as("name"), "pe.title", "pe.avatar_url"])
    .where("dp.deal_id", "=", dealId)
    .orderBy("pe.first_name");
}

function contactLinksQuery(db: Db, dealId: string) {
  return db.query
    .selectFrom("deal_contact_links as l")
    .innerJoin("contacts as ct", "ct.id", "l.contact_id")
    .leftJoin("companies as c", "c.id", "ct.company_id")
    .select(["l.id", "l.contact_id", "l.role", "l.created_at", contactName("ct").as("name"), "ct.email", "ct.phone", "ct.role as job_title", "c.name as company_name"])
    .where("l.deal_id", "=", dealId)
    .orderBy("ct.first_name");
}

function briefsQuery(db: Db, dealId: string) {
  return db.query
    .selectFrom("deal_research_briefs as b")
    .leftJoin("users as u", "u.id", "b.generated_by")
    .select(["b.id", "b.content", "b.source", "b.model", "b.created_at", "u.name as generated_by_name"])
    .where("b.deal_id", "=", dealId)
    .orderBy("b.created_at", "desc")
    .limit(5);
}

/** The deal page: the deal, its pipeline's stages, linked projects and the tab's data (ONE batch). */
export async function loadDealPage(db: Db, viewer: Viewer, dealId: string, tab: DealTab, now: Date = new Date()) {
  const base = [
    dealBaseQuery(db, viewer, dealId),
    db.query.selectFrom("deal_pipeline_stages").select(["id", "name", "stage_type", "position", "probability", "rotting_days"])
      .where(sql<SqlBool>`template_id = (select pipeline_id from deals where id = ${dealId})`).orderBy("position"),
    projectLinksQuery(db, dealId),
  ] as const;
  const finish = <T>(results: readonly [DealDetail[], unknown[], unknown[], ...unknown[]], data: T) => {
    const deal = results[0][0];
    if (!deal) return null;
    const stages = results[1] as (Stage & { rotting_days: number | null })[];
    const probability = deal.probability_override ?? deal.stage_probability;
    return {
      deal: {
        ...deal,
        probability,
        weighted_cents: weightedCents(deal.value_cents, probability),
        days_in_stage: daysSince(deal.stage_entered_at, now),
        rotting: isRotting(deal, { rotting_days: deal.rotting_days, stage_type: deal.stage_type }, now),
      },
      stages,
      projects: results[2] as Awaited<ReturnType<ReturnType<typeof projectLinksQuery>["execute"]>>,
      tab,
      data,
    };
  };
  switch (tab) {
    case "overview": {
      const r = await batch(db, [...base, stageHistoryQuery(db, dealId, 5), participantsQuery(db, dealId), contactLinksQuery(db, dealId)]);
      return finish(r, { kind: "overview" as const, recentStages: r[3], participants: r[4], contacts: r[5] });
    }
    case "contacts": {
      const r = await batch(db, [
        ...base, contactLinksQuery(db, dealId),
        // Choices: the deal company's contacts first, then everyone else (capped).
        db.query.selectFrom("contacts as ct").leftJoin("companies as c", "c.id", "ct.company_id")
          .select(["ct.id", contactName("ct").as("name"), "c.name as company_name"])
          .where(sql<SqlBool>`ct.id not in (select contact_id from deal_contact_links where deal_id = ${dealId})`)
          .orderBy(sql`case when ct.company_id = (select company_id from deals where id = ${dealId}) then 0 else 1 end`)
          .orderBy("ct.first_name").limit(500),
      ]);
      return finish(r, { kind: "contacts" as const, contacts: r[3], options: r[4] });
    }
    case "participants": {
      const r = await batch(db, [
        ...base, participantsQuery(db, dealId),
        peopleOptions(db).where(sql<SqlBool>`pe.id not in (select person_id from deal_participants where deal_id = ${dealId})`),
      ]);
      return finish(r, { kind: "participants" as const, participants: r[3], options: r[4] });
    }
    case "stages": {
      const r = await batch(db, [...base, stageHistoryQuery(db, dealId)]);
      return finish(r, { kind: "stages" as const, periods: r[3] });
    }
    case "meetings": {
      // Without the meetings tool the tab is not offered (the route falls back to the overview).
      const r = await batch(db, [...base, meetingsForRecordQuery(db, viewer, { linkedTo: { type: "deal", id: dealId } }, { limit: 50, offset: 0 })]);
      return finish(r, { kind: "meetings" as const, meetings: r[3] });
    }
    case "research": {
      const r = await batch(db, [...base, briefsQuery(db, dealId)]);
      return finish(r, { kind: "research" as const, briefs: r[3] });
    }
    case "notes": {
      const r = await batch(db, [...base, notesQuery(db, viewer, DEAL_RESOURCE, dealId), mentionableUsersQuery(db)]);
      return finish(r, { kind: "notes" as const, notes: r[3], mentionables: r[4].filter((u) => u.id !== viewer.userId) });
    }
    case "history": {
      const r = await batch(db, [...base, historyFor(db, DEAL_RESOURCE, dealId)]);
      return finish(r, { kind: "history" as const, history: r[3] });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Deal team, contacts, research, delete

async function visibleDeal(db: Db, viewer: DealViewer, dealId: string) {
  return (await batch(db, [dealBaseQuery(db, viewer, dealId)]))[0][0] ?? null;
}

async function addParticipant(db: Db, viewer: DealViewer, dealId: string, personId: string, role: string | null): Promise<DealResult> {
  const [deals, people, existing] = await batch(db, [
    dealBaseQuery(db, viewer, dealId),
    db.query.selectFrom("people").select(["id", personName("people").as("name")]).where("id", "=", personId),
    db.query.selectFrom("deal_participants").select("id").where("deal_id", "=", dealId).where("person_id", "=", personId),
  ]);
  if (!deals[0]) return missing;
  if (!people[0]) return bad({ person_id: "Choose a person from the list" });
  if (existing[0]) return bad({ person_id: "Already on the deal team" });
  const at = nowIso();
  await batch(db, [
    db.query.insertInto("deal_participants").values({ id: newId(), deal_id: dealId, person_id: personId, role, added_by: viewer.userId, created_at: at }),
    db.query.updateTable("deals").set({ updated_at: at }).where("id", "=", dealId),
    historyEntry(db, { actorId: viewer.userId, resourceType: DEAL_RESOURCE, resourceId: dealId, action: "participant_added", details: { person: people[0].name, role } }),
  ]);
  return { ok: true, message: `${people[0].name} joined the deal team` };
}

async function removeParticipant(db: Db, viewer: DealViewer, dealId: string, participantId: string): Promise<DealResult> {
  const [deals, rows] = await batch(db, [
    dealBaseQuery(db, viewer, dealId),
    participantsQuery(db, dealId).where("dp.id", "=", participantId),
  ]);
  if (!deals[0]) return missing;
  const row = rows[0];
  if (!row) return bad({ participant_id: "That person is not on the deal team" });
  await batch(db, [
    db.query.deleteFrom("deal_participants").where("id", "=", participantId).where("deal_id", "=", dealId),
    historyEntry(db, { actorId: viewer.userId, resourceType: DEAL_RESOURCE, resourceId: dealId, action: "participant_removed", details: { person: row.name } }),
  ]);
  return { ok: true, message: `${row.name} left the deal team` };
}

async function addContact(db: Db, viewer: DealViewer, dealId: string, contactId: string, role: keyof typeof CONTACT_ROLE_LABELS): Promise<DealResult> {
  const [deals, contacts, existing] = await batch(db, [
    dealBaseQuery(db, viewer, dealId),
    db.query.selectFrom("contacts").select(["id", contactName("contacts").as("name")]).where("id", "=", contactId),
    db.query.selectFrom("deal_contact_links").select("id").where("deal_id", "=", dealId).where("contact_id", "=", contactId),
  ]);
  if (!deals[0]) return missing;
  if (!contacts[0]) return bad({ contact_id: "Choose a contact from the list" });
  if (existing[0]) return bad({ contact_id: "That contact is already linked" });
  const at = nowIso();
  await batch(db, [
    db.query.insertInto("deal_contact_links").values({ id: newId(), deal_id: dealId, contact_id: contactId, role, added_by: viewer.userId, created_at: at }),
    db.query.updateTable("deals").set({ updated_at: at }).where("id", "=", dealId),
    historyEntry(db, { actorId: viewer.userId, resourceType: DEAL_RESOURCE, resourceId: dealId, action: "contact_linked", details: { contact: contacts[0].name, role } }),
  ]);
  return { ok: true, message: `${contacts[0].name} linked as ${CONTACT_ROLE_LABELS[role].toLowerCase()}` };
}

async function removeContact(db: Db, viewer: DealViewer, dealId: string, linkId: string): Promise<DealResult> {
  const [deals, rows] = await batch(db, [dealBaseQuery(db, viewer, dealId), contactLinksQuery(db, dealId).where("l.id", "=", linkId)]);
  if (!deals[0]) return missing;
  const row = rows[0];
  if (!row) return bad({ link_id: "That contact is not linked" });
  await batch(db, [
    db.query.deleteFrom("deal_contact_links").where("id", "=", linkId).where("deal_id", "=", dealId),
    historyEntry(db, { actorId: viewer.userId, resourceType: DEAL_RESOURCE, resourceId: dealId, action: "contact_unlinked", details: { contact: row.name } }),
  ]);
  return { ok: true, message: `${row.name} unlinked` };
}

/** The rule-based brief: what the data says, labelled by the caller as a draft. */
export function ruleBasedBrief(
  deal: Pick<DealDetail, "title" | "company_name" | "stage_name" | "value_cents" | "currency" | "expected_close_date" | "description" | "source" | "stage_entered_at"> & { probability: number },
  contacts: { name: string; role: string; job_title: string | null }[],
  company: { industry: string | null; domain: string | null; open_deals: number; won_deals: number; projects: number } | null,
  now: Date = new Date(),
) {
  const lines = [
    `# ${deal.title}`,
    "",
    `**Company:** ${deal.company_name ?? "not set"}${company?.industry ? ` (${company.industry})` : ""}${company?.domain ? ` — ${company.domain}` : ""}`,
    `**Stage:** ${deal.stage_name}, ${daysSince(deal.stage_entered_at, now)} days in stage, ${deal.probability}% probability`,
    `**Value:** ${formatMoney(deal.value_cents, deal.currency)} (weighted ${formatMoney(weightedCents(deal.value_cents, deal.probability), deal.currency)})`,
    deal.expected_close_date ? `**Expected close:** ${deal.expected_close_date}` : "**Expected close:** not set — agree a target date",
    deal.source ? `**Source:** ${deal.source}` : "",
    "",
    "## Relationship",
    company ? `- ${company.won_deals} won deal(s), ${company.open_deals} open deal(s) and ${company.projects} project(s) with this company.` : "- No company linked yet.",
    ...(contacts.length
      ? contacts.map((c) => `- ${c.name}${c.job_title ? `, ${c.job_title}` : ""} — ${CONTACT_ROLE_LABELS[c.role as keyof typeof CONTACT_ROLE_LABELS] ?? c.role}`)
      : ["- No contacts linked: add the decision maker and a champion."]),
    "",
    "## Suggested next steps",
    ...(contacts.some((c) => c.role === "decision_maker") ? [] : ["- Identify and link the decision maker."]),
    ...(deal.expected_close_date ? [] : ["- Agree an expected close date."]),
    "- Confirm budget, timeline and success measures before the next stage.",
    deal.description ? `\n## Notes\n${deal.description}` : "",
  ];
  return lines.filter((l, i, all) => l !== "" || all[i - 1] !== "").join("\n").trim();
}

async function generateResearch(context: Pick<AppLoadContext, "db" | "env">, viewer: Viewer, dealId: string, now: Date = new Date()): Promise<DealResult> {
  const { db } = context;
  const [deals, contacts, companies] = await batch(db, [
    dealBaseQuery(db, viewer, dealId),
    contactLinksQuery(db, dealId),
    db.query.selectFrom("companies as c").select([
      "c.industry", "c.domain", "c.description",
      sql<number>`(select count(*) from deals x where x.company_id = c.id and x.status = 'open')`.as("open_deals"),
      sql<number>`(select count(*) from deals x where x.company_id = c.id and x.status = 'won')`.as("won_deals"),
      sql<number>`(select count(*) from projects x where x.company_id = c.id)`.as("projects"),
    ]).where(sql<SqlBool>`c.id = (select company_id from deals where id = ${dealId})`),
  ]);
  const deal = deals[0];
  if (!deal) return missing;
  const probability = deal.probability_override ?? deal.stage_probability;
  const company = companies[0] ? { ...companies[0], open_deals: Number(companies[0].open_deals), won_deals: Number(companies[0].won_deals), projects: Number(companies[0].projects) } : null;
  const contactList = contacts.map((c) => ({ name: c.name, role: c.role, job_title: c.job_title }));
  const result = await generateText(context, {
    system: "You are a sales researcher at a digital agency. Write a concise research brief (markdown, under 300 words): company context, stakeholders, risks, and next steps. Use only the facts given; say what is unknown.",
    prompt: JSON.stringify({
      deal: { title: deal.title, description: deal.description, stage: deal.stage_name, probability, value: formatMoney(deal.value_cents, deal.currency), expected_close_date: deal.expected_close_date, source: deal.source },
      company: deal.company_name ? { name: deal.company_name, industry: company?.industry, domain: company?.domain, description: company?.description, open_deals: company?.open_deals, won_deals: company?.won_deals, projects: company?.projects } : null,
      contacts: contactList,
    }),
    maxTokens: 800,
    fallback: () => ruleBasedBrief({ ...deal, probability }, contactList, company, now),
  });
  await batch(db, [
    db.query.insertInto("deal_research_briefs").values({
      id: newId(), deal_id: dealId, content: result.text.slice(0, 20_000), source: result.source === "ai" ? "ai" : "rule_based",
      model: result.source === "ai" ? context.env.AI_MODEL || null : null, generated_by: viewer.userId, created_at: nowIso(now),
    }),
    historyEntry(db, { actorId: viewer.userId, resourceType: DEAL_RESOURCE, resourceId: dealId, action: "research_generated", details: { source: result.source } }),
  ]);
  return { ok: true, message: result.source === "ai" ? "Research brief written" : `Research brief drafted — ${result.label}` };
}

async function deleteDeal(db: Db, viewer: DealViewer, dealId: string): Promise<DealResult> {
  const deal = await visibleDeal(db, viewer, dealId);
  if (!deal) return missing;
  await batch(db, [
    db.query.deleteFrom("deals").where("id", "=", dealId),
    historyEntry(db, { actorId: viewer.userId, resourceType: DEAL_RESOURCE, resourceId: dealId, action: "deleted", details: { title: deal.title } }),
  ]);
  return { ok: true, message: `Deleted “${deal.title}”`, redirectTo: "/deals/list" };
}

/** Every change made from the deal page. Route checked deals:update; delete needs deals:manage. */
export async function applyDealIntent(context: Pick<AppLoadContext, "db" | "env">, viewer: Viewer, dealId: string, intent: DealIntent, now: Date = new Date()): Promise<DealResult> {
  const { db } = context;
  switch (intent.intent) {
    case "move":
      return moveDeal(context, viewer, dealId, intent.stage_id, now);
    case "win":
      return winDeal(context, viewer, dealId, { reason: intent.reason, create_project: intent.create_project }, now);
    case "lose":
      return loseDeal(db, viewer, dealId, intent.reason, now);
    case "reopen":
      return reopenDeal(db, viewer, dealId, now);
    case "add_participant":
      return addParticipant(db, viewer, dealId, intent.person_id, intent.role);
    case "remove_participant":
      return removeParticipant(db, viewer, dealId, intent.participant_id);
    case "add_contact":
      return addContact(db, viewer, dealId, intent.contact_id, intent.role);
    case "remove_contact":
      return removeContact(db, viewer, dealId, intent.link_id);
    case "research":
      return generateResearch(context, viewer, dealId, now);
    case "delete":
      if (!can(viewer, "deals", "manage")) {
        // Existence first (404 out of scope), then the permission.
        return (await visibleDeal(db, viewer, dealId)) ? { ok: false, status: 403 } : missing;
      }
      return deleteDeal(db, viewer, dealId);
  }
}

export { seesAllDeals };
