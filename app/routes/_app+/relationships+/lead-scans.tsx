// /relationships/lead-scans — the lead scan log (read-only): every scanner run, newest first.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { loadLeadScans } from "~/modules/relationships/lead-scans.server";
import { leadScanListSchema } from "~/modules/relationships/schemas";
import { requireAccess } from "~/platform/access.server";
import { Badge, Pagination, dateTime, withQuery } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, EmptyState, PageHeader, SelectField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Lead scan log · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "relationships", "manage");
  const options = leadScanListSchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  return { ...(await loadLeadScans(args.context.db, options)), source: options.source ?? "" };
}

const STATUS_TONE = { running: "blue", succeeded: "green", partial: "amber", failed: "red" } as const;

function duration(start: string, end: string | null) {
  if (!end) return "—";
  const seconds = Math.max(0, Math.round((Date.parse(end) - Date.parse(start)) / 1000));
  return seconds < 90 ? `${seconds}s` : `${Math.round(seconds / 60)} min`;
}

export default function LeadScans() {
  const { rows, total, page, pageCount, sources, source } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/relationships" className="text-brand-600 underline">← Relationships</Link></p>
      <PageHeader title="Lead scan log" description="Every run of the lead scanners: when, how long, what they found and why any failed." />
      <Form method="get" className="mb-4 flex items-end gap-3" aria-label="Filter scans">
        <SelectField label="Source" name="source" defaultValue={source} options={[{ value: "", label: "All sources" }, ...sources.map((s) => ({ value: s, label: s }))]} />
        <Button type="submit" variant="secondary">Apply</Button>
      </Form>
      <p className="mb-2 text-sm text-slate-600" role="status">{total} {total === 1 ? "run" : "runs"}</p>
      {rows.length === 0 ? <EmptyState title="No scans recorded yet">Scanners record each run here as they start working.</EmptyState> : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="lead-scans">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 text-left font-medium">Started</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Source</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Status</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Took</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Counts</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Error</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="px-3 py-1.5 tabular-nums">{dateTime(r.started_at)}</td>
                  <td className="px-3 py-1.5">{r.source}{r.triggered_by_name ? <span className="text-xs text-slate-500"> · by {r.triggered_by_name}</span> : null}</td>
                  <td className="px-3 py-1.5"><Badge tone={STATUS_TONE[r.status as keyof typeof STATUS_TONE] ?? "slate"}>{r.status}</Badge></td>
                  <td className="px-3 py-1.5 tabular-nums">{duration(r.started_at, r.finished_at)}</td>
                  <td className="px-3 py-1.5 text-slate-700">{Object.entries(r.counts).map(([k, v]) => `${k.replace(/_/g, " ")} ${v}`).join(" · ") || "—"}</td>
                  <td className="px-3 py-1.5 text-red-700">{r.error ?? ""}</td>
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
