import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SPRINT_STATUSES, SPRINT_STATUS_LABELS } from "~/modules/delivery/schemas";
import { listSprints } from "~/modules/delivery/sprints.server";
import { requireAccess } from "~/platform/access.server";
import { Notice, Table, td, th } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, EmptyState, PageHeader, SelectField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Sprints · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "sprints", "view");
  return listSprints(args.context.db, viewer, new URL(args.request.url).searchParams.get("status"));
}

export default function Sprints() {
  const { sprints, status } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Sprints" description="Sprints of your projects. Plan new ones from a project's Sprints tab." />
      <Notice />
      <Form method="get" className="mb-4 flex items-end gap-2" aria-label="Filter sprints">
        <SelectField label="Status" name="status" defaultValue={status ?? ""} options={[{ value: "", label: "Any status" }, ...SPRINT_STATUSES.map((s) => ({ value: s, label: SPRINT_STATUS_LABELS[s] }))]} />
        <Button type="submit" variant="secondary">Apply</Button>
      </Form>
      {sprints.length === 0 ? <EmptyState title="No sprints">Sprints appear here for projects you work on.</EmptyState> : (
        <Table label="Sprints">
          <thead className="bg-slate-50 text-slate-600"><tr><th className={th}>Sprint</th><th className={th}>Project</th><th className={th}>Status</th><th className={th}>Dates</th><th className={`${th} text-right`}>Done / tasks</th></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {sprints.map((s) => (
              <tr key={s.id}>
                <td className={td}><Link to={`/sprints/${s.id}`} className="font-medium text-brand-700 hover:underline">{s.name}</Link>{s.goal ? <p className="text-xs text-slate-500">{s.goal}</p> : null}</td>
                <td className={td}><Link to={`/projects/${s.project_id}?tab=sprints`} className="hover:underline">{s.project_name}</Link></td>
                <td className={td}>{SPRINT_STATUS_LABELS[s.status as keyof typeof SPRINT_STATUS_LABELS]}</td>
                <td className={`${td} tabular-nums`}>{s.start_date ?? "?"} → {s.end_date ?? "?"}</td>
                <td className={`${td} text-right tabular-nums`}>{s.done_count} / {s.task_count}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
