// /contacts/new — create a contact (?company=<id> preselects the company).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createContact, loadContactForm } from "~/modules/crm/contacts.server";
import { contactFormSchema } from "~/modules/crm/schemas";
import { requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { ContactFields } from "~/ui/crm-forms";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { FormError, PageHeader, SubmitButton } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "New contact · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "contacts", "update");
  const company = new URL(args.request.url).searchParams.get("company")?.slice(0, 200) ?? "";
  const { companies } = await loadContactForm(args.context.db, null, company);
  return { companies, company: companies.some((c) => c.id === company) ? company : "" };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "contacts", "update");
  const form = await parseForm(args.request, contactFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await createContact(args.context.db, viewer, form.data);
  if (!result.ok) return invalid(result.errors, form.data);
  return redirect(`/contacts/${result.id}?notice=created`);
}

export default function NewContact() {
  const { companies, company } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, unknown> = data?.values ?? { company_id: company };
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/contacts" className="text-brand-600 underline">← Contacts</Link></p>
      <PageHeader title="New contact" />
      <Form method="post" className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-5" aria-label="New contact" noValidate>
        <FormError error={errors.form} />
        <ContactFields values={values} errors={errors} companies={companies} />
        <SubmitButton>Create contact</SubmitButton>
      </Form>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
