import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { listRoadmaps } from "~/modules/delivery/roadmaps.server";
import { requireAccess } from "~/platform/access.server";
import { Notice, Table, td, th } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { EmptyState, PageHeader } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Roadmaps · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "roadmaps", "view");
  return listRoadmaps(args.context.db, viewer);
}

export default function Roadmaps() {
  const { roadmaps } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Roadmaps" description="Roadmaps of your projects. Create one from a project's Roadmap tab." />
      <Notice />
      {roadmaps.length === 0 ? <EmptyState title="No roadmaps">Roadmaps appear here for projects you work on.</EmptyState> : (
        <Table label="Roadmaps">
          <thead className="bg-slate-50 text-slate-600"><tr><th className={th}>Roadmap</th><th className={th}>Project</th><th className={th}>Dates</th><th className={`${th} text-right`}>Items</th></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {roadmaps.map((r) => (
              <tr key={r.id}>
                <td className={td}><Link to={`/roadmaps/${r.id}`} className="font-medium text-brand-700 hover:underline">{r.name}</Link></td>
                <td className={td}><Link to={`/projects/${r.project_id}?tab=roadmap`} className="hover:underline">{r.project_name}</Link></td>
                <td className={`${td} tabular-nums`}>{r.start_date ?? "?"} → {r.end_date ?? "?"}</td>
                <td className={`${td} text-right tabular-nums`}>{r.item_count}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
