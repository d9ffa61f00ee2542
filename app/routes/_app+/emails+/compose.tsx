// /emails/compose — write a new email to a contact through your own Gmail (needs emails:update).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { composeSchema } from "~/modules/email/schemas";
import { composeEmail, loadCompose } from "~/modules/email/send.server";
import { requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, Field, FormError, PageHeader, SelectField, TextAreaField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Compose email · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "emails", "update");
  const data = await loadCompose(args.context.db, viewer);
  const preset = new URL(args.request.url).searchParams.get("contact")?.slice(0, 100) ?? "";
  return { ...data, preset };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "emails", "update");
  const form = await parseForm(args.request, composeSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await composeEmail(args.context, viewer, form.data);
  if (!result.ok) return invalid(result.kind === "invalid" ? result.errors : { form: result.kind === "failed" ? result.error : "Not found" }, { ...form.data, noConnection: result.kind === "failed" && result.noConnection });
  return redirect(`/emails/${encodeURIComponent(result.threadId)}?sent=1`);
}

export default function ComposePage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  const values = (result?.values ?? {}) as { contactId?: string; subject?: string; body?: string; noConnection?: boolean };
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/emails" className="text-brand-600 underline">← Emails</Link></p>
      <PageHeader title="Compose email" description="Sent from your own Gmail and stored with the contact's company." />
      <Card className="max-w-2xl">
        {!data.connected ? (
          <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <Link to="/connections" className="underline">Connect Google in Connections first</Link> — sending needs your Google account.
          </p>
        ) : null}
        <Form method="post" className="space-y-3">
          <FormError error={errors.form} />
          {values.noConnection ? <p className="text-sm"><Link to="/connections" className="underline">Open Connections</Link></p> : null}
          <SelectField
            label="To"
            name="contactId"
            defaultValue={values.contactId ?? data.preset}
            error={errors.contactId}
            options={[{ value: "", label: "Choose a contact…" }, ...data.contacts.map((c) => ({ value: c.id, label: `${c.name} <${c.email}>${c.company_name ? ` — ${c.company_name}` : ""}` }))]}
          />
          <Field label="Subject" name="subject" defaultValue={values.subject ?? ""} error={errors.subject} maxLength={200} />
          <TextAreaField label="Message" name="body" rows={10} defaultValue={values.body ?? ""} error={errors.body} />
          <Button type="submit">Send</Button>
        </Form>
      </Card>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
