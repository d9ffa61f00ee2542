import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { loadProjectForm, updateProject } from "~/modules/delivery/projects.server";
import { projectFieldsSchema } from "~/modules/delivery/schemas";
import { notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { useErrors } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/form";
import { ProjectForm } from "~/ui/project-form";

export const meta: MetaFunction = () => [{ title: "Edit project · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "projects", "update");
  const form = await loadProjectForm(args.context.db, viewer, args.params.projectId ?? "");
  if (!form?.project) notFound();
  return form;
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "projects", "update");
  const form = await parseForm(args.request, projectFieldsSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const id = args.params.projectId ?? "";
  const result = await updateProject(args.context.db, viewer, id, form.data);
  if (!result.ok) return result.status === 400 ? invalid(result.errors, form.data) : notFound();
  return redirect(`/projects/${id}?notice=${encodeURIComponent(result.message ?? "Project saved")}`);
}

export default function EditProject() {
  const { project, ...options } = useLoaderData<typeof loader>();
  const errors = useErrors();
  return (
    <>
      <PageHeader title={`Edit ${project!.name}`} actions={<Link to={`/projects/${project!.id}`} className="text-sm text-brand-600 underline">Back to the project</Link>} />
      <ProjectForm values={project!} errors={errors} {...options} submitLabel="Save project" />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
