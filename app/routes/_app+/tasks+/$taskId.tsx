import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { respond } from "~/modules/delivery/http.server";
import { AGENT_FEATURES, AGENT_FEATURE_LABELS, TASK_RESOURCE_KINDS, TASK_TABS, parseTab, taskIntentSchema, type AgentFeature } from "~/modules/delivery/schemas";
import { applyTaskPageIntent } from "~/modules/delivery/task-page.server";
import { loadTaskPage } from "~/modules/delivery/tasks.server";
import { can, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { Badge, BreachBadge, ErrorList, formatLocal, hours, Notice, TabNav, useErrors } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, Field, PageHeader, SelectField, TextAreaField } from "~/ui/form";
import { HistoryList } from "~/ui/history-list";
import { NotesPanel } from "~/ui/notes-panel";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.task.title ?? "Task"} · Nucleus` }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "tasks", "view");
  const tab = parseTab(TASK_TABS, new URL(args.request.url).searchParams.get("tab"));
  const page = await loadTaskPage(args.context.db, viewer, args.params.taskId ?? "", tab);
  if (!page) notFound();
  const perms = { update: can(viewer, "tasks", "update"), manage: can(viewer, "tasks", "manage"), sla: can(viewer, "sla", "update"), agents: can(viewer, "agents", "update") };
  return { ...page, perms, me: viewer.userId };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "tasks", "view");
  const form = await parseForm(args.request, taskIntentSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  return respond(args.request, await applyTaskPageIntent(args.context, viewer, args.params.taskId ?? "", form.data));
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function TaskPage() {
  const page = useLoaderData<typeof loader>();
  const { task } = page;
  const errors = useErrors();
  return (
    <>
      <PageHeader
        title={task.title}
        description={[
          task.is_phase ? "Phase" : task.type_label,
          task.project_name ? `on ${task.project_name}` : task.resource_type === "internal" ? "Internal task" : `on a ${task.resource_type}`,
          task.is_private ? "Private" : null,
        ].filter(Boolean).join(" · ")}
        actions={task.project_id ? <Link to={`/projects/${task.project_id}?tab=board`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Project board</Link> : undefined}
      />
      <TabNav tabs={[{ key: "overview", label: "Overview" }, { key: "notes", label: "Notes" }, { key: "history", label: "History" }]} active={page.tab} label="Task sections" />
      <Notice />
      <ErrorList errors={errors} />
      {page.tab === "overview" && page.overview ? <Overview page={page} /> : null}
      {page.tab === "notes" ? <NotesPanel resourceType="task" resourceId={task.id} notes={page.notes} mentionables={page.mentionables} redirectTo={`/tasks/${task.id}?tab=notes`} /> : null}
      {page.tab === "history" ? <HistoryList entries={page.history} /> : null}
    </>
  );
}

function Overview({ page }: { page: Data }) {
  const { task, perms } = page;
  const o = page.overview!;
  const errors = useErrors();
  const opts = (items: { id: string; label: string }[], empty?: string) => [...(empty !== undefined ? [{ value: "", label: empty }] : []), ...items.map((i) => ({ value: i.id, label: i.label }))];
  const agentFeatures: string[] = (() => {
    try {
      return JSON.parse(task.agent_features ?? "[]") as string[];
    } catch {
      return [];
    }
  })();
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <div className="space-y-4 lg:col-span-2">
        <Card title="Details">
          <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
            <Badge label={task.status_label ?? "No status"} color={task.status_color} />
            <Badge label={task.priority_label ?? "No priority"} color={task.priority_color} />
            {task.parent_title ? <span>Subtask of <Link to={`/tasks/${task.parent_task_id}`} className="text-brand-700 underline">{task.parent_title}</Link></span> : null}
            {task.phase_title && task.phase_id !== task.parent_task_id ? <span>Phase: {task.phase_title}</span> : null}
            {task.source === "email" ? <span className="text-slate-500">From email</span> : null}
          </div>
          {perms.update ? (
            <Form method="post" className="space-y-3" aria-label="Edit task">
              <Field label="Title" name="title" defaultValue={task.title} required error={errors.title} />
              <TextAreaField label="Description" name="description" rows={4} defaultValue={task.description ?? ""} error={errors.description} />
              <div className="grid gap-3 sm:grid-cols-3">
                <SelectField label="Status" name="status_id" defaultValue={task.status_id ?? ""} options={opts(o.lists.task_status)} error={errors.status_id} />
                <SelectField label="Priority" name="priority_id" defaultValue={task.priority_id ?? ""} options={opts(o.lists.task_priority, "None")} error={errors.priority_id} />
                <SelectField label="Type" name="type_id" defaultValue={task.type_id ?? ""} options={opts(o.lists.task_type, "None")} error={errors.type_id} />
                <SelectField label="Assignee" name="assignee_id" defaultValue={task.assignee_id ?? ""} options={[{ value: "", label: "Unassigned" }, ...o.people.map((p) => ({ value: p.id, label: p.name ?? p.id }))]} error={errors.assignee_id} />
                <SelectField label="Reporter" name="reporter_id" defaultValue={task.reporter_id ?? ""} options={[{ value: "", label: "None" }, ...o.people.map((p) => ({ value: p.id, label: p.name ?? p.id }))]} error={errors.reporter_id} />
                <SelectField label="Sprint" name="sprint_id" defaultValue={task.sprint_id ?? ""} options={[{ value: "", label: "Backlog" }, ...(task.sprint_id && !o.sprints.some((s) => s.id === task.sprint_id) ? [{ value: task.sprint_id, label: task.sprint_name ?? "Closed sprint" }] : []), ...o.sprints.map((s) => ({ value: s.id, label: s.name }))]} error={errors.sprint_id} />
                <Field label="Start" name="start_date" type="date" defaultValue={task.start_date ?? ""} error={errors.start_date} />
                <Field label="Due" name="due_date" type="date" defaultValue={task.due_date ?? ""} error={errors.due_date} />
                <SelectField label="Roadmap item" name="roadmap_item_id" defaultValue={task.roadmap_item_id ?? ""} options={[{ value: "", label: "None" }, ...o.roadmapItems.map((r) => ({ value: r.id, label: `${r.roadmap_name}: ${r.title}` }))]} error={errors.roadmap_item_id} />
                <Field label="Estimate (h)" name="estimated_hours" type="number" step="0.25" min={0} defaultValue={task.estimated_hours ?? ""} error={errors.estimated_hours} />
                <Field label="Internal hours" name="internal_hours" type="number" step="0.25" min={0} defaultValue={task.internal_hours ?? ""} error={errors.internal_hours} />
              </div>
              <input type="hidden" name="parent_task_id" value={task.parent_task_id ?? ""} />
              <div className="flex flex-wrap gap-4 text-sm">
                <label className="flex items-center gap-1"><input type="checkbox" name="is_private" defaultChecked={task.is_private === 1} /> Private</label>
                <label className="flex items-center gap-1"><input type="checkbox" name="requires_approval" defaultChecked={task.requires_approval === 1} /> Needs approval</label>
              </div>
              <div className="flex gap-2">
                <Button type="submit" name="intent" value="update">Save task</Button>
              </div>
            </Form>
          ) : (
            <>
              {task.description ? <p className="whitespace-pre-line text-sm">{task.description}</p> : null}
              <dl className="mt-2 grid grid-cols-2 gap-2 text-sm">
                <div><dt className="text-slate-500">Assignee</dt><dd>{task.assignee_name ?? "—"}</dd></div>
                <div><dt className="text-slate-500">Due</dt><dd>{task.due_date ?? "—"}</dd></div>
              </dl>
            </>
          )}
          {perms.update && (task.created_by === page.me || perms.manage) ? (
            <Form method="post" className="mt-3 border-t border-slate-100 pt-3" onSubmit={(e) => { if (!window.confirm("Delete this task and its subtasks?")) e.preventDefault(); }}>
              <Button type="submit" name="intent" value="delete" variant="danger">Delete task</Button>
            </Form>
          ) : null}
        </Card>

        <Card title={`Subtasks (${o.subtasks.length})`}>
          {o.subtasks.length ? (
            <ul className="mb-2 divide-y divide-slate-100 text-sm" data-testid="subtasks">
              {o.subtasks.map((s) => <li key={s.id} className="flex justify-between py-1"><Link to={`/tasks/${s.id}`} className="text-brand-700 hover:underline">{s.title}</Link><span className="flex gap-2"><Badge label={s.status_label} color={s.status_color} /><span className="text-slate-500">{s.assignee_name ?? ""}</span></span></li>)}
            </ul>
          ) : <p className="mb-2 text-sm text-slate-500">No subtasks.</p>}
          {perms.update ? (
            <Form method="post" className="flex items-end gap-2" aria-label="Add a subtask">
              <Field label="New subtask" name="title" required className="flex-1" id="subtask-title" />
              <Button type="submit" name="intent" value="add_subtask" variant="secondary">Add</Button>
            </Form>
          ) : null}
        </Card>

        <Card title={`To-dos (${o.todos.filter((t) => t.is_done).length}/${o.todos.length})`}>
          <ol className="mb-2 space-y-1 text-sm" data-testid="todos">
            {o.todos.map((t, i) => (
              <li key={t.id} className="flex items-center gap-2">
                {perms.update ? (
                  <>
                    <Form method="post" className="flex flex-1 items-center gap-2">
                      <input type="hidden" name="todo_id" value={t.id} />
                      <button type="submit" name="intent" value="toggle_todo" aria-pressed={t.is_done === 1} aria-label={`${t.is_done ? "Reopen" : "Complete"} ${t.title}`} className="h-4 w-4 rounded border border-slate-400 text-[10px] leading-none">{t.is_done ? "✓" : ""}</button>
                      <span className={t.is_done ? "text-slate-400 line-through" : undefined}>{t.title}</span>
                    </Form>
                    {(["up", "down"] as const).map((direction) => (
                      <Form method="post" key={direction}>
                        <input type="hidden" name="todo_id" value={t.id} />
                        <input type="hidden" name="direction" value={direction} />
                        <button type="submit" name="intent" value="move_todo" disabled={direction === "up" ? i === 0 : i === o.todos.length - 1} className="px-1 text-slate-500 disabled:opacity-30" aria-label={`Move ${t.title} ${direction}`}>{direction === "up" ? "↑" : "↓"}</button>
                      </Form>
                    ))}
                    <Form method="post">
                      <input type="hidden" name="todo_id" value={t.id} />
                      <button type="submit" name="intent" value="delete_todo" className="px-1 text-slate-500" aria-label={`Delete ${t.title}`}>✕</button>
                    </Form>
                  </>
                ) : <span className={t.is_done ? "text-slate-400 line-through" : undefined}>{t.is_done ? "✓ " : "☐ "}{t.title}</span>}
              </li>
            ))}
          </ol>
          {perms.update ? (
            <Form method="post" className="flex items-end gap-2" aria-label="Add a to-do">
              <Field label="New to-do" name="title" required className="flex-1" id="todo-title" />
              <Button type="submit" name="intent" value="add_todo" variant="secondary">Add</Button>
            </Form>
          ) : null}
        </Card>

        <Card title="Resources">
          {o.resources.length ? (
            <ul className="mb-2 divide-y divide-slate-100 text-sm">
              {o.resources.map((r) => (
                <li key={r.id} className="flex items-center justify-between py-1">
                  <span>{r.kind}: {r.url ? <a href={r.url} className="text-brand-700 underline" rel="noreferrer noopener" target="_blank">{r.label}</a> : r.label}{r.quantity !== null ? ` · ${r.quantity}${r.unit ? ` ${r.unit}` : ""}` : ""}</span>
                  {perms.update ? <Form method="post"><input type="hidden" name="resource_id" value={r.id} /><Button type="submit" name="intent" value="remove_resource" variant="ghost">Remove</Button></Form> : null}
                </li>
              ))}
            </ul>
          ) : <p className="mb-2 text-sm text-slate-500">No resources allocated.</p>}
          {perms.update ? (
            <Form method="post" className="flex flex-wrap items-end gap-2" aria-label="Add a resource">
              <SelectField label="Kind" name="kind" id="res-kind" options={TASK_RESOURCE_KINDS.map((k) => ({ value: k, label: k }))} />
              <Field label="Label" name="label" id="res-label" required />
              <Field label="Quantity" name="quantity" id="res-qty" type="number" step="0.25" className="w-24" />
              <Field label="Unit" name="unit" id="res-unit" className="w-20" />
              <Field label="Link" name="url" id="res-url" type="url" />
              <Button type="submit" name="intent" value="add_resource" variant="secondary">Add</Button>
            </Form>
          ) : null}
        </Card>
      </div>

      <div className="space-y-4">
        <Card title="SLA">
          {task.sla_id ? (
            <div className="space-y-1 text-sm" data-testid="task-sla">
              <p>{task.sla_policy_name} · {task.priority_label}{task.response_hours ? ` (${hours(task.response_hours)} / ${hours(task.resolution_hours)})` : ""}</p>
              <p>Response due: <span className="font-medium" data-testid="response-deadline">{formatLocal(task.response_deadline)}</span>{task.responded_at ? ` · responded ${formatLocal(task.responded_at)}` : ""}</p>
              <p>Resolution due: <span className="font-medium" data-testid="resolution-deadline">{formatLocal(task.resolution_deadline)}</span>{task.resolved_at ? ` · resolved ${formatLocal(task.resolved_at)}` : ""}</p>
              <p className="text-xs text-slate-500">Business hours, Melbourne time.</p>
              <BreachBadge response={task.response_breached} resolution={task.resolution_breached} />
              {perms.update ? (
                <div className="flex gap-2 pt-1">
                  {!task.responded_at ? <Form method="post"><Button type="submit" name="intent" value="sla_respond" variant="secondary">Mark responded</Button></Form> : null}
                  {!task.resolved_at ? <Form method="post"><Button type="submit" name="intent" value="sla_resolve" variant="secondary">Mark resolved</Button></Form> : null}
                </div>
              ) : null}
            </div>
          ) : <p className="text-sm text-slate-500">No SLA on this task.</p>}
          {perms.sla ? (
            <Form method="post" className="mt-3 flex items-end gap-2 border-t border-slate-100 pt-3" aria-label="Apply an SLA policy">
              <SelectField label="SLA policy" name="policy_id" defaultValue={task.project_sla_policy_id ?? ""} options={[{ value: "", label: "Choose…" }, ...o.policies.map((p) => ({ value: p.id, label: p.name }))]} error={errors.policy_id} />
              <Button type="submit" name="intent" value="apply_sla" variant="secondary">{task.sla_id ? "Re-apply" : "Apply SLA"}</Button>
            </Form>
          ) : null}
        </Card>

        <Card title="Approval">
          {task.requires_approval ? (
            <p className="text-sm">Status: <span className="font-medium">{task.approval_status ?? "pending"}</span>{task.approved_by_name ? ` by ${task.approved_by_name}` : ""}</p>
          ) : <p className="text-sm text-slate-500">No approval needed.</p>}
          {perms.update ? (
            <div className="mt-2 flex gap-2">
              {!task.requires_approval ? <Form method="post"><Button type="submit" name="intent" value="request_approval" variant="secondary">Request approval</Button></Form> : null}
              {task.requires_approval && task.approval_status !== "approved" ? <Form method="post"><Button type="submit" name="intent" value="approve" variant="secondary">Approve</Button></Form> : null}
              {task.requires_approval && task.approval_status !== "rejected" ? <Form method="post"><Button type="submit" name="intent" value="reject" variant="ghost">Reject</Button></Form> : null}
            </div>
          ) : null}
        </Card>

        <Card title="Watchers">
          <ul className="mb-2 text-sm" data-testid="watchers">
            {o.watchers.map((w) => (
              <li key={w.user_id} className="flex items-center justify-between">{w.name}
                {perms.update ? <Form method="post"><input type="hidden" name="user_id" value={w.user_id} /><Button type="submit" name="intent" value="remove_watcher" variant="ghost">Remove</Button></Form> : null}
              </li>
            ))}
            {o.watchers.length === 0 ? <li className="text-slate-500">Nobody is watching.</li> : null}
          </ul>
          <Form method="post" className="mb-2"><Button type="submit" name="intent" value={o.watching ? "unwatch" : "watch"} variant="secondary">{o.watching ? "Stop watching" : "Watch"}</Button></Form>
          {perms.update ? (
            <Form method="post" className="flex items-end gap-2" aria-label="Add a watcher">
              <SelectField label="Add watcher" name="user_id" id="watcher-user" options={[{ value: "", label: "Choose…" }, ...o.users.filter((u) => !o.watchers.some((w) => w.user_id === u.id)).map((u) => ({ value: u.id, label: u.name }))]} />
              <Button type="submit" name="intent" value="add_watcher" variant="secondary">Add</Button>
            </Form>
          ) : null}
        </Card>

        <Card title="Agent">
          {task.agent_enabled ? (
            <>
              {perms.agents ? (
                <Form method="post" className="flex items-end gap-2" aria-label="Run an agent">
                  <SelectField label="Ask the agent to" name="feature" id="agent-feature" options={AGENT_FEATURES.filter((f) => agentFeatures.includes(f)).map((f) => ({ value: f, label: AGENT_FEATURE_LABELS[f] }))} error={errors.feature} />
                  <Button type="submit" name="intent" value="agent_run" variant="secondary">Run</Button>
                </Form>
              ) : <p className="text-sm text-slate-500">Running agents needs the Agents update permission.</p>}
              {o.agentMeta ? <p className="mt-2 text-xs text-slate-500">{o.agentMeta.run_count} run{o.agentMeta.run_count === 1 ? "" : "s"} · last {o.agentMeta.status}</p> : null}
              <ul className="mt-2 space-y-2" data-testid="agent-runs">
                {o.agentRuns.map((r) => (
                  <li key={r.id} className="rounded-md border border-slate-200 p-2 text-sm">
                    <p className="text-xs text-slate-500">{AGENT_FEATURE_LABELS[r.feature as AgentFeature] ?? r.feature} · {r.status} · {r.source === "ai" ? "AI" : "Rule-based (no AI provider answered)"} · {r.duration_ms} ms · {r.started_by_name ?? ""}</p>
                    {r.output ? <p className="mt-1 whitespace-pre-line">{r.output}</p> : <p className="mt-1 text-red-700">{r.error}</p>}
                  </li>
                ))}
              </ul>
            </>
          ) : <p className="text-sm text-slate-500">Agents are not enabled for this {task.project_id ? "project" : "task"}.</p>}
        </Card>

        <Card title="People">
          <dl className="space-y-1 text-sm">
            <div><dt className="inline text-slate-500">Reporter: </dt><dd className="inline">{task.reporter_name ?? "—"}</dd></div>
            <div><dt className="inline text-slate-500">Created by: </dt><dd className="inline">{task.created_by_name ?? (task.source === "email" ? "Inbound email" : "—")}</dd></div>
            <div><dt className="inline text-slate-500">Created: </dt><dd className="inline">{formatLocal(task.created_at)}</dd></div>
            {task.completed_at ? <div><dt className="inline text-slate-500">Completed: </dt><dd className="inline">{formatLocal(task.completed_at)}</dd></div> : null}
          </dl>
        </Card>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
