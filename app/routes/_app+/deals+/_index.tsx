import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DealBoard } from "~/modules/deals/DealBoard";
import { loadBoard, moveDeal, sweepRottingDeals } from "~/modules/deals/deals.server";
import { formatMoney, moveSchema } from "~/modules/deals/schemas";
import { respond } from "~/modules/delivery/http.server";
import { can, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { Notice } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, EmptyState, PageHeader, SelectField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Deals · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "deals", "view");
  const pipelineId = new URL(args.request.url).searchParams.get("pipeline");
  const board = await loadBoard(args.context.db, viewer, pipelineId);
  // Rotting deals → action items for their owners, after the response (idempotent, throttled).
  args.context.waitUntil(sweepRottingDeals(args.context.db).catch(() => null));
  return { ...board, canMove: can(viewer, "deals", "update"), canManage: can(viewer, "deals", "manage") };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "deals", "update");
  const form = await parseForm(args.request, moveSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  return respond(args.request, await moveDeal(args.context, viewer, form.data.deal_id, form.data.stage_id), form.data);
}

export default function DealsBoard() {
  const { pipelines, pipeline, columns, cards, summary, canMove, canManage } = useLoaderData<typeof loader>();
  const action = `/deals?index${pipeline ? `&pipeline=${encodeURIComponent(pipeline.id)}` : ""}`;
  return (
    <>
      <PageHeader
        title="Deals"
        description="Drag a deal to another stage (or use its stage menu). Weighted value = value × stage probability."
        actions={
          <>
            <Link to="/deals/list" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">List</Link>
            {canManage ? <Link to="/deals/pipelines" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Pipelines</Link> : null}
            {canMove ? <Link to={`/deals/new${pipeline ? `?pipeline=${encodeURIComponent(pipeline.id)}` : ""}`} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">New deal</Link> : null}
          </>
        }
      />
      <Notice />
      <div className="mb-4 flex flex-wrap items-end gap-4">
        {pipelines.length > 1 ? (
          <Form method="get" className="flex items-end gap-2" aria-label="Choose a pipeline">
            <SelectField label="Pipeline" name="pipeline" defaultValue={pipeline?.id ?? ""} options={pipelines.filter((p) => p.is_active || p.id === pipeline?.id).map((p) => ({ value: p.id, label: p.name }))} />
            <Button type="submit" variant="secondary">Show</Button>
          </Form>
        ) : null}
        <dl className="flex flex-wrap gap-6 text-sm" aria-label="Pipeline totals" data-testid="pipeline-totals">
          <div><dt className="text-slate-500">Open deals</dt><dd className="font-semibold tabular-nums" data-testid="total-open-count">{summary.openCount}</dd></div>
          <div><dt className="text-slate-500">Open value</dt><dd className="font-semibold tabular-nums" data-testid="total-open-value">{formatMoney(summary.openValueCents)}</dd></div>
          <div><dt className="text-slate-500">Weighted value</dt><dd className="font-semibold tabular-nums" data-testid="total-weighted">{formatMoney(summary.weightedCents)}</dd></div>
          <div><dt className="text-slate-500">Won (30 days)</dt><dd className="font-semibold tabular-nums">{formatMoney(summary.wonValueCents)}</dd></div>
          <div><dt className="text-slate-500">Rotting</dt><dd className="font-semibold tabular-nums" data-testid="total-rotting">{summary.rotting}</dd></div>
        </dl>
      </div>
      {columns.length === 0 ? (
        <EmptyState title="No pipeline yet">{canManage ? <>Create one under <Link to="/deals/pipelines" className="underline">Pipelines</Link>.</> : "Ask a sales lead to set up a pipeline."}</EmptyState>
      ) : (
        <DealBoard columns={columns} cards={cards} canMove={canMove} action={action} />
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
