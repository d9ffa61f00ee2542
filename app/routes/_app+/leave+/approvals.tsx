import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { loadAllLeave, loadApprovals, mayViewAllLeave } from "~/modules/leave/leave.server";
import { LEAVE_STATUSES, STATUS_LABELS } from "~/modules/leave/policy";
import { forbidden, requireAccess } from "~/platform/access.server";
import { Pagination } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, EmptyState, PageHeader } from "~/ui/form";
import { dayRange, LeaveTabs, StatusBadge } from "~/ui/leave";

export const meta: MetaFunction = () => [{ title: "Leave approvals · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "leave", "update");
  if (!["manager", "head", "executive"].includes(viewer.accessLevel)) forbidden("Only managers, heads and executives approve leave");
  const params = new URL(args.request.url).searchParams;
  const page = z.coerce.number().int().min(1).max(1000).catch(1).parse(params.get("page") ?? 1);
  const status = z.enum(LEAVE_STATUSES).optional().catch(undefined).parse(params.get("status") || undefined);
  const pending = viewer.pendingLeaveApprovals;
  const canViewAll = mayViewAllLeave(viewer);
  // `tab=all` is for heads and executives only (ORIGINAL §3.5); anyone else gets their queue.
  const all = params.get("tab") === "all" ? await loadAllLeave(args.context, viewer, { status, page }) : null;
  if (all) return { tab: "all" as const, all, canViewAll, pending };
  return { tab: "awaiting" as const, ...(await loadApprovals(args.context, viewer, page)), canViewAll, pending };
}

export const ErrorBoundary = RouteErrorBoundary;

type Row = { id: string; person_name: string; type_name: string; start_date: string; end_date: string; start_half: number; end_half: number; total_hours: number; status: string };

function Rows({ rows, label }: { rows: Row[]; label: string }) {
  return (
    <table className="w-full text-sm" aria-label={label}>
      <thead className="text-left text-slate-500"><tr><th className="py-1.5">Person</th><th>Type</th><th>Dates</th><th className="text-right">Hours</th><th>Status</th></tr></thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.id} data-testid="approval-row">
            <td className="py-1.5"><Link to={`/leave/requests/${r.id}`} className="text-brand-700 underline">{r.person_name}</Link></td>
            <td>{r.type_name}</td>
            <td>{dayRange(r.start_date, r.end_date, r.start_half, r.end_half)}</td>
            <td className="text-right tabular-nums">{r.total_hours}</td>
            <td><StatusBadge status={r.status} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function Approvals() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Leave approvals" description="Requests waiting for your decision. Open one to see what the absence overlaps before deciding." />
      <LeaveTabs current="approvals" pending={data.pending} canApprove />
      {data.canViewAll ? (
        <nav aria-label="Approval views" className="mb-3 flex gap-2 text-sm">
          <Link to="/leave/approvals" aria-current={data.tab === "awaiting" ? "page" : undefined} className={data.tab === "awaiting" ? "font-medium text-brand-700 underline" : "text-slate-600 hover:underline"}>Awaiting you</Link>
          <Link to="/leave/approvals?tab=all" aria-current={data.tab === "all" ? "page" : undefined} className={data.tab === "all" ? "font-medium text-brand-700 underline" : "text-slate-600 hover:underline"}>All requests</Link>
        </nav>
      ) : null}
      {data.tab === "all" ? <AllRequests {...data.all} /> : <Awaiting {...data} />}
    </>
  );
}

function Awaiting({ awaiting, total, page, pastEnd, pageCount, waitingOnManagers }: { awaiting: Row[]; total: number; page: number; pastEnd: boolean; pageCount: number; waitingOnManagers: Row[] }) {
  return (
    <>
      <Card title={pastEnd ? "Awaiting you" : `Awaiting you (${total})`}>
        {pastEnd ? <EmptyState title="This page is past the end of the list"><Link to="/leave/approvals" className="text-brand-700 underline">Go to the first page</Link></EmptyState>
          : awaiting.length === 0 ? <EmptyState title="Nothing to approve">New requests from your team will show here.</EmptyState> : <Rows rows={awaiting} label="Awaiting your approval" />}
        <Pagination page={page} pageCount={pageCount} hrefFor={(p) => `/leave/approvals?page=${p}`} />
      </Card>
      {waitingOnManagers.length ? (
        <Card title="Waiting on managers" className="mt-4">
          <p className="mb-2 text-sm text-slate-600">As an executive you may approve these directly (both tiers are recorded).</p>
          <Rows rows={waitingOnManagers} label="Waiting on managers" />
        </Card>
      ) : null}
    </>
  );
}

function AllRequests({ rows, total, page, pageCount, status }: { rows: Row[]; total: number; page: number; pageCount: number; status: string | null }) {
  const href = (p: number) => `/leave/approvals?tab=all${status ? `&status=${status}` : ""}${p > 1 ? `&page=${p}` : ""}`;
  return (
    <Card title={`All requests (${total})`} actions={
      <Form method="get" className="flex items-end gap-2 text-sm">
        <input type="hidden" name="tab" value="all" />
        <label className="flex items-center gap-1.5">Status
          <select name="status" defaultValue={status ?? ""} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
            <option value="">Any</option>
            {LEAVE_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
          </select>
        </label>
        <Button type="submit" variant="secondary" className="text-xs">Filter</Button>
      </Form>
    }>
      {rows.length === 0 ? <EmptyState title="No leave requests">{status ? "None with this status." : "Nobody has requested leave yet."}</EmptyState> : <Rows rows={rows} label="All leave requests" />}
      <Pagination page={page} pageCount={pageCount} hrefFor={href} />
    </Card>
  );
}
