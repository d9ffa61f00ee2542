import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { OPEN_LEVELS, loadOrgChart, type ChartNode } from "~/modules/people/org-chart.server";
import { displayName } from "~/modules/people/names";
import { EMPLOYMENT_STATUS_LABELS, type EmploymentStatus } from "~/modules/people/schemas";
import { requireAccess } from "~/platform/access.server";
import { levelLabel, type AccessLevel } from "~/platform/tools";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { EmptyState, PageHeader, cx } from "~/ui/form";
import { TimeAgo } from "~/ui/meta";
import { PersonAvatar, PersonName } from "~/ui/person-name";

export const meta: MetaFunction = () => [{ title: "Org chart · People · Nucleus" }];

const query = z.object({
  focus: z.string().trim().min(1).max(100).optional().catch(undefined),
  peek: z.string().trim().min(1).max(100).optional().catch(undefined),
});

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "people", "view");
  const options = query.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  return loadOrgChart(args.context.db, viewer, options);
}

function useHref() {
  const [params] = useSearchParams();
  return (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    const qs = next.toString();
    return qs ? `?${qs}` : "?";
  };
}

function NodeCard({ node, peeked }: { node: ChartNode; peeked: boolean }) {
  const href = useHref();
  const p = node.person;
  return (
    <span className={cx("inline-flex items-center gap-2 rounded-md border bg-white px-2 py-1", peeked ? "border-brand-500 ring-1 ring-brand-500" : "border-slate-200")}>
      <PersonAvatar person={p} picture={p.avatar_url} size={24} />
      <span className="text-sm">
        <PersonName person={p} to={href({ peek: p.id })} />
        <span className="ml-2 text-xs text-slate-500">{p.title ?? ""}</span>
        {p.squad ? <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600">{p.squad}</span> : null}
        {node.reports > 0 ? <span className="ml-2 text-xs text-slate-500">{node.reports} {node.reports === 1 ? "report" : "reports"}</span> : null}
      </span>
    </span>
  );
}

function TreeNode({ node, depth, peekId }: { node: ChartNode; depth: number; peekId: string | null }) {
  const href = useHref();
  const card = <NodeCard node={node} peeked={peekId === node.person.id} />;
  return (
    <li className="my-1" data-testid="org-node" data-person-id={node.person.id}>
      {node.children.length > 0 ? (
        <details open={depth < OPEN_LEVELS}>
          <summary className="cursor-pointer">{card}</summary>
          <ul className="ml-5 border-l border-slate-200 pl-4">
            {node.children.map((child) => (
              <TreeNode key={child.person.id} node={child} depth={depth + 1} peekId={peekId} />
            ))}
          </ul>
        </details>
      ) : (
        <span className="ml-4 inline-block">{card}</span>
      )}
      {node.truncated ? (
        <Link to={href({ focus: node.person.id })} className="ml-6 text-xs text-brand-700 underline">
          Show {displayName(node.person)}'s {node.reports} {node.reports === 1 ? "report" : "reports"} and below
        </Link>
      ) : null}
    </li>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-3 py-1 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-all text-right text-slate-900">{children}</dd>
    </div>
  );
}

export default function OrgChart() {
  const { roots, total, focus, peek, peekActivity } = useLoaderData<typeof loader>();
  const href = useHref();
  const [params] = useSearchParams();
  const peekId = params.get("peek");
  return (
    <>
      <PageHeader
        title="Org chart"
        description={`${total} ${total === 1 ? "person" : "people"} you can see, by who they report to.`}
        actions={<Link to="/people" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Directory</Link>}
      />
      {focus ? (
        <nav aria-label="Focused on" className="mb-3 flex flex-wrap items-center gap-1 text-sm">
          <Link to={href({ focus: null })} className="text-brand-700 underline">Whole chart</Link>
          {focus.map((p) => (
            <span key={p.id}>
              <span aria-hidden="true" className="text-slate-400"> › </span>
              <Link to={href({ focus: p.id })} className="hover:underline">{displayName(p)}</Link>
            </span>
          ))}
        </nav>
      ) : null}
      <div className="flex items-start gap-4">
        <div className="min-w-0 flex-1 overflow-x-auto rounded-lg border border-slate-200 bg-slate-50 p-3">
          {roots.length === 0 ? (
            <EmptyState title="No one to show">People appear here once they are synced from Productive.</EmptyState>
          ) : (
            <ul aria-label="Reporting lines" data-testid="org-chart">
              {roots.map((node) => (
                <TreeNode key={node.person.id} node={node} depth={0} peekId={peekId} />
              ))}
            </ul>
          )}
        </div>
        {peek ? (
          <aside aria-labelledby="peek-title" className="sticky top-4 w-80 shrink-0 rounded-lg border border-slate-200 bg-white p-4 shadow-lg" data-testid="peek">
            <div className="mb-3 flex items-start justify-between gap-2">
              <div className="flex items-center gap-2">
                <PersonAvatar person={peek} picture={peek.avatar_url} size={40} />
                <div>
                  <h2 id="peek-title"><PersonName person={peek} /></h2>
                  <p className="text-xs text-slate-500">{peek.title ?? "—"}</p>
                </div>
              </div>
              <Link to={href({ peek: null })} className="text-sm text-slate-500 underline" aria-label="Close details">Close</Link>
            </div>
            <h3 className="mt-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Contact</h3>
            <dl className="divide-y divide-slate-100">
              <Row label="Email"><a href={`mailto:${peek.email}`} className="hover:underline">{peek.email}</a></Row>
              {peek.mobile ? <Row label="Mobile">{peek.mobile}</Row> : null}
              {peek.phone ? <Row label="Phone">{peek.phone}</Row> : null}
              <Row label="Location">{peek.location ?? "—"}</Row>
              <Row label="Manager">
                {peek.manager_id ? (
                  <PersonName person={{ first_name: peek.manager_first_name ?? "", last_name: peek.manager_last_name ?? "", preferred_name: peek.manager_preferred_name, pronunciation: peek.manager_pronunciation }} />
                ) : "—"}
              </Row>
            </dl>
            <h3 className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-500">System</h3>
            <dl className="divide-y divide-slate-100">
              <Row label="Status">{EMPLOYMENT_STATUS_LABELS[peek.employment_status as EmploymentStatus] ?? peek.employment_status}</Row>
              <Row label="Squad">{peek.squad ?? "—"}</Row>
              <Row label="App account">{peek.access_level ? levelLabel(peek.access_level as AccessLevel) : "None yet"}</Row>
              <Row label="Productive">{peek.productive_id ? "Linked" : "Not linked"}</Row>
              <Row label="Xero">{peek.xero_linked ? "Linked" : "Not linked"}</Row>
              <Row label="Last synced">{peek.synced_at ? <TimeAgo iso={peek.synced_at} /> : "Never"}</Row>
            </dl>
            {peekActivity.length > 0 ? (
              <>
                <h3 className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-500">Recent activity</h3>
                <ul className="mt-1 space-y-1 text-sm">
                  {peekActivity.map((h) => (
                    <li key={h.id} className="flex justify-between gap-2">
                      <span>{h.action.replace(/_/g, " ")}{h.actor_name ? ` by ${h.actor_name}` : ""}</span>
                      <TimeAgo iso={h.created_at} />
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <Link to={`/people/${peek.id}`} className="mt-4 inline-block rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
              View profile
            </Link>
          </aside>
        ) : null}
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
