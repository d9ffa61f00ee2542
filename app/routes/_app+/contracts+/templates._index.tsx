// /contracts/templates — contract templates (tool contracts: manage): list and create, with an
// optional base PDF upload (checked by size, type and magic bytes; stored in R2).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CONTRACT_TYPE_LABELS, CONTRACT_TYPES, MAX_PDF_BYTES, parseFields, parseRoles, typeLabel } from "~/modules/contracts/schemas";
import { createTemplate, listTemplates } from "~/modules/contracts/templates.server";
import { readFormWithLimit } from "~/modules/documents/files.server";
import { requireAccess } from "~/platform/access.server";
import { Badge } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Card, EmptyState, Field, FormError, PageHeader, SelectField, SubmitButton, TextAreaField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Contract templates · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "contracts", "manage");
  const rows = await listTemplates(args.context.db);
  return { templates: rows.map((t) => ({ ...t, roles: parseRoles(t.signer_roles).map((r) => r.label), fieldCount: parseFields(t.fields_schema).length })) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "contracts", "manage");
  const body = await readFormWithLimit(args.request, MAX_PDF_BYTES + 64 * 1024);
  if (!body.ok) return data({ ok: false as const, errors: { pdf: body.message } as Record<string, string> }, { status: body.status });
  const result = await createTemplate(args.context, viewer, body.form);
  if (!result.ok) return data({ ok: false as const, errors: result.errors }, { status: result.status });
  return redirect(`/contracts/templates/${result.id}?notice=created`);
}

export default function ContractTemplates() {
  const { templates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/contracts" className="text-brand-600 underline">Contracts</Link></p>
      <PageHeader title="Contract templates" description="Signer roles in signing order, and fields placed on the PDF for each role." />
      <div className="grid gap-4 lg:grid-cols-[1fr_24rem]">
        <div>
          {templates.length === 0 ? (
            <EmptyState title="No templates yet">Create the first one with the form.</EmptyState>
          ) : (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="min-w-full text-sm" data-testid="templates-table">
                <thead className="bg-slate-50 text-slate-600">
                  <tr>
                    <th scope="col" className="px-3 py-2 text-left font-medium">Name</th>
                    <th scope="col" className="px-3 py-2 text-left font-medium">Signer roles</th>
                    <th scope="col" className="px-3 py-2 text-left font-medium">Document</th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">Fields</th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">Contracts</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {templates.map((t) => (
                    <tr key={t.id}>
                      <td className="px-3 py-1.5">
                        <Link to={`/contracts/templates/${t.id}`} className="font-medium text-brand-700 hover:underline">{t.name}</Link>
                        {t.is_active ? null : <> <Badge>Archived</Badge></>}
                        <div className="text-xs text-slate-500">{typeLabel(t.contract_type)}</div>
                      </td>
                      <td className="px-3 py-1.5">{t.roles.join(" → ")}</td>
                      <td className="px-3 py-1.5">{t.pdf_file_name ?? <span className="text-slate-500">Generated</span>} · {t.page_count} p.</td>
                      <td className="px-3 py-1.5 text-right tabular-nums">{t.fieldCount}</td>
                      <td className="px-3 py-1.5 text-right tabular-nums">{t.contracts}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        <Card title="New template">
          <Form method="post" encType="multipart/form-data" className="flex flex-col gap-3" noValidate>
            <FormError error={errors.form} />
            <Field label="Name" name="name" required error={errors.name} />
            <SelectField label="Type" name="contractType" defaultValue="msa" error={errors.contractType}
              options={CONTRACT_TYPES.map((t) => ({ value: t, label: CONTRACT_TYPE_LABELS[t] }))} />
            <TextAreaField label="Signer roles, one per line, in signing order" name="roles" rows={3} defaultValue={"Client signatory\nAgency signatory"} error={errors.roles} />
            <TextAreaField label="Description (optional)" name="description" rows={2} error={errors.description} />
            <Field label="Base PDF (optional, up to 10 MB)" name="pdf" type="file" accept="application/pdf,.pdf" error={errors.pdf}
              hint="Without a PDF a plain two-page agreement is generated, with a signature and a date field per role already placed." />
            <div><SubmitButton>Create template</SubmitButton></div>
          </Form>
        </Card>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
