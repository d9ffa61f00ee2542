// Projects (ORIGINAL §10.1): the list (filters, search, sort, pagination, CSV), the detail page
// with its tabs (each tab's data in ONE batch), creation (creator as owner member, history and
// the setup template's phases and tasks in ONE batch) and every change made from the page.
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { meetingsForRecordQuery } from "~/modules/meetings/meetings.server";
import { mentionableUsersQuery, notesQuery } from "~/modules/records/notes.server";
import { can } from "~/platform/access.server";
import { batch, chunkForInsert } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Db } from "~/platform/db.server";
import { diffFields, historyEntry, historyFor } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { contains } from "~/platform/like";
import type { Viewer } from "~/platform/session.server";
import { configItemsQuery, defaultItem, groupItems, isDoneStatus, type ConfigItem } from "./config-lists.server";
import {
  EXPORT_CAP, MEMBER_ROLE_LABELS, PROJECTS_PAGE_SIZE, PROJECT_STATUS_LABELS,
  type ProjectCreateInput, type ProjectFields, type ProjectIntent, type ProjectListFilters, type ProjectTab,
} from "./schemas";
import { policyCalendarColumns, slaFlags, slaUpsert, type PolicyCalendarRow, type RuleRow } from "./sla.server";
import { applyReportIntent } from "./reports.server";
import { projectVisible, taskVisible, type ScopeViewer } from "./scope.server";
import { applyTaskIntent, boardCardsQuery, boardCountsQuery, createTask, historyRows, orgToday, personName, type TaskResult } from "./tasks.server";

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// List

function listCondition(viewer: ScopeViewer, f: ProjectListFilters): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [projectVisible(viewer, "p")];
  if (f.q) parts.push(sql`(p.name like ${contains(f.q)} or p.description like ${contains(f.q)} or p.company_id in (select id from companies where name like ${contains(f.q)}))`);
  if (f.status) parts.push(sql`p.status = ${f.status}`);
  if (f.company) parts.push(sql`p.company_id = ${f.company}`);
  if (f.type) parts.push(sql`p.type_id = ${f.type}`);
  if (f.owner) parts.push(sql`p.owner_id = ${f.owner}`);
  if (f.squad) parts.push(sql`p.squad = ${f.squad}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

const PROJECT_SORTS = {
  name: sql`p.name`,
  status: sql`case p.status when 'active' then 0 when 'planning' then 1 when 'on_hold' then 2 when 'completed' then 3 else 4 end`,
  start_date: sql`p.start_date`,
  end_date: sql`p.end_date`,
  created: sql`p.created_at`,
} as const;

/**
 * One page of projects: the page's ids are picked first (projects alone), so the member and task
 * counts and the joined names are computed for those rows only, not for every project in scope.
 */
function projectRows(db: Db, viewer: ScopeViewer, f: ProjectListFilters, limit: number, offset: number) {
  const pageIds = db.query
    .selectFrom("projects as p")
    .select("p.id")
    .where(listCondition(viewer, f))
    .orderBy(PROJECT_SORTS[f.sort], f.dir)
    .orderBy("p.name")
    .orderBy("p.id")
    .limit(limit)
    .offset(offset);
  return db.query
    .selectFrom("projects as p")
    .leftJoin("companies as c", "c.id", "p.company_id")
    .leftJoin("config_list_items as ty", "ty.id", "p.type_id")
    .leftJoin("people as o", "o.id", "p.owner_id")
    .leftJoin("people as dm", "dm.id", "p.delivery_manager_id")
    .select([
      "p.id", "p.name", "p.status", "p.squad", "p.start_date", "p.end_date", "p.company_id", "c.name as company_name", "p.owner_id",
      "ty.label as type_label", "ty.color as type_color", personName("o").as("owner_name"), personName("dm").as("delivery_manager_name"),
      sql<number>`(select count(*) from project_members m where m.project_id = p.id)`.as("member_count"),
      sql<number>`(select count(*) from tasks t where t.project_id = p.id and t.is_phase = 0)`.as("task_count"),
    ])
    .where("p.id", "in", pageIds)
    .orderBy(PROJECT_SORTS[f.sort], f.dir)
    .orderBy("p.name")
    .orderBy("p.id");
}

/**
 * One page of projects in scope, the total and the filter options (one round trip). Client and
 * owner filters are picked from the rows (too many for a menu), so only the chosen one's name loads.
 */
export async function listProjects(db: Db, viewer: ScopeViewer, f: ProjectListFilters) {
  const [rows, counts, chosenCompany, items, chosenOwner, squads] = await batch(db, [
    projectRows(db, viewer, f, PROJECTS_PAGE_SIZE, (f.page - 1) * PROJECTS_PAGE_SIZE),
    db.query.selectFrom("projects as p").select((eb) => eb.fn.countAll<number>().as("n")).where(listCondition(viewer, f)),
    // Names only of clients and owners of projects the viewer can see.
    db.query
      .selectFrom("companies")
      .select(["id", "name"])
      .where("id", "=", f.company ?? "")
      .where(sql<SqlBool>`exists (select 1 from projects vp where vp.company_id = companies.id and ${projectVisible(viewer, "vp")})`),
    configItemsQuery(db, ["project_type"]),
    db.query
      .selectFrom("people")
      .select(["people.id", personName("people").as("name")])
      .where("people.id", "=", f.owner ?? "")
      .where(sql<SqlBool>`exists (select 1 from projects vp where vp.owner_id = people.id and ${projectVisible(viewer, "vp")})`),
    db.query.selectFrom("squads").select("name").where("is_active", "=", 1).orderBy("name"),
  ]);
  const total = Number(counts[0]?.n ?? 0);
  return {
    rows, total, page: f.page, pageCount: Math.max(1, Math.ceil(total / PROJECTS_PAGE_SIZE)),
    chosenCompany: chosenCompany[0] ?? null, chosenOwner: chosenOwner[0] ?? null, types: items, squads: squads.map((s) => s.name),
  };
}

export function csvCell(value: unknown) {
  let text = value == null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The same filtered, sorted list as CSV (all pages, capped at EXPORT_CAP rows; one query). */
export async function exportProjectsCsv(db: Db, viewer: ScopeViewer, f: ProjectListFilters) {
  const rows = await projectRows(db, viewer, f, EXPORT_CAP + 1, 0).execute();
  const columns = [
    ["name", "Name"], ["company_name", "Company"], ["status", "Status"], ["type_label", "Type"], ["owner_name", "Owner"],
    ["delivery_manager_name", "Delivery manager"], ["squad", "Squad"], ["start_date", "Start"], ["end_date", "End"],
    ["member_count", "Members"], ["task_count", "Tasks"],
  ] as const;
  const lines = [columns.map(([, label]) => csvCell(label)).join(",")];
  for (const row of rows.slice(0, EXPORT_CAP)) {
    const values: Record<string, unknown> = { ...row, status: PROJECT_STATUS_LABELS[row.status as keyof typeof PROJECT_STATUS_LABELS] ?? row.status };
    lines.push(columns.map(([key]) => csvCell(values[key])).join(","));
  }
  return { csv: lines.join("\r\n") + "\r\n", truncated: rows.length > EXPORT_CAP };
}

// ---------------------------------------------------------------------------------------------
// Form options (new / edit)

/** Choices for the project form (one batch). `projectId` loads the project (in scope) too. */
export async function loadProjectForm(db: Db, viewer: ScopeViewer, projectId: string | null) {
  const [projects, companies, items, people, policies, templates, squads] = await batch(db, [
    db.query.selectFrom("projects as p").selectAll("p").where("p.id", "=", projectId ?? "").where(projectVisible(viewer, "p")),
    db.query.selectFrom("companies").select(["id", "name"]).orderBy("name").limit(1000),
    configItemsQuery(db, ["project_type"]),
    db.query.selectFrom("people").select(["people.id", personName("people").as("name")]).where("employment_status", "=", "active").orderBy("first_name").orderBy("last_name").limit(1000),
    db.query.selectFrom("sla_policies").select(["id", "name"]).where("is_active", "=", 1).orderBy("name").limit(200),
    db.query
      .selectFrom("project_setup_templates as t")
      .select([
        "t.id", "t.name", "t.description",
        sql<number>`(select count(*) from project_setup_template_phases ph where ph.template_id = t.id)`.as("phase_count"),
        sql<number>`(select count(*) from project_setup_template_tasks tt where tt.template_id = t.id)`.as("task_count"),
      ])
      .where("t.is_active", "=", 1)
      .orderBy("t.name")
      .limit(100),
    db.query.selectFrom("squads").select("name").where("is_active", "=", 1).orderBy("name"),
  ]);
  if (projectId && !projects[0]) return null;
  return { project: projects[0] ?? null, companies, types: items, people, policies, templates, squads: squads.map((s) => s.name) };
}

export type ProjectResult =
  | { ok: true; id?: string; message?: string; redirectTo?: string }
  | { ok: false; status: 403 | 404 }
  | { ok: false; status: 400; errors: Record<string, string> };
const bad = (errors: Record<string, string>): ProjectResult => ({ ok: false, status: 400, errors });

/** Reference checks shared by create and update (company, type, people, policy, inbound address). */
function referenceQueries(db: Db, input: ProjectFields, projectId: string | null) {
  return [
    db.query.selectFrom("companies").select(["id", "domain"]).where("id", "=", input.company_id ?? ""),
    configItemsQuery(db),
    db.query.selectFrom("people").select(["id", "user_id"]).where("id", "in", [input.owner_id ?? "", input.delivery_manager_id ?? ""]),
    db.query.selectFrom("sla_policies").select([...policyCalendarColumns]).where("id", "=", input.sla_policy_id ?? ""),
    db.query.selectFrom("projects").select("id").where("inbound_address", "=", input.inbound_address ?? "").where("id", "!=", projectId ?? ""),
  ] as const;
}

function checkReferences(
  input: ProjectFields,
  [companies, items, people, policies, clash]: [{ id: string }[], ConfigItem[], { id: string }[], unknown[], unknown[]],
) {
  const errors: Record<string, string> = {};
  if (input.company_id && !companies[0]) errors.company_id = "Choose a company from the list";
  if (input.type_id && !groupItems(items).project_type.some((i) => i.id === input.type_id)) errors.type_id = "Choose a project type from the list";
  if (input.owner_id && !people.some((p) => p.id === input.owner_id)) errors.owner_id = "Choose a person from the list";
  if (input.delivery_manager_id && !people.some((p) => p.id === input.delivery_manager_id)) errors.delivery_manager_id = "Choose a person from the list";
  if (input.sla_policy_id && !policies[0]) errors.sla_policy_id = "Choose an SLA policy from the list";
  if (input.inbound_address && clash[0]) errors.inbound_address = "Another project already receives mail at this address";
  if (input.auto_ticket_enabled && !input.inbound_address && !(input.match_sender_domain && input.company_id)) {
    errors.auto_ticket_enabled = "Auto-tickets need an inbound address, or a company whose domain senders are matched on";
  }
  return errors;
}

function projectValues(input: ProjectFields) {
  return {
    name: input.name, description: input.description, company_id: input.company_id, type_id: input.type_id, status: input.status,
    owner_id: input.owner_id, delivery_manager_id: input.delivery_manager_id, squad: input.squad,
    start_date: input.start_date, end_date: input.end_date, sla_policy_id: input.sla_policy_id,
    auto_ticket_enabled: input.auto_ticket_enabled ? 1 : 0, inbound_address: input.inbound_address?.toLowerCase() ?? null,
    match_sender_domain: input.match_sender_domain ? 1 : 0,
  };
}

/**
 * Creates a project in ONE batch: the project, the creator as an owner member (plus the owner
 * and delivery manager when they are other people), the history row and, from a setup template,
 * a phase task per template phase with the template's tasks as its subtasks.
 */
export async function createProject(db: Db, viewer: Viewer, input: ProjectCreateInput): Promise<ProjectResult> {
  const prepared = await prepareProject(db, viewer, input);
  if (!prepared.ok) return prepared;
  await batch(db, prepared.statements);
  return { ok: true, id: prepared.id };
}

type BatchStatements = Parameters<typeof batch>[1];

/**
 * Validates a new project (one read round trip) and returns the statements that create it (the
 * project, its members, template phases/tasks and history) without running them, so a caller can
 * put them in its own batch — e.g. winning a deal creates the project and the link atomically.
 */
export async function prepareProject(
  db: Db, viewer: Viewer, input: ProjectCreateInput,
): Promise<{ ok: true; id: string; statements: BatchStatements } | Extract<ProjectResult, { ok: false }>> {
  const bad = (errors: Record<string, string>) => ({ ok: false as const, status: 400 as const, errors });
  const ownerId = input.owner_id ?? viewer.personId;
  if (!ownerId) return bad({ owner_id: "Choose an owner (your account is not linked to a person)" });
  const fields = { ...input, owner_id: ownerId };
  const [companies, items, people, policies, clash, templates, phases, templateTasks] = await batch(db, [
    ...referenceQueries(db, fields, null),
    db.query.selectFrom("project_setup_templates").select(["id", "name"]).where("id", "=", input.setup_template_id ?? "").where("is_active", "=", 1),
    db.query.selectFrom("project_setup_template_phases").selectAll().where("template_id", "=", input.setup_template_id ?? "").orderBy("position"),
    db.query.selectFrom("project_setup_template_tasks").selectAll().where("template_id", "=", input.setup_template_id ?? "").orderBy("position"),
  ]);
  const errors = checkReferences(fields, [companies, items as ConfigItem[], people, policies, clash]);
  if (input.setup_template_id && !templates[0]) errors.setup_template_id = "Choose a setup template from the list";
  if (Object.keys(errors).length) return bad(errors);

  const id = newId();
  const now = nowIso();
  const lists = groupItems(items as ConfigItem[]);
  const statements: unknown[] = [
    db.query.insertInto("projects").values({
      id, ...projectValues(fields), setup_template_id: input.setup_template_id, created_by: viewer.userId, created_at: now, updated_at: now,
    }),
  ];
  const members = new Map<string, string>();
  if (viewer.personId) members.set(viewer.personId, "owner");
  if (!members.has(ownerId)) members.set(ownerId, "owner");
  if (input.delivery_manager_id && !members.has(input.delivery_manager_id)) members.set(input.delivery_manager_id, "delivery_manager");
  statements.push(
    db.query.insertInto("project_members").values([...members].map(([personId, role]) => ({ id: newId(), project_id: id, person_id: personId, role, created_at: now }))),
    historyEntry(db, {
      actorId: viewer.userId, resourceType: "project", resourceId: id, action: "created",
      details: { name: input.name, ...(templates[0] ? { template: templates[0].name } : {}) },
    }),
  );

  if (templates[0]) {
    const start = input.start_date ?? orgToday();
    const todo = defaultItem(lists.task_status)?.id ?? null;
    const phaseType = lists.task_type.find((t) => t.value === "phase")?.id ?? null;
    const taskType = defaultItem(lists.task_type)?.id ?? null;
    const medium = defaultItem(lists.task_priority)?.id ?? null;
    const base = {
      resource_type: "project" as const, resource_id: id, project_id: id, status_id: todo, reporter_id: viewer.personId,
      created_by: viewer.userId, source: "template" as const, created_at: now, updated_at: now,
    };
    const rows: Record<string, unknown>[] = [];
    const phaseTaskIds = new Map<string, string>();
    for (const phase of phases) {
      const phaseTaskId = newId();
      phaseTaskIds.set(phase.id, phaseTaskId);
      rows.push({
        ...base, id: phaseTaskId, title: phase.name, description: phase.description, type_id: phaseType, priority_id: medium, is_phase: 1,
        start_date: addDays(start, phase.offset_days), due_date: addDays(start, phase.offset_days + phase.duration_days),
        sort_order: phase.position, estimated_hours: null, parent_task_id: null, phase_id: null,
      });
    }
    for (const t of templateTasks) {
      const phase = phases.find((p) => p.id === t.phase_id);
      const phaseTaskId = phaseTaskIds.get(t.phase_id);
      if (!phase || !phaseTaskId) continue;
      rows.push({
        ...base, id: newId(), title: t.title, description: t.description, type_id: taskType, priority_id: t.priority_id ?? medium, is_phase: 0,
        start_date: addDays(start, phase.offset_days), due_date: addDays(start, phase.offset_days + phase.duration_days),
        sort_order: phase.position * 1000 + t.position, estimated_hours: t.estimated_hours, parent_task_id: phaseTaskId, phase_id: phaseTaskId,
      });
    }
    // Phase rows first (subtasks reference them); each chunk stays under D1's 100 parameters.
    const columns = Object.keys(rows[0] ?? {}).length || 1;
    for (const chunk of chunkForInsert(rows, columns)) {
      statements.push(db.query.insertInto("tasks").values(chunk as never));
    }
    statements.push(
      ...historyRows(db, rows.map((r) => ({
        resourceType: "task", resourceId: String(r.id), action: "created", actorId: viewer.userId,
        details: { title: String(r.title), template: templates[0]!.name },
      }))),
    );
  }
  return { ok: true, id, statements: statements as BatchStatements };
}

// ---------------------------------------------------------------------------------------------
// Detail page

function projectDetailQuery(db: Db, viewer: ScopeViewer, projectId: string) {
  return db.query
    .selectFrom("projects as p")
    .leftJoin("companies as c", "c.id", "p.company_id")
    .leftJoin("config_list_items as ty", "ty.id", "p.type_id")
    .leftJoin("people as o", "o.id", "p.owner_id")
    .leftJoin("people as dm", "dm.id", "p.delivery_manager_id")
    .leftJoin("sla_policies as sp", "sp.id", "p.sla_policy_id")
    .leftJoin("project_setup_templates as st", "st.id", "p.setup_template_id")
    .select([
      "p.id", "p.name", "p.description", "p.status", "p.squad", "p.start_date", "p.end_date", "p.created_at", "p.updated_at",
      "p.company_id", "c.name as company_name", "c.domain as company_domain", "p.type_id", "ty.label as type_label", "ty.color as type_color",
      "p.owner_id", personName("o").as("owner_name"), "p.delivery_manager_id", personName("dm").as("delivery_manager_name"),
      "p.sla_policy_id", "sp.name as sla_policy_name", "st.name as setup_template_name",
      "p.auto_ticket_enabled", "p.inbound_address", "p.match_sender_domain",
    ])
    .where("p.id", "=", projectId)
    .where(projectVisible(viewer, "p"));
}
export type ProjectDetail = Awaited<ReturnType<ReturnType<typeof projectDetailQuery>["executeTakeFirstOrThrow"]>>;

function membersQuery(db: Db, projectId: string) {
  return db.query
    .selectFrom("project_members as m")
    .innerJoin("people as pe", "pe.id", "m.person_id")
    .select(["m.id", "m.person_id", "m.role", personName("pe").as("name"), "pe.title", "pe.avatar_url", "pe.user_id"])
    .where("m.project_id", "=", projectId)
    .orderBy(sql`case m.role when 'owner' then 0 when 'delivery_manager' then 1 when 'lead' then 2 when 'member' then 3 else 4 end`)
    .orderBy("pe.first_name");
}

function goalsQuery(db: Db, projectId: string) {
  return db.query.selectFrom("project_goals").selectAll().where("project_id", "=", projectId).orderBy("position").orderBy("created_at").limit(200);
}

function projectTasksQuery(db: Db, viewer: ScopeViewer, projectId: string) {
  const flags = slaFlags("s");
  return db.query
    .selectFrom("tasks as t")
    .leftJoin("config_list_items as st", "st.id", "t.status_id")
    .leftJoin("config_list_items as pr", "pr.id", "t.priority_id")
    .leftJoin("people as a", "a.id", "t.assignee_id")
    .leftJoin("task_sla as s", "s.task_id", "t.id")
    .leftJoin("sprints as sp", "sp.id", "t.sprint_id")
    .select([
      "t.id", "t.title", "t.is_phase", "t.phase_id", "t.parent_task_id", "t.status_id", "st.label as status_label", "st.color as status_color",
      "st.stage_type", "pr.label as priority_label", "pr.color as priority_color", personName("a").as("assignee_name"), "t.due_date",
      "t.start_date", "t.estimated_hours", "sp.name as sprint_name", flags.response_breached.as("response_breached"),
      flags.resolution_breached.as("resolution_breached"), sql<number>`case when s.id is null then 0 else 1 end`.as("has_sla"),
    ])
    .where("t.project_id", "=", projectId)
    .where(taskVisible(viewer, "t"))
    .orderBy(sql`coalesce(t.phase_id, case when t.is_phase = 1 then t.id end)`)
    .orderBy("t.is_phase", "desc")
    .orderBy("t.sort_order")
    .orderBy("t.created_at")
    .limit(300);
}

export interface ProjectPageOptions {
  sprint?: string | null;
}

/** A project tab's data in ONE batch (the project row decides 404 / out of scope). */
export async function loadProjectPage(db: Db, viewer: Viewer, projectId: string, tab: ProjectTab, options: ProjectPageOptions = {}) {
  const base = [projectDetailQuery(db, viewer, projectId), membersQuery(db, projectId)] as const;
  const now = nowIso();
  const result = await (async () => {
    switch (tab) {
      case "overview": {
        const [projects, members, goals, statusCounts, decisions, summaries, slaCounts] = await batch(db, [
          ...base,
          goalsQuery(db, projectId),
          db.query
            .selectFrom("tasks as t")
            .leftJoin("config_list_items as st", "st.id", "t.status_id")
            .select(["st.label", "st.color", "st.stage_type", sql<number>`count(*)`.as("n")])
            .where("t.project_id", "=", projectId)
            .where("t.is_phase", "=", 0)
            .where(taskVisible(viewer, "t"))
            .groupBy(["t.status_id", "st.label", "st.color", "st.stage_type", "st.position"])
            .orderBy("st.position"),
          db.query.selectFrom("project_decisions").select(["id", "title", "outcome", "decided_on", "status"]).where("project_id", "=", projectId).orderBy("created_at", "desc").limit(3),
          db.query.selectFrom("project_ai_summaries").select(["summary", "source", "model", "created_at"]).where("project_id", "=", projectId).orderBy("created_at", "desc").limit(1),
          db.query
            .selectFrom("task_sla as s")
            .innerJoin("tasks as t", "t.id", "s.task_id")
            .select([
              sql<number>`count(*)`.as("open"),
              sql<number>`coalesce(sum(case when ${slaFlags("s", now).response_breached} = 1 or ${slaFlags("s", now).resolution_breached} = 1 then 1 else 0 end), 0)`.as("breached"),
            ])
            .where("t.project_id", "=", projectId)
            .where("s.resolved_at", "is", null)
            .where(taskVisible(viewer, "t")),
        ]);
        return { projects, members, data: { kind: "overview" as const, goals, statusCounts, decisions, summary: summaries[0] ?? null, sla: slaCounts[0] ?? { open: 0, breached: 0 } } };
      }
      case "tasks": {
        const [projects, members, tasks, items, sprints] = await batch(db, [
          ...base,
          projectTasksQuery(db, viewer, projectId),
          configItemsQuery(db),
          db.query.selectFrom("sprints").select(["id", "name"]).where("project_id", "=", projectId).where("status", "!=", "closed").orderBy("position").orderBy("start_date"),
        ]);
        return { projects, members, data: { kind: "tasks" as const, tasks, lists: groupItems(items as ConfigItem[]), sprints, today: orgToday() } };
      }
      case "board": {
        const [projects, members, cards, counts, items, sprints] = await batch(db, [
          ...base,
          boardCardsQuery(db, viewer, projectId, options.sprint ?? null),
          boardCountsQuery(db, viewer, projectId, options.sprint ?? null),
          configItemsQuery(db, ["task_status"]),
          db.query.selectFrom("sprints").select(["id", "name", "status"]).where("project_id", "=", projectId).where("status", "!=", "closed").orderBy("position").orderBy("start_date"),
        ]);
        return { projects, members, data: { kind: "board" as const, cards, counts, statuses: items, sprints, sprint: options.sprint ?? null, today: orgToday() } };
      }
      case "sprints": {
        const [projects, members, sprints] = await batch(db, [
          ...base,
          db.query
            .selectFrom("sprints as s")
            .select([
              "s.id", "s.name", "s.goal", "s.status", "s.start_date", "s.end_date", "s.position",
              sql<number>`(select count(*) from tasks t where t.sprint_id = s.id and t.parent_task_id is null)`.as("task_count"),
              sql<number>`(select count(*) from tasks t where t.sprint_id = s.id and t.parent_task_id is null and ${isDoneStatus("t.status_id")})`.as("done_count"),
            ])
            .where("s.project_id", "=", projectId)
            .orderBy("s.position")
            .orderBy("s.start_date")
            .orderBy("s.created_at")
            .limit(200),
        ]);
        return { projects, members, data: { kind: "sprints" as const, sprints } };
      }
      case "roadmap": {
        const [projects, members, roadmaps] = await batch(db, [
          ...base,
          db.query
            .selectFrom("roadmaps as r")
            .select([
              "r.id", "r.name", "r.description", "r.start_date", "r.end_date",
              sql<number>`(select count(*) from roadmap_items i where i.roadmap_id = r.id)`.as("item_count"),
            ])
            .where("r.project_id", "=", projectId)
            .orderBy("r.start_date")
            .orderBy("r.name")
            .limit(100),
        ]);
        return { projects, members, data: { kind: "roadmap" as const, roadmaps } };
      }
      case "members": {
        const [projects, members, people] = await batch(db, [
          ...base,
          db.query
            .selectFrom("people")
            .select(["people.id", personName("people").as("name")])
            .where("employment_status", "=", "active")
            .where(sql<SqlBool>`people.id not in (select person_id from project_members where project_id = ${projectId})`)
            .orderBy("first_name")
            .orderBy("last_name")
            .limit(1000),
        ]);
        return { projects, members, data: { kind: "members" as const, people } };
      }
      case "goals": {
        const [projects, members, goals] = await batch(db, [...base, goalsQuery(db, projectId)]);
        return { projects, members, data: { kind: "goals" as const, goals } };
      }
      case "decisions": {
        const [projects, members, decisions] = await batch(db, [
          ...base,
          db.query
            .selectFrom("project_decisions as d")
            .leftJoin("people as pe", "pe.id", "d.decided_by")
            .leftJoin("users as u", "u.id", "d.created_by")
            .select(["d.id", "d.title", "d.context", "d.outcome", "d.status", "d.decided_on", personName("pe").as("decided_by_name"), "u.name as created_by_name", "d.created_at"])
            .where("d.project_id", "=", projectId)
            .orderBy("d.created_at", "desc")
            .limit(200),
        ]);
        return { projects, members, data: { kind: "decisions" as const, decisions } };
      }
      case "reports": {
        const [projects, members, settings, reports, summaries] = await batch(db, [
          ...base,
          db.query.selectFrom("project_report_settings").selectAll().where("project_id", "=", projectId),
          db.query
            .selectFrom("project_reports as r")
            .leftJoin("users as u", "u.id", "r.created_by")
            .select(["r.id", "r.period_start", "r.period_end", "r.health", "r.narrative", "r.metrics", "r.status", "r.created_at", "u.name as created_by_name"])
            .where("r.project_id", "=", projectId)
            .orderBy("r.period_end", "desc")
            .limit(20),
          db.query
            .selectFrom("project_ai_summaries as s")
            .leftJoin("users as u", "u.id", "s.generated_by")
            .select(["s.id", "s.summary", "s.source", "s.model", "s.created_at", "u.name as generated_by_name"])
            .where("s.project_id", "=", projectId)
            .orderBy("s.created_at", "desc")
            .limit(5),
        ]);
        return { projects, members, data: { kind: "reports" as const, settings: settings[0] ?? null, reports, summaries } };
      }
      case "agents": {
        const [projects, members, configs, runs] = await batch(db, [
          ...base,
          db.query.selectFrom("agent_project_config").selectAll().where("project_id", "=", projectId),
          db.query
            .selectFrom("agent_task_runs as r")
            .innerJoin("tasks as t", "t.id", "r.task_id")
            .select(["r.id", "r.task_id", "t.title as task_title", "r.feature", "r.status", "r.source", "r.duration_ms", "r.started_at"])
            .where("t.project_id", "=", projectId)
            .where(taskVisible(viewer, "t"))
            .orderBy("r.started_at", "desc")
            .limit(20),
        ]);
        return { projects, members, data: { kind: "agents" as const, config: configs[0] ?? null, runs } };
      }
      case "meetings": {
        const [projects, members, meetings] = await batch(db, [...base, meetingsForRecordQuery(db, viewer, { linkedTo: { type: "project", id: projectId } }, { limit: 50, offset: 0 })]);
        return { projects, members, data: { kind: "meetings" as const, meetings } };
      }
      case "notes": {
        const [projects, members, notes, mentionables] = await batch(db, [...base, notesQuery(db, viewer, "project", projectId), mentionableUsersQuery(db)]);
        return { projects, members, data: { kind: "notes" as const, notes, mentionables: mentionables.filter((u) => u.id !== viewer.userId) } };
      }
      case "history": {
        const [projects, members, history] = await batch(db, [...base, historyFor(db, "project", projectId)]);
        return { projects, members, data: { kind: "history" as const, history } };
      }
    }
  })();
  const project = result.projects[0];
  if (!project) return null;
  return { tab, project, members: result.members, data: result.data };
}

// ---------------------------------------------------------------------------------------------
// Changes from the project page

/** The viewer may change this project: projects:update and the project in scope (checked by the read). */
export async function updateProject(db: Db, viewer: Viewer, projectId: string, input: ProjectFields): Promise<ProjectResult> {
  const [projects, companies, items, people, policies, clash, rules, openTasks] = await batch(db, [
    db.query.selectFrom("projects as p").selectAll("p").where("p.id", "=", projectId).where(projectVisible(viewer, "p")),
    ...referenceQueries(db, input, projectId),
    db.query.selectFrom("sla_policy_rules").select(["policy_id", "priority_id", "response_hours", "resolution_hours"]).where("policy_id", "=", input.sla_policy_id ?? ""),
    // Open, assigned, prioritised tasks without an SLA get one when the project gains a policy.
    db.query
      .selectFrom("tasks as t")
      .select(["t.id", "t.priority_id", "t.created_at"])
      .where("t.project_id", "=", projectId)
      .where("t.is_phase", "=", 0)
      .where("t.assignee_id", "is not", null)
      .where("t.priority_id", "is not", null)
      .where(sql<SqlBool>`not ${isDoneStatus("t.status_id")}`)
      .where(sql<SqlBool>`not exists (select 1 from task_sla s where s.task_id = t.id)`)
      .limit(200),
  ]);
  const project = projects[0];
  if (!project) return { ok: false, status: 404 };
  const errors = checkReferences(input, [companies, items as ConfigItem[], people, policies, clash]);
  if (Object.keys(errors).length) return bad(errors);
  const after = projectValues(input);
  const changes = diffFields(project as unknown as Record<string, unknown>, after);
  if (Object.keys(changes).length === 0) return { ok: true, message: "Nothing changed" };
  const now = nowIso();
  const statements: unknown[] = [
    db.query.updateTable("projects").set({ ...after, updated_at: now }).where("id", "=", projectId),
    historyEntry(db, { actorId: viewer.userId, resourceType: "project", resourceId: projectId, action: "updated", changes }),
  ];
  // Owner / delivery manager join the members when they are not there yet.
  for (const [personId, role] of [[after.owner_id, "owner"], [after.delivery_manager_id, "delivery_manager"]] as const) {
    if (personId) {
      statements.push(
        db.query.insertInto("project_members").values({ id: newId(), project_id: projectId, person_id: personId, role, created_at: now }).onConflict((oc) => oc.doNothing()),
      );
    }
  }
  let applied = 0;
  if ("sla_policy_id" in changes && after.sla_policy_id && policies[0]) {
    const policy = policies[0] as PolicyCalendarRow;
    for (const task of openTasks) {
      const rule = (rules as RuleRow[]).find((r) => r.priority_id === task.priority_id);
      if (!rule) continue;
      statements.push(slaUpsert(db, { taskId: task.id, policy, rule, startedAt: task.created_at }).statement);
      applied++;
    }
    if (applied) {
      statements.push(historyEntry(db, { actorId: viewer.userId, resourceType: "project", resourceId: projectId, action: "sla_applied", details: { policy: policy.name, tasks: applied } }));
    }
  }
  await batch(db, statements as Parameters<typeof batch>[1]);
  return { ok: true, message: applied ? `Project saved; SLA deadlines set on ${applied} open task${applied === 1 ? "" : "s"}` : "Project saved" };
}

/** One project-page intent (members, goals, decisions, quick task, board move, sprints, roadmaps, reports, agents). */
export async function applyProjectIntent(context: AppLoadContext, viewer: Viewer, projectId: string, intent: ProjectIntent): Promise<ProjectResult | TaskResult> {
  const { db } = context;
  switch (intent.intent) {
    case "update": {
      if (!can(viewer, "projects", "update")) return { ok: false, status: 403 };
      const { intent: _i, ...fields } = intent;
      return updateProject(db, viewer, projectId, fields);
    }
    case "add_task": {
      if (!can(viewer, "tasks", "update")) return { ok: false, status: 403 };
      const { intent: _i, ...fields } = intent;
      const result = await createTask(context, viewer, {
        ...fields, description: null, resource_type: "project", resource_id: projectId, reporter_id: null, parent_task_id: null,
        roadmap_item_id: null, start_date: null, estimated_hours: null, internal_hours: null, is_private: false, requires_approval: false,
      });
      return result.ok ? { ok: true, message: "Task added" } : result;
    }
    case "move_task": {
      const task = await db.query.selectFrom("tasks").select("id").where("id", "=", intent.task_id).where("project_id", "=", projectId).executeTakeFirst();
      if (!task) return { ok: false, status: 404 };
      return applyTaskIntent(context, viewer, intent.task_id, { intent: "move", status_id: intent.status_id });
    }
    default:
      break;
  }
  const needs = intent.intent === "agent_config" ? (["agents", "update"] as const)
    : intent.intent === "add_sprint" ? (["sprints", "update"] as const)
    : intent.intent === "add_roadmap" ? (["roadmaps", "update"] as const)
    : (["projects", "update"] as const);
  if (!can(viewer, needs[0], needs[1])) return { ok: false, status: 403 };
  const project = await db.query.selectFrom("projects as p").select(["p.id", "p.name"]).where("p.id", "=", projectId).where(projectVisible(viewer, "p")).executeTakeFirst();
  if (!project) return { ok: false, status: 404 };
  const now = nowIso();
  const history = (action: string, details: Record<string, unknown> = {}, changes?: ReturnType<typeof diffFields>) =>
    historyEntry(db, { actorId: viewer.userId, resourceType: "project", resourceId: projectId, action, details, changes });

  switch (intent.intent) {
    case "add_member": {
      const [people, existing] = await batch(db, [
        db.query.selectFrom("people").select(["id", personName("people").as("name")]).where("id", "=", intent.person_id),
        db.query.selectFrom("project_members").select("id").where("project_id", "=", projectId).where("person_id", "=", intent.person_id),
      ]);
      if (!people[0]) return bad({ person_id: "Choose a person from the list" });
      if (existing[0]) return bad({ person_id: "Already a member" });
      await batch(db, [
        db.query.insertInto("project_members").values({ id: newId(), project_id: projectId, person_id: intent.person_id, role: intent.role, created_at: now }),
        history("member_added", { person: people[0].name, role: MEMBER_ROLE_LABELS[intent.role] }),
      ]);
      return { ok: true, message: "Member added" };
    }
    case "set_member_role":
    case "remove_member": {
      const member = await db.query
        .selectFrom("project_members as m")
        .innerJoin("people as pe", "pe.id", "m.person_id")
        .select(["m.id", "m.role", "m.person_id", personName("pe").as("name")])
        .where("m.id", "=", intent.member_id)
        .where("m.project_id", "=", projectId)
        .executeTakeFirst();
      if (!member) return { ok: false, status: 404 };
      if (intent.intent === "set_member_role") {
        if (member.role === intent.role) return { ok: true };
        await batch(db, [
          db.query.updateTable("project_members").set({ role: intent.role }).where("id", "=", member.id),
          history("member_role_changed", { person: member.name }, { role: { from: member.role, to: intent.role } }),
        ]);
        return { ok: true, message: "Role changed" };
      }
      const owners = await db.query.selectFrom("project_members").select("id").where("project_id", "=", projectId).where("role", "=", "owner").execute();
      if (member.role === "owner" && owners.length <= 1) return bad({ form: "A project keeps at least one owner; make someone else owner first" });
      await batch(db, [db.query.deleteFrom("project_members").where("id", "=", member.id), history("member_removed", { person: member.name })]);
      return { ok: true, message: "Member removed" };
    }
    case "add_goal": {
      const { intent: _i, ...fields } = intent;
      const id = newId();
      await batch(db, [
        db.query.insertInto("project_goals").values({
          id, project_id: projectId, ...fields, created_by: viewer.userId, created_at: now, updated_at: now,
          position: sql<number>`(select coalesce(max(position), 0) + 1 from project_goals where project_id = ${projectId})`,
        }),
        history("goal_added", { goal: fields.title }),
      ]);
      return { ok: true, message: "Goal added" };
    }
    case "update_goal":
    case "delete_goal": {
      const goal = await db.query.selectFrom("project_goals").selectAll().where("id", "=", intent.goal_id).where("project_id", "=", projectId).executeTakeFirst();
      if (!goal) return { ok: false, status: 404 };
      if (intent.intent === "delete_goal") {
        await batch(db, [db.query.deleteFrom("project_goals").where("id", "=", goal.id), history("goal_deleted", { goal: goal.title })]);
        return { ok: true, message: "Goal deleted" };
      }
      const { intent: _i, goal_id: _g, ...fields } = intent;
      const changes = diffFields(goal, fields);
      if (!Object.keys(changes).length) return { ok: true };
      await batch(db, [
        db.query.updateTable("project_goals").set({ ...fields, updated_at: now }).where("id", "=", goal.id),
        history("goal_updated", { goal: fields.title }, changes),
      ]);
      return { ok: true, message: "Goal saved" };
    }
    case "add_decision": {
      const { intent: _i, ...fields } = intent;
      await batch(db, [
        db.query.insertInto("project_decisions").values({
          id: newId(), project_id: projectId, ...fields, decided_by: viewer.personId, created_by: viewer.userId, created_at: now, updated_at: now,
        }),
        history("decision_recorded", { decision: fields.title }),
      ]);
      return { ok: true, message: "Decision recorded" };
    }
    case "delete_decision": {
      const decision = await db.query.selectFrom("project_decisions").select(["id", "title"]).where("id", "=", intent.decision_id).where("project_id", "=", projectId).executeTakeFirst();
      if (!decision) return { ok: false, status: 404 };
      await batch(db, [db.query.deleteFrom("project_decisions").where("id", "=", decision.id), history("decision_deleted", { decision: decision.title })]);
      return { ok: true, message: "Decision deleted" };
    }
    case "add_sprint": {
      const id = newId();
      await batch(db, [
        db.query.insertInto("sprints").values({
          id, project_id: projectId, name: intent.name, goal: intent.goal, start_date: intent.start_date, end_date: intent.end_date,
          created_by: viewer.userId, created_at: now, updated_at: now,
          position: sql<number>`(select coalesce(max(position), 0) + 1 from sprints where project_id = ${projectId})`,
        }),
        historyEntry(db, { actorId: viewer.userId, resourceType: "sprint", resourceId: id, action: "created", details: { name: intent.name, project: project.name } }),
      ]);
      return { ok: true, message: "Sprint created", redirectTo: `/sprints/${id}` };
    }
    case "add_roadmap": {
      const id = newId();
      await batch(db, [
        db.query.insertInto("roadmaps").values({
          id, project_id: projectId, name: intent.name, description: intent.description, start_date: intent.start_date, end_date: intent.end_date,
          created_by: viewer.userId, created_at: now, updated_at: now,
        }),
        historyEntry(db, { actorId: viewer.userId, resourceType: "roadmap", resourceId: id, action: "created", details: { name: intent.name, project: project.name } }),
      ]);
      return { ok: true, message: "Roadmap created", redirectTo: `/roadmaps/${id}` };
    }
    case "report_settings": {
      const values = {
        frequency: intent.frequency, recipients: JSON.stringify(intent.recipients.map((r) => r.toLowerCase())),
        sections: JSON.stringify(intent.sections), is_active: intent.is_active ? 1 : 0, updated_by: viewer.userId, updated_at: now,
      };
      await batch(db, [
        db.query
          .insertInto("project_report_settings")
          .values({ id: newId(), project_id: projectId, ...values })
          .onConflict((oc) => oc.column("project_id").doUpdateSet(values)),
        history("report_settings_saved", { frequency: intent.frequency, recipients: intent.recipients.length }),
      ]);
      return { ok: true, message: "Report settings saved" };
    }
    case "create_report":
    case "generate_summary":
    case "agent_config": {
      return applyReportIntent(context, viewer, project, intent);
    }
  }
}
