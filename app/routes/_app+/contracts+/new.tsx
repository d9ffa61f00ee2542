// /contracts/new — step 1 picks a template (GET ?template=), step 2 fills in the contract and
// one signer per template role (in signing order). Creates a draft.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createContract, loadNewContractForm } from "~/modules/contracts/contracts.server";
import { contractCreateSchema, idSchema } from "~/modules/contracts/schemas";
import { can, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, EmptyState, Field, FormError, PageHeader, SelectField, SubmitButton, TextAreaField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "New contract · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "contracts", "update");
  const templateId = idSchema.safeParse(new URL(args.request.url).searchParams.get("template"));
  const form = await loadNewContractForm(args.context.db, viewer, templateId.success ? templateId.data : undefined);
  return { ...form, canManage: can(viewer, "contracts", "manage") };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "contracts", "update");
  const form = await parseForm(args.request, contractCreateSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await createContract(args.context.db, viewer, form.data);
  if (!result.ok) return invalid(result.errors, { ...form.data, value: undefined, noticeDays: String(form.data.noticeDays) });
  return redirect(`/contracts/${result.id}?notice=created`);
}

export default function NewContract() {
  const { templates, companies, deals, template, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values = (result?.values ?? {}) as Record<string, unknown>;
  const v = (key: string) => (typeof values[key] === "string" ? (values[key] as string) : undefined);
  const list = (key: string) => (Array.isArray(values[key]) ? (values[key] as string[]) : typeof values[key] === "string" ? [values[key] as string] : []);
  if (templates.length === 0) {
    return (
      <>
        <PageHeader title="New contract" />
        <EmptyState title="No contract templates yet">
          {canManage ? <>Create one under <Link to="/contracts/templates" className="underline">Templates</Link> first.</> : "Ask an executive or head to create a contract template first."}
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageHeader title="New contract" description="Start from a template; the signers are emailed one after another once you send it." />
      <Card title="1. Template" className="mb-4">
        <Form method="get" className="flex flex-wrap items-end gap-3">
          <SelectField
            label="Template" name="template" defaultValue={template?.id ?? ""}
            options={[{ value: "", label: "Choose a template…" }, ...templates.map((t) => ({ value: t.id, label: t.name }))]}
          />
          <Button type="submit" variant="secondary">{template ? "Change template" : "Continue"}</Button>
        </Form>
      </Card>
      {template ? (
        <Card title="2. Contract and signers">
          <Form method="post" className="flex max-w-3xl flex-col gap-4" noValidate>
            <FormError error={errors.form} />
            <input type="hidden" name="templateId" value={template.id} />
            <FormError error={errors.templateId} />
            <Field label="Title" name="title" required defaultValue={v("title") ?? template.name} error={errors.title} />
            <div className="grid gap-3 sm:grid-cols-2">
              <SelectField label="Company" name="companyId" defaultValue={v("companyId") ?? ""} error={errors.companyId}
                options={[{ value: "", label: "Choose a company…" }, ...companies.map((c) => ({ value: c.id, label: c.name }))]} />
              <SelectField label="Deal (optional)" name="dealId" defaultValue={v("dealId") ?? ""} error={errors.dealId}
                options={[{ value: "", label: "No deal" }, ...deals.map((d) => ({ value: d.id, label: d.company_name ? `${d.title} — ${d.company_name}` : d.title }))]} />
              <Field label="Value" name="value" inputMode="decimal" placeholder="12,500.00" defaultValue={v("value")} error={errors.value} />
              <Field label="Currency" name="currency" defaultValue={v("currency") ?? "AUD"} maxLength={3} error={errors.currency} />
              <Field label="Start date" name="startDate" type="date" defaultValue={v("startDate")} error={errors.startDate} />
              <Field label="End date" name="endDate" type="date" defaultValue={v("endDate")} error={errors.endDate} />
              <Field label="Renewal date" name="renewalDate" type="date" defaultValue={v("renewalDate")} error={errors.renewalDate} />
              <Field label="Remind me this many days before renewal" name="noticeDays" type="number" min={0} max={365} defaultValue={v("noticeDays") ?? "30"} error={errors.noticeDays} />
            </div>
            <TextAreaField label="Special terms (optional)" name="terms" rows={3} defaultValue={v("terms")} error={errors.terms} />
            <fieldset className="flex flex-col gap-3">
              <legend className="mb-1 text-sm font-semibold text-slate-800">Signers, in signing order</legend>
              {template.roles.length === 0 ? <p className="text-sm text-red-700">This template has no signer roles.</p> : null}
              {template.roles.map((role, i) => (
                <div key={role.id} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[10rem_1fr_1fr]" data-testid={`signer-${i + 1}`}>
                  <p className="text-sm font-medium text-slate-700">{i + 1}. {role.label}</p>
                  <Field label={`${role.label}: name`} id={`signer-name-${i}`} name="signerName[]" defaultValue={list("signerName[]")[i]} error={errors[`signerName.${i}`]} />
                  <Field label={`${role.label}: email`} id={`signer-email-${i}`} name="signerEmail[]" type="email" defaultValue={list("signerEmail[]")[i]} error={errors[`signerEmail.${i}`]} />
                </div>
              ))}
            </fieldset>
            {template.fieldCount === 0 ? <p className="text-sm text-amber-700">This template has no fields placed yet; it cannot be sent until each role has a signature field.</p> : null}
            <div><SubmitButton>Create draft</SubmitButton></div>
          </Form>
        </Card>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
