// /contracts/:contractId — overview, signers in order with their audit trail (sent, viewed,
// signed or declined, IP, user agent), downloads, fields, history; send / resend / void / delete.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ContractStatusBadge, PagePreview, SignerStatusBadge } from "~/modules/contracts/components";
import { appOrigin, deleteDraft, loadContract, resendLink, sendContract, voidContract } from "~/modules/contracts/contracts.server";
import { contractActionSchema, formatMoney, idSchema, typeLabel } from "~/modules/contracts/schemas";
import { can, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { Details, Notice, dateTime } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { ActionButton, Card, FormError, PageHeader } from "~/ui/form";
import { HistoryList } from "~/ui/history-list";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.contract.title ?? "Contract"} · Nucleus` }];

const NOTICES: Record<string, string> = { created: "Draft created. Check the signers, then send it." };

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "contracts", "view");
  const id = idSchema.safeParse(args.params.contractId);
  const found = id.success ? await loadContract(args.context.db, viewer, id.data) : null;
  if (!found) notFound();
  const notice = NOTICES[new URL(args.request.url).searchParams.get("notice") ?? ""] ?? null;
  return { ...found, notice, canUpdate: can(viewer, "contracts", "update") };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "contracts", "update");
  const id = idSchema.safeParse(args.params.contractId);
  if (!id.success) notFound();
  const form = await parseForm(args.request, contractActionSchema);
  if (!form.ok) return invalid(form.errors);
  const { context } = args;
  const origin = appOrigin(context.env, args.request);
  const result =
    form.data.intent === "send" ? await sendContract(context, viewer, id.data, origin)
    : form.data.intent === "resend" ? await resendLink(context, viewer, id.data, origin)
    : form.data.intent === "void" ? await voidContract(context.db, viewer, id.data, form.data.reason)
    : await deleteDraft(context.db, viewer, id.data);
  if (!result.ok && result.status === 404) notFound();
  if (!result.ok) return data({ ok: false as const, errors: { form: result.message } }, { status: result.status });
  if (form.data.intent === "delete") return redirect("/contracts?notice=deleted");
  return { ok: true as const, message: result.message };
}

export default function ContractDetail() {
  const { contract: c, signers, history, fields, roles, notice, canUpdate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const message = result && "message" in result ? result.message : notice;
  const formError = result && !result.ok ? result.errors.form : undefined;
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/contracts" className="text-brand-600 underline">Contracts</Link></p>
      <PageHeader
        title={c.title}
        description={`${typeLabel(c.contract_type)}${c.company_name ? ` · ${c.company_name}` : ""}`}
        actions={
          <>
            <a href={`/contracts/${c.id}/document.pdf?version=original`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50" download>Original PDF</a>
            {c.status === "completed" ? (
              <a href={`/contracts/${c.id}/document.pdf?version=completed`} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700" download data-testid="download-completed">Signed PDF</a>
            ) : null}
          </>
        }
      />
      <Notice>{message}</Notice>
      <FormError error={formError} />
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <div className="flex flex-col gap-4">
          <Card title="Signers and audit trail">
            <ol className="flex flex-col gap-3" aria-label="Signers in signing order">
              {signers.map((s) => (
                <li key={s.id} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="signer-row">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{s.sign_order}. {s.role_label}</span>
                    <SignerStatusBadge status={s.status} />
                  </div>
                  <p className="text-slate-700">{s.name} &lt;{s.email}&gt;</p>
                  <dl className="mt-1 grid grid-cols-[7rem_1fr] gap-x-3 text-xs text-slate-600">
                    <dt>Link emailed</dt><dd>{dateTime(s.sent_at)}</dd>
                    <dt>Viewed</dt><dd>{dateTime(s.viewed_at)}</dd>
                    {s.signed_at ? <><dt>Signed</dt><dd>{dateTime(s.signed_at)}</dd></> : null}
                    {s.declined_at ? <><dt>Declined</dt><dd>{dateTime(s.declined_at)}: {s.decline_reason}</dd></> : null}
                    {s.token_expires_at && (s.status === "sent" || s.status === "viewed") ? <><dt>Link expires</dt><dd>{dateTime(s.token_expires_at)}</dd></> : null}
                    <dt>IP address</dt><dd>{s.ip ?? "—"}</dd>
                    <dt>Browser</dt><dd className="break-all">{s.user_agent ?? "—"}</dd>
                  </dl>
                </li>
              ))}
            </ol>
          </Card>
          <Card title="Fields">
            {fields.length === 0 ? <p className="text-sm text-slate-600">No fields were placed on this contract's template.</p> : <PagePreview pageCount={c.page_count} fields={fields} roles={roles} maxPages={6} />}
          </Card>
          <Card title="History"><HistoryList entries={history} /></Card>
        </div>
        <div className="flex flex-col gap-4">
          <Card title="Overview">
            <div className="mb-3"><ContractStatusBadge status={c.status} /></div>
            <Details items={[
              ["Company", c.company_id ? <Link to={`/companies/${c.company_id}`} className="underline">{c.company_name}</Link> : null],
              ["Deal", c.deal_title],
              ["Owner", c.owner_name],
              ["Template", c.template_name],
              ["Value", formatMoney(c.value_cents, c.currency)],
              ["Start", c.start_date],
              ["End", c.end_date],
              ["Renewal", c.renewal_date ? `${c.renewal_date} (reminder ${c.renewal_notice_days} days before)` : null],
              ["Sent", c.sent_at ? dateTime(c.sent_at) : null],
              ["Completed", c.completed_at ? dateTime(c.completed_at) : null],
              ["Declined", c.declined_at ? `${dateTime(c.declined_at)}: ${c.decline_reason ?? ""}` : null],
              ["Terms", c.terms],
            ]} />
          </Card>
          {canUpdate && (c.status === "draft" || c.status === "sent") ? (
            <Card title="Actions">
              <div className="flex flex-wrap gap-2">
                {c.status === "draft" ? <ActionButton intent="send" variant="primary">Send for signature</ActionButton> : null}
                {c.status === "sent" ? <ActionButton intent="resend">Email a new link</ActionButton> : null}
                <ActionButton intent="void" variant="danger" confirm="Void this contract? Its signing links stop working.">Void</ActionButton>
                {c.status === "draft" ? <ActionButton intent="delete" variant="ghost" confirm="Delete this draft?">Delete draft</ActionButton> : null}
              </div>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
