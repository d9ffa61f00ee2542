// /contracts — contracts in the viewer's scope: status tabs, search, "mine", pagination.
// Renewal reminders and signer chasers (follow-ups.server.ts) are raised in the background
// (waitUntil) while the page loads.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { ContractStatusBadge } from "~/modules/contracts/components";
import { listContracts, renewalRemindersInBackground } from "~/modules/contracts/contracts.server";
import { CONTRACT_STATUS_LABELS, CONTRACT_STATUSES, formatMoney, listFiltersSchema, typeLabel } from "~/modules/contracts/schemas";
import { can, requireAccess } from "~/platform/access.server";
import { Notice, Pagination, Tabs, withQuery } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, EmptyState, Field, PageHeader } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Contracts · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "contracts", "view");
  const url = new URL(args.request.url);
  const filters = listFiltersSchema.parse(Object.fromEntries(url.searchParams));
  args.context.waitUntil(renewalRemindersInBackground(args.context.db));
  const list = await listContracts(args.context.db, viewer, filters);
  const notice = url.searchParams.get("notice") === "deleted" ? "Draft deleted." : null;
  return { filters, notice, canUpdate: can(viewer, "contracts", "update"), canManage: can(viewer, "contracts", "manage"), ...list };
}

const linkButton = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50";

export default function Contracts() {
  const { filters, rows, total, page, pageCount, counts, canUpdate, canManage, notice } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  const tabs = [{ key: "", label: `All (${all})` }, ...CONTRACT_STATUSES.map((s) => ({ key: s, label: `${CONTRACT_STATUS_LABELS[s]} (${counts[s] ?? 0})` }))];
  return (
    <>
      <PageHeader
        title="Contracts"
        description="Client agreements sent for e-signature, in signing order, with renewal reminders."
        actions={
          <>
            {canManage ? <Link to="/contracts/templates" className={linkButton}>Templates</Link> : null}
            {canUpdate ? <Link to="/contracts/new" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">New contract</Link> : null}
          </>
        }
      />
      <Notice>{notice}</Notice>
      <Tabs label="Contract status" tabs={tabs} current={filters.status ?? ""} hrefFor={(key) => withQuery(search, { status: key || null, page: null, notice: null })} />
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter contracts">
        {filters.status ? <input type="hidden" name="status" value={filters.status} /> : null}
        <Field label="Search" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="Title or company" className="w-64" />
        <label className="flex items-center gap-2 pb-1.5 text-sm text-slate-700">
          <input type="checkbox" name="mine" value="1" defaultChecked={filters.mine === "1"} /> Only mine
        </label>
        <Button type="submit" variant="secondary">Apply</Button>
        {filters.q || filters.mine ? <Link to={withQuery(search, { q: null, mine: null, page: null })} className="py-1.5 text-sm text-brand-600 underline">Clear</Link> : null}
      </Form>
      <p className="mb-2 text-sm text-slate-600" role="status" data-testid="result-count">{total} {total === 1 ? "contract" : "contracts"}</p>
      {rows.length === 0 ? (
        <EmptyState title={all === 0 ? "No contracts yet" : "No contracts match these filters"}>
          {canUpdate && all === 0 ? <>Start one from a template with <Link to="/contracts/new" className="underline">New contract</Link>.</> : "Try another status or search."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="contracts-table">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 text-left font-medium">Title</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Company</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Status</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Owner</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Value</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Renewal</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Updated</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((c) => (
                <tr key={c.id}>
                  <td className="px-3 py-1.5">
                    <Link to={`/contracts/${c.id}`} className="font-medium text-brand-700 hover:underline">{c.title}</Link>
                    <div className="text-xs text-slate-500">{typeLabel(c.contract_type)}</div>
                  </td>
                  <td className="px-3 py-1.5">{c.company_name ?? "—"}</td>
                  <td className="px-3 py-1.5">
                    <ContractStatusBadge status={c.status} />
                    {c.awaiting ? <div className="text-xs text-slate-500">Waiting on {c.awaiting}</div> : null}
                  </td>
                  <td className="px-3 py-1.5">{c.owner_name ?? "—"}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{formatMoney(c.value_cents, c.currency)}</td>
                  <td className="px-3 py-1.5 tabular-nums">{c.renewal_date ?? "—"}</td>
                  <td className="px-3 py-1.5 tabular-nums text-slate-600">{c.updated_at.slice(0, 10)}</td>
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
