import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { useLoaderData } from "@remix-run/react";
import { createProject, loadProjectForm } from "~/modules/delivery/projects.server";
import { projectCreateSchema } from "~/modules/delivery/schemas";
import { requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { useErrors } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/form";
import { ProjectForm } from "~/ui/project-form";

export const meta: MetaFunction = () => [{ title: "New project · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "projects", "update");
  return { ...(await loadProjectForm(args.context.db, viewer, null))!, me: viewer.personId };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "projects", "update");
  const form = await parseForm(args.request, projectCreateSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await createProject(args.context.db, viewer, form.data);
  if (!result.ok) return result.status === 400 ? invalid(result.errors, form.data) : new Response(null, { status: result.status });
  return redirect(`/projects/${result.id}?tab=tasks&notice=${encodeURIComponent("Project created")}`);
}

export default function NewProject() {
  const data = useLoaderData<typeof loader>();
  const errors = useErrors();
  return (
    <>
      <PageHeader title="New project" description="You join as owner. A setup template adds its phases and their tasks straight away." />
      <ProjectForm values={{ status: "active" }} errors={errors} {...data} submitLabel="Create project" />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
