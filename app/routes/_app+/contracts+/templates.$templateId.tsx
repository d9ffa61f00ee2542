// /contracts/templates/:templateId — edit a template: details and roles, base PDF, and field
// placement (page + % position; with JavaScript, clicking a page fills in the position).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { PagePreview } from "~/modules/contracts/components";
import { CONTRACT_TYPE_LABELS, CONTRACT_TYPES, FIELD_TYPES, idSchema, MAX_PDF_BYTES, typeLabel } from "~/modules/contracts/schemas";
import { loadTemplate, updateTemplate } from "~/modules/contracts/templates.server";
import { readFormWithLimit } from "~/modules/documents/files.server";
import { notFound, requireAccess } from "~/platform/access.server";
import { Badge, Notice } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { ActionButton, Card, Field, FormError, PageHeader, SelectField, SubmitButton, TextAreaField } from "~/ui/form";
import { HistoryList } from "~/ui/history-list";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.template.name ?? "Template"} · Contract templates · Nucleus` }];

export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "contracts", "manage");
  const id = idSchema.safeParse(args.params.templateId);
  const found = id.success ? await loadTemplate(args.context.db, id.data) : null;
  if (!found) notFound();
  const notice = new URL(args.request.url).searchParams.get("notice") === "created" ? "Template created." : null;
  return { ...found, notice };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "contracts", "manage");
  const id = idSchema.safeParse(args.params.templateId);
  if (!id.success) notFound();
  const body = await readFormWithLimit(args.request, MAX_PDF_BYTES + 64 * 1024);
  if (!body.ok) return data({ ok: false as const, intent: "uploadPdf", errors: { pdf: body.message } as Record<string, string> }, { status: body.status });
  const intent = String(body.form.get("intent") ?? "");
  const result = await updateTemplate(args.context, viewer, id.data, body.form);
  if (!result.ok && result.status === 404) notFound();
  if (!result.ok) return data({ ok: false as const, intent, errors: result.errors }, { status: result.status });
  return { ok: true as const, intent, message: result.message };
}

export default function ContractTemplate() {
  const { template: t, roles, fields, history, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errorsFor = (intent: string): Record<string, string | undefined> => (result && !result.ok && result.intent === intent ? result.errors : {});
  const fieldForm = useRef<HTMLFormElement>(null);
  const pick = (page: number, x: number, y: number) => {
    const form = fieldForm.current;
    if (!form) return;
    const set = (name: string, value: number) => {
      const input = form.elements.namedItem(name);
      if (input instanceof HTMLInputElement) input.value = String(value);
    };
    set("page", page);
    set("x", Math.min(x, 95));
    set("y", Math.min(y, 95));
  };
  const details = errorsFor("details");
  const field = errorsFor("addField");
  const pdf = errorsFor("uploadPdf");
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/contracts/templates" className="text-brand-600 underline">Contract templates</Link></p>
      <PageHeader
        title={t.name}
        description={`${typeLabel(t.contract_type)} · ${t.page_count} page${t.page_count === 1 ? "" : "s"} · ${t.pdf_file_name ?? "generated document"}`}
        actions={
          <>
            {t.is_active ? null : <Badge>Archived</Badge>}
            <a href={`/contracts/templates/${t.id}/pdf`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50" download>Base PDF</a>
            {t.is_active
              ? <ActionButton intent="deactivate" confirm="Archive this template? Existing contracts are not affected.">Archive</ActionButton>
              : <ActionButton intent="activate">Restore</ActionButton>}
          </>
        }
      />
      <Notice>{result?.ok ? result.message : notice}</Notice>
      <FormError error={result && !result.ok ? result.errors.form : undefined} />
      <div className="grid gap-4 xl:grid-cols-[1fr_24rem]">
        <div className="flex flex-col gap-4">
          <Card title="Field placement">
            <p className="mb-3 text-sm text-slate-600">Fields are placed by page and position in % of the page (from the top-left corner). Click a page to fill in the position.</p>
            <PagePreview pageCount={t.page_count} fields={fields} roles={roles} onPick={pick} />
            {fields.length ? (
              <table className="mt-4 min-w-full text-sm" data-testid="fields-table">
                <thead className="bg-slate-50 text-slate-600">
                  <tr>
                    {["Label", "Type", "Role", "Page", "x / y", "w × h", "Required", ""].map((h) => <th key={h} scope="col" className="px-2 py-1.5 text-left font-medium">{h}</th>)}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {fields.map((f) => (
                    <tr key={f.id}>
                      <td className="px-2 py-1">{f.label}</td>
                      <td className="px-2 py-1">{f.type}</td>
                      <td className="px-2 py-1">{roles.find((r) => r.id === f.signer_role_id)?.label ?? "—"}</td>
                      <td className="px-2 py-1 tabular-nums">{f.page}</td>
                      <td className="whitespace-nowrap px-2 py-1 tabular-nums">{f.x_pct}% / {f.y_pct}%</td>
                      <td className="whitespace-nowrap px-2 py-1 tabular-nums">{f.w_pct}% × {f.h_pct}%</td>
                      <td className="px-2 py-1">{f.required ? "Yes" : "No"}</td>
                      <td className="px-2 py-1"><ActionButton intent="removeField" fields={{ fieldId: f.id }} variant="ghost">Remove</ActionButton></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : <p className="mt-3 text-sm text-amber-700">No fields yet. Each role needs at least one signature field before a contract can be sent.</p>}
          </Card>
          <Card title="History"><HistoryList entries={history} /></Card>
        </div>
        <div className="flex flex-col gap-4">
          <Card title="Place a field">
            <Form method="post" encType="multipart/form-data" ref={fieldForm} className="grid grid-cols-2 gap-3" noValidate>
              <input type="hidden" name="intent" value="addField" />
              <Field label="Label" name="label" className="col-span-2" error={field.label} />
              <SelectField label="Type" name="type" options={FIELD_TYPES.map((f) => ({ value: f, label: f }))} error={field.type} />
              <SelectField label="Role" name="roleId" options={roles.map((r) => ({ value: r.id, label: r.label }))} error={field.roleId} />
              <Field label="Page" name="page" type="number" min={1} max={t.page_count} defaultValue="1" error={field.page} />
              <label className="flex items-center gap-2 self-end pb-1.5 text-sm"><input type="checkbox" name="required" defaultChecked /> Required</label>
              <Field label="x %" name="x" inputMode="decimal" defaultValue="10" error={field.x} />
              <Field label="y %" name="y" inputMode="decimal" defaultValue="80" error={field.y} />
              <Field label="Width %" name="w" inputMode="decimal" defaultValue="35" error={field.w} />
              <Field label="Height %" name="h" inputMode="decimal" defaultValue="6" error={field.h} />
              <div className="col-span-2"><SubmitButton>Place field</SubmitButton></div>
            </Form>
          </Card>
          <Card title="Details and roles">
            <Form method="post" encType="multipart/form-data" className="flex flex-col gap-3" noValidate>
              <input type="hidden" name="intent" value="details" />
              <Field label="Name" name="name" defaultValue={t.name} error={details.name} />
              <SelectField label="Type" name="contractType" defaultValue={t.contract_type} error={details.contractType}
                options={CONTRACT_TYPES.map((c) => ({ value: c, label: CONTRACT_TYPE_LABELS[c] }))} />
              <TextAreaField label="Signer roles, one per line, in signing order" name="roles" rows={3} defaultValue={roles.map((r) => r.label).join("\n")} error={details.roles} />
              <TextAreaField label="Description" name="description" rows={2} defaultValue={t.description ?? ""} error={details.description} />
              <div><SubmitButton>Save</SubmitButton></div>
            </Form>
          </Card>
          <Card title="Base PDF">
            <Form method="post" encType="multipart/form-data" className="flex flex-col gap-3" noValidate>
              <input type="hidden" name="intent" value="uploadPdf" />
              <Field label={t.pdf_key ? "Replace the PDF" : "Upload a PDF"} name="pdf" type="file" accept="application/pdf,.pdf" error={pdf.pdf}
                hint="Up to 10 MB. Fields on pages the new PDF does not have are removed." />
              <div><SubmitButton variant="secondary">Upload</SubmitButton></div>
            </Form>
            {t.pdf_key ? <div className="mt-3"><ActionButton intent="removePdf" variant="ghost">Use the generated document instead</ActionButton></div> : null}
          </Card>
        </div>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
