import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { parseTaskListParams } from "~/modules/delivery/schemas";
import { listTasks } from "~/modules/delivery/tasks.server";
import { requireAccess } from "~/platform/access.server";
import { Notice } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/form";
import { TaskFilters, TaskTable } from "~/ui/task-list";

export const meta: MetaFunction = () => [{ title: "My tasks · Nucleus" }];

// My tasks: assigned to me; open ones by due date unless the filters say otherwise.
export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "tasks", "view");
  const params = new URL(args.request.url).searchParams;
  const filters = parseTaskListParams(params);
  const mine = { ...filters, assignee: "me", open: params.has("sort") ? filters.open : true, sort: params.has("sort") ? filters.sort : ("due" as const) };
  return { filters: mine, ...(await listTasks(args.context.db, viewer, mine)) };
}

export default function MyTasks() {
  const { filters, rows, total, totalCapped, page, pageCount, lists, projects, today } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="My tasks" description="Assigned to you, soonest due first." actions={<Link to="/tasks" className="text-sm text-brand-600 underline">All tasks</Link>} />
      <Notice />
      <TaskFilters filters={filters} lists={lists} projects={projects} base="/tasks/mine" showAssignee={false} />
      <TaskTable rows={rows} total={total} totalCapped={totalCapped} page={page} pageCount={pageCount} today={today} emptyText="Nothing assigned to you matches. Enjoy it." />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
