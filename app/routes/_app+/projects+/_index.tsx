import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { listProjects } from "~/modules/delivery/projects.server";
import { parseProjectListParams, PROJECT_STATUSES, PROJECT_STATUS_LABELS, type ProjectStatus } from "~/modules/delivery/schemas";
import { can, requireAccess } from "~/platform/access.server";
import { Badge, Notice, Pagination, Table, td, th, useWithParams } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { FilterChip, FilterLink } from "~/ui/filter-chip";
import { Button, EmptyState, Field, PageHeader, SelectField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Projects · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "projects", "view");
  const filters = parseProjectListParams(new URL(args.request.url).searchParams);
  return { filters, ...(await listProjects(args.context.db, viewer, filters)), canCreate: can(viewer, "projects", "update"), canManage: can(viewer, "projects", "manage") };
}

type SortKey = "name" | "status" | "start_date" | "end_date";

export default function Projects() {
  const { filters, rows, total, page, pageCount, chosenCompany, chosenOwner, types, squads, canCreate, canManage } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const withParams = useWithParams();
  const exportParams = new URLSearchParams(params);
  exportParams.delete("page");
  exportParams.delete("notice");
  const sortHeader = (key: SortKey, label: string) => {
    const active = filters.sort === key;
    const dir = active && filters.dir === "asc" ? "desc" : "asc";
    return (
      <th scope="col" className={th} aria-sort={active ? (filters.dir === "asc" ? "ascending" : "descending") : undefined}>
        <Link to={withParams({ sort: key, dir, page: null })} className="hover:underline">{label}{active ? <span aria-hidden="true">{filters.dir === "asc" ? " ▲" : " ▼"}</span> : null}</Link>
      </th>
    );
  };
  return (
    <>
      <PageHeader
        title="Projects"
        description="Client projects you own, manage or work on (managers also see their team's)."
        actions={
          <>
            {canManage ? <Link to="/projects/templates" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Setup templates</Link> : null}
            <a href={`/projects/export.csv${exportParams.toString() ? `?${exportParams}` : ""}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50" download>Export CSV</a>
            {canCreate ? <Link to="/projects/new" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">New project</Link> : null}
          </>
        }
      />
      <Notice />
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter projects">
        <Field label="Search" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="Project or client" className="w-56" />
        <SelectField label="Status" name="status" defaultValue={filters.status ?? ""} options={[{ value: "", label: "Any status" }, ...PROJECT_STATUSES.map((s) => ({ value: s, label: PROJECT_STATUS_LABELS[s] }))]} />
        <SelectField label="Type" name="type" defaultValue={filters.type ?? ""} options={[{ value: "", label: "All types" }, ...types.map((t) => ({ value: t.id, label: t.label }))]} />
        <SelectField label="Squad" name="squad" defaultValue={filters.squad ?? ""} options={[{ value: "", label: "All squads" }, ...squads.map((s) => ({ value: s, label: s }))]} />
        {filters.company ? <FilterChip name="company" value={filters.company} label="Client" text={chosenCompany?.name} clearHref={withParams({ company: null, page: null })} /> : null}
        {filters.owner ? <FilterChip name="owner" value={filters.owner} label="Owner" text={chosenOwner?.name} clearHref={withParams({ owner: null, page: null })} /> : null}
        <input type="hidden" name="sort" value={filters.sort} />
        <input type="hidden" name="dir" value={filters.dir} />
        <Button type="submit" variant="secondary">Apply</Button>
        {[...params.keys()].some((k) => k !== "notice") ? <Link to="/projects" className="py-1.5 text-sm text-brand-600 underline">Clear</Link> : null}
      </Form>
      <p className="mb-2 text-sm text-slate-600" role="status">{total} {total === 1 ? "project" : "projects"}</p>
      {rows.length === 0 ? (
        <EmptyState title="No projects match">{canCreate ? "Try other filters, or create a project (a setup template adds its phases and tasks)." : "Try other filters. Projects appear here when you are a member."}</EmptyState>
      ) : (
        <Table label="Projects">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              {sortHeader("name", "Project")}
              <th scope="col" className={th}>Client</th>
              {sortHeader("status", "Status")}
              <th scope="col" className={th}>Type</th>
              <th scope="col" className={th}>Owner</th>
              <th scope="col" className={th}>Delivery manager</th>
              {sortHeader("start_date", "Start")}
              {sortHeader("end_date", "End")}
              <th scope="col" className={`${th} text-right`}>Members</th>
              <th scope="col" className={`${th} text-right`}>Tasks</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((p) => (
              <tr key={p.id}>
                <td className={td}><Link to={`/projects/${p.id}`} className="font-medium text-brand-700 hover:underline">{p.name}</Link>{p.squad ? <span className="ml-2 text-xs text-slate-500">{p.squad}</span> : null}</td>
                <td className={td}>{p.company_id ? <FilterLink to={withParams({ company: p.company_id, page: null })} text={p.company_name} title={`Only ${p.company_name} projects`} /> : "—"}</td>
                <td className={td}>{PROJECT_STATUS_LABELS[p.status as ProjectStatus] ?? p.status}</td>
                <td className={td}><Badge label={p.type_label} color={p.type_color} /></td>
                <td className={td}>{p.owner_id ? <FilterLink to={withParams({ owner: p.owner_id, page: null })} text={p.owner_name} title={`Only ${p.owner_name}'s projects`} /> : "—"}</td>
                <td className={td}>{p.delivery_manager_name ?? "—"}</td>
                <td className={`${td} tabular-nums`}>{p.start_date ?? "—"}</td>
                <td className={`${td} tabular-nums`}>{p.end_date ?? "—"}</td>
                <td className={`${td} text-right tabular-nums`}>{p.member_count}</td>
                <td className={`${td} text-right tabular-nums`}>{p.task_count}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination page={page} pageCount={pageCount} hrefFor={(n) => withParams({ page: String(n) })} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
