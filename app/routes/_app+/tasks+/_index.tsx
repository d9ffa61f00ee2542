import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { parseTaskListParams } from "~/modules/delivery/schemas";
import { listTasks } from "~/modules/delivery/tasks.server";
import { can, requireAccess } from "~/platform/access.server";
import { Notice } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/form";
import { TaskFilters, TaskTable } from "~/ui/task-list";

export const meta: MetaFunction = () => [{ title: "Tasks · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "tasks", "view");
  const filters = parseTaskListParams(new URL(args.request.url).searchParams);
  return { filters, ...(await listTasks(args.context.db, viewer, filters)), canCreate: can(viewer, "tasks", "update") };
}

export default function Tasks() {
  const { filters, rows, total, totalCapped, page, pageCount, lists, projects, today, canCreate } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Tasks"
        description="Tasks you are assigned, reported, created or watch, and the tasks of your projects (managers also see their team's)."
        actions={
          <>
            <Link to="/tasks/mine" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">My tasks</Link>
            {canCreate ? <Link to="/tasks/new" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">New task</Link> : null}
          </>
        }
      />
      <Notice />
      <TaskFilters filters={filters} lists={lists} projects={projects} base="/tasks" />
      <TaskTable rows={rows} total={total} totalCapped={totalCapped} page={page} pageCount={pageCount} today={today} emptyText="Try other filters, or clear them." />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
