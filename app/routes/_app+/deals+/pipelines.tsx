import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { applyPipelineIntent, loadPipelines } from "~/modules/deals/pipelines.server";
import { pipelineIntentSchema, STAGE_TYPES, STAGE_TYPE_LABELS } from "~/modules/deals/schemas";
import { respond } from "~/modules/delivery/http.server";
import { requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { ErrorList, Notice, useErrors } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { ActionButton, Button, Card, Field, PageHeader, SelectField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Deal pipelines · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "deals", "manage");
  return { pipelines: await loadPipelines(args.context.db) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "deals", "manage");
  const form = await parseForm(args.request, pipelineIntentSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  return respond(args.request, await applyPipelineIntent(args.context.db, viewer, form.data), form.data);
}

const typeOptions = STAGE_TYPES.map((t) => ({ value: t, label: STAGE_TYPE_LABELS[t] }));

export default function Pipelines() {
  const { pipelines } = useLoaderData<typeof loader>();
  const errors = useErrors();
  return (
    <>
      <PageHeader
        title="Deal pipelines"
        description="Ordered stages with their probability (for weighted value), type (open, won, lost) and rotting days (an untouched open deal is flagged and its owner gets an action item)."
        actions={<Link to="/deals" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Board</Link>}
      />
      <Notice />
      <ErrorList errors={errors} />
      <div className="space-y-6">
        {pipelines.map((p) => (
          <Card key={p.id} title={`${p.name}${p.is_default ? " (default)" : ""}${p.is_active ? "" : " — archived"}`}
            actions={!p.is_default && p.is_active ? <ActionButton intent="set_default" fields={{ pipeline_id: p.id }}>Make default</ActionButton> : null}>
            <Form method="post" className="mb-4 flex flex-wrap items-end gap-3" aria-label={`Pipeline ${p.name}`}>
              <input type="hidden" name="intent" value="update_pipeline" />
              <input type="hidden" name="pipeline_id" value={p.id} />
              <Field label="Name" name="name" id={`pn-${p.id}`} defaultValue={p.name} required maxLength={120} />
              <Field label="Description" name="description" id={`pd-${p.id}`} defaultValue={p.description ?? ""} className="min-w-72 flex-1" />
              <label className="flex items-center gap-1.5 pb-1.5 text-sm"><input type="checkbox" name="is_active" value="on" defaultChecked={Boolean(p.is_active)} /> Active</label>
              <Button type="submit" variant="secondary">Save</Button>
              <span className="pb-1.5 text-xs text-slate-500">{p.deal_count} deals</span>
            </Form>
            <table className="min-w-full text-sm" aria-label={`Stages of ${p.name}`}>
              <thead className="text-left text-slate-600"><tr><th className="py-1 pr-2 font-medium">Order</th><th className="py-1 pr-2 font-medium">Stage</th><th className="py-1 pr-2 font-medium">Deals</th><th className="py-1 font-medium"><span className="sr-only">Delete</span></th></tr></thead>
              <tbody className="divide-y divide-slate-100">
                {p.stages.map((s, i) => (
                  <tr key={s.id}>
                    <td className="py-1.5 pr-2 align-middle">
                      <div className="flex gap-1">
                        {i > 0 ? <ActionButton intent="move_stage" fields={{ stage_id: s.id, direction: "up" }} variant="ghost"><span aria-label={`Move ${s.name} up`}>↑</span></ActionButton> : null}
                        {i < p.stages.length - 1 ? <ActionButton intent="move_stage" fields={{ stage_id: s.id, direction: "down" }} variant="ghost"><span aria-label={`Move ${s.name} down`}>↓</span></ActionButton> : null}
                      </div>
                    </td>
                    <td className="py-1.5 pr-2">
                      <Form method="post" className="flex flex-wrap items-end gap-2" aria-label={`Stage ${s.name}`}>
                        <input type="hidden" name="intent" value="update_stage" />
                        <input type="hidden" name="stage_id" value={s.id} />
                        <Field label="Name" name="name" id={`sn-${s.id}`} defaultValue={s.name} required maxLength={80} className="w-40" />
                        <Field label="Probability %" name="probability" id={`sp-${s.id}`} type="number" min={0} max={100} defaultValue={s.probability} className="w-24" />
                        <SelectField label="Type" name="stage_type" id={`st-${s.id}`} defaultValue={s.stage_type} options={typeOptions} />
                        <Field label="Rotting days" name="rotting_days" id={`sr-${s.id}`} type="number" min={1} max={365} defaultValue={s.rotting_days ?? ""} className="w-24" />
                        <Button type="submit" variant="secondary">Save</Button>
                      </Form>
                    </td>
                    <td className="py-1.5 pr-2 tabular-nums">{s.deal_count}</td>
                    <td className="py-1.5">{s.deal_count === 0 ? <ActionButton intent="delete_stage" fields={{ stage_id: s.id }} variant="ghost" confirm={`Delete the stage ${s.name}?`}>Delete</ActionButton> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Form method="post" className="mt-3 flex flex-wrap items-end gap-2 border-t border-slate-100 pt-3" aria-label={`Add a stage to ${p.name}`}>
              <input type="hidden" name="intent" value="add_stage" />
              <input type="hidden" name="pipeline_id" value={p.id} />
              <Field label="New stage" name="name" id={`nn-${p.id}`} required maxLength={80} className="w-40" />
              <Field label="Probability %" name="probability" id={`np-${p.id}`} type="number" min={0} max={100} defaultValue={50} className="w-24" />
              <SelectField label="Type" name="stage_type" id={`nt-${p.id}`} defaultValue="open" options={typeOptions} />
              <Field label="Rotting days" name="rotting_days" id={`nr-${p.id}`} type="number" min={1} max={365} className="w-24" />
              <Button type="submit">Add stage</Button>
            </Form>
          </Card>
        ))}
        <Card title="New pipeline">
          <Form method="post" className="flex flex-wrap items-end gap-3" aria-label="New pipeline">
            <input type="hidden" name="intent" value="create_pipeline" />
            <Field label="Name" name="name" id="new-pipeline-name" required maxLength={120} />
            <Field label="Description" name="description" id="new-pipeline-description" className="min-w-72 flex-1" />
            <Button type="submit">Create pipeline</Button>
          </Form>
          <p className="mt-2 text-xs text-slate-500">It starts with Lead, Qualified, Proposal, Negotiation, Won and Lost; edit them above.</p>
        </Card>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
