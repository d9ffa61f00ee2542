// /companies/new — create a company (optionally inside a group: ?parent=<id>).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createCompany, loadCompanyForm } from "~/modules/crm/companies.server";
import { companyFormSchema } from "~/modules/crm/schemas";
import { requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { CompanyFields } from "~/ui/crm-forms";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { FormError, PageHeader, SubmitButton } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "New company · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "companies", "update");
  const parent = new URL(args.request.url).searchParams.get("parent")?.slice(0, 200) ?? "";
  const { parents, managers } = await loadCompanyForm(args.context.db, null);
  return { parents, managers, parent: parents.some((p) => p.id === parent) ? parent : "" };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "companies", "update");
  const form = await parseForm(args.request, companyFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await createCompany(args.context.db, viewer, form.data);
  if (!result.ok) return invalid(result.errors, form.data);
  return redirect(`/companies/${result.id}?notice=created`);
}

export default function NewCompany() {
  const { parents, managers, parent } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, unknown> = data?.values ?? { parent_id: parent };
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/companies" className="text-brand-600 underline">← Companies</Link></p>
      <PageHeader title="New company" />
      <Form method="post" className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-5" aria-label="New company" noValidate>
        <FormError error={errors.form} />
        <CompanyFields values={values} errors={errors} parents={parents} managers={managers} />
        <SubmitButton>Create company</SubmitButton>
      </Form>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
