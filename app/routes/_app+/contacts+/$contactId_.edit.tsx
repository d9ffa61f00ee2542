// /contacts/:contactId/edit — edit (field-level history) or delete a contact.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { deleteContact, loadContactForm, updateContact } from "~/modules/crm/contacts.server";
import { contactFormSchema } from "~/modules/crm/schemas";
import { notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseFormData } from "~/platform/forms.server";
import { ContactFields } from "~/ui/crm-forms";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, FormError, PageHeader, SubmitButton } from "~/ui/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.contact.name ?? "contact"} · Nucleus` }];

const id = z.string().min(1).max(200);

export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "contacts", "update");
  const contactId = id.safeParse(args.params.contactId);
  const page = contactId.success ? await loadContactForm(args.context.db, contactId.data, null) : null;
  if (!page?.contact) notFound();
  return { companies: page.companies, contact: page.contact };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "contacts", "update");
  const contactId = id.safeParse(args.params.contactId);
  if (!contactId.success) notFound();
  const form = await args.request.formData();
  if (form.get("intent") === "delete") {
    const deleted = await deleteContact(args.context.db, viewer, contactId.data);
    if (!deleted) notFound();
    return deleted.ok ? redirect("/contacts?notice=deleted") : invalid(deleted.errors);
  }
  const parsed = parseFormData(form, contactFormSchema);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await updateContact(args.context.db, viewer, contactId.data, parsed.data);
  if (!result) notFound();
  if (!result.ok) return invalid(result.errors, parsed.data);
  return redirect(`/contacts/${contactId.data}?notice=saved`);
}

export default function EditContact() {
  const { contact, companies } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, unknown> = data?.values ?? contact;
  return (
    <>
      <p className="mb-2 text-sm"><Link to={`/contacts/${contact.id}`} className="text-brand-600 underline">← {contact.name}</Link></p>
      <PageHeader title={`Edit ${contact.name}`} />
      <Form method="post" className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-5" aria-label="Edit contact" noValidate>
        <FormError error={errors.form} />
        <ContactFields values={values} errors={errors} companies={companies} />
        <SubmitButton name="intent" value="save">Save changes</SubmitButton>
      </Form>
      <Card title="Delete" className="mt-6 max-w-3xl">
        <p className="mb-3 text-sm text-slate-600">Removes the contact with their communications log, relationship profile, life events, partner links and drafts. The history keeps a record.</p>
        <Form method="post" onSubmit={(e) => { if (!window.confirm(`Delete ${contact.name}?`)) e.preventDefault(); }}>
          <Button type="submit" name="intent" value="delete" variant="danger">Delete contact</Button>
        </Form>
      </Card>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
