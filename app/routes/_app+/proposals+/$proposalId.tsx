// /proposals/:proposalId — one proposal: overview (details, team, approval and sending), pages
// editor, pricing, client analytics and history. Every change is a POST with an intent.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { data } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { isApprover, loadProposalPage, proposalAction } from "~/modules/proposals/proposals.server";
import { formatMoney, formatPercent, lineCents } from "~/modules/proposals/pricing";
import { EDITABLE_STATUSES, PROPOSAL_TABS, type ProposalStatus } from "~/modules/proposals/schemas";
import { can, forbidden, notFound, requireAccess } from "~/platform/access.server";
import { Details, Notice, Tabs, dateTime, shortDate } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, EmptyState, Field, FormError, PageHeader, SelectField, SubmitButton, TextAreaField } from "~/ui/form";
import { HistoryList } from "~/ui/history-list";
import { BarList, PageBody, StatusBadge, duration } from "~/ui/proposals";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.proposal.title ?? "Proposal"} · Nucleus` }];

const query = z.object({ tab: z.enum(PROPOSAL_TABS).catch("overview").default("overview") });
const idSchema = z.string().min(1).max(100);

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "proposals", "view");
  const id = idSchema.safeParse(args.params.proposalId);
  const { tab } = query.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const page = id.success ? await loadProposalPage(args.context.db, viewer, id.data, tab) : null;
  if (!page) notFound();
  const notice = new URL(args.request.url).searchParams.get("notice") === "created" ? "Proposal created from the template." : null;
  return { ...page, tab, notice, canUpdate: can(viewer, "proposals", "update"), canApprove: isApprover(viewer), viewerUserId: viewer.userId };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "proposals", "update");
  const id = idSchema.safeParse(args.params.proposalId);
  if (!id.success) notFound();
  const origin = args.context.env.APP_URL ?? new URL(args.request.url).origin;
  const result = await proposalAction(args.context, viewer, id.data, await args.request.formData(), origin);
  if ("status" in result) return result.status === 404 ? notFound() : forbidden();
  return result.ok ? { ...result, errors: {} as Record<string, string> } : data(result, { status: 400 });
}

const TAB_LABELS = { overview: "Overview", pages: "Pages", pricing: "Pricing", analytics: "Analytics", history: "History" } as const;

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function useResult() {
  const result = useActionData<typeof action>();
  const errors = (result && "errors" in result ? result.errors : {}) as Record<string, string>;
  return { result, errors };
}

export default function ProposalPage() {
  const d = useLoaderData<typeof loader>();
  const { result, errors } = useResult();
  const { pathname } = useLocation();
  const p = d.proposal;
  const status = p.status as ProposalStatus;
  const editable = d.canUpdate && EDITABLE_STATUSES.includes(status);
  const notice = result && "notice" in result ? result.notice : d.notice;
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/proposals" className="text-brand-600 underline">← Proposals</Link></p>
      <PageHeader
        title={p.title}
        description={[p.company_name, p.contact_name, p.deal_title ? `Deal: ${p.deal_title}` : null].filter(Boolean).join(" · ") || undefined}
        actions={<span className="flex items-center gap-2"><StatusBadge status={p.status} /><span className="font-semibold tabular-nums" data-testid="proposal-total">{formatMoney(d.pricing.totalCents, p.currency)}</span></span>}
      />
      <Notice>{notice}</Notice>
      <FormError error={errors.form} />
      {result && "shareUrl" in result && result.shareUrl ? (
        <p className="mb-4 rounded-md border border-sky-200 bg-sky-50 p-3 text-sm" role="status">
          Client link (shown once; it is stored only as a hash):{" "}
          <a className="break-all font-mono text-sky-800 underline" href={result.shareUrl} data-testid="share-url">{result.shareUrl}</a>
        </p>
      ) : null}
      <StatusActions d={d} errors={errors} />
      <Tabs label="Proposal sections" current={d.tab} hrefFor={(k) => (k === "overview" ? pathname : `${pathname}?tab=${k}`)} tabs={PROPOSAL_TABS.map((k) => ({ key: k, label: TAB_LABELS[k] }))} />
      {d.tab === "overview" ? <Overview d={d} errors={errors} editable={d.canUpdate && !["accepted", "declined", "expired"].includes(status)} pricingEditable={editable} /> : null}
      {d.tab === "pages" ? <Pages d={d} errors={errors} editable={editable} /> : null}
      {d.tab === "pricing" ? <Pricing d={d} errors={errors} editable={editable} /> : null}
      {d.tab === "analytics" ? <Analytics d={d} /> : null}
      {d.tab === "history" ? <Card title="History"><HistoryList entries={d.history} emptyText="No changes yet." /></Card> : null}
    </>
  );
}

function StatusActions({ d, errors }: { d: LoaderData; errors: Record<string, string> }) {
  const p = d.proposal;
  if (!d.canUpdate) return null;
  const box = "mb-4 flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm";
  if (p.status === "draft") {
    return (
      <div className={box} data-testid="status-actions">
        {d.approvalNeeded ? (
          <>
            <span>Total is {formatMoney(d.pricing.totalCents, p.currency)}: proposals of {formatMoney(d.thresholdCents, p.currency)} or more need an executive or head to approve them before sending.</span>
            <Form method="post"><Button type="submit" name="intent" value="request-approval">Request approval</Button></Form>
          </>
        ) : (
          <>
            <span>{p.approved_total_cents !== null ? "Approved. " : ""}Sending creates the client link and emails {p.contact_email ?? "the client contact (choose one first)"}.</span>
            <Form method="post"><Button type="submit" name="intent" value="send">Send to client</Button></Form>
          </>
        )}
      </div>
    );
  }
  if (p.status === "for_approval") {
    const own = d.pendingApproval?.requested_by === d.viewerUserId;
    return (
      <div className={box} data-testid="status-actions">
        <span>Waiting for approval{d.pendingApproval ? ` (asked by ${d.pendingApproval.requested_by_name ?? "someone"} for ${formatMoney(d.pendingApproval.total_cents, p.currency)})` : ""}.</span>
        {d.canApprove && !own ? (
          <Form method="post" className="flex flex-wrap items-end gap-2">
            <TextAreaField label="Comment" name="comment" rows={1} error={errors.comment} className="min-w-[16rem]" />
            <Button type="submit" name="intent" value="approve">Approve</Button>
            <Button type="submit" name="intent" value="reject" variant="danger">Send back</Button>
          </Form>
        ) : null}
      </div>
    );
  }
  if (p.status === "sent" || p.status === "viewed") {
    return (
      <div className={box} data-testid="status-actions">
        <span>Sent {dateTime(p.sent_at)}{p.first_viewed_at ? `, first viewed ${dateTime(p.first_viewed_at)}` : ", not opened yet"}. Valid until {shortDate(p.valid_until)}.</span>
        <Form method="post"><Button type="submit" name="intent" value="regenerate-link" variant="secondary">Create a new client link</Button></Form>
      </div>
    );
  }
  return (
    <div className={box} data-testid="status-actions">
      {p.status === "accepted" ? <span>Accepted {dateTime(p.accepted_at)}.</span> : null}
      {p.status === "declined" ? <span>Declined {dateTime(p.declined_at)}{p.decline_reason ? `: “${p.decline_reason}”` : ""}.</span> : null}
      {p.status === "expired" ? <span>Expired (valid until {shortDate(p.valid_until)}).</span> : null}
    </div>
  );
}

function Overview({ d, errors, editable, pricingEditable }: { d: LoaderData; errors: Record<string, string>; editable: boolean; pricingEditable: boolean }) {
  const p = d.proposal;
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Card title="Details" className="lg:col-span-2">
        {editable ? (
          <Form method="post" className="grid gap-3 sm:grid-cols-2">
            <input type="hidden" name="intent" value="details" />
            <Field label="Title" name="title" defaultValue={p.title} error={errors.title} className="sm:col-span-2" />
            <SelectField label="Company" name="companyId" defaultValue={p.company_id ?? ""} error={errors.companyId} options={[{ value: "", label: "None" }, ...d.companies.map((c) => ({ value: c.id, label: c.name }))]} />
            <SelectField label="Client contact" name="contactId" defaultValue={p.contact_id ?? ""} error={errors.contactId} options={[{ value: "", label: "None" }, ...d.contacts.map((c) => ({ value: c.id, label: c.name }))]} />
            <Field label="Valid until" name="validUntil" type="date" defaultValue={p.valid_until ?? ""} error={errors.validUntil} />
            <Field label="Currency" name="currency" defaultValue={p.currency} error={errors.currency} readOnly={!pricingEditable} />
            <Field label="Tax (GST) %" name="taxPercent" inputMode="decimal" defaultValue={String(p.tax_rate_bp / 100)} error={errors.taxPercent} readOnly={!pricingEditable} />
            <TextAreaField label="Internal notes (never shown to the client)" name="internalNotes" defaultValue={p.internal_notes ?? ""} rows={3} error={errors.internalNotes} className="sm:col-span-2" />
            <div><SubmitButton>Save details</SubmitButton></div>
          </Form>
        ) : (
          <Details items={[["Company", p.company_name], ["Contact", p.contact_name], ["Valid until", shortDate(p.valid_until)], ["Tax", formatPercent(p.tax_rate_bp)], ["Internal notes", p.internal_notes]]} />
        )}
        <div className="mt-4 border-t border-slate-100 pt-3">
          <Details items={[["Owner", p.owner_name], ["Template", p.template_name], ["Deal", p.deal_id ? p.deal_title : null], ["Created", dateTime(p.created_at)], ["Updated", dateTime(p.updated_at)]]} />
        </div>
      </Card>
      <div className="space-y-4">
        <Card title="Team shown to the client">
          {d.team.length === 0 ? <p className="text-sm text-slate-500">No one yet.</p> : (
            <ul className="space-y-1.5 text-sm" data-testid="team">
              {d.team.map((m) => (
                <li key={m.id} className="flex items-center justify-between gap-2">
                  <span><span className="font-medium">{m.name}</span>{m.role ? <span className="text-slate-500"> · {m.role}</span> : null}</span>
                  {pricingEditable ? (
                    <Form method="post"><input type="hidden" name="memberId" value={m.id} /><Button type="submit" name="intent" value="remove-member" variant="ghost" aria-label={`Remove ${m.name ?? "member"}`}>Remove</Button></Form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {pricingEditable ? (
            <Form method="post" className="mt-3 grid gap-2">
              <input type="hidden" name="intent" value="add-member" />
              <SelectField label="Add a person" name="personId" error={errors.personId} options={d.people.map((x) => ({ value: x.id, label: x.title ? `${x.name} — ${x.title}` : x.name ?? x.id }))} />
              <Field label="Role on this proposal" name="role" error={errors.role} />
              <div><SubmitButton variant="secondary">Add to team</SubmitButton></div>
            </Form>
          ) : null}
        </Card>
        {d.signer ? (
          <Card title="Client acceptance">
            <p className="text-sm" data-testid="signer">Signed by <strong>{d.signer.name}</strong> on {dateTime(d.signer.signed_at)} ({d.signer.signature_type}).</p>
            {d.signer.signature_image ? <img src={d.signer.signature_image} alt={`Drawn signature of ${d.signer.name}`} className="mt-2 max-h-24 rounded border border-slate-200 bg-white" /> : null}
          </Card>
        ) : null}
        <Card title="Approvals">
          {d.approvals.length === 0 ? <p className="text-sm text-slate-500">None requested. Totals of {formatMoney(d.thresholdCents, p.currency)} or more need one.</p> : (
            <ul className="space-y-2 text-sm">
              {d.approvals.map((a) => (
                <li key={a.id}>
                  <span className="font-medium capitalize">{a.status}</span> · {formatMoney(a.total_cents, p.currency)} · asked by {a.requested_by_name ?? "—"} {dateTime(a.requested_at)}
                  {a.decided_at ? <> · {a.decided_by_name ?? "—"} {dateTime(a.decided_at)}</> : null}
                  {a.comment ? <p className="text-slate-600">“{a.comment}”</p> : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}

function Pages({ d, errors, editable }: { d: LoaderData; errors: Record<string, string>; editable: boolean }) {
  return (
    <div className="space-y-4">
      {d.pages.length === 0 ? <EmptyState title="No pages yet">Add the first page below.</EmptyState> : null}
      {d.pages.map((page, i) => (
        <Card key={page.id} title={`Page ${i + 1}`}>
          {editable ? (
            <>
              <Form method="post" className="grid gap-2">
                <input type="hidden" name="intent" value="save-page" />
                <input type="hidden" name="pageId" value={page.id} />
                <Field label="Title" name="title" id={`title-${page.id}`} defaultValue={page.title} />
                <TextAreaField label="Body (# heading, - bullet, **bold**)" name="body" id={`body-${page.id}`} defaultValue={page.body} rows={6} />
                <div><SubmitButton variant="secondary">Save page</SubmitButton></div>
              </Form>
              <div className="mt-2 flex gap-2">
                <Form method="post"><input type="hidden" name="pageId" value={page.id} /><input type="hidden" name="direction" value="up" /><Button type="submit" name="intent" value="move-page" variant="ghost" disabled={i === 0}>Move up</Button></Form>
                <Form method="post"><input type="hidden" name="pageId" value={page.id} /><input type="hidden" name="direction" value="down" /><Button type="submit" name="intent" value="move-page" variant="ghost" disabled={i === d.pages.length - 1}>Move down</Button></Form>
                <Form method="post"><input type="hidden" name="pageId" value={page.id} /><Button type="submit" name="intent" value="delete-page" variant="ghost">Delete page</Button></Form>
              </div>
            </>
          ) : (
            <><h3 className="mb-2 text-lg font-semibold">{page.title}</h3><PageBody body={page.body} /></>
          )}
        </Card>
      ))}
      {editable ? (
        <Card title="Add a page">
          <Form method="post" className="grid gap-2">
            <input type="hidden" name="intent" value="add-page" />
            <Field label="Title" name="title" id="new-page-title" error={errors.title} />
            <TextAreaField label="Body" name="body" id="new-page-body" rows={4} error={errors.body} />
            <div><SubmitButton>Add page</SubmitButton></div>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}

function Pricing({ d, errors, editable }: { d: LoaderData; errors: Record<string, string>; editable: boolean }) {
  const p = d.proposal;
  return (
    <div className="space-y-4">
      {d.sections.length === 0 ? <EmptyState title="No pricing yet">Add a section, then its items.</EmptyState> : null}
      {d.sections.map((s, i) => {
        const items = d.items.filter((it) => it.section_id === s.id);
        const sum = d.pricing.sections[i];
        return (
          <Card key={s.id} title={s.title} actions={editable ? <Form method="post"><input type="hidden" name="sectionId" value={s.id} /><Button type="submit" name="intent" value="delete-section" variant="ghost">Delete section</Button></Form> : undefined}>
            <table className="w-full text-sm" data-testid="pricing-section">
              <thead className="text-slate-500"><tr><th className="text-left">Item</th><th className="text-right">Qty</th><th className="text-right">Rate</th><th className="text-right">Amount</th><th className="sr-only">Actions</th></tr></thead>
              <tbody>
                {items.map((it) => (
                  <tr key={it.id} className="border-t border-slate-100">
                    <td className="py-1">{it.description}{it.is_optional ? <span className="ml-1 text-xs text-amber-700">(optional{it.is_selected ? ", chosen" : ""})</span> : null}</td>
                    <td className="text-right tabular-nums">{it.quantity}</td>
                    <td className="text-right tabular-nums">{formatMoney(it.rate_cents, p.currency)}</td>
                    <td className="text-right tabular-nums">{formatMoney(lineCents(it), p.currency)}</td>
                    <td className="text-right">{editable ? <Form method="post"><input type="hidden" name="itemId" value={it.id} /><Button type="submit" name="intent" value="delete-item" variant="ghost" aria-label={`Remove ${it.description}`}>Remove</Button></Form> : null}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot><tr className="border-t border-slate-200 font-medium"><td colSpan={3}>Subtotal</td><td className="text-right tabular-nums" data-testid="section-subtotal">{formatMoney(sum?.subtotalCents ?? 0, p.currency)}</td><td /></tr></tfoot>
            </table>
            {editable ? (
              <Form method="post" className="mt-3 grid items-end gap-2 sm:grid-cols-[2fr_5rem_8rem_auto_auto]">
                <input type="hidden" name="intent" value="add-item" />
                <input type="hidden" name="sectionId" value={s.id} />
                <Field label="Item" name="description" id={`desc-${s.id}`} error={errors.description} />
                <Field label="Qty" name="quantity" id={`qty-${s.id}`} defaultValue="1" inputMode="decimal" error={errors.quantity} />
                <Field label="Rate ($)" name="rate" id={`rate-${s.id}`} inputMode="decimal" error={errors.rate} />
                <label className="flex items-center gap-1 pb-2 text-sm"><input type="checkbox" name="optional" /> Optional</label>
                <SubmitButton variant="secondary">Add item</SubmitButton>
              </Form>
            ) : null}
          </Card>
        );
      })}
      <Card title="Totals">
        <Details items={[
          ["Subtotal", formatMoney(d.pricing.subtotalCents, p.currency)],
          [`Tax (${formatPercent(p.tax_rate_bp)})`, formatMoney(d.pricing.taxCents, p.currency)],
          ["Total", <strong key="t" data-testid="pricing-total">{formatMoney(d.pricing.totalCents, p.currency)}</strong>],
          ["Optional, not chosen", formatMoney(d.pricing.optionalAvailableCents, p.currency)],
        ]} />
      </Card>
      {editable ? (
        <Card title="Add a pricing section">
          <Form method="post" className="flex items-end gap-2">
            <input type="hidden" name="intent" value="add-section" />
            <Field label="Section title" name="title" id="section-title" error={errors.title} />
            <SubmitButton variant="secondary">Add section</SubmitButton>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}

function Analytics({ d }: { d: LoaderData }) {
  const a = d.analytics;
  if (!a) return null;
  if (a.views === 0) return <EmptyState title="Not opened yet">Views, time per page and last visit appear once the client opens the link.</EmptyState>;
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Card title="Engagement">
        <Details items={[
          ["Views", <span key="v" data-testid="analytics-views">{a.views}</span>],
          ["First viewed", dateTime(a.firstViewedAt)],
          ["Last seen", <span key="l" data-testid="analytics-last-seen">{dateTime(a.lastSeenAt)}</span>],
          ["Reading time", <span key="t" data-testid="analytics-total-time">{duration(a.totalMs)}</span>],
        ]} />
      </Card>
      <Card title="Time per page" className="lg:col-span-2">
        <BarList label="Time per page" rows={a.pages.map((x) => ({ key: x.id, label: x.title, value: x.ms }))} format={duration} />
      </Card>
      <Card title="Recent visits" className="lg:col-span-3">
        <ul className="space-y-1 text-sm">
          {a.recent.map((v) => <li key={v.id}>{dateTime(v.started_at)} → {dateTime(v.last_seen_at)} <span className="text-slate-500">{v.user_agent?.slice(0, 80) ?? ""}</span></li>)}
        </ul>
      </Card>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
