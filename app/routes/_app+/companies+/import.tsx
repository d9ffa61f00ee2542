// /companies/import — CSV import of companies or contacts: upload → map columns → preview → confirm.
// Every step is a plain multipart form post (the file's text and the mapping ride along in
// hidden fields), so it works without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { data } from "@remix-run/cloudflare";
import { Form, Link, useActionData } from "@remix-run/react";
import { runImportStep, type ImportStepResult, type PlannedRow } from "~/modules/crm/import.server";
import { IMPORT_FIELDS, IMPORT_PREVIEW_ROWS, type DuplicateMode, type ImportKind } from "~/modules/crm/schemas";
import { assertCan, requireAccess } from "~/platform/access.server";
import { Badge } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, FormError, PageHeader } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Import CSV · Companies · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "companies", "update");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "companies", "update");
  const form = await args.request.formData();
  if (form.get("kind") === "contacts") assertCan(viewer, "contacts", "update");
  const { status, result } = await runImportStep(args.context.db, viewer, form);
  return data(result, { status });
}

const KIND_HELP: Record<ImportKind, string> = {
  companies: "One company per row. Rows are matched to existing companies by domain (or, without a domain, by exact name).",
  contacts: "One contact per row, with optional company columns: a company is found by its domain (or exact name) and created if it does not exist. Contacts are matched by email.",
};

function Hidden({ step }: { step: { kind: ImportKind; csv: string; filename: string | null; mapping?: Record<string, number> } }) {
  return (
    <>
      <input type="hidden" name="kind" value={step.kind} />
      <input type="hidden" name="csv" value={step.csv} />
      {step.filename ? <input type="hidden" name="filename" value={step.filename} /> : null}
      {Object.entries(step.mapping ?? {}).map(([key, index]) => <input key={key} type="hidden" name={`map.${key}`} value={String(index)} />)}
    </>
  );
}

function DuplicatesChoice({ value }: { value: DuplicateMode }) {
  return (
    <fieldset className="text-sm">
      <legend className="font-medium text-slate-700">When a record already exists</legend>
      <label className="mr-4 inline-flex items-center gap-1.5"><input type="radio" name="duplicates" value="update" defaultChecked={value === "update"} /> Update it with the file's values</label>
      <label className="inline-flex items-center gap-1.5"><input type="radio" name="duplicates" value="skip" defaultChecked={value === "skip"} /> Skip the row</label>
    </fieldset>
  );
}

const STATUS_TONE = { create: "green", update: "blue", skip: "slate", error: "red" } as const;
const STATUS_LABEL = { create: "Create", update: "Update", skip: "Skip", error: "Error" } as const;

function RowTable({ rows, caption }: { rows: PlannedRow[]; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">Row</th>
            <th scope="col" className="px-3 py-2 text-left font-medium">Status</th>
            <th scope="col" className="px-3 py-2 text-left font-medium">Record</th>
            <th scope="col" className="px-3 py-2 text-left font-medium">Details</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.row} data-testid="import-row" data-status={r.status}>
              <td className="px-3 py-1.5 tabular-nums">{r.row} <span className="text-xs text-slate-400">(line {r.line})</span></td>
              <td className="px-3 py-1.5"><Badge tone={STATUS_TONE[r.status]}>{STATUS_LABEL[r.status]}</Badge></td>
              <td className="px-3 py-1.5">{r.label}</td>
              <td className="px-3 py-1.5 text-slate-600">{[r.reason, r.note].filter(Boolean).join(" · ") || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Upload({ errors }: { errors: Record<string, string> }) {
  return (
    <Form method="post" encType="multipart/form-data" className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5" aria-label="Upload a CSV">
      <FormError error={errors.form ?? errors.csv} />
      <div className="flex flex-col gap-1">
        <label htmlFor="import-file" className="text-sm font-medium text-slate-700">CSV file (UTF-8, up to 2 MB, header row first)</label>
        <input id="import-file" name="file" type="file" accept=".csv,text/csv" required aria-invalid={errors.file ? true : undefined} aria-describedby={errors.file ? "import-file-error" : undefined} className="text-sm" />
        {errors.file ? <p id="import-file-error" role="alert" className="text-xs text-red-600">{errors.file}</p> : null}
      </div>
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium text-slate-700">The file holds</legend>
        {(["companies", "contacts"] as const).map((kind) => (
          <label key={kind} className="flex items-start gap-2">
            <input type="radio" name="kind" value={kind} defaultChecked={kind === "companies"} className="mt-1" />
            <span><span className="font-medium capitalize">{kind}</span> — <span className="text-slate-600">{KIND_HELP[kind]}</span></span>
          </label>
        ))}
        {errors.kind ? <p role="alert" className="text-xs text-red-600">{errors.kind}</p> : null}
      </fieldset>
      <DuplicatesChoice value="update" />
      <Button type="submit" name="intent" value="upload">Upload and map columns</Button>
    </Form>
  );
}

function MapStep({ step }: { step: Extract<ImportStepResult, { step: "map" }> }) {
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-4" aria-label="Map columns">
      <input type="hidden" name="kind" value={step.kind} />
      <input type="hidden" name="csv" value={step.csv} />
      {step.filename ? <input type="hidden" name="filename" value={step.filename} /> : null}
      <Card title={`Map the columns of ${step.filename ?? "your file"} (${step.kind})`}>
        <FormError error={step.errors.form} />
        <table className="text-sm">
          <thead className="text-slate-600">
            <tr><th scope="col" className="py-1 pr-4 text-left font-medium">Field</th><th scope="col" className="py-1 text-left font-medium">Column in the file</th></tr>
          </thead>
          <tbody>
            {IMPORT_FIELDS[step.kind].map((field) => {
              const error = step.errors[`map.${field.key}`];
              return (
                <tr key={field.key}>
                  <th scope="row" className="py-1 pr-4 text-left font-normal">
                    <label htmlFor={`map-${field.key}`}>{field.label}{field.required ? " *" : ""}</label>
                  </th>
                  <td className="py-1">
                    <select
                      id={`map-${field.key}`} name={`map.${field.key}`} defaultValue={step.mapping[field.key] === undefined ? "" : String(step.mapping[field.key])}
                      aria-invalid={error ? true : undefined} aria-describedby={error ? `map-${field.key}-error` : undefined}
                      className="min-w-56 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                    >
                      <option value="">— not imported —</option>
                      {step.headers.map((h, i) => <option key={i} value={String(i)}>{h}</option>)}
                    </select>
                    {error ? <p id={`map-${field.key}-error`} role="alert" className="text-xs text-red-600">{error}</p> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>
      <Card title="First rows of the file">
        <div className="overflow-x-auto">
          <table className="min-w-full text-xs">
            <thead className="text-slate-600"><tr>{step.headers.map((h, i) => <th key={i} scope="col" className="px-2 py-1 text-left font-medium">{h}</th>)}</tr></thead>
            <tbody>{step.sample.map((row, r) => <tr key={r}>{step.headers.map((_, i) => <td key={i} className="px-2 py-1 text-slate-700">{row[i] ?? ""}</td>)}</tr>)}</tbody>
          </table>
        </div>
      </Card>
      <DuplicatesChoice value={step.duplicates} />
      <div className="flex gap-3">
        <Button type="submit" name="intent" value="preview">Preview import</Button>
        <Link to="/companies/import" className="py-1.5 text-sm underline">Start over</Link>
      </div>
    </Form>
  );
}

function PreviewStep({ step }: { step: Extract<ImportStepResult, { step: "preview" }> }) {
  const { counts } = step;
  return (
    <div className="space-y-4">
      <FormError error={step.errors.form} />
      <Card title="Summary">
        <p className="text-sm" data-testid="import-summary">
          {counts.total} rows: <strong>{counts.create}</strong> to create, <strong>{counts.update}</strong> to update, <strong>{counts.skip}</strong> to skip, <strong className={counts.error ? "text-red-700" : undefined}>{counts.error}</strong> with errors
          {counts.newCompanies ? <> · {counts.newCompanies} new {counts.newCompanies === 1 ? "company" : "companies"}</> : null}.
        </p>
        {counts.error ? (
          <p className="mt-2 text-sm text-red-700" data-testid="import-blocked">
            Nothing will be imported while any row has an error: fix the rows listed below in your file and upload it again.
          </p>
        ) : null}
      </Card>
      {step.problems.length ? (
        <section aria-labelledby="problems-heading" className="space-y-2">
          <h2 id="problems-heading" className="text-sm font-semibold text-red-700">Rows with errors{counts.error > step.problems.length ? ` (first ${step.problems.length} of ${counts.error})` : ""}</h2>
          <RowTable rows={step.problems} caption="Rows with errors" />
        </section>
      ) : null}
      <section aria-labelledby="preview-heading" className="space-y-2">
        <h2 id="preview-heading" className="text-sm font-semibold text-slate-700">Preview (first {Math.min(IMPORT_PREVIEW_ROWS, counts.total)} rows)</h2>
        <RowTable rows={step.preview} caption="Preview" />
      </section>
      {/* One native form (the file's text travels once): confirm, go back to the mapping, or
          download the report (formAction: a file download, which Remix's <Form> would not handle). */}
      <form method="post" encType="multipart/form-data" className="flex flex-wrap items-center gap-3" aria-label="Confirm import">
        <Hidden step={step} />
        <input type="hidden" name="duplicates" value={step.duplicates} />
        <Button type="submit" name="intent" value="confirm" variant={counts.error ? "secondary" : "primary"}>
          {counts.error ? "Try to import anyway (nothing is written while errors remain)" : `Import ${counts.create + counts.update} ${counts.create + counts.update === 1 ? "row" : "rows"}`}
        </Button>
        <Button type="submit" name="intent" value="map" variant="secondary">Change mapping</Button>
        {counts.error || counts.skip ? (
          <Button type="submit" formAction="/companies/import-errors.csv" variant="secondary">Download error report (CSV)</Button>
        ) : null}
        <Link to="/companies/import" className="text-sm underline">Start over</Link>
      </form>
    </div>
  );
}

function DoneStep({ step }: { step: Extract<ImportStepResult, { step: "done" }> }) {
  const { counts } = step;
  return (
    <Card title={step.partial ? "Import stopped part-way" : "Import complete"}>
      <FormError error={step.errors.form} />
      {step.partial ? <p role="alert" className="mb-2 text-sm text-red-700">{step.partial}</p> : null}
      <p role="status" className="text-sm" data-testid="import-done">
        {counts.create} created, {counts.update} updated, {counts.skip} skipped
        {counts.newCompanies ? ` (and ${counts.newCompanies} new ${counts.newCompanies === 1 ? "company" : "companies"})` : ""}.
      </p>
      <p className="mt-3 flex gap-4 text-sm">
        <Link to={step.kind === "contacts" ? "/contacts?sort=created" : "/companies?sort=created"} className="underline">See the newest {step.kind}</Link>
        <Link to="/companies/import" className="underline">Import another file</Link>
      </p>
    </Card>
  );
}

export default function ImportPage() {
  const result = useActionData<typeof action>() as ImportStepResult | undefined;
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/companies" className="text-brand-600 underline">← Companies</Link></p>
      <PageHeader title="Import from CSV" description="Upload, map the columns, check the preview, then confirm. Nothing is written until you confirm, and nothing at all if any row has an error." />
      {!result || result.step === "upload" ? <Upload errors={result?.errors ?? {}} /> : null}
      {result?.step === "map" ? <MapStep step={result} /> : null}
      {result?.step === "preview" ? <PreviewStep step={result} /> : null}
      {result?.step === "done" ? <DoneStep step={result} /> : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
