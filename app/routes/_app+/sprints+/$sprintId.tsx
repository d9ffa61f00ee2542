import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { respond } from "~/modules/delivery/http.server";
import { SPRINT_STATUS_LABELS, sprintIntentSchema } from "~/modules/delivery/schemas";
import { applySprintIntent, loadSprintPage } from "~/modules/delivery/sprints.server";
import { can, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { Badge, ErrorList, Notice, useErrors } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, Field, PageHeader, SelectField } from "~/ui/form";
import { HistoryList } from "~/ui/history-list";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.sprint.name ?? "Sprint"} · Nucleus` }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "sprints", "view");
  const page = await loadSprintPage(args.context.db, viewer, args.params.sprintId ?? "");
  if (!page) notFound();
  return { ...page, canEdit: can(viewer, "sprints", "update") };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "sprints", "update");
  const form = await parseForm(args.request, sprintIntentSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  return respond(args.request, await applySprintIntent(args.context.db, viewer, args.params.sprintId ?? "", form.data));
}

type Row = { id: string; title: string; due_date: string | null; status_label: string | null; status_color: string | null; stage_type: string | null; priority_label: string | null; assignee_name: string | null };

function TaskList({ rows, intent, label, canEdit, testId }: { rows: Row[]; intent: "add_task" | "remove_task"; label: string; canEdit: boolean; testId: string }) {
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid={testId}>
      {rows.map((t) => (
        <li key={t.id} className="flex items-center justify-between gap-2 py-1.5">
          <span><Link to={`/tasks/${t.id}`} className="text-brand-700 hover:underline">{t.title}</Link> <Badge label={t.status_label} color={t.status_color} /> <span className="text-slate-500">{t.assignee_name ?? ""}</span></span>
          {canEdit ? <Form method="post"><input type="hidden" name="task_id" value={t.id} /><Button type="submit" name="intent" value={intent} variant="ghost" aria-label={`${label}: ${t.title}`}>{label}</Button></Form> : null}
        </li>
      ))}
      {rows.length === 0 ? <li className="py-2 text-slate-500">Nothing here.</li> : null}
    </ul>
  );
}

export default function SprintPage() {
  const { sprint, tasks, backlog, nextSprints, history, canEdit } = useLoaderData<typeof loader>();
  const errors = useErrors();
  const open = sprint.status !== "closed";
  const next = nextSprints.find((s) => s.status === "planned") ?? nextSprints[0];
  return (
    <>
      <PageHeader
        title={sprint.name}
        description={`${sprint.project_name} · ${SPRINT_STATUS_LABELS[sprint.status as keyof typeof SPRINT_STATUS_LABELS]} · ${sprint.start_date ?? "?"} → ${sprint.end_date ?? "?"}`}
        actions={<Link to={`/projects/${sprint.project_id}?tab=board&sprint=${sprint.id}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Sprint board</Link>}
      />
      <Notice />
      <ErrorList errors={errors} />
      <p className="mb-4 text-sm" data-testid="sprint-counts"><span className="font-semibold">{sprint.done_count}</span> of {sprint.task_count} done{sprint.goal ? ` · Goal: ${sprint.goal}` : ""}</p>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={`In this sprint (${tasks.length})`}>
          <TaskList rows={tasks} intent="remove_task" label="To backlog" canEdit={canEdit && open} testId="sprint-tasks" />
        </Card>
        <Card title={`Backlog (${backlog.length})`}>
          <TaskList rows={backlog} intent="add_task" label="Add to sprint" canEdit={canEdit && open} testId="backlog" />
        </Card>
        {canEdit && open ? (
          <Card title="Sprint">
            <Form method="post" className="space-y-2" aria-label="Edit sprint">
              <Field label="Name" name="name" defaultValue={sprint.name} required error={errors.name} />
              <Field label="Goal" name="goal" defaultValue={sprint.goal ?? ""} />
              <div className="flex gap-2">
                <Field label="Start" name="start_date" type="date" defaultValue={sprint.start_date ?? ""} />
                <Field label="End" name="end_date" type="date" defaultValue={sprint.end_date ?? ""} error={errors.end_date} />
              </div>
              <Button type="submit" name="intent" value="update" variant="secondary">Save</Button>
            </Form>
            {sprint.status === "planned" ? <Form method="post" className="mt-3"><Button type="submit" name="intent" value="start">Start sprint</Button></Form> : null}
            <Form method="post" className="mt-3 flex flex-wrap items-end gap-2 border-t border-slate-100 pt-3" aria-label="Close sprint">
              <SelectField label="Move unfinished tasks to" name="rollover_to" defaultValue={next?.id ?? ""} error={errors.rollover_to}
                options={[...nextSprints.map((s) => ({ value: s.id, label: `${s.name} (${SPRINT_STATUS_LABELS[s.status as keyof typeof SPRINT_STATUS_LABELS]})` })), { value: "", label: "The backlog" }]} />
              <Button type="submit" name="intent" value="close" variant="danger">Close sprint</Button>
            </Form>
          </Card>
        ) : null}
        <Card title="History"><HistoryList entries={history} /></Card>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
