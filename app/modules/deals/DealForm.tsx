// The deal form (new and edit). A plain POST form; the server checks that the contact belongs to
// the company and the stage to the pipeline. The contact menu lists the chosen company's contacts
// (CompanyContactFields; the routes read the echoed fields with dealFormValuesFrom).
import { Form, Link } from "@remix-run/react";
import { CompanyContactFields } from "~/ui/company-contact-fields";
import { ErrorList } from "~/ui/delivery";
import { Field, SelectField, SubmitButton, TextAreaField } from "~/ui/form";

type Option = { id: string; name: string | null };
export interface DealFormValues {
  title?: string | null;
  description?: string | null;
  company_id?: string | null;
  primary_contact_id?: string | null;
  owner_id?: string | null;
  value?: string | null;
  currency?: string | null;
  probability_override?: string | number | null;
  expected_close_date?: string | null;
  source?: string | null;
  pipeline_id?: string | null;
  stage_id?: string | null;
}

export function DealForm({
  values, errors, companies, contacts, people, pipelines, stages, submitLabel, cancelHref, showPipeline,
}: {
  values: DealFormValues; errors: Record<string, string>; companies: Option[]; contacts: (Option & { company_id: string | null })[]; people: Option[];
  pipelines: Option[]; stages: (Option & { template_id: string; stage_type: string; probability: number })[]; submitLabel: string; cancelHref: string; showPipeline: boolean;
}) {
  const pipelineName = new Map(pipelines.map((p) => [p.id, p.name]));
  return (
    <Form method="post" className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-label="Deal">
      <ErrorList errors={errors.form ? { form: errors.form } : {}} />
      <Field label="Title" name="title" required maxLength={200} defaultValue={values.title ?? ""} error={errors.title} />
      <div className="grid gap-4 sm:grid-cols-2">
        <CompanyContactFields companies={companies} contacts={contacts}
          company={{ name: "company_id", label: "Company", value: values.company_id, error: errors.company_id, emptyLabel: "No company" }}
          contact={{ name: "primary_contact_id", label: "Primary contact", value: values.primary_contact_id, error: errors.primary_contact_id, emptyLabel: "No contact" }} />
        <SelectField label="Owner" name="owner_id" defaultValue={values.owner_id ?? ""} error={errors.owner_id}
          options={[{ value: "", label: "Me" }, ...people.map((p) => ({ value: p.id, label: p.name ?? p.id }))]} />
        <Field label="Expected close date" name="expected_close_date" type="date" defaultValue={values.expected_close_date ?? ""} error={errors.expected_close_date} />
        <Field label="Value" name="value" inputMode="decimal" defaultValue={values.value ?? ""} error={errors.value} hint="e.g. 48000 or 48,000.50" />
        <Field label="Currency" name="currency" maxLength={3} defaultValue={values.currency ?? "AUD"} error={errors.currency} />
        <Field label="Probability override (%)" name="probability_override" type="number" min={0} max={100} defaultValue={values.probability_override ?? ""} error={errors.probability_override} hint="Leave empty to use the stage's probability" />
        <Field label="Source" name="source" maxLength={100} defaultValue={values.source ?? ""} error={errors.source} hint="Referral, inbound, outbound…" />
        {showPipeline ? (
          <>
            <SelectField label="Pipeline" name="pipeline_id" defaultValue={values.pipeline_id ?? ""} error={errors.pipeline_id}
              options={[{ value: "", label: "Default pipeline" }, ...pipelines.map((p) => ({ value: p.id, label: p.name ?? p.id }))]} />
            <SelectField label="Stage" name="stage_id" defaultValue={values.stage_id ?? ""} error={errors.stage_id}
              options={[{ value: "", label: "First stage" }, ...stages.filter((s) => s.stage_type === "open").map((s) => ({ value: s.id, label: `${pipelines.length > 1 ? `${pipelineName.get(s.template_id) ?? ""}: ` : ""}${s.name} (${s.probability}%)` }))]} />
          </>
        ) : null}
      </div>
      <TextAreaField label="Description" name="description" rows={4} defaultValue={values.description ?? ""} error={errors.description} />
      <div className="flex items-center gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
        <Link to={cancelHref} className="text-sm text-slate-600 underline">Cancel</Link>
      </div>
    </Form>
  );
}
