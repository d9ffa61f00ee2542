// /proposals/new — create a proposal from a template (optionally for a deal: its company,
// contact and value fill the {{variables}}).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createProposal, loadNewForm } from "~/modules/proposals/proposals.server";
import { newProposalSchema, newProposalValuesFrom } from "~/modules/proposals/schemas";
import { VARIABLES } from "~/modules/proposals/variables";
import { requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { CompanyContactFields } from "~/ui/company-contact-fields";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Card, Field, FormError, PageHeader, SelectField, SubmitButton } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "New proposal · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "proposals", "update");
  const params = new URL(args.request.url).searchParams;
  const typed = newProposalValuesFrom(params);
  const deal = (typed?.dealId || params.get("deal"))?.slice(0, 100) || null;
  return { ...(await loadNewForm(args.context.db, viewer, deal, typed?.companyId || null)), deal, typed };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "proposals", "update");
  const form = await parseForm(args.request, newProposalSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await createProposal(args.context.db, viewer, form.data);
  if (!result.ok) return invalid(result.errors, form.data);
  return redirect(`/proposals/${result.id}?notice=created`);
}

const none = (label: string) => ({ value: "", label });

export default function NewProposal() {
  const { templates, companies, contacts, deals, deal, typed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (result?.errors ?? {}) as Record<string, string>;
  const values = (result?.values ?? typed ?? {}) as Record<string, string | undefined>;
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/proposals" className="text-brand-600 underline">← Proposals</Link></p>
      <PageHeader title="New proposal" description="Start from a template; pages and pricing are copied and can be edited." />
      <Card>
        <Form method="post" className="grid max-w-2xl gap-3">
          <FormError error={errors.form} />
          <Field label="Title" name="title" required defaultValue={values.title ?? ""} error={errors.title} />
          <SelectField label="Template" name="templateId" defaultValue={values.templateId ?? templates[0]?.id ?? ""} error={errors.templateId}
            options={[none("Blank proposal"), ...templates.map((t) => ({ value: t.id, label: t.category ? `${t.name} (${t.category})` : t.name }))]} />
          <SelectField label="Deal (optional)" name="dealId" defaultValue={values.dealId ?? deal ?? ""} error={errors.dealId}
            options={[none("No deal"), ...deals.map((d) => ({ value: d.id, label: d.title }))]} />
          <CompanyContactFields companies={companies} contacts={contacts}
            company={{ name: "companyId", label: "Company", value: values.companyId, error: errors.companyId, emptyLabel: "From the deal / none" }}
            contact={{ name: "contactId", label: "Client contact", value: values.contactId, error: errors.contactId, emptyLabel: "From the deal / none" }} />
          <Field label="Valid until" name="validUntil" type="date" defaultValue={values.validUntil ?? ""} error={errors.validUntil} hint="Empty: the default validity from the proposal settings." />
          <p className="text-xs text-slate-500">Template variables: {VARIABLES.map((v) => `{{${v}}}`).join(" ")}</p>
          <div><SubmitButton>Create proposal</SubmitButton></div>
        </Form>
      </Card>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
