import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { loadDirectory } from "~/modules/people/directory.server";
import { nameWithPronunciation } from "~/modules/people/names";
import {
  EMPLOYMENT_STATUS_LABELS, parseDirectoryParams, STATUS_FILTER_LABELS, STATUS_FILTERS,
  type DirectorySort, type EmploymentStatus,
} from "~/modules/people/schemas";
import { can, requireAccess } from "~/platform/access.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, EmptyState, Field, PageHeader, SelectField } from "~/ui/form";
import { TimeAgo } from "~/ui/meta";
import { PersonAvatar, PersonName } from "~/ui/person-name";

export const meta: MetaFunction = () => [{ title: "People · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "people", "view");
  const filters = parseDirectoryParams(new URL(args.request.url).searchParams);
  const page = await loadDirectory(args.context, viewer, filters);
  return { filters, ...page, canSync: can(viewer, "people", "manage") };
}

const SORT_LABELS: Record<DirectorySort, string> = { name: "Name", title: "Title", start_date: "Start date" };

function SyncStatus({ sync, canSync }: { sync: ReturnType<typeof useLoaderData<typeof loader>>["sync"]; canSync: boolean }) {
  return (
    <p className="mb-3 flex flex-wrap items-center gap-x-2 text-xs text-slate-500" data-testid="sync-status">
      {sync.lastSyncedAt ? (
        <span>Synced from Productive <TimeAgo iso={sync.lastSyncedAt} /></span>
      ) : (
        <span>Not synced from Productive yet</span>
      )}
      {sync.refreshing ? <span className="text-amber-700">· data is over 6 hours old; refreshing in the background</span> : null}
      {sync.lastRun?.status === "failed" && canSync ? (
        <span className="text-red-700" role="status">· last sync failed: {sync.lastRun.error}</span>
      ) : null}
      {canSync ? <Link to="/people/sync" className="text-brand-700 underline">Syncs</Link> : null}
    </p>
  );
}

export default function PeopleDirectory() {
  const { filters, rows, total, page, pageCount, squads, managers, sync, canSync } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const withParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    const qs = next.toString();
    return qs ? `?${qs}` : "?";
  };
  const exportParams = new URLSearchParams(params);
  exportParams.delete("page");
  const sortHeader = (key: DirectorySort) => {
    const active = filters.sort === key;
    const nextDir = active && filters.dir === "asc" ? "desc" : "asc";
    return (
      <th scope="col" className="px-3 py-2 text-left font-medium" aria-sort={active ? (filters.dir === "asc" ? "ascending" : "descending") : undefined}>
        <Link to={withParams({ sort: key, dir: nextDir, page: null })} className="hover:underline">
          {SORT_LABELS[key]}
          {active ? <span aria-hidden="true">{filters.dir === "asc" ? " ▲" : " ▼"}</span> : null}
        </Link>
      </th>
    );
  };
  const managerOptions = managers.map((m) => ({ value: m.id, label: nameWithPronunciation(m) }));
  return (
    <>
      <PageHeader
        title="People"
        description="Everyone you can see, with their role, squad and manager."
        actions={
          <>
            <Link to="/people/org-chart" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Org chart</Link>
            <a href={`/people.csv${exportParams.toString() ? `?${exportParams}` : ""}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50" download>
              Export CSV
            </a>
          </>
        }
      />
      <SyncStatus sync={sync} canSync={canSync} />
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter people">
        <Field label="Search" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="Name, email or title" className="w-64" />
        <SelectField
          label="Squad" name="squad" defaultValue={filters.squad ?? ""}
          options={[{ value: "", label: "All squads" }, ...squads.map((s) => ({ value: s.name, label: s.name }))]}
        />
        <SelectField
          label="Employment" name="status" defaultValue={filters.status}
          options={STATUS_FILTERS.map((s) => ({ value: s, label: STATUS_FILTER_LABELS[s] }))}
        />
        <SelectField label="Manager" name="manager" defaultValue={filters.manager ?? ""} options={[{ value: "", label: "Any manager" }, ...managerOptions]} />
        <input type="hidden" name="sort" value={filters.sort} />
        <input type="hidden" name="dir" value={filters.dir} />
        <Button type="submit" variant="secondary">Apply</Button>
        {params.toString() ? <Link to="/people" className="py-1.5 text-sm text-brand-600 underline">Clear</Link> : null}
      </Form>
      <p className="mb-2 text-sm text-slate-600" role="status">{total} {total === 1 ? "person" : "people"}</p>
      {rows.length === 0 ? (
        <EmptyState title="No one matches these filters">Try a different search, or clear the filters.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="people-table">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                {sortHeader("name")}
                {sortHeader("title")}
                <th scope="col" className="px-3 py-2 text-left font-medium">Email</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Squad</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Manager</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Status</th>
                {sortHeader("start_date")}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((p) => (
                <tr key={p.id} data-testid="person-row" className={p.employment_status === "terminated" ? "text-slate-500" : undefined}>
                  <td className="px-3 py-1.5">
                    <span className="flex items-center gap-2">
                      <PersonAvatar person={p} picture={p.avatar_url} />
                      <PersonName person={p} to={`/people/${p.id}`} />
                    </span>
                  </td>
                  <td className="px-3 py-1.5">{p.title ?? "—"}</td>
                  <td className="px-3 py-1.5"><a href={`mailto:${p.email}`} className="hover:underline">{p.email}</a></td>
                  <td className="px-3 py-1.5">
                    {p.squad ? <Link to={withParams({ squad: p.squad, page: null })} className="hover:underline">{p.squad}</Link> : "—"}
                  </td>
                  <td className="px-3 py-1.5">
                    {p.manager_id ? (
                      <span className="flex flex-wrap items-baseline gap-x-2">
                        <PersonName
                          person={{ first_name: p.manager_first_name ?? "", last_name: p.manager_last_name ?? "", preferred_name: p.manager_preferred_name, pronunciation: p.manager_pronunciation }}
                        />
                        <Link to={withParams({ manager: p.manager_id, page: null })} className="text-xs text-brand-700 underline" aria-label={`Show everyone reporting to ${p.manager_first_name} ${p.manager_last_name}`}>team</Link>
                      </span>
                    ) : "—"}
                  </td>
                  <td className="px-3 py-1.5">{EMPLOYMENT_STATUS_LABELS[p.employment_status as EmploymentStatus] ?? p.employment_status}</td>
                  <td className="px-3 py-1.5 tabular-nums">{p.start_date ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 ? (
        <nav aria-label="Pagination" className="mt-3 flex items-center gap-3 text-sm">
          {page > 1 ? <Link to={withParams({ page: String(page - 1) })} className="underline" rel="prev">Previous</Link> : <span className="text-slate-400">Previous</span>}
          <span>Page {page} of {pageCount}</span>
          {page < pageCount ? <Link to={withParams({ page: String(page + 1) })} className="underline" rel="next">Next</Link> : <span className="text-slate-400">Next</span>}
        </nav>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
