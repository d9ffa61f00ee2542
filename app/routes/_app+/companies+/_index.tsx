// /companies — agency-wide company list: search, filters, sort, pagination, CSV export.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { loadCompanyList } from "~/modules/crm/companies.server";
import { companySortDir, parseCompanyListParams, type CompanyListFilters } from "~/modules/crm/schemas";
import { can, requireAccess } from "~/platform/access.server";
import { Badge, Notice, Pagination, SortHeader, withQuery } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, EmptyState, Field, PageHeader, SelectField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Companies · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "companies", "view");
  const url = new URL(args.request.url);
  const filters = parseCompanyListParams(url.searchParams);
  const notice = url.searchParams.get("notice") === "deleted" ? "Company deleted." : null;
  return { filters, notice, canUpdate: can(viewer, "companies", "update"), ...(await loadCompanyList(args.context.db, filters)) };
}

const SORTS: { key: CompanyListFilters["sort"]; label: string }[] = [
  { key: "name", label: "Name" },
  { key: "created", label: "Created" },
];

export default function Companies() {
  const { filters, rows, total, page, pageCount, industries, managers, canUpdate, notice } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const dir = companySortDir(filters);
  const sortHeader = (key: CompanyListFilters["sort"], label: string) => (
    <SortHeader search={search} column={key} label={label} sort={filters.sort} dir={dir} />
  );
  const exportQuery = withQuery(search, { page: null, notice: null });
  return (
    <>
      <PageHeader
        title="Companies"
        description="Clients and prospects, with their groups and account managers."
        actions={
          <>
            <a href={`/companies/export.csv${exportQuery === "?" ? "" : exportQuery}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50" download>Export CSV</a>
            {canUpdate ? <Link to="/companies/import" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Import CSV</Link> : null}
            {canUpdate ? <Link to="/companies/new" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">New company</Link> : null}
          </>
        }
      />
      <Notice>{notice}</Notice>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter companies">
        <Field label="Search" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="Name or domain" className="w-60" />
        <SelectField label="Industry" name="industry" defaultValue={filters.industry ?? ""} options={[{ value: "", label: "All industries" }, ...industries.map((i) => ({ value: i, label: i }))]} />
        <SelectField
          label="Group" name="parent" defaultValue={filters.parent ?? ""}
          options={[{ value: "", label: "All companies" }, { value: "no", label: "Top-level only" }, { value: "yes", label: "Subsidiaries only" }]}
        />
        <SelectField label="Account manager" name="manager" defaultValue={filters.manager ?? ""} options={[{ value: "", label: "Anyone" }, ...managers.map((m) => ({ value: m.id, label: m.name }))]} />
        <SelectField label="Sort" name="sort" defaultValue={filters.sort} options={SORTS.map((s) => ({ value: s.key, label: s.label }))} />
        <Button type="submit" variant="secondary">Apply</Button>
        {search && search !== "?" ? <Link to="/companies" className="py-1.5 text-sm text-brand-600 underline">Clear</Link> : null}
      </Form>
      <p className="mb-2 text-sm text-slate-600" role="status" data-testid="result-count">{total} {total === 1 ? "company" : "companies"}</p>
      {rows.length === 0 ? (
        <EmptyState title={total === 0 && !search ? "No companies yet" : "No companies match these filters"}>
          {canUpdate ? <>Add one with <Link to="/companies/new" className="underline">New company</Link> or import a CSV.</> : "Try a different search, or clear the filters."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="companies-table">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                {sortHeader("name", "Name")}
                <th scope="col" className="px-3 py-2 text-left font-medium">Domain</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Industry</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Group</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Account manager</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Contacts</th>
                {sortHeader("created", "Created")}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((c) => (
                <tr key={c.id}>
                  <td className="px-3 py-1.5"><Link to={`/companies/${c.id}`} className="font-medium text-brand-700 hover:underline">{c.name}</Link></td>
                  <td className="px-3 py-1.5 text-slate-600">{c.domain ?? "—"}</td>
                  <td className="px-3 py-1.5">{c.industry ?? "—"}</td>
                  <td className="px-3 py-1.5">
                    {c.parent_id ? <>Part of <Link to={`/companies/${c.parent_id}`} className="underline">{c.parent_name}</Link></> : null}
                    {Number(c.child_count) > 0 ? <Badge tone="violet">{c.child_count} {Number(c.child_count) === 1 ? "subsidiary" : "subsidiaries"}</Badge> : null}
                    {!c.parent_id && !Number(c.child_count) ? <span className="text-slate-400">—</span> : null}
                  </td>
                  <td className="px-3 py-1.5">{c.account_manager_name ?? "—"}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{c.contact_count}</td>
                  <td className="px-3 py-1.5 tabular-nums text-slate-600">{c.created_at.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => withQuery(search, { page: p })} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
