import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { appOrigin, loadPortalAdmin, runPortalAdminAction } from "~/modules/portal/invitations.server";
import { adminActionSchema, INVITATION_STATUSES, INVITATION_TTL_DAYS, parseAdminListQuery } from "~/modules/portal/schemas";
import { can, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { ActionButton, Button, Card, EmptyState, Field, FormError, PageHeader, SelectField, SubmitButton } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Client portal · Admin · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "portal", "view");
  const query = parseAdminListQuery(new URL(args.request.url).searchParams);
  return { query, canManage: can(viewer, "portal", "manage"), ...(await loadPortalAdmin(args.context.db, query)) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "portal", "manage");
  const form = await parseForm(args.request, adminActionSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await runPortalAdminAction(args.context, viewer, form.data, appOrigin(args.context.env, args.request));
  if (!result) notFound();
  if (!result.ok) return invalid(result.errors, form.data);
  return result;
}

const STATUS_STYLES: Record<string, string> = {
  pending: "bg-amber-50 text-amber-800 ring-amber-200",
  accepted: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  active: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  revoked: "bg-slate-100 text-slate-700 ring-slate-200",
  expired: "bg-slate-100 text-slate-700 ring-slate-200",
  disabled: "bg-red-50 text-red-800 ring-red-200",
};

function Status({ value }: { value: string }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${STATUS_STYLES[value] ?? ""}`}>{value}</span>;
}

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") : "—");

export default function AdminPortal() {
  const { query, canManage, companies, company, contacts, users, invitations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors: Record<string, string | undefined> = result && !result.ok ? result.errors : {};
  const values = (result && !result.ok ? result.values : undefined) as Record<string, unknown> | undefined;
  const value = (key: string) => (typeof values?.[key] === "string" ? (values[key] as string) : "");
  const link = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    return `?${next}`;
  };
  const companyOptions = companies.map((c) => ({ value: c.id, label: c.name }));
  return (
    <>
      <PageHeader title="Client portal" description="Invite client contacts to their company's portal, and manage who can sign in." />
      {result?.ok ? <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{result.message}</p> : null}
      {result && !result.ok && errors.form ? <div className="mb-4"><FormError error={errors.form} /></div> : null}

      <Form method="get" className="mb-5 flex flex-wrap items-end gap-3" aria-label="Filter">
        <SelectField label="Company" name="company" defaultValue={query.companyId ?? ""}
          options={[{ value: "", label: "All companies" }, ...companyOptions]}
          onChange={(e) => e.currentTarget.form?.requestSubmit()} />
        <SelectField label="Invitation status" name="status" defaultValue={query.status ?? ""}
          options={[{ value: "", label: "Any status" }, ...INVITATION_STATUSES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }))]}
          onChange={(e) => e.currentTarget.form?.requestSubmit()} />
        <Button type="submit" variant="secondary">Apply</Button>
      </Form>

      {canManage ? (
        <Card title="Invite a client contact" className="mb-5">
          <Form method="post" key={result?.ok ? result.id : "invite"} className="grid gap-3 md:grid-cols-2" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <SelectField label="Company" name="companyId" defaultValue={value("companyId") || (company?.id ?? "")} error={errors.companyId}
              options={[{ value: "", label: "Choose a company…" }, ...companyOptions]} />
            {company ? (
              <SelectField label={`Contact at ${company.name}`} name="contactId" defaultValue={value("contactId")} error={errors.contactId}
                options={[
                  { value: "", label: "Someone else (enter name and email)" },
                  ...contacts.map((c) => ({ value: c.id, label: `${c.first_name} ${c.last_name}${c.email ? ` · ${c.email}` : " · no email"}` })),
                ]} />
            ) : (
              <div className="flex flex-col gap-1 text-sm">
                <span className="font-medium text-slate-700">Contact</span>
                <span className="text-slate-500">Filter by a company above to pick one of its contacts, or enter a name and email.</span>
                {errors.contactId ? <p className="text-xs text-red-600" role="alert">{errors.contactId}</p> : null}
              </div>
            )}
            <Field label="Name" name="name" defaultValue={value("name")} error={errors.name} hint="Only when not choosing a contact" autoComplete="off" />
            <Field label="Email" name="email" type="email" defaultValue={value("email")} error={errors.email} hint="Only when not choosing a contact" autoComplete="off" />
            <div className="md:col-span-2 flex items-center gap-3">
              <SubmitButton>Send invitation</SubmitButton>
              <span className="text-xs text-slate-500">The link works once and expires in {INVITATION_TTL_DAYS} days.</span>
            </div>
          </Form>
        </Card>
      ) : null}

      <Card title={`Portal users${company ? ` · ${company.name}` : ""}`} className="mb-5">
        {users.rows.length === 0 ? (
          <EmptyState title="No portal users yet">Invite a client contact; they appear here once they accept.</EmptyState>
        ) : (
          <table className="w-full text-left text-sm" data-testid="portal-users">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="py-1.5 font-medium">Name</th><th scope="col" className="py-1.5 font-medium">Email</th>
                <th scope="col" className="py-1.5 font-medium">Company</th><th scope="col" className="py-1.5 font-medium">Status</th>
                <th scope="col" className="py-1.5 font-medium">Last sign-in</th>{canManage ? <th scope="col" className="py-1.5"><span className="sr-only">Actions</span></th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.rows.map((u) => (
                <tr key={u.id}>
                  <td className="py-1.5">{u.name}</td>
                  <td className="py-1.5 text-slate-600">{u.email}</td>
                  <td className="py-1.5"><Link to={link({ company: u.company_id, upage: null, ipage: null })} className="underline">{u.company_name}</Link></td>
                  <td className="py-1.5"><Status value={u.status} /></td>
                  <td className="py-1.5 text-slate-600">{when(u.last_login_at)}</td>
                  {canManage ? (
                    <td className="py-1.5 text-right">
                      {u.status === "active" ? (
                        <ActionButton intent="disable" fields={{ portalUserId: u.id }} variant="danger" confirm={`Disable ${u.email}? Their sessions end now.`}>
                          Disable<span className="sr-only"> {u.email}</span>
                        </ActionButton>
                      ) : (
                        <ActionButton intent="enable" fields={{ portalUserId: u.id }}>Enable<span className="sr-only"> {u.email}</span></ActionButton>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager page={users.page} hasNext={users.hasNext} href={(p) => link({ upage: String(p) })} label="Portal user pages" />
      </Card>

      <Card title={`Invitations${company ? ` · ${company.name}` : ""}`}>
        {invitations.rows.length === 0 ? (
          <EmptyState title="No invitations">{query.status ? "None with this status." : "Invitations you send appear here."}</EmptyState>
        ) : (
          <table className="w-full text-left text-sm" data-testid="portal-invitations">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="py-1.5 font-medium">Name</th><th scope="col" className="py-1.5 font-medium">Email</th>
                <th scope="col" className="py-1.5 font-medium">Company</th><th scope="col" className="py-1.5 font-medium">Status</th>
                <th scope="col" className="py-1.5 font-medium">Invited by</th><th scope="col" className="py-1.5 font-medium">Sent</th>
                <th scope="col" className="py-1.5 font-medium">Expires</th>{canManage ? <th scope="col" className="py-1.5"><span className="sr-only">Actions</span></th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {invitations.rows.map((i) => (
                <tr key={i.id}>
                  <td className="py-1.5">{i.name}</td>
                  <td className="py-1.5 text-slate-600">{i.email}</td>
                  <td className="py-1.5">{i.company_name}</td>
                  <td className="py-1.5"><Status value={i.status} /></td>
                  <td className="py-1.5 text-slate-600">{i.invited_by_name ?? "—"}</td>
                  <td className="py-1.5 text-slate-600">{when(i.created_at)}</td>
                  <td className="py-1.5 text-slate-600">{i.status === "pending" ? when(i.expires_at) : "—"}</td>
                  {canManage ? (
                    <td className="py-1.5 text-right">
                      {i.status === "pending" ? (
                        <ActionButton intent="revoke" fields={{ invitationId: i.id }} confirm={`Revoke the invitation for ${i.email}?`}>
                          Revoke<span className="sr-only"> invitation for {i.email}</span>
                        </ActionButton>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager page={invitations.page} hasNext={invitations.hasNext} href={(p) => link({ ipage: String(p) })} label="Invitation pages" />
      </Card>
    </>
  );
}

function Pager({ page, hasNext, href, label }: { page: number; hasNext: boolean; href: (page: number) => string; label: string }) {
  if (page <= 1 && !hasNext) return null;
  return (
    <nav aria-label={label} className="mt-3 flex items-center justify-between text-sm">
      {page > 1 ? <Link to={href(page - 1)} className="underline">Previous</Link> : <span />}
      <span className="text-slate-500">Page {page}</span>
      {hasNext ? <Link to={href(page + 1)} className="underline">Next</Link> : <span />}
    </nav>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
