import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { data, redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { NO_STORE, loadPayrollPage, refreshNotice, requestRefresh } from "~/modules/payroll/payroll.server";
import { PayrollView } from "~/modules/payroll/PayrollView";
import { payrollQuerySchema, refreshSchema } from "~/modules/payroll/schemas";
import { formatPersonName } from "~/modules/payroll/format";
import { notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { Pagination, withQuery } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, EmptyState, PageHeader } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "My pay · Nucleus" }];
export const headers = () => NO_STORE;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "payroll", "view");
  const query = payrollQuerySchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const page = await loadPayrollPage(args.context, viewer, { personId: null, page: query.page, directory: { page: query.people, q: query.q } });
  return { page, query };
}

/** "Refresh now" for the viewer's own payroll. */
export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "payroll", "view");
  const form = await parseForm(args.request, refreshSchema);
  if (!form.ok) return invalid(form.errors);
  const result = await requestRefresh(args.context, viewer, null);
  if (!result.ok && result.status === 429) return data({ ok: false as const, errors: result.errors }, { status: 429 });
  if (!result.ok) throw notFound();
  return redirect(`/payroll?refresh=${refreshNotice(result.outcome)}`);
}

export default function MyPayPage() {
  const { page, query } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { search } = useLocation();
  return (
    <>
      <PageHeader title="My pay" description="Your pay summary and payslips from Xero Payroll. Only you and executives can see them." />
      {page ? (
        <PayrollView
          data={page} notice={query.refresh} refreshAction="/payroll?index"
          refreshError={actionData ? actionData.errors.intent ?? actionData.errors.form : undefined}
          hrefForPage={(p) => `/payroll${withQuery(search, { page: p, refresh: null })}`}
        />
      ) : (
        <EmptyState title="Your account is not linked to a person record yet">Ask People &amp; Culture to link your account.</EmptyState>
      )}
      {page?.directory ? (
        <Card title="Everyone's payroll" className="mt-6">
          <Form method="get" className="mb-3 flex items-end gap-2" role="search" aria-label="Find a person">
            <div className="flex flex-col gap-1">
              <label htmlFor="payroll-q" className="text-sm font-medium text-slate-700">Name</label>
              <input id="payroll-q" name="q" defaultValue={page.directory.q} className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm" />
            </div>
            <Button type="submit" variant="secondary">Find</Button>
          </Form>
          {page.directory.rows.length === 0 ? (
            <EmptyState title="No one matches">Try another name.</EmptyState>
          ) : (
            <table className="w-full text-sm" aria-label="People">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left font-medium">Person</th>
                  <th scope="col" className="px-3 py-2 text-left font-medium">Title</th>
                  <th scope="col" className="px-3 py-2 text-left font-medium">Xero</th>
                  <th scope="col" className="px-3 py-2 text-left font-medium">Cached</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.directory.rows.map((r) => (
                  <tr key={r.id} data-testid="payroll-person-row">
                    <td className="px-3 py-1.5"><Link to={`/payroll/people/${r.id}`} className="text-brand-700 underline">{formatPersonName(r)}</Link></td>
                    <td className="px-3 py-1.5 text-slate-600">{r.title ?? "—"}</td>
                    <td className="px-3 py-1.5">{r.xero_employee_id ? "Linked" : <span className="text-slate-500">Not linked</span>}</td>
                    <td className="px-3 py-1.5 text-slate-600">{r.fetched_at ? r.fetched_at.slice(0, 10) : "—"}{r.last_error_at && (!r.fetched_at || r.last_error_at >= r.fetched_at) ? " (last refresh failed)" : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pagination page={page.directory.page} pageCount={page.directory.pageCount} hrefFor={(p) => `/payroll${withQuery(search, { people: p, refresh: null })}`} label="People pages" />
        </Card>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
