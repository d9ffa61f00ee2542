// /proposals/list — every proposal in scope, filterable by status and text, paginated.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { loadList } from "~/modules/proposals/proposals.server";
import { formatMoney } from "~/modules/proposals/pricing";
import { PROPOSAL_STATUSES, STATUS_LABELS } from "~/modules/proposals/schemas";
import { requireAccess } from "~/platform/access.server";
import { Pagination, shortDate, withQuery } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, EmptyState, PageHeader } from "~/ui/form";
import { StatusBadge } from "~/ui/proposals";

export const meta: MetaFunction = () => [{ title: "Proposals list · Nucleus" }];

const query = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(PROPOSAL_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "proposals", "view");
  const f = query.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  return { ...(await loadList(args.context.db, viewer, f)), filters: f };
}

export default function ProposalList() {
  const { rows, total, page, pageCount, filters } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/proposals" className="text-brand-600 underline">← Board</Link></p>
      <PageHeader title="All proposals" description={`${total} proposal${total === 1 ? "" : "s"}`} />
      <Form method="get" className="mb-3 flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm">Search<input name="q" defaultValue={filters.q ?? ""} className="rounded-md border border-slate-300 px-2 py-1" /></label>
        <label className="flex flex-col text-sm">Status
          <select name="status" defaultValue={filters.status ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1">
            <option value="">Any</option>
            {PROPOSAL_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
          </select>
        </label>
        <Button type="submit" variant="secondary">Filter</Button>
      </Form>
      {rows.length === 0 ? <EmptyState title="No proposals match">Try another status or search.</EmptyState> : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr><th className="px-3 py-2 text-left">Title</th><th className="px-3 py-2 text-left">Company</th><th className="px-3 py-2 text-left">Owner</th><th className="px-3 py-2 text-left">Status</th><th className="px-3 py-2 text-right">Total</th><th className="px-3 py-2 text-left">Valid until</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <td className="px-3 py-1.5"><Link to={`/proposals/${r.id}`} className="text-brand-700 underline">{r.title}</Link></td>
                  <td className="px-3 py-1.5">{r.company_name ?? "—"}</td>
                  <td className="px-3 py-1.5">{r.owner_name ?? "—"}</td>
                  <td className="px-3 py-1.5"><StatusBadge status={r.status} /></td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{formatMoney(r.total_cents, r.currency)}</td>
                  <td className="px-3 py-1.5">{shortDate(r.valid_until)}</td>
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
