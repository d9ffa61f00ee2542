import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { taskCreateSchema } from "~/modules/delivery/schemas";
import { createTask, loadTaskForm } from "~/modules/delivery/tasks.server";
import { notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { ErrorList, useErrors } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Field, PageHeader, SelectField, TextAreaField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "New task · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "tasks", "update");
  return loadTaskForm(args.context.db, viewer);
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "tasks", "update");
  const form = await parseForm(args.request, taskCreateSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await createTask(args.context, viewer, form.data);
  if (!result.ok) return result.status === 400 ? invalid(result.errors, form.data) : notFound();
  return redirect(`/tasks/${result.id}?notice=${encodeURIComponent("Task created")}`);
}

export default function NewTask() {
  const { projects, lists, people } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const errors = useErrors();
  const project = params.get("project") ?? "";
  return (
    <>
      <PageHeader title="New task" description="A task on a project, or an internal task that belongs to no project." />
      <ErrorList errors={errors.form || errors.resource_id ? { form: errors.form ?? errors.resource_id ?? "" } : {}} />
      <Form method="post" className="max-w-3xl space-y-4" aria-label="New task">
        <Field label="Title" name="title" required error={errors.title} />
        <TextAreaField label="Description" name="description" rows={4} error={errors.description} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="Project" name="resource_id" defaultValue={project} error={errors.resource_id}
            options={[{ value: "internal", label: "Internal (no project)" }, ...projects.map((p) => ({ value: p.id, label: p.name }))]} />
          <SelectField label="Status" name="status_id" options={lists.task_status.map((s) => ({ value: s.id, label: s.label }))} error={errors.status_id} />
          <SelectField label="Priority" name="priority_id" defaultValue={lists.task_priority.find((p) => p.is_default)?.id} options={lists.task_priority.map((s) => ({ value: s.id, label: s.label }))} error={errors.priority_id} />
          <SelectField label="Type" name="type_id" defaultValue={lists.task_type.find((p) => p.is_default)?.id} options={lists.task_type.filter((t) => t.value !== "phase").map((s) => ({ value: s.id, label: s.label }))} error={errors.type_id} />
          <SelectField label="Assignee" name="assignee_id" options={[{ value: "", label: "Unassigned" }, ...people.map((p) => ({ value: p.id, label: p.name ?? p.id }))]} error={errors.assignee_id} />
          <Field label="Start" name="start_date" type="date" error={errors.start_date} />
          <Field label="Due" name="due_date" type="date" error={errors.due_date} />
          <Field label="Estimate (hours)" name="estimated_hours" type="number" step="0.25" min={0} error={errors.estimated_hours} />
        </div>
        <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="is_private" /> Private (only people on the task see it)</label>
        <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="requires_approval" /> Needs approval</label>
        <Button type="submit">Create task</Button>
      </Form>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
