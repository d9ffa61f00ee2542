// /contacts — agency-wide contact list: search, filters, sort, pagination, CSV export.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { loadContactList } from "~/modules/crm/contacts.server";
import { contactSortDir, parseContactListParams, type ContactListFilters } from "~/modules/crm/schemas";
import { can, requireAccess } from "~/platform/access.server";
import { Badge, Notice, Pagination, SortHeader, withQuery } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, EmptyState, Field, PageHeader, SelectField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Contacts · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "contacts", "view");
  const url = new URL(args.request.url);
  const filters = parseContactListParams(url.searchParams);
  const notice = url.searchParams.get("notice") === "deleted" ? "Contact deleted." : null;
  return { filters, notice, canUpdate: can(viewer, "contacts", "update"), ...(await loadContactList(args.context.db, filters)) };
}

export default function Contacts() {
  const { filters, rows, total, page, pageCount, company, canUpdate, notice } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const dir = contactSortDir(filters);
  const sortHeader = (key: ContactListFilters["sort"], label: string) => (
    <SortHeader search={search} column={key} label={label} sort={filters.sort} dir={dir} />
  );
  const exportQuery = withQuery(search, { page: null, notice: null });
  return (
    <>
      <PageHeader
        title="Contacts"
        description="The people we work with at client and prospect companies."
        actions={
          <>
            <a href={`/contacts/export.csv${exportQuery === "?" ? "" : exportQuery}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50" download>Export CSV</a>
            {canUpdate ? <Link to="/contacts/new" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">New contact</Link> : null}
          </>
        }
      />
      <Notice>{notice}</Notice>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter contacts">
        <Field label="Search" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="Name or email" className="w-60" />
        {company ? (
          <div className="flex flex-col gap-1 text-sm">
            <span className="font-medium text-slate-700">Company</span>
            <span className="py-1.5">
              {company.name} <Link to={withQuery(search, { company: null, page: null })} className="text-brand-600 underline" aria-label={`Remove company filter ${company.name}`}>×</Link>
            </span>
            <input type="hidden" name="company" value={company.id} />
          </div>
        ) : (
          <Field label="Company" name="company_q" type="search" defaultValue={filters.company_q ?? ""} placeholder="Company name or domain" className="w-52" />
        )}
        <SelectField label="Primary" name="primary" defaultValue={filters.primary ?? ""} options={[{ value: "", label: "All contacts" }, { value: "yes", label: "Primary only" }, { value: "no", label: "Not primary" }]} />
        <SelectField label="Sort" name="sort" defaultValue={filters.sort} options={[{ value: "name", label: "Name" }, { value: "company", label: "Company" }, { value: "created", label: "Created" }]} />
        <Button type="submit" variant="secondary">Apply</Button>
        {search && search !== "?" ? <Link to="/contacts" className="py-1.5 text-sm text-brand-600 underline">Clear</Link> : null}
      </Form>
      <p className="mb-2 text-sm text-slate-600" role="status" data-testid="result-count">{total} {total === 1 ? "contact" : "contacts"}</p>
      {rows.length === 0 ? (
        <EmptyState title="No contacts match">{canUpdate ? <>Add one with <Link to="/contacts/new" className="underline">New contact</Link>, or import a CSV from Companies.</> : "Try a different search, or clear the filters."}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="contacts-table">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                {sortHeader("name", "Name")}
                <th scope="col" className="px-3 py-2 text-left font-medium">Role</th>
                {sortHeader("company", "Company")}
                <th scope="col" className="px-3 py-2 text-left font-medium">Email</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Phone</th>
                {sortHeader("created", "Created")}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((c) => (
                <tr key={c.id}>
                  <td className="px-3 py-1.5">
                    <Link to={`/contacts/${c.id}`} className="font-medium text-brand-700 hover:underline">{`${c.first_name} ${c.last_name}`.trim()}</Link>{" "}
                    {c.is_primary ? <Badge tone="green">Primary</Badge> : null}
                  </td>
                  <td className="px-3 py-1.5">{c.role ?? "—"}</td>
                  <td className="px-3 py-1.5">{c.company_id ? <Link to={`/companies/${c.company_id}`} className="underline">{c.company_name}</Link> : "—"}</td>
                  <td className="px-3 py-1.5 text-slate-600">{c.email ?? "—"}</td>
                  <td className="px-3 py-1.5 text-slate-600">{c.phone ?? "—"}</td>
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
