import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDuration, parseBusinessDays } from "~/modules/delivery/business-hours";
import { loadSlaPage, SLA_VIEWS, type SlaView } from "~/modules/delivery/sla.server";
import { can, requireAccess } from "~/platform/access.server";
import { BreachBadge, formatLocal, Notice, Table, TabNav, td, th } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Card, EmptyState, PageHeader } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "SLA · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "sla", "view");
  const tab = new URL(args.request.url).searchParams.get("tab");
  const view: SlaView = (SLA_VIEWS as readonly string[]).includes(tab ?? "") ? (tab as SlaView) : "at_risk";
  return { ...(await loadSlaPage(args.context.db, viewer, view)), canEdit: can(viewer, "sla", "update") };
}

const DAY_NAMES = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

export default function Sla() {
  const { view, rows, policies, counts, canEdit } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="SLA" description="Open tickets against their response and resolution targets, in business hours (weekends, after-hours and public holidays do not count)." />
      <Notice />
      <TabNav label="SLA views" active={view} tabs={[
        { key: "at_risk", label: `At risk (${counts.atRisk})` },
        { key: "breached", label: `Breached (${counts.breached})` },
        { key: "open", label: `Open, on track` },
      ]} />
      {rows.length === 0 ? (
        <EmptyState title={view === "breached" ? "No breaches" : view === "at_risk" ? "Nothing at risk" : "No open SLAs"}>{view === "at_risk" ? "Tickets show here when under a quarter of their target (or two business hours) is left." : "Tickets with an SLA policy show here."}</EmptyState>
      ) : (
        <Table label="SLA tickets">
          <thead className="bg-slate-50 text-slate-600">
            <tr><th className={th}>Task</th><th className={th}>Project</th><th className={th}>Priority</th><th className={th}>Assignee</th><th className={th}>Next deadline (Melbourne)</th><th className={th}>Business time left</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100" data-testid="sla-rows">
            {rows.map((r) => (
              <tr key={r.task_id}>
                <td className={td}><Link to={`/tasks/${r.task_id}`} className="font-medium text-brand-700 hover:underline">{r.title}</Link> <BreachBadge response={r.response_breached} resolution={r.resolution_breached} /></td>
                <td className={td}>{r.project_id ? <Link to={`/projects/${r.project_id}`} className="hover:underline">{r.project_name}</Link> : "—"}</td>
                <td className={td}>{r.priority_label ?? "—"}</td>
                <td className={td}>{r.assignee_name ?? "Unassigned"}</td>
                <td className={`${td} tabular-nums`}>{r.which === "response" ? "Response" : "Resolution"}: {formatLocal(r.next_deadline)}</td>
                <td className={`${td} tabular-nums ${r.breached ? "font-semibold text-red-700" : r.atRisk ? "font-semibold text-amber-700" : ""}`}>
                  {r.remainingMs === null ? "—" : r.remainingMs <= 0 ? `Overdue by ${formatDuration(-r.remainingMs)}` : formatDuration(r.remainingMs)}
                  {r.atRisk ? " · at risk" : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Card title="Policies" className="mt-6" actions={canEdit ? <Link to="/sla/policies/new" className="text-sm text-brand-600 underline">New policy</Link> : undefined}>
        {policies.length === 0 ? <p className="text-sm text-slate-500">No policies yet.</p> : (
          <ul className="divide-y divide-slate-100 text-sm">
            {policies.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  {canEdit ? <Link to={`/sla/policies/${p.id}`} className="font-medium text-brand-700 hover:underline">{p.name}</Link> : <span className="font-medium">{p.name}</span>}
                  {p.company_name ? <span className="text-slate-500"> · {p.company_name}</span> : null}
                </span>
                <span className="text-slate-600">{parseBusinessDays(p.business_days).map((d) => DAY_NAMES[d]).join(" ")} {p.business_start}–{p.business_end} · {p.rule_count} rules · {p.project_count} projects</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
