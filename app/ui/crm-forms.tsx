// The company and contact forms (create and edit share them). Plain form fields: they post
// without JavaScript, and server-side zod errors come back per field.
import { Field, SelectField, TextAreaField } from "./form";

type Values = Record<string, unknown>;
type Errors = Record<string, string>;

const text = (values: Values, key: string) => {
  const v = values[key];
  return v === null || v === undefined ? "" : String(v);
};

export function CompanyFields({
  values, errors, parents, managers,
}: {
  values: Values;
  errors: Errors;
  parents: { id: string; name: string; domain: string | null }[];
  managers: { id: string; name: string }[];
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label="Name" name="name" required maxLength={200} defaultValue={text(values, "name")} error={errors.name} />
      <Field
        label="Domain" name="domain" maxLength={300} defaultValue={text(values, "domain")} error={errors.domain}
        hint="e.g. harbourco.com.au — used to match emails and to spot duplicates"
      />
      <Field label="Industry" name="industry" maxLength={100} defaultValue={text(values, "industry")} error={errors.industry} />
      <Field label="Website" name="website" type="url" maxLength={500} defaultValue={text(values, "website")} error={errors.website} placeholder="https://" />
      <SelectField
        label="Parent company (group)" name="parent_id" defaultValue={text(values, "parent_id")} error={errors.parent_id}
        options={[{ value: "", label: "None — top-level company" }, ...parents.map((p) => ({ value: p.id, label: p.domain ? `${p.name} (${p.domain})` : p.name }))]}
      />
      <SelectField
        label="Account manager" name="account_manager_id" defaultValue={text(values, "account_manager_id")} error={errors.account_manager_id}
        options={[{ value: "", label: "Nobody yet" }, ...managers.map((m) => ({ value: m.id, label: m.name }))]}
      />
      <Field label="Phone" name="phone" maxLength={40} defaultValue={text(values, "phone")} error={errors.phone} />
      <Field label="Pronunciation" name="pronunciation" maxLength={100} defaultValue={text(values, "pronunciation")} error={errors.pronunciation} hint="How to say the name, e.g. HAR-ber" />
      <Field label="Logo URL" name="logo_url" type="url" maxLength={500} defaultValue={text(values, "logo_url")} error={errors.logo_url} />
      <Field label="Address" name="address" maxLength={300} defaultValue={text(values, "address")} error={errors.address} />
      <Field label="Productive id" name="productive_id" maxLength={100} defaultValue={text(values, "productive_id")} error={errors.productive_id} />
      <Field label="Stripe customer id" name="stripe_customer_id" maxLength={100} defaultValue={text(values, "stripe_customer_id")} error={errors.stripe_customer_id} />
      <TextAreaField label="Description" name="description" rows={3} maxLength={2000} defaultValue={text(values, "description")} error={errors.description} className="sm:col-span-2" />
    </div>
  );
}

export function ContactFields({ values, errors, companies }: { values: Values; errors: Errors; companies: { id: string; name: string; domain: string | null }[] }) {
  const primary = values.is_primary === 1 || values.is_primary === "1" || values.is_primary === "on" || values.is_primary === true;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label="First name" name="first_name" required maxLength={100} defaultValue={text(values, "first_name")} error={errors.first_name} />
      <Field label="Last name" name="last_name" maxLength={100} defaultValue={text(values, "last_name")} error={errors.last_name} />
      <Field label="Email" name="email" type="email" maxLength={254} defaultValue={text(values, "email")} error={errors.email} />
      <Field label="Phone" name="phone" maxLength={40} defaultValue={text(values, "phone")} error={errors.phone} />
      <Field label="Role" name="role" maxLength={100} defaultValue={text(values, "role")} error={errors.role} />
      <Field label="Pronunciation" name="pronunciation" maxLength={100} defaultValue={text(values, "pronunciation")} error={errors.pronunciation} />
      <Field label="LinkedIn" name="linkedin_url" type="url" maxLength={500} defaultValue={text(values, "linkedin_url")} error={errors.linkedin_url} placeholder="https://www.linkedin.com/in/…" />
      <SelectField
        label="Company" name="company_id" defaultValue={text(values, "company_id")} error={errors.company_id}
        options={[{ value: "", label: "No company" }, ...companies.map((c) => ({ value: c.id, label: c.domain ? `${c.name} (${c.domain})` : c.name }))]}
      />
      <div className="flex flex-col gap-1 sm:col-span-2">
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" name="is_primary" value="1" defaultChecked={primary} aria-describedby={errors.is_primary ? "f-is_primary-error" : undefined} />
          Primary contact for the company (replaces the current one)
        </label>
        {errors.is_primary ? <p id="f-is_primary-error" className="text-xs text-red-600" role="alert">{errors.is_primary}</p> : null}
      </div>
    </div>
  );
}
