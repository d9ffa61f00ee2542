// /companies/:companyId/edit — edit (field-level history) or delete a company.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { deleteCompany, loadCompanyForm, updateCompany } from "~/modules/crm/companies.server";
import { companyFormSchema } from "~/modules/crm/schemas";
import { notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseFormData } from "~/platform/forms.server";
import { CompanyFields } from "~/ui/crm-forms";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, FormError, PageHeader, SubmitButton } from "~/ui/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.company.name ?? "company"} · Nucleus` }];

const id = z.string().min(1).max(200);

export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "companies", "update");
  const companyId = id.safeParse(args.params.companyId);
  const page = companyId.success ? await loadCompanyForm(args.context.db, companyId.data) : null;
  if (!page?.company) notFound();
  return { ...page, company: page.company };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "companies", "update");
  const companyId = id.safeParse(args.params.companyId);
  if (!companyId.success) notFound();
  const form = await args.request.formData();
  if (form.get("intent") === "delete") {
    const deleted = await deleteCompany(args.context.db, viewer, companyId.data);
    if (!deleted) notFound();
    return deleted.ok ? redirect("/companies?notice=deleted") : invalid(deleted.errors);
  }
  const parsed = parseFormData(form, companyFormSchema);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await updateCompany(args.context.db, viewer, companyId.data, parsed.data);
  if (!result) notFound();
  if (!result.ok) return invalid(result.errors, parsed.data);
  return redirect(`/companies/${companyId.data}?notice=saved`);
}

export default function EditCompany() {
  const { company, parents, managers } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, unknown> = data?.values ?? company;
  return (
    <>
      <p className="mb-2 text-sm"><Link to={`/companies/${company.id}`} className="text-brand-600 underline">← {company.name}</Link></p>
      <PageHeader title={`Edit ${company.name}`} />
      <Form method="post" className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-5" aria-label="Edit company" noValidate>
        <FormError error={errors.form} />
        <CompanyFields values={values} errors={errors} parents={parents} managers={managers} />
        <SubmitButton name="intent" value="save">Save changes</SubmitButton>
      </Form>
      <Card title="Delete" className="mt-6 max-w-3xl">
        <p className="mb-3 text-sm text-slate-600">Subsidiaries become top-level companies and contacts stay, without a company. The history keeps a record.</p>
        <Form method="post" onSubmit={(e) => { if (!window.confirm(`Delete ${company.name}?`)) e.preventDefault(); }}>
          <Button type="submit" name="intent" value="delete" variant="danger">Delete company</Button>
        </Form>
      </Card>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
