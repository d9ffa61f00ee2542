import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ACCOUNT_STATUSES, EMPLOYMENT_STATUSES, EMPLOYMENT_STATUS_LABELS, parseUserListParams, type USER_SORTS } from "~/modules/admin/schemas";
import { loadUsersPage } from "~/modules/admin/users.server";
import { requireAccess } from "~/platform/access.server";
import { ACCESS_LEVELS, levelLabel, type AccessLevel } from "~/platform/tools";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, EmptyState, PageHeader, SelectField, Field } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Users · Admin · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "admin", "view");
  const filters = parseUserListParams(new URL(args.request.url).searchParams);
  return { filters, ...(await loadUsersPage(args.context.db, filters)) };
}

const SORT_LABELS: Record<(typeof USER_SORTS)[number], string> = {
  name: "Name", email: "Email", access_level: "Access level", last_login: "Last login",
};

function formatDate(iso: string | null) {
  return iso ? iso.slice(0, 16).replace("T", " ") : "Never";
}

export default function AdminUsers() {
  const { filters, rows, total, page, pageCount } = useLoaderData<typeof loader>();
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
  const sortHeader = (key: (typeof USER_SORTS)[number]) => {
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
  return (
    <>
      <PageHeader
        title="Users"
        description="Accounts that can sign in, their access level and the person they are linked to."
        actions={
          <a href={`/admin/users.csv${exportParams.toString() ? `?${exportParams}` : ""}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50" download>
            Export CSV
          </a>
        }
      />
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter users">
        <Field label="Search" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="Name or email" className="w-64" />
        <SelectField
          label="Access level" name="level" defaultValue={filters.level ?? ""}
          options={[{ value: "", label: "All levels" }, ...ACCESS_LEVELS.map((l) => ({ value: l, label: levelLabel(l) }))]}
        />
        <SelectField
          label="Account" name="status" defaultValue={filters.status ?? ""}
          options={[{ value: "", label: "All accounts" }, ...ACCOUNT_STATUSES.map((s) => ({ value: s, label: s === "enabled" ? "Enabled" : "Disabled" }))]}
        />
        <SelectField
          label="Employment" name="employment" defaultValue={filters.employment ?? ""}
          options={[{ value: "", label: "Any employment" }, ...EMPLOYMENT_STATUSES.map((s) => ({ value: s, label: EMPLOYMENT_STATUS_LABELS[s] }))]}
        />
        <input type="hidden" name="sort" value={filters.sort} />
        <input type="hidden" name="dir" value={filters.dir} />
        <Button type="submit" variant="secondary">Apply</Button>
        {params.toString() ? <Link to="/admin/users" className="py-1.5 text-sm text-brand-600 underline">Clear</Link> : null}
      </Form>
      <p className="mb-2 text-sm text-slate-600" role="status">{total} {total === 1 ? "user" : "users"}</p>
      {rows.length === 0 ? (
        <EmptyState title="No users match these filters">Try a different search, or clear the filters.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                {sortHeader("name")}
                {sortHeader("email")}
                {sortHeader("access_level")}
                <th scope="col" className="px-3 py-2 text-left font-medium">Job title</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Person</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Employment</th>
                {sortHeader("last_login")}
                <th scope="col" className="px-3 py-2 text-left font-medium">Account</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((u) => (
                <tr key={u.id} className={u.disabled_at ? "bg-slate-50 text-slate-500" : undefined}>
                  <td className="px-3 py-1.5"><Link to={`/admin/users/${u.id}`} className="font-medium text-brand-700 hover:underline">{u.name}</Link></td>
                  <td className="px-3 py-1.5">{u.email}</td>
                  <td className="px-3 py-1.5">{levelLabel(u.access_level as AccessLevel)}</td>
                  <td className="px-3 py-1.5">{u.job_title ?? "—"}</td>
                  <td className="px-3 py-1.5">
                    {u.person_id ? <Link to={`/people/${u.person_id}`} className="underline">Linked</Link> : <span className="text-amber-700">Not linked</span>}
                  </td>
                  <td className="px-3 py-1.5">{u.employment_status ? EMPLOYMENT_STATUS_LABELS[u.employment_status as keyof typeof EMPLOYMENT_STATUS_LABELS] ?? u.employment_status : "—"}</td>
                  <td className="whitespace-nowrap px-3 py-1.5 tabular-nums">{formatDate(u.last_login_at)}</td>
                  <td className="px-3 py-1.5">
                    {u.disabled_at ? <span className="rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-700">Disabled</span> : <span className="text-xs text-emerald-700">Enabled</span>}
                  </td>
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
