import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { slaPolicySchema } from "~/modules/delivery/schemas";
import { deletePolicy, loadPolicyForm, savePolicy } from "~/modules/delivery/sla.server";
import { can, forbidden, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { ErrorList, useErrors } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, Field, PageHeader, SelectField, TextAreaField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "SLA policy · Nucleus" }];

// /sla/policies/new creates; /sla/policies/:id edits (rules replace the old ones) or deletes (manage).
export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "sla", "update");
  const id = args.params.policyId === "new" ? null : (args.params.policyId ?? "");
  const form = await loadPolicyForm(args.context.db, id);
  if (!form) notFound();
  return { ...form, canDelete: !!id && can(viewer, "sla", "manage") };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "sla", "update");
  const id = args.params.policyId === "new" ? null : (args.params.policyId ?? "");
  const body = await args.request.clone().formData();
  if (body.get("intent") === "delete") {
    if (!id || !can(viewer, "sla", "manage")) forbidden();
    if (!(await deletePolicy(args.context.db, viewer, id))) notFound();
    return redirect(`/sla?notice=${encodeURIComponent("Policy deleted")}`);
  }
  const form = await parseForm(args.request, slaPolicySchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await savePolicy(args.context.db, viewer, id, form.data);
  if (!result.ok) return result.status === 400 ? invalid(result.errors, form.data) : notFound();
  return redirect(`/sla?notice=${encodeURIComponent("Policy saved")}`);
}

const DAYS = [[1, "Mon"], [2, "Tue"], [3, "Wed"], [4, "Thu"], [5, "Fri"], [6, "Sat"], [7, "Sun"]] as const;

export default function PolicyPage() {
  const { policy, rules, priorities, companies, canDelete } = useLoaderData<typeof loader>();
  const errors = useErrors();
  const days = (policy?.business_days ?? "1,2,3,4,5").split(",").map(Number);
  const ruleFor = (id: string) => rules.find((r) => r.priority_id === id);
  return (
    <>
      <PageHeader title={policy ? `SLA policy: ${policy.name}` : "New SLA policy"} actions={<Link to="/sla" className="text-sm text-brand-600 underline">Back to SLA</Link>} />
      <ErrorList errors={errors.form ? { form: errors.form } : {}} />
      <Form method="post" className="max-w-3xl space-y-4" aria-label="SLA policy">
        <Field label="Name" name="name" required defaultValue={policy?.name ?? ""} error={errors.name} />
        <TextAreaField label="Description" name="description" rows={2} defaultValue={policy?.description ?? ""} />
        <SelectField label="Client (optional)" name="company_id" defaultValue={policy?.company_id ?? ""} options={[{ value: "", label: "Any client" }, ...companies.map((c) => ({ value: c.id, label: c.name }))]} error={errors.company_id} />
        <Card title="Business hours">
          <fieldset className="mb-2"><legend className="text-sm font-medium text-slate-700">Days</legend>
            <div className="flex flex-wrap gap-3">{DAYS.map(([n, l]) => <label key={n} className="flex items-center gap-1 text-sm"><input type="checkbox" name="business_days" value={n} defaultChecked={days.includes(n)} /> {l}</label>)}</div>
            {errors.business_days ? <p role="alert" className="text-xs text-red-600">{errors.business_days}</p> : null}
          </fieldset>
          <div className="flex flex-wrap gap-3">
            <Field label="Opens" name="business_start" type="time" defaultValue={policy?.business_start ?? "09:00"} error={errors.business_start} />
            <Field label="Closes" name="business_end" type="time" defaultValue={policy?.business_end ?? "17:30"} error={errors.business_end} />
            <Field label="Time zone" name="timezone" defaultValue={policy?.timezone ?? "Australia/Melbourne"} error={errors.timezone} />
          </div>
          <p className="mt-1 text-xs text-slate-500">Public holidays are skipped once the holidays calendar is connected.</p>
        </Card>
        <Card title="Targets per priority (business hours)">
          <table className="w-full text-sm" aria-label="Rules">
            <thead className="text-left text-xs text-slate-500"><tr><th className="py-1">Priority</th><th>Response (h)</th><th>Resolution (h)</th></tr></thead>
            <tbody>
              {priorities.map((p) => (
                <tr key={p.id}>
                  <th scope="row" className="py-1 text-left font-medium">{p.label}</th>
                  <td><Field label={`${p.label} response hours`} className="[&_label]:sr-only" name={`rule_${p.id}_response`} type="number" step="0.25" min={0} defaultValue={ruleFor(p.id)?.response_hours ?? ""} error={errors[`rule_${p.id}_response`]} /></td>
                  <td><Field label={`${p.label} resolution hours`} className="[&_label]:sr-only" name={`rule_${p.id}_resolution`} type="number" step="0.25" min={0} defaultValue={ruleFor(p.id)?.resolution_hours ?? ""} error={errors[`rule_${p.id}_resolution`]} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-1 text-xs text-slate-500">Leave a priority blank for no target. Saving replaces all rules.</p>
        </Card>
        <Button type="submit">Save policy</Button>
      </Form>
      {canDelete ? (
        <Form method="post" className="mt-6" onSubmit={(e) => { if (!window.confirm("Delete this policy? Tasks lose their SLA.")) e.preventDefault(); }}>
          <Button type="submit" name="intent" value="delete" variant="danger">Delete policy</Button>
        </Form>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
