// /proposals — the status board: Draft → For approval → Sent → Viewed → Accepted / Declined /
// Expired, with count and total value per status. Loading it also expires past-due proposals
// (in the same batch as its reads).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { loadBoard } from "~/modules/proposals/proposals.server";
import { formatMoney } from "~/modules/proposals/pricing";
import { STATUS_LABELS } from "~/modules/proposals/schemas";
import { can, requireAccess } from "~/platform/access.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { EmptyState, PageHeader } from "~/ui/form";
import { StatusBadge } from "~/ui/proposals";

export const meta: MetaFunction = () => [{ title: "Proposals · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "proposals", "view");
  const columns = await loadBoard(args.context, viewer);
  return { columns, canCreate: can(viewer, "proposals", "update"), canManage: can(viewer, "proposals", "manage") };
}

const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50";

export default function ProposalBoard() {
  const { columns, canCreate, canManage } = useLoaderData<typeof loader>();
  const empty = columns.every((c) => c.count === 0);
  return (
    <>
      <PageHeader
        title="Proposals"
        description="Every proposal by status, with its value."
        actions={
          <>
            <Link to="/proposals/list" className={link}>List</Link>
            {canManage ? <Link to="/proposals/templates" className={link}>Templates</Link> : null}
            {canCreate ? <Link to="/proposals/new" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">New proposal</Link> : null}
          </>
        }
      />
      {empty ? (
        <EmptyState title="No proposals yet">{canCreate ? <Link to="/proposals/new" className="underline">Create one from a template.</Link> : "Proposals your team writes appear here."}</EmptyState>
      ) : (
        <div className="grid gap-3 overflow-x-auto pb-2 md:grid-cols-4 xl:grid-cols-7" data-testid="proposal-board">
          {columns.map((col) => (
            <section key={col.status} aria-labelledby={`col-${col.status}`} className="min-w-[12rem] rounded-lg bg-slate-50 p-2" data-testid={`column-${col.status}`}>
              <h2 id={`col-${col.status}`} className="flex items-baseline justify-between px-1 text-sm font-semibold text-slate-700">
                <span>{STATUS_LABELS[col.status]}</span>
                <span className="text-xs font-normal text-slate-500" data-testid="column-count">{col.count}</span>
              </h2>
              <p className="px-1 text-xs text-slate-500" data-testid="column-value">{formatMoney(col.valueCents)}</p>
              <ul className="mt-2 space-y-2">
                {col.cards.map((c) => (
                  <li key={c.id}>
                    <Link to={`/proposals/${c.id}`} className="block rounded-md border border-slate-200 bg-white p-2 text-sm shadow-sm hover:border-brand-600 focus:outline-2">
                      <span className="block font-medium text-slate-900">{c.title}</span>
                      <span className="block text-xs text-slate-500">{c.company_name ?? "No company"} · {c.owner_name ?? "No owner"}</span>
                      <span className="mt-1 flex items-center justify-between text-xs">
                        <StatusBadge status={c.status} />
                        <span className="tabular-nums">{formatMoney(c.total_cents, c.currency)}</span>
                      </span>
                    </Link>
                  </li>
                ))}
                {col.count > col.cards.length ? (
                  <li className="px-1 text-xs"><Link className="underline" to={`/proposals/list?status=${col.status}`}>All {col.count}</Link></li>
                ) : null}
              </ul>
            </section>
          ))}
        </div>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
