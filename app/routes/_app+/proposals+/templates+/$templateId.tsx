// /proposals/templates/:templateId — edit a template: details, pricing outline, tax, pages.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { data } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { loadTemplate, templateAction } from "~/modules/proposals/templates.server";
import { VARIABLES } from "~/modules/proposals/variables";
import { notFound, requireAccess } from "~/platform/access.server";
import { Badge, Notice } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, Field, FormError, PageHeader, SubmitButton, TextAreaField } from "~/ui/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.template.name ?? "Template"} · Nucleus` }];

const idSchema = z.string().min(1).max(100);

export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "proposals", "manage");
  const id = idSchema.safeParse(args.params.templateId);
  const found = id.success ? await loadTemplate(args.context.db, id.data) : null;
  if (!found) notFound();
  return found;
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "proposals", "manage");
  const id = idSchema.safeParse(args.params.templateId);
  const result = id.success ? await templateAction(args.context.db, viewer, id.data, await args.request.formData()) : null;
  if (!result) notFound();
  return result.ok ? result : data(result, { status: 400 });
}

export default function TemplatePage() {
  const { template: t, pages, pricingText } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (result && !result.ok ? result.errors : {}) as Record<string, string>;
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/proposals/templates" className="text-brand-600 underline">← Templates</Link></p>
      <PageHeader title={t.name} description={t.description ?? undefined}
        actions={<><Badge tone={t.is_active ? "green" : "slate"}>{t.is_active ? "Active" : "Inactive"}</Badge>
          <Form method="post"><Button type="submit" name="intent" value="toggle-active" variant="secondary">{t.is_active ? "Deactivate" : "Activate"}</Button></Form></>} />
      <Notice>{result?.ok ? result.notice : null}</Notice>
      <FormError error={errors.form} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Details and pricing">
          <Form method="post" className="grid gap-2">
            <input type="hidden" name="intent" value="template" />
            <Field label="Name" name="name" defaultValue={t.name} error={errors.name} />
            <Field label="Category" name="category" defaultValue={t.category ?? ""} error={errors.category} />
            <Field label="Description" name="description" defaultValue={t.description ?? ""} error={errors.description} />
            <Field label="Tax (GST) %" name="taxPercent" defaultValue={String(t.tax_rate_bp / 100)} error={errors.taxPercent} />
            <TextAreaField label="Pricing: one item per line — Section | Item | quantity | rate | optional" name="pricing" defaultValue={pricingText} rows={8} error={errors.pricing} className="font-mono" />
            <div><SubmitButton>Save template</SubmitButton></div>
          </Form>
        </Card>
        <Card title="Pages">
          <p className="mb-2 text-xs text-slate-500">Variables: {VARIABLES.map((v) => `{{${v}}}`).join(" ")}</p>
          <ol className="space-y-4">
            {pages.map((page, i) => (
              <li key={page.id} className="border-b border-slate-100 pb-3">
                <Form method="post" className="grid gap-2">
                  <input type="hidden" name="intent" value="save-page" />
                  <input type="hidden" name="pageId" value={page.id} />
                  <Field label={`Page ${i + 1} title`} name="title" id={`title-${page.id}`} defaultValue={page.title} />
                  <TextAreaField label="Body" name="body" id={`body-${page.id}`} defaultValue={page.body} rows={4} />
                  <div><SubmitButton variant="secondary">Save page</SubmitButton></div>
                </Form>
                <div className="mt-1 flex gap-2">
                  <Form method="post"><input type="hidden" name="pageId" value={page.id} /><input type="hidden" name="direction" value="up" /><Button type="submit" name="intent" value="move-page" variant="ghost" disabled={i === 0}>Move up</Button></Form>
                  <Form method="post"><input type="hidden" name="pageId" value={page.id} /><input type="hidden" name="direction" value="down" /><Button type="submit" name="intent" value="move-page" variant="ghost" disabled={i === pages.length - 1}>Move down</Button></Form>
                  <Form method="post"><input type="hidden" name="pageId" value={page.id} /><Button type="submit" name="intent" value="delete-page" variant="ghost">Delete</Button></Form>
                </div>
              </li>
            ))}
          </ol>
          <Form method="post" className="mt-3 grid gap-2">
            <input type="hidden" name="intent" value="add-page" />
            <Field label="New page title" name="title" id="new-title" error={errors.title} />
            <TextAreaField label="Body" name="body" id="new-body" rows={3} />
            <div><SubmitButton>Add page</SubmitButton></div>
          </Form>
        </Card>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
