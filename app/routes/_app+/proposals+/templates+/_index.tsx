// /proposals/templates — proposal templates (proposals:manage) and the approval settings.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { data, redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatMoney } from "~/modules/proposals/pricing";
import { loadTemplates, templatesIndexAction } from "~/modules/proposals/templates.server";
import { requireAccess } from "~/platform/access.server";
import { Badge, Notice } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Card, EmptyState, Field, FormError, PageHeader, SubmitButton } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Proposal templates · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "proposals", "manage");
  return loadTemplates(args.context.db);
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "proposals", "manage");
  const result = await templatesIndexAction(args.context.db, viewer, await args.request.formData());
  if (!result.ok) return data(result, { status: 400 });
  return result.id ? redirect(`/proposals/templates/${result.id}`) : result;
}

export default function Templates() {
  const { templates, settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (result && !result.ok ? result.errors : {}) as Record<string, string>;
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/proposals" className="text-brand-600 underline">← Proposals</Link></p>
      <PageHeader title="Proposal templates" description="Pages and a pricing outline that new proposals start from." />
      <Notice>{result?.ok ? result.notice : null}</Notice>
      <FormError error={errors.form} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Templates" className="lg:col-span-2">
          {templates.length === 0 ? <EmptyState title="No templates">Create the first one.</EmptyState> : (
            <ul className="divide-y divide-slate-100 text-sm">
              {templates.map((t) => (
                <li key={t.id} className="flex items-center justify-between py-2">
                  <span>
                    <Link to={`/proposals/templates/${t.id}`} className="font-medium text-brand-700 underline">{t.name}</Link>
                    {t.category ? <span className="text-slate-500"> · {t.category}</span> : null}
                    <span className="block text-xs text-slate-500">{t.pages} pages · used by {t.uses} proposals</span>
                  </span>
                  {t.is_active ? <Badge tone="green">Active</Badge> : <Badge>Inactive</Badge>}
                </li>
              ))}
            </ul>
          )}
          <Form method="post" className="mt-4 grid gap-2 border-t border-slate-100 pt-3 sm:grid-cols-3">
            <input type="hidden" name="intent" value="create" />
            <Field label="Name" name="name" error={errors.name} />
            <Field label="Category" name="category" error={errors.category} />
            <Field label="Description" name="description" error={errors.description} />
            <div><SubmitButton>Create template</SubmitButton></div>
          </Form>
        </Card>
        <Card title="Approval and follow-up">
          <Form method="post" className="grid gap-2">
            <input type="hidden" name="intent" value="settings" />
            <Field label="Approval threshold (AUD)" name="threshold" defaultValue={(settings.thresholdCents / 100).toFixed(2)} error={errors.threshold}
              hint={`Proposals totalling ${formatMoney(settings.thresholdCents)} or more need an executive or head to approve them before sending.`} />
            <Field label="Default validity (days)" name="validDays" type="number" min={1} max={365} defaultValue={String(settings.validDays)} error={errors.validDays} />
            <Field label="Follow up unanswered proposals after (days)" name="followUpDays" type="number" min={1} max={90} defaultValue={String(settings.followUpDays)} error={errors.followUpDays}
              hint="A sent or viewed proposal with no answer for this long gets a follow-up action item for its owner." />
            <div><SubmitButton variant="secondary">Save settings</SubmitButton></div>
          </Form>
        </Card>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
