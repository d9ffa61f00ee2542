import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { weekdayName } from "~/modules/squads/schemas";
import { loadSquadList } from "~/modules/squads/squads.server";
import { requireAccess } from "~/platform/access.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { EmptyState, PageHeader } from "~/ui/form";
import { PersonName } from "~/ui/person-name";

export const meta: MetaFunction = () => [{ title: "Squads · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "squads", "view");
  return loadSquadList(args.context.db, viewer);
}

export default function Squads() {
  const { squads } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Squads" description="Delivery teams, who leads them and when they kick off the week." />
      {squads.length === 0 ? (
        <EmptyState title="You are not in a squad yet">Squads come from Productive; ask your delivery manager to add you.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="squads-table">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 text-left font-medium">Squad</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Delivery manager</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Tech lead</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Members</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Kickoff</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Open actions</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {squads.map((s) => (
                <tr key={s.id} data-testid="squad-row">
                  <td className="px-3 py-1.5">
                    <span className="flex items-center gap-2">
                      <span aria-hidden="true" className="inline-block h-3 w-3 rounded-full" style={{ backgroundColor: s.color }} />
                      <Link to={`/squads/${s.id}`} className="font-medium text-brand-700 hover:underline">{s.name}</Link>
                    </span>
                    {s.focus_note ? <p className="text-xs text-slate-500">{s.focus_note}</p> : null}
                  </td>
                  <td className="px-3 py-1.5">
                    {s.dm_id ? <PersonName person={{ first_name: s.dm_first_name ?? "", last_name: s.dm_last_name ?? "", preferred_name: s.dm_preferred_name, pronunciation: s.dm_pronunciation }} /> : "—"}
                  </td>
                  <td className="px-3 py-1.5">
                    {s.tl_id ? <PersonName person={{ first_name: s.tl_first_name ?? "", last_name: s.tl_last_name ?? "", preferred_name: s.tl_preferred_name, pronunciation: s.tl_pronunciation }} /> : "—"}
                  </td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{s.members}</td>
                  <td className="px-3 py-1.5">{weekdayName(s.kickoff_day) ? `${weekdayName(s.kickoff_day)}${s.kickoff_time ? ` ${s.kickoff_time}` : ""}` : "—"}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{s.open_actions}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
