import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { respond } from "~/modules/delivery/http.server";
import { templateIntentSchema } from "~/modules/delivery/schemas";
import { applyTemplateIntent, loadTemplatesPage } from "~/modules/delivery/templates.server";
import { requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { ErrorList, Notice, useErrors } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, EmptyState, Field, PageHeader, SelectField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Setup templates · Projects · Nucleus" }];

// Setup templates are project configuration: projects:manage.
export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "projects", "manage");
  return loadTemplatesPage(args.context.db);
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "projects", "manage");
  const form = await parseForm(args.request, templateIntentSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  return respond(args.request, await applyTemplateIntent(args.context.db, viewer, form.data));
}

export default function Templates() {
  const { templates, types } = useLoaderData<typeof loader>();
  const errors = useErrors();
  return (
    <>
      <PageHeader title="Project setup templates" description="Phases and their tasks. A project created from a template gets one phase task per phase, with the template's tasks under it, due by the phase's end." actions={<Link to="/projects" className="text-sm text-brand-600 underline">Back to projects</Link>} />
      <Notice />
      <ErrorList errors={errors} />
      {templates.length === 0 ? <EmptyState title="No templates yet">Create one below.</EmptyState> : null}
      <div className="space-y-4">
        {templates.map((t) => (
          <Card key={t.id} title={`${t.name}${t.is_active ? "" : " (inactive)"}`} actions={
            <Form method="post"><input type="hidden" name="template_id" value={t.id} /><Button type="submit" name="intent" value="toggle_template" variant="ghost">{t.is_active ? "Deactivate" : "Activate"}</Button></Form>
          }>
            <p className="mb-2 text-sm text-slate-600">{t.description ?? ""}{t.type_label ? ` · ${t.type_label}` : ""} · used by {t.project_count} project{t.project_count === 1 ? "" : "s"}</p>
            <ol className="space-y-2">
              {t.phases.map((ph) => (
                <li key={ph.id} className="rounded-md border border-slate-200 p-2">
                  <p className="text-sm font-medium">{ph.name} <span className="font-normal text-slate-500">· day {ph.offset_days} for {ph.duration_days} days</span></p>
                  <ul className="ml-4 list-disc text-sm text-slate-700">{ph.tasks.map((k) => <li key={k.id}>{k.title}{k.estimated_hours ? ` (${k.estimated_hours} h)` : ""}</li>)}</ul>
                  <Form method="post" className="mt-1 flex items-end gap-2" aria-label={`Add a task to ${ph.name}`}>
                    <input type="hidden" name="phase_id" value={ph.id} />
                    <Field label="Task" name="title" id={`tt-${ph.id}`} required />
                    <Field label="Estimate (h)" name="estimated_hours" id={`te-${ph.id}`} type="number" step="0.5" min={0} className="w-28" />
                    <Button type="submit" name="intent" value="add_template_task" variant="secondary">Add task</Button>
                  </Form>
                </li>
              ))}
            </ol>
            <Form method="post" className="mt-3 flex flex-wrap items-end gap-2 border-t border-slate-100 pt-3" aria-label={`Add a phase to ${t.name}`}>
              <input type="hidden" name="template_id" value={t.id} />
              <Field label="Phase" name="name" id={`pn-${t.id}`} required />
              <Field label="Starts on day" name="offset_days" id={`po-${t.id}`} type="number" min={0} defaultValue={0} className="w-28" />
              <Field label="Days" name="duration_days" id={`pd-${t.id}`} type="number" min={0} defaultValue={7} className="w-20" />
              <Button type="submit" name="intent" value="add_phase" variant="secondary">Add phase</Button>
            </Form>
          </Card>
        ))}
      </div>
      <Form method="post" className="mt-6 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3" aria-label="New template">
        <Field label="Template name" name="name" required error={errors.name} />
        <Field label="Description" name="description" className="min-w-64 flex-1" />
        <SelectField label="Project type" name="project_type_id" options={[{ value: "", label: "Any" }, ...types.map((ty) => ({ value: ty.id, label: ty.label }))]} />
        <Button type="submit" name="intent" value="create_template">Create template</Button>
      </Form>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
