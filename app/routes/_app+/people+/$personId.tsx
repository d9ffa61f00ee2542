import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { DocumentsTab } from "~/modules/documents/DocumentsTab";
import { LinkedInTab } from "~/modules/linkedin/LinkedInTab";
import { displayName, nameWithPronunciation } from "~/modules/people/names";
import { loadProfile, tenure } from "~/modules/people/profile.server";
import {
  EMPLOYMENT_BASIS_LABELS, EMPLOYMENT_STATUS_LABELS, GENDER_LABELS, PROFILE_TAB_LABELS, personIdSchema, profileTabSchema,
  xeroLinkSchema, type EmploymentStatus,
} from "~/modules/people/schemas";
import { setXeroEmployeeId } from "~/modules/people/sync-xero.server";
import { can, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { levelLabel, type AccessLevel } from "~/platform/tools";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, Field, FormError, cx } from "~/ui/form";
import { HistoryList } from "~/ui/history-list";
import { TimeAgo } from "~/ui/meta";
import { CONFIDENTIAL_NOTE_LEVELS } from "~/modules/records/levels";
import { NotesPanel } from "~/ui/notes-panel";
import { PersonAvatar, PersonName } from "~/ui/person-name";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? nameWithPronunciation(data.person) : "Person"} · People · Nucleus` }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "people", "view");
  const personId = personIdSchema.safeParse(args.params.personId);
  if (!personId.success) notFound();
  const tab = profileTabSchema.parse(new URL(args.request.url).searchParams.get("tab") ?? "details");
  const profile = await loadProfile(args.context.db, viewer, personId.data, tab);
  if (!profile) notFound();
  return {
    ...profile,
    viewer: { personId: viewer.personId, accessLevel: viewer.accessLevel },
    can: {
      linkXero: can(viewer, "people", "manage"),
      updateDocuments: can(viewer, "documents", "update"),
      acknowledgeAlerts: ["executive", "head", "manager"].includes(viewer.accessLevel),
    },
  };
}

/** The System card's manual Xero link (executives: people manage). */
export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "people", "manage");
  const personId = personIdSchema.safeParse(args.params.personId);
  if (!personId.success) notFound();
  const form = await parseForm(args.request, xeroLinkSchema);
  if (!form.ok) return invalid(form.errors);
  const result = await setXeroEmployeeId(args.context.db, viewer, personId.data, form.data.intent === "xero-link" ? form.data.xeroEmployeeId : null);
  if (!result.ok && result.status === 404) notFound();
  if (!result.ok) return invalid(result.errors);
  return { ok: true as const, changed: result.changed };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-3 py-1.5 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="col-span-2 break-words text-slate-900">{children ?? "—"}</dd>
    </div>
  );
}
const text = (value: string | number | null | undefined) => (value === null || value === undefined || value === "" ? "—" : String(value));

function address(json: string | null) {
  if (!json) return null;
  try {
    const a = JSON.parse(json) as Record<string, string | undefined>;
    return [a.AddressLine1, a.AddressLine2, [a.City, a.Region, a.PostalCode].filter(Boolean).join(" "), a.Country].filter(Boolean).join(", ") || null;
  } catch {
    return null;
  }
}

const WEEKDAYS = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function XeroLinkForm({ person }: { person: Data["person"] }) {
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : {};
  return (
    <div className="mt-3 border-t border-slate-100 pt-3">
      <Form method="post" className="flex flex-wrap items-end gap-2" aria-label="Link to a Xero employee">
        <Field label="Xero employee ID" name="xeroEmployeeId" defaultValue={person.xero_employee_id ?? ""} error={errors.xeroEmployeeId} className="w-72" placeholder="e.g. 4729f9a5-…" />
        <Button type="submit" name="intent" value="xero-link" variant="secondary">{person.xero_employee_id ? "Change link" : "Link"}</Button>
      </Form>
      {person.xero_employee_id ? (
        <Form method="post" className="mt-2">
          <Button type="submit" name="intent" value="xero-unlink" variant="ghost">Unlink from Xero</Button>
        </Form>
      ) : null}
      <FormError error={errors.form ?? errors.intent} />
      {actionData && "changed" in actionData ? <p role="status" className="mt-2 text-sm text-emerald-700">{actionData.changed ? "Xero link saved." : "No change."}</p> : null}
    </div>
  );
}

function DetailsTab({ data }: { data: Data }) {
  const p = data.person;
  const personalVisible = ["manager", "head", "executive"].includes(data.viewer.accessLevel) || data.viewer.personId === p.id;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title="Contact">
        <dl className="divide-y divide-slate-100">
          <Row label="Work email"><a href={`mailto:${p.email}`} className="hover:underline">{p.email}</a></Row>
          <Row label="Mobile">{text(p.mobile)}</Row>
          <Row label="Phone">{text(p.phone)}</Row>
          <Row label="LinkedIn">{p.linkedin_url ? <a href={p.linkedin_url} className="text-brand-700 underline" rel="noreferrer noopener" target="_blank">{p.linkedin_url.replace(/^https?:\/\//, "")}</a> : "—"}</Row>
          {personalVisible ? (
            <>
              <Row label="Personal email">{text(p.personal_email)}</Row>
              <Row label="Home address">{text(address(p.home_address))}</Row>
              <Row label="Emergency contact">{p.emergency_contact_name ? `${p.emergency_contact_name}${p.emergency_contact_phone ? ` · ${p.emergency_contact_phone}` : ""}` : "—"}</Row>
            </>
          ) : null}
        </dl>
      </Card>
      <Card title="Role">
        <dl className="divide-y divide-slate-100">
          <Row label="Title">{text(p.title)}</Row>
          <Row label="Squad">{p.squad ? <Link to={`/people?squad=${encodeURIComponent(p.squad)}`} className="hover:underline">{p.squad}</Link> : "—"}</Row>
          <Row label="Manager">
            {p.manager_id ? (
              <PersonName person={{ first_name: p.manager_first_name ?? "", last_name: p.manager_last_name ?? "", preferred_name: p.manager_preferred_name, pronunciation: p.manager_pronunciation }} to={`/people/${p.manager_id}`} />
            ) : "—"}
          </Row>
          <Row label="Location">{text(p.location)}</Row>
          <Row label="Direct reports">
            {data.reports.length === 0 ? "None" : (
              <ul className="space-y-0.5" data-testid="direct-reports">
                {data.reports.map((r) => (
                  <li key={r.id}><PersonName person={r} to={`/people/${r.id}`} />{r.title ? <span className="text-xs text-slate-500"> · {r.title}</span> : null}</li>
                ))}
              </ul>
            )}
          </Row>
        </dl>
      </Card>
      <Card title="Personal">
        <dl className="divide-y divide-slate-100">
          <Row label="Preferred name">{text(p.preferred_name)}</Row>
          <Row label="Pronunciation"><span data-testid="profile-pronunciation">{text(p.pronunciation)}</span></Row>
          {personalVisible ? (
            <>
              <Row label="Gender">{p.gender ? GENDER_LABELS[p.gender] ?? p.gender : "—"}</Row>
              <Row label="Date of birth">{text(p.date_of_birth)}</Row>
            </>
          ) : null}
        </dl>
      </Card>
      <Card title="System">
        <dl className="divide-y divide-slate-100">
          <Row label="App account">
            {p.user_id ? `${levelLabel(p.access_level as AccessLevel)}${p.disabled_at ? " (disabled)" : ""}` : "Not signed in yet"}
          </Row>
          <Row label="Last sign-in">{p.last_login_at ? <TimeAgo iso={p.last_login_at} /> : "—"}</Row>
          <Row label="Productive">{p.productive_id ? <span>Linked <span className="text-xs text-slate-500">({p.productive_id})</span></span> : "Not linked"}</Row>
          <Row label="Xero">{p.xero_employee_id ? <span>Linked <span className="text-xs text-slate-500" data-testid="xero-id">({p.xero_employee_id})</span></span> : "Not linked"}</Row>
          <Row label="Last synced">{p.synced_at ? <TimeAgo iso={p.synced_at} /> : "Never"}</Row>
        </dl>
        {data.can.linkXero ? <XeroLinkForm person={p} /> : null}
      </Card>
    </div>
  );
}

function EmploymentTab({ data }: { data: Data }) {
  const p = data.person;
  const days = p.working_days.split(",").map((d) => WEEKDAYS[Number(d)] ?? d).join(", ");
  const member = p.super_member_number ? `•••• ${p.super_member_number.slice(-3)}` : null;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title="Tenure">
        <dl className="divide-y divide-slate-100">
          <Row label="Status">{EMPLOYMENT_STATUS_LABELS[p.employment_status as EmploymentStatus] ?? p.employment_status}</Row>
          <Row label="Start date">{text(p.start_date)}</Row>
          {p.end_date ? <Row label="End date">{p.end_date}</Row> : null}
          <Row label="Tenure"><span data-testid="tenure">{text(tenure(p.start_date, p.end_date))}</span></Row>
        </dl>
      </Card>
      <Card title="Pay basis and capacity">
        <dl className="divide-y divide-slate-100">
          <Row label="Employment basis">{p.employment_basis ? EMPLOYMENT_BASIS_LABELS[p.employment_basis] ?? p.employment_basis : "—"}</Row>
          <Row label="Location">{text(p.location)}</Row>
          <Row label="Weekly capacity">{p.weekly_capacity_hours} hours</Row>
          <Row label="Billable target">{p.billable_target_percent}%</Row>
          <Row label="Working days">{days}</Row>
        </dl>
      </Card>
      <Card title="Superannuation">
        <dl className="divide-y divide-slate-100">
          <Row label="Fund">{text(p.super_fund_name)}</Row>
          <Row label="Fund USI">{text(p.super_fund_usi)}</Row>
          <Row label="Member number">{text(member)}</Row>
        </dl>
        <p className="mt-2 text-xs text-slate-500">Bank and tax details stay in Xero.</p>
      </Card>
    </div>
  );
}

export default function PersonProfile() {
  const data = useLoaderData<typeof loader>();
  const p = data.person;
  const base = `/people/${p.id}`;
  const name = displayName(p);
  return (
    <>
      <div className="mb-5 flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <PersonAvatar person={p} picture={p.avatar_url} size={48} />
          <div>
            <h1 className="text-xl font-semibold text-slate-900"><PersonName person={p} /></h1>
            <p className="text-sm text-slate-600">
              {p.title ?? "—"}{p.squad ? ` · ${p.squad}` : ""}
              {p.employment_status !== "active" ? (
                <span className={cx("ml-2 rounded px-1.5 py-0.5 text-xs font-medium", p.employment_status === "terminated" ? "bg-red-50 text-red-700" : "bg-amber-50 text-amber-800")}>
                  {EMPLOYMENT_STATUS_LABELS[p.employment_status as EmploymentStatus] ?? p.employment_status}
                </span>
              ) : null}
            </p>
          </div>
        </div>
        <div className="flex gap-2">
          <Link to={`/people/org-chart?peek=${encodeURIComponent(p.id)}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Org chart</Link>
          <Link to="/people" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Directory</Link>
        </div>
      </div>
      <nav aria-label="Profile sections" className="mb-4 flex gap-1 border-b border-slate-200">
        {data.tabs.map((t) => (
          <Link
            key={t}
            to={`${base}?tab=${t}`}
            aria-current={data.tab === t ? "page" : undefined}
            className={cx("-mb-px border-b-2 px-3 py-1.5 text-sm", data.tab === t ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900")}
          >
            {PROFILE_TAB_LABELS[t]}
          </Link>
        ))}
      </nav>
      {data.tab === "details" ? <DetailsTab data={data} /> : null}
      {data.tab === "employment" ? <EmploymentTab data={data} /> : null}
      {data.tab === "documents" ? (
        <DocumentsTab personId={p.id} personName={name} documents={data.documents} canUpdate={data.can.updateDocuments} redirectTo={`${base}?tab=documents`} />
      ) : null}
      {data.tab === "notes" ? (
        <>
          <p className="mb-3 text-sm text-slate-600">Confidential notes about {name}. Executives always see them; choose which other levels may.</p>
          <NotesPanel resourceType="person" resourceId={p.id} notes={data.notes} mentionables={data.mentionables} levels={CONFIDENTIAL_NOTE_LEVELS} redirectTo={`${base}?tab=notes`} />
        </>
      ) : null}
      {data.tab === "linkedin" ? (
        <LinkedInTab personId={p.id} personName={name} activities={data.linkedin.activities} alerts={data.linkedin.alerts} canAcknowledge={data.can.acknowledgeAlerts} redirectTo={`${base}?tab=linkedin`} />
      ) : null}
      {data.tab === "activity" ? <HistoryList entries={data.history} emptyText={`Changes to ${name}'s record (syncs, edits, notes) will be listed here.`} /> : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
