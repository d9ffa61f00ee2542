// The project form (new and edit): details, people, SLA policy and the inbound email settings.
import { Form } from "@remix-run/react";
import { PROJECT_STATUSES, PROJECT_STATUS_LABELS } from "~/modules/delivery/schemas";
import { ErrorList } from "./delivery";
import { Button, Field, SelectField, TextAreaField } from "./form";

interface Option { id: string; name?: string | null; label?: string }
export interface ProjectFormValues {
  name?: string; description?: string | null; company_id?: string | null; type_id?: string | null; status?: string;
  owner_id?: string | null; delivery_manager_id?: string | null; squad?: string | null; start_date?: string | null; end_date?: string | null;
  sla_policy_id?: string | null; auto_ticket_enabled?: number; inbound_address?: string | null; match_sender_domain?: number;
}

export function ProjectForm({
  values, errors, companies, types, people, policies, squads, templates, submitLabel,
}: {
  values: ProjectFormValues; errors: Record<string, string>; companies: Option[]; types: { id: string; label: string }[];
  people: Option[]; policies: Option[]; squads: string[];
  templates?: { id: string; name: string; phase_count: number; task_count: number }[]; submitLabel: string;
}) {
  const opts = (list: Option[], empty: string) => [{ value: "", label: empty }, ...list.map((o) => ({ value: o.id, label: o.name ?? o.label ?? o.id }))];
  return (
    <Form method="post" className="max-w-3xl space-y-4" aria-label="Project">
      <ErrorList errors={errors.form ? { form: errors.form } : {}} />
      <Field label="Name" name="name" required defaultValue={values.name ?? ""} error={errors.name} />
      <TextAreaField label="Description" name="description" rows={3} defaultValue={values.description ?? ""} error={errors.description} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Client" name="company_id" defaultValue={values.company_id ?? ""} error={errors.company_id} options={opts(companies, "No client (internal)")} />
        <SelectField label="Type" name="type_id" defaultValue={values.type_id ?? ""} error={errors.type_id} options={[{ value: "", label: "No type" }, ...types.map((t) => ({ value: t.id, label: t.label }))]} />
        <SelectField label="Status" name="status" defaultValue={values.status ?? "active"} error={errors.status} options={PROJECT_STATUSES.map((s) => ({ value: s, label: PROJECT_STATUS_LABELS[s] }))} />
        <SelectField label="Squad" name="squad" defaultValue={values.squad ?? ""} error={errors.squad} options={[{ value: "", label: "No squad" }, ...squads.map((s) => ({ value: s, label: s }))]} />
        <SelectField label="Owner" name="owner_id" defaultValue={values.owner_id ?? ""} error={errors.owner_id} options={opts(people, "Me")} />
        <SelectField label="Delivery manager" name="delivery_manager_id" defaultValue={values.delivery_manager_id ?? ""} error={errors.delivery_manager_id} options={opts(people, "None")} />
        <Field label="Start date" name="start_date" type="date" defaultValue={values.start_date ?? ""} error={errors.start_date} />
        <Field label="End date" name="end_date" type="date" defaultValue={values.end_date ?? ""} error={errors.end_date} />
        <SelectField label="SLA policy" name="sla_policy_id" defaultValue={values.sla_policy_id ?? ""} error={errors.sla_policy_id} options={opts(policies, "No SLA")} />
        {templates ? (
          <SelectField
            label="Setup template" name="setup_template_id" error={errors.setup_template_id}
            options={[{ value: "", label: "Start empty" }, ...templates.map((t) => ({ value: t.id, label: `${t.name} (${t.phase_count} phases, ${t.task_count} tasks)` }))]}
          />
        ) : null}
      </div>
      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-700">Inbound email → tickets</legend>
        <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="auto_ticket_enabled" defaultChecked={values.auto_ticket_enabled === 1} /> Turn matching inbound emails into tickets on this project</label>
        {errors.auto_ticket_enabled ? <p role="alert" className="text-xs text-red-600">{errors.auto_ticket_enabled}</p> : null}
        <Field className="mt-2" label="Inbound address" name="inbound_address" type="email" defaultValue={values.inbound_address ?? ""} error={errors.inbound_address} hint="Mail sent to this address becomes a ticket." />
        <label className="mt-2 flex items-center gap-2 text-sm"><input type="checkbox" name="match_sender_domain" defaultChecked={values.match_sender_domain === 1} /> Also match senders on the client's email domain</label>
      </fieldset>
      <Button type="submit">{submitLabel}</Button>
    </Form>
  );
}
