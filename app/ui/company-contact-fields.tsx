// A company menu and a contact menu listing only that company's contacts (a contact list of the
// whole CRM does not fit in a menu). Changing the company re-renders the form through a GET that
// carries the fields typed so far: automatically with JavaScript, with "Show its contacts" without.
// The page's loader reads the echoed fields back (see each form's `...FromSearch` helper).
import { useSubmit } from "@remix-run/react";
import { SelectField } from "./form";
import { useHydrated } from "./hydrated";

type Choice = { id: string; name: string | null };
interface MenuProps {
  name: string;
  label: string;
  value: string | null | undefined;
  error?: string;
  /** The first, empty choice ("No company", "From the deal"…). */
  emptyLabel: string;
}

export function CompanyContactFields({ companies, contacts, company, contact }: { companies: Choice[]; contacts: Choice[]; company: MenuProps; contact: MenuProps }) {
  const submit = useSubmit();
  const hydrated = useHydrated();
  return (
    <>
      <div className="flex items-end gap-2">
        <SelectField label={company.label} name={company.name} defaultValue={company.value ?? ""} error={company.error} className="min-w-0 flex-1"
          onChange={(e) => submit(e.currentTarget.form, { method: "get", replace: true, preventScrollReset: true })}
          options={[{ value: "", label: company.emptyLabel }, ...companies.map((c) => ({ value: c.id, label: c.name ?? c.id }))]} />
        {hydrated ? null : <button type="submit" formMethod="get" formNoValidate className="mb-0.5 rounded-md border border-slate-300 px-2 py-1.5 text-sm hover:bg-slate-50">Show its contacts</button>}
      </div>
      <div>
        <SelectField label={contact.label} name={contact.name} defaultValue={contact.value ?? ""} error={contact.error} key={company.value ?? ""}
          options={[{ value: "", label: contact.emptyLabel }, ...contacts.map((c) => ({ value: c.id, label: c.name ?? c.id }))]} />
        {contacts.length ? null : <p className="mt-1 text-xs text-slate-500">{company.value ? "This company has no contacts yet." : "Choose a company to pick one of its contacts."}</p>}
      </div>
    </>
  );
}
