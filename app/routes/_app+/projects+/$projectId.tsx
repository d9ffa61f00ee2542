import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { respond } from "~/modules/delivery/http.server";
import { applyProjectIntent, loadProjectPage } from "~/modules/delivery/projects.server";
import {
  AGENT_FEATURES, AGENT_FEATURE_LABELS, DECISION_STATUSES, DECISION_STATUS_LABELS, GOAL_STATUSES, GOAL_STATUS_LABELS,
  MEMBER_ROLES, MEMBER_ROLE_LABELS, PROJECT_STATUS_LABELS, PROJECT_TABS, REPORT_FREQUENCIES, REPORT_SECTIONS,
  SPRINT_STATUS_LABELS, parseTab, projectIntentSchema, type ProjectStatus,
} from "~/modules/delivery/schemas";
import { assertCan, can, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { Badge, BreachBadge, ErrorList, Notice, Table, TabNav, td, th, useErrors } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, EmptyState, Field, PageHeader, SelectField, TextAreaField } from "~/ui/form";
import { MeetingList } from "~/modules/meetings/MeetingList";
import { HistoryList } from "~/ui/history-list";
import { TaskBoard } from "~/ui/kanban";
import { NotesPanel } from "~/ui/notes-panel";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.project.name ?? "Project"} · Nucleus` }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "projects", "view");
  const url = new URL(args.request.url);
  const asked = parseTab(PROJECT_TABS, url.searchParams.get("tab"));
  if (asked === "agents") assertCan(viewer, "agents", "view");
  const canMeetings = can(viewer, "meetings", "view");
  const tab = asked === "meetings" && !canMeetings ? "overview" : asked;
  const page = await loadProjectPage(args.context.db, viewer, args.params.projectId ?? "", tab, { sprint: url.searchParams.get("sprint") || null });
  if (!page) notFound();
  const perms = {
    projects: can(viewer, "projects", "update"), tasks: can(viewer, "tasks", "update"), sprints: can(viewer, "sprints", "update"),
    roadmaps: can(viewer, "roadmaps", "update"), agents: can(viewer, "agents", "view"), agentsUpdate: can(viewer, "agents", "update"),
    meetings: canMeetings, meetingsUpdate: can(viewer, "meetings", "update"),
  };
  return { ...page, perms };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "projects", "view");
  const form = await parseForm(args.request, projectIntentSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  return respond(args.request, await applyProjectIntent(args.context, viewer, args.params.projectId ?? "", form.data));
}

const TAB_LABELS: Record<(typeof PROJECT_TABS)[number], string> = {
  overview: "Overview", tasks: "Tasks", board: "Board", sprints: "Sprints", roadmap: "Roadmap", members: "Members", goals: "Goals",
  decisions: "Decisions", reports: "Reports", meetings: "Meetings", agents: "Agents", notes: "Notes", history: "History",
};

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ProjectPage() {
  const page = useLoaderData<typeof loader>();
  const { project, tab, perms } = page;
  const errors = useErrors();
  const tabs = PROJECT_TABS.filter((t) => (t !== "agents" || perms.agents) && (t !== "meetings" || perms.meetings)).map((key) => ({ key, label: TAB_LABELS[key] }));
  return (
    <>
      <PageHeader
        title={project.name}
        description={[project.company_name, PROJECT_STATUS_LABELS[project.status as ProjectStatus], project.type_label].filter(Boolean).join(" · ")}
        actions={
          <>
            <Link to={`/tasks?project=${project.id}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">All tasks</Link>
            {perms.projects ? <Link to={`/projects/${project.id}/edit`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Edit project</Link> : null}
          </>
        }
      />
      <TabNav tabs={tabs} active={tab} label="Project sections" />
      <Notice />
      <ErrorList errors={errors} />
      {page.tab === "overview" ? <Overview page={page} /> : null}
      {page.tab === "tasks" ? <TasksTab page={page} /> : null}
      {page.tab === "board" ? <BoardTab page={page} /> : null}
      {page.tab === "sprints" ? <SprintsTab page={page} /> : null}
      {page.tab === "roadmap" ? <RoadmapTab page={page} /> : null}
      {page.tab === "members" ? <MembersTab page={page} /> : null}
      {page.tab === "goals" ? <GoalsTab page={page} /> : null}
      {page.tab === "decisions" ? <DecisionsTab page={page} /> : null}
      {page.tab === "reports" ? <ReportsTab page={page} /> : null}
      {page.data.kind === "meetings" ? (
        <MeetingList meetings={page.data.meetings.slice(0, 50)} canUpdate={perms.meetingsUpdate} returnTo={`/projects/${project.id}?tab=meetings`}
          emptyText="No synced meeting is linked to this project yet. Meetings whose title names the project are linked when they sync; others can be linked from their meeting page." />
      ) : null}
      {page.tab === "agents" ? <AgentsTab page={page} /> : null}
      {page.tab === "notes" ? <NotesTab page={page} /> : null}
      {page.data.kind === "history" ? <HistoryList entries={page.data.history} /> : null}
    </>
  );
}

function Overview({ page }: { page: Data }) {
  if (page.data.kind !== "overview") return null;
  const { project, members } = page;
  const { goals, statusCounts, decisions, summary, sla } = page.data;
  const total = statusCounts.reduce((n, s) => n + Number(s.n), 0);
  const done = statusCounts.filter((s) => s.stage_type === "done").reduce((n, s) => n + Number(s.n), 0);
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Card title="Details" className="lg:col-span-2">
        {project.description ? <p className="mb-3 whitespace-pre-line text-sm text-slate-700">{project.description}</p> : null}
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-3">
          <div><dt className="text-slate-500">Owner</dt><dd>{project.owner_name ?? "—"}</dd></div>
          <div><dt className="text-slate-500">Delivery manager</dt><dd>{project.delivery_manager_name ?? "—"}</dd></div>
          <div><dt className="text-slate-500">Squad</dt><dd>{project.squad ?? "—"}</dd></div>
          <div><dt className="text-slate-500">Dates</dt><dd className="tabular-nums">{project.start_date ?? "?"} → {project.end_date ?? "?"}</dd></div>
          <div><dt className="text-slate-500">SLA policy</dt><dd data-testid="project-sla">{project.sla_policy_name ?? "None"}</dd></div>
          <div><dt className="text-slate-500">Setup template</dt><dd>{project.setup_template_name ?? "—"}</dd></div>
          <div className="col-span-2 sm:col-span-3"><dt className="text-slate-500">Inbound email</dt><dd>{project.auto_ticket_enabled ? `On — ${project.inbound_address ?? ""}${project.match_sender_domain && project.company_domain ? ` and senders @${project.company_domain}` : ""}` : "Off"}</dd></div>
        </dl>
      </Card>
      <Card title="Progress">
        <p className="text-2xl font-semibold tabular-nums">{total ? Math.round((done / total) * 100) : 0}%</p>
        <p className="text-sm text-slate-600">{done} of {total} tasks done</p>
        <ul className="mt-2 space-y-1 text-sm">
          {statusCounts.map((s) => <li key={s.label ?? "none"} className="flex justify-between"><Badge label={s.label ?? "No status"} color={s.color} /><span className="tabular-nums">{s.n}</span></li>)}
        </ul>
        <p className="mt-3 text-sm">Open SLAs: {sla.open}{Number(sla.breached) ? <span className="ml-2 font-semibold text-red-700">{sla.breached} breached</span> : null}</p>
      </Card>
      <Card title="Goals" className="lg:col-span-2">
        {goals.length === 0 ? <p className="text-sm text-slate-500">No goals yet. Add them on the Goals tab.</p> : (
          <ul className="space-y-1 text-sm">{goals.map((g) => <li key={g.id} className="flex justify-between gap-2"><span>{g.title}</span><span className="text-slate-600">{GOAL_STATUS_LABELS[g.status as keyof typeof GOAL_STATUS_LABELS]}</span></li>)}</ul>
        )}
      </Card>
      <Card title="Team">
        <ul className="space-y-1 text-sm">{members.map((m) => <li key={m.id}>{m.name} <span className="text-slate-500">· {MEMBER_ROLE_LABELS[m.role as keyof typeof MEMBER_ROLE_LABELS]}</span></li>)}</ul>
      </Card>
      <Card title="Latest decisions" className="lg:col-span-2">
        {decisions.length === 0 ? <p className="text-sm text-slate-500">No decisions recorded.</p> : (
          <ul className="space-y-2 text-sm">{decisions.map((d) => <li key={d.id}><p className="font-medium">{d.title}</p>{d.outcome ? <p className="text-slate-600">{d.outcome}</p> : null}</li>)}</ul>
        )}
      </Card>
      <Card title="Summary">
        {summary ? <><p className="whitespace-pre-line text-sm">{summary.summary}</p><p className="mt-1 text-xs text-slate-500">{summary.source === "ai" ? "AI summary" : "Rule-based summary"} · {summary.created_at.slice(0, 10)}</p></> : <p className="text-sm text-slate-500">No summary yet (Reports tab).</p>}
      </Card>
    </div>
  );
}

function QuickTask({ page, lists, sprints }: { page: Data; lists: { task_status: Opt[]; task_priority: Opt[]; task_type: Opt[] }; sprints: { id: string; name: string }[] }) {
  const errors = useErrors();
  return (
    <Form method="post" className="mb-4 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3" aria-label="Add a task">
      <Field label="New task" name="title" required className="min-w-64 flex-1" error={errors.title} />
      <SelectField label="Status" name="status_id" options={lists.task_status.map((s) => ({ value: s.id, label: s.label }))} />
      <SelectField label="Priority" name="priority_id" defaultValue={lists.task_priority.find((p) => p.is_default)?.id} options={lists.task_priority.map((s) => ({ value: s.id, label: s.label }))} />
      <SelectField label="Type" name="type_id" defaultValue={lists.task_type.find((p) => p.is_default)?.id} options={lists.task_type.filter((t) => t.value !== "phase").map((s) => ({ value: s.id, label: s.label }))} />
      <SelectField label="Assignee" name="assignee_id" options={[{ value: "", label: "Unassigned" }, ...page.members.map((m) => ({ value: m.person_id, label: m.name ?? m.person_id }))]} />
      <Field label="Due" name="due_date" type="date" error={errors.due_date} />
      {sprints.length ? <SelectField label="Sprint" name="sprint_id" options={[{ value: "", label: "Backlog" }, ...sprints.map((s) => ({ value: s.id, label: s.name }))]} /> : null}
      <Button type="submit" name="intent" value="add_task">Add task</Button>
    </Form>
  );
}
type Opt = { id: string; label: string; value: string; is_default: number };

function TasksTab({ page }: { page: Data }) {
  if (page.data.kind !== "tasks") return null;
  const { tasks, lists, sprints, today } = page.data;
  return (
    <>
      {page.perms.tasks ? <QuickTask page={page} lists={lists} sprints={sprints} /> : null}
      {tasks.length === 0 ? <EmptyState title="No tasks yet">Add the first task above, or create the project from a setup template.</EmptyState> : (
        <Table label="Project tasks">
          <thead className="bg-slate-50 text-slate-600">
            <tr><th className={th}>Task</th><th className={th}>Status</th><th className={th}>Priority</th><th className={th}>Assignee</th><th className={th}>Sprint</th><th className={th}>Due</th><th className={`${th} text-right`}>Estimate</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100" data-testid="project-tasks">
            {tasks.map((t) => (
              <tr key={t.id} className={t.is_phase ? "bg-slate-50" : undefined} data-testid={t.is_phase ? "phase-row" : "task-row"}>
                <td className={td}>
                  {t.is_phase ? <span className="text-xs font-semibold uppercase tracking-wide text-teal-700">Phase · </span> : t.parent_task_id ? <span aria-hidden="true" className="mr-1 text-slate-300">└</span> : null}
                  <Link to={`/tasks/${t.id}`} className={t.is_phase ? "font-semibold text-slate-900 hover:underline" : "text-brand-700 hover:underline"}>{t.title}</Link>
                  {" "}<BreachBadge response={t.response_breached} resolution={t.resolution_breached} />
                </td>
                <td className={td}><Badge label={t.status_label} color={t.status_color} /></td>
                <td className={td}><Badge label={t.priority_label} color={t.priority_color} /></td>
                <td className={td}>{t.assignee_name ?? "—"}</td>
                <td className={td}>{t.sprint_name ?? "—"}</td>
                <td className={`${td} tabular-nums ${t.due_date && t.due_date < today && t.stage_type !== "done" ? "font-medium text-red-700" : ""}`}>{t.due_date ?? "—"}</td>
                <td className={`${td} text-right tabular-nums`}>{t.estimated_hours ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}

function BoardTab({ page }: { page: Data }) {
  const location = useLocation();
  if (page.data.kind !== "board") return null;
  const { cards, counts, statuses, sprints, sprint, today } = page.data;
  const countMap: Record<string, number> = {};
  for (const c of counts) countMap[c.status_id ?? statuses[0]?.id ?? ""] = (countMap[c.status_id ?? statuses[0]?.id ?? ""] ?? 0) + Number(c.n);
  return (
    <>
      <Form method="get" className="mb-3 flex items-end gap-2" aria-label="Board filter">
        <input type="hidden" name="tab" value="board" />
        <SelectField label="Sprint" name="sprint" defaultValue={sprint ?? ""} options={[{ value: "", label: "All tasks" }, ...sprints.map((s) => ({ value: s.id, label: `${s.name} (${SPRINT_STATUS_LABELS[s.status as keyof typeof SPRINT_STATUS_LABELS]})` }))]} />
        <Button type="submit" variant="secondary">Show</Button>
      </Form>
      <p className="mb-2 text-xs text-slate-500">{page.perms.tasks ? "Drag cards between columns, or choose a status on a card and press Move." : "You can view this board; moving tasks needs the Tasks update permission."}</p>
      <TaskBoard columns={statuses.map((s) => ({ id: s.id, label: s.label, color: s.color }))} cards={cards} counts={countMap} canMove={page.perms.tasks} action={location.pathname + location.search} today={today} />
    </>
  );
}

function SprintsTab({ page }: { page: Data }) {
  const errors = useErrors();
  if (page.data.kind !== "sprints") return null;
  const { sprints } = page.data;
  return (
    <>
      {sprints.length === 0 ? <EmptyState title="No sprints yet">Plan the first sprint below.</EmptyState> : (
        <Table label="Sprints">
          <thead className="bg-slate-50 text-slate-600"><tr><th className={th}>Sprint</th><th className={th}>Status</th><th className={th}>Dates</th><th className={th}>Goal</th><th className={`${th} text-right`}>Done</th></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {sprints.map((s) => (
              <tr key={s.id}>
                <td className={td}><Link to={`/sprints/${s.id}`} className="font-medium text-brand-700 hover:underline">{s.name}</Link></td>
                <td className={td}>{SPRINT_STATUS_LABELS[s.status as keyof typeof SPRINT_STATUS_LABELS]}</td>
                <td className={`${td} tabular-nums`}>{s.start_date ?? "?"} → {s.end_date ?? "?"}</td>
                <td className={td}>{s.goal ?? "—"}</td>
                <td className={`${td} text-right tabular-nums`}>{s.done_count} / {s.task_count}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {page.perms.sprints ? (
        <Form method="post" className="mt-4 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3" aria-label="New sprint">
          <Field label="Sprint name" name="name" required error={errors.name} />
          <Field label="Goal" name="goal" className="min-w-64 flex-1" />
          <Field label="Start" name="start_date" type="date" error={errors.start_date} />
          <Field label="End" name="end_date" type="date" error={errors.end_date} />
          <Button type="submit" name="intent" value="add_sprint">Plan sprint</Button>
        </Form>
      ) : null}
    </>
  );
}

function RoadmapTab({ page }: { page: Data }) {
  const errors = useErrors();
  if (page.data.kind !== "roadmap") return null;
  const { roadmaps } = page.data;
  return (
    <>
      {roadmaps.length === 0 ? <EmptyState title="No roadmap yet">Create one below and link its items to the project's goals.</EmptyState> : (
        <ul className="space-y-2">
          {roadmaps.map((r) => (
            <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-3">
              <Link to={`/roadmaps/${r.id}`} className="font-medium text-brand-700 hover:underline">{r.name}</Link>
              <p className="text-sm text-slate-600">{r.start_date ?? "?"} → {r.end_date ?? "?"} · {r.item_count} items</p>
            </li>
          ))}
        </ul>
      )}
      {page.perms.roadmaps ? (
        <Form method="post" className="mt-4 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3" aria-label="New roadmap">
          <Field label="Roadmap name" name="name" required error={errors.name} />
          <Field label="Description" name="description" className="min-w-64 flex-1" />
          <Field label="Start" name="start_date" type="date" />
          <Field label="End" name="end_date" type="date" error={errors.end_date} />
          <Button type="submit" name="intent" value="add_roadmap">Create roadmap</Button>
        </Form>
      ) : null}
    </>
  );
}

function MembersTab({ page }: { page: Data }) {
  if (page.data.kind !== "members") return null;
  const { people } = page.data;
  const roleOptions = MEMBER_ROLES.map((r) => ({ value: r, label: MEMBER_ROLE_LABELS[r] }));
  return (
    <>
      <Table label="Members">
        <thead className="bg-slate-50 text-slate-600"><tr><th className={th}>Person</th><th className={th}>Title</th><th className={th}>Role</th><th className={th}><span className="sr-only">Actions</span></th></tr></thead>
        <tbody className="divide-y divide-slate-100" data-testid="members">
          {page.members.map((m) => (
            <tr key={m.id}>
              <td className={td}><Link to={`/people/${m.person_id}`} className="hover:underline">{m.name}</Link></td>
              <td className={td}>{m.title ?? "—"}</td>
              <td className={td}>
                {page.perms.projects ? (
                  <Form method="post" className="flex items-center gap-1">
                    <input type="hidden" name="member_id" value={m.id} />
                    <label className="sr-only" htmlFor={`role-${m.id}`}>Role of {m.name}</label>
                    <select id={`role-${m.id}`} name="role" defaultValue={m.role} className="rounded border border-slate-300 px-1 py-0.5 text-sm">{roleOptions.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}</select>
                    <Button type="submit" name="intent" value="set_member_role" variant="ghost">Save</Button>
                  </Form>
                ) : MEMBER_ROLE_LABELS[m.role as keyof typeof MEMBER_ROLE_LABELS]}
              </td>
              <td className={`${td} text-right`}>
                {page.perms.projects ? (
                  <Form method="post"><input type="hidden" name="member_id" value={m.id} /><Button type="submit" name="intent" value="remove_member" variant="ghost">Remove</Button></Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {page.perms.projects ? (
        <Form method="post" className="mt-4 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3" aria-label="Add a member">
          <SelectField label="Person" name="person_id" options={[{ value: "", label: "Choose…" }, ...people.map((p) => ({ value: p.id, label: p.name ?? p.id }))]} />
          <SelectField label="Role" name="role" defaultValue="member" options={roleOptions} />
          <Button type="submit" name="intent" value="add_member">Add member</Button>
        </Form>
      ) : null}
    </>
  );
}

function GoalsTab({ page }: { page: Data }) {
  const errors = useErrors();
  if (page.data.kind !== "goals") return null;
  const { goals } = page.data;
  const statusOptions = GOAL_STATUSES.map((s) => ({ value: s, label: GOAL_STATUS_LABELS[s] }));
  return (
    <>
      {goals.length === 0 ? <EmptyState title="No goals yet">Goals give the roadmap its direction; add the first one below.</EmptyState> : (
        <ul className="space-y-2">
          {goals.map((g) => (
            <li key={g.id} className="rounded-lg border border-slate-200 bg-white p-3">
              {page.perms.projects ? (
                <Form method="post" className="flex flex-wrap items-end gap-2" aria-label={`Goal ${g.title}`}>
                  <input type="hidden" name="goal_id" value={g.id} />
                  <Field label="Goal" name="title" defaultValue={g.title} required className="min-w-64 flex-1" id={`goal-title-${g.id}`} />
                  <SelectField label="Status" name="status" defaultValue={g.status} options={statusOptions} id={`goal-status-${g.id}`} />
                  <Field label="Target" name="target_date" type="date" defaultValue={g.target_date ?? ""} id={`goal-target-${g.id}`} />
                  <input type="hidden" name="description" value={g.description ?? ""} />
                  <Button type="submit" name="intent" value="update_goal" variant="secondary">Save</Button>
                  <Button type="submit" name="intent" value="delete_goal" variant="ghost">Delete</Button>
                </Form>
              ) : (
                <p><span className="font-medium">{g.title}</span> · {GOAL_STATUS_LABELS[g.status as keyof typeof GOAL_STATUS_LABELS]}{g.target_date ? ` · by ${g.target_date}` : ""}</p>
              )}
            </li>
          ))}
        </ul>
      )}
      {page.perms.projects ? (
        <Form method="post" className="mt-4 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3" aria-label="New goal">
          <Field label="New goal" name="title" required className="min-w-64 flex-1" error={errors.title} />
          <SelectField label="Status" name="status" options={statusOptions} />
          <Field label="Target" name="target_date" type="date" error={errors.target_date} />
          <Button type="submit" name="intent" value="add_goal">Add goal</Button>
        </Form>
      ) : null}
    </>
  );
}

function DecisionsTab({ page }: { page: Data }) {
  const errors = useErrors();
  if (page.data.kind !== "decisions") return null;
  const { decisions } = page.data;
  return (
    <>
      {decisions.length === 0 ? <EmptyState title="No decisions recorded">Record what was decided, why, and what it means.</EmptyState> : (
        <ul className="space-y-2">
          {decisions.map((d) => (
            <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
              <div className="flex items-start justify-between gap-2">
                <p className="font-medium">{d.title} <span className="font-normal text-slate-500">· {DECISION_STATUS_LABELS[d.status as keyof typeof DECISION_STATUS_LABELS]}{d.decided_on ? ` · ${d.decided_on}` : ""}{d.decided_by_name ? ` · ${d.decided_by_name}` : ""}</span></p>
                {page.perms.projects ? <Form method="post"><input type="hidden" name="decision_id" value={d.id} /><Button type="submit" name="intent" value="delete_decision" variant="ghost">Delete</Button></Form> : null}
              </div>
              {d.context ? <p className="mt-1 text-slate-600"><span className="font-medium">Context:</span> {d.context}</p> : null}
              {d.outcome ? <p className="mt-1"><span className="font-medium">Outcome:</span> {d.outcome}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {page.perms.projects ? (
        <Form method="post" className="mt-4 grid gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-2" aria-label="Record a decision">
          <Field label="Decision" name="title" required error={errors.title} />
          <div className="flex gap-2">
            <SelectField label="Status" name="status" defaultValue="decided" options={DECISION_STATUSES.map((s) => ({ value: s, label: DECISION_STATUS_LABELS[s] }))} />
            <Field label="Decided on" name="decided_on" type="date" error={errors.decided_on} />
          </div>
          <TextAreaField label="Context" name="context" rows={2} />
          <TextAreaField label="Outcome" name="outcome" rows={2} />
          <div><Button type="submit" name="intent" value="add_decision">Record decision</Button></div>
        </Form>
      ) : null}
    </>
  );
}

function ReportsTab({ page }: { page: Data }) {
  if (page.data.kind !== "reports") return null;
  const { settings, reports, summaries } = page.data;
  const sections: string[] = settings ? (JSON.parse(settings.sections) as string[]) : ["summary", "progress", "risks", "sla"];
  const recipients: string[] = settings ? (JSON.parse(settings.recipients) as string[]) : [];
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title="AI summary">
        {summaries.length === 0 ? <p className="text-sm text-slate-500">No summary yet.</p> : (
          <ul className="space-y-3">
            {summaries.map((s) => (
              <li key={s.id} data-testid="project-summary">
                <p className="whitespace-pre-line text-sm">{s.summary}</p>
                <p className="mt-1 text-xs text-slate-500">{s.source === "ai" ? `AI draft${s.model ? ` (${s.model})` : ""} — review before sharing` : "Rule-based draft (no AI provider answered)"} · {s.created_at.slice(0, 16).replace("T", " ")} · {s.generated_by_name ?? ""}</p>
              </li>
            ))}
          </ul>
        )}
        {page.perms.projects ? <Form method="post" className="mt-3"><Button type="submit" name="intent" value="generate_summary" variant="secondary">Generate summary</Button></Form> : null}
      </Card>
      <Card title="Report settings">
        {page.perms.projects ? (
          <Form method="post" className="space-y-2" aria-label="Report settings">
            <SelectField label="Frequency" name="frequency" defaultValue={settings?.frequency ?? "weekly"} options={REPORT_FREQUENCIES.map((f) => ({ value: f, label: f[0]!.toUpperCase() + f.slice(1) }))} />
            <Field label="Recipients" name="recipients" defaultValue={recipients.join(", ")} hint="Email addresses, separated by commas" />
            <fieldset><legend className="text-sm font-medium text-slate-700">Sections</legend>
              <div className="flex flex-wrap gap-3">{REPORT_SECTIONS.map((s) => <label key={s} className="flex items-center gap-1 text-sm"><input type="checkbox" name="sections" value={s} defaultChecked={sections.includes(s)} /> {s}</label>)}</div>
            </fieldset>
            <label className="flex items-center gap-1 text-sm"><input type="checkbox" name="is_active" defaultChecked={settings ? settings.is_active === 1 : true} /> Reports are active</label>
            <Button type="submit" name="intent" value="report_settings" variant="secondary">Save settings</Button>
          </Form>
        ) : <p className="text-sm">{settings ? `${settings.frequency}, to ${recipients.join(", ") || "nobody"}` : "Not set up"}</p>}
      </Card>
      <Card title="Reports" className="lg:col-span-2">
        {page.perms.projects ? (
          <Form method="post" className="mb-3 flex flex-wrap items-end gap-2" aria-label="New report">
            <SelectField label="Health" name="health" options={[{ value: "green", label: "Green" }, { value: "amber", label: "Amber" }, { value: "red", label: "Red" }]} />
            <Field label="Narrative (blank: written from the numbers)" name="narrative" className="min-w-64 flex-1" />
            <Button type="submit" name="intent" value="create_report">Create report</Button>
          </Form>
        ) : null}
        {reports.length === 0 ? <p className="text-sm text-slate-500">No reports yet.</p> : (
          <ul className="divide-y divide-slate-100">
            {reports.map((r) => {
              const m = JSON.parse(r.metrics) as Record<string, number>;
              return (
                <li key={r.id} className="py-2 text-sm">
                  <p className="font-medium">{r.period_start} → {r.period_end} · <span className={r.health === "red" ? "text-red-700" : r.health === "amber" ? "text-amber-700" : "text-emerald-700"}>{r.health}</span> · {r.status}</p>
                  <p className="text-xs text-slate-500">{m.done ?? 0}/{m.total ?? 0} done · {m.overdue ?? 0} overdue · {m.breached_slas ?? 0} SLA breaches</p>
                  {r.narrative ? <p className="mt-1 whitespace-pre-line">{r.narrative}</p> : null}
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}

function AgentsTab({ page }: { page: Data }) {
  if (page.data.kind !== "agents") return null;
  const { config, runs } = page.data;
  const features: string[] = config ? (JSON.parse(config.features) as string[]) : [];
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title="Agent settings">
        {page.perms.agentsUpdate ? (
          <Form method="post" className="space-y-2" aria-label="Agent settings">
            <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="is_enabled" defaultChecked={config?.is_enabled === 1} /> Agents may run on this project's tasks</label>
            <fieldset><legend className="text-sm font-medium text-slate-700">Features</legend>
              {AGENT_FEATURES.map((f) => <label key={f} className="flex items-center gap-1 text-sm"><input type="checkbox" name="features" value={f} defaultChecked={features.includes(f)} /> {AGENT_FEATURE_LABELS[f]}</label>)}
            </fieldset>
            <div className="flex gap-2">
              <Field label="Confidence threshold (%)" name="confidence_threshold" type="number" min={0} max={100} defaultValue={config?.confidence_threshold ?? 70} />
              <Field label="Max runs per task" name="max_runs_per_task" type="number" min={1} max={1000} defaultValue={config?.max_runs_per_task ?? 10} />
            </div>
            <TextAreaField label="Instructions" name="instructions" rows={3} defaultValue={config?.instructions ?? ""} />
            <Button type="submit" name="intent" value="agent_config">Save agent settings</Button>
          </Form>
        ) : <p className="text-sm">{config?.is_enabled ? `Enabled: ${features.join(", ")}` : "Agents are off for this project."}</p>}
      </Card>
      <Card title="Recent runs">
        {runs.length === 0 ? <p className="text-sm text-slate-500">No runs yet. Start one from a task page.</p> : (
          <ul className="divide-y divide-slate-100 text-sm">{runs.map((r) => <li key={r.id} className="py-1.5"><Link to={`/tasks/${r.task_id}`} className="text-brand-700 hover:underline">{r.task_title}</Link> · {r.feature} · {r.status} · {r.source === "ai" ? "AI" : "rules"} · {r.duration_ms} ms</li>)}</ul>
        )}
      </Card>
    </div>
  );
}

function NotesTab({ page }: { page: Data }) {
  if (page.data.kind !== "notes") return null;
  return <NotesPanel resourceType="project" resourceId={page.project.id} notes={page.data.notes} mentionables={page.data.mentionables} redirectTo={`/projects/${page.project.id}?tab=notes`} />;
}

export const ErrorBoundary = RouteErrorBoundary;
