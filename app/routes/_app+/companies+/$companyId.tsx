// /companies/:companyId — one company: tabs in the URL (?tab=overview|contacts|communications|
// notes|history|timeline), its place in the group, roll-ups. One batch per page view.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { loadCompanyPage, TAB_PAGE_SIZE } from "~/modules/crm/companies.server";
import { COMPANY_TABS } from "~/modules/crm/schemas";
import { MeetingList } from "~/modules/meetings/MeetingList";
import { COMMUNICATION_TYPE_LABELS } from "~/modules/relationships/schemas";
import { can, notFound, requireAccess } from "~/platform/access.server";
import { Badge, Details, Notice, Pagination, Pill, Tabs, Timeline, dateTime, withQuery } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Card, EmptyState, PageHeader } from "~/ui/form";
import { HistoryList } from "~/ui/history-list";
import { NotesPanel } from "~/ui/notes-panel";
import { EmailTab } from "~/ui/email";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.company.name ?? "Company"} · Nucleus` }];

const query = z.object({
  tab: z.enum(COMPANY_TABS).catch("overview").default("overview"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  before: z.string().max(300).optional().catch(undefined),
});

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "companies", "view");
  const id = z.string().min(1).max(200).safeParse(args.params.companyId);
  const q = query.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const canEmails = can(viewer, "emails", "view");
  const canMeetings = can(viewer, "meetings", "view");
  if ((q.tab === "emails" && !canEmails) || (q.tab === "meetings" && !canMeetings)) q.tab = "overview";
  const page = id.success ? await loadCompanyPage(args.context.db, viewer, id.data, q.tab, { page: q.page, before: q.before }) : null;
  if (!page) notFound();
  const notice = new URL(args.request.url).searchParams.get("notice");
  const pageCount = page.tab === "meetings" ? page.page + (page.moreMeetings ? 1 : 0) : Math.max(1, Math.ceil(page.total / TAB_PAGE_SIZE));
  return {
    ...page, pageCount, canUpdate: can(viewer, "companies", "update"), canContacts: can(viewer, "contacts", "view"), canEmails, canMeetings,
    canUpdateMeetings: can(viewer, "meetings", "update"), canSendEmail: can(viewer, "emails", "update"), notice,
  };
}

const TAB_LABELS: Record<(typeof COMPANY_TABS)[number], string> = {
  overview: "Overview", contacts: "Contacts", communications: "Communications", emails: "Emails", meetings: "Meetings", notes: "Notes", history: "History", timeline: "Timeline",
};
const NOTICES: Record<string, string> = { created: "Company created.", saved: "Changes saved." };

export default function CompanyPage() {
  const data = useLoaderData<typeof loader>();
  const { company, ancestors, children, rollup, tab, canUpdate } = data;
  const { pathname, search } = useLocation();
  const tabHref = (key: string) => (key === "overview" ? pathname : `${pathname}?tab=${key}`);
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/companies" className="text-brand-600 underline">← Companies</Link></p>
      <PageHeader
        title={company.name}
        description={[company.domain, company.industry, company.pronunciation ? `say “${company.pronunciation}”` : null].filter(Boolean).join(" · ") || undefined}
        actions={
          canUpdate ? (
            <>
              <Link to={`/contacts/new?company=${company.id}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Add contact</Link>
              <Link to={`/companies/new?parent=${company.id}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Add subsidiary</Link>
              <Link to={`/companies/${company.id}/edit`} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">Edit</Link>
            </>
          ) : undefined
        }
      />
      <Notice>{data.notice ? NOTICES[data.notice] : null}</Notice>
      {ancestors.length ? (
        <nav aria-label="Group" className="mb-3 text-sm text-slate-600" data-testid="group-path">
          Part of{" "}
          {ancestors.map((a, i) => (
            <span key={a.id}>
              {i > 0 ? " › " : ""}
              <Link to={`/companies/${a.id}`} className="underline">{a.name}</Link>
            </span>
          ))}
        </nav>
      ) : null}
      <Tabs label="Company sections" current={tab} hrefFor={tabHref} tabs={COMPANY_TABS.filter((k) => (k !== "emails" || data.canEmails) && (k !== "meetings" || data.canMeetings)).map((k) => ({ key: k, label: TAB_LABELS[k] }))} />

      {tab === "overview" ? (
        <div className="grid gap-4 lg:grid-cols-3">
          <Card title="Details" className="lg:col-span-2">
            <Details
              items={[
                ["Domain", company.domain],
                ["Website", company.website ? <a href={company.website} className="underline" rel="noreferrer noopener" target="_blank">{company.website}</a> : null],
                ["Industry", company.industry],
                ["Account manager", company.account_manager_name],
                ["Phone", company.phone],
                ["Address", company.address],
                ["Description", company.description],
                ["Productive id", company.productive_id],
                ["Stripe customer", company.stripe_customer_id],
                ["Created", `${company.created_at.slice(0, 10)}${company.created_by_name ? ` by ${company.created_by_name}` : ""}`],
              ]}
            />
          </Card>
          <Card title="Group">
            <dl className="mb-3 grid grid-cols-2 gap-2 text-center" data-testid="rollup">
              <div className="rounded-md bg-slate-50 p-2"><dt className="text-xs text-slate-500">Subsidiaries</dt><dd className="text-xl font-semibold" data-testid="rollup-subsidiaries">{rollup.subsidiaries}</dd></div>
              <div className="rounded-md bg-slate-50 p-2"><dt className="text-xs text-slate-500">Contacts across the group</dt><dd className="text-xl font-semibold" data-testid="rollup-contacts">{rollup.group_contacts}</dd></div>
            </dl>
            {company.parent_id ? <p className="mb-2 text-sm">Parent: <Link to={`/companies/${company.parent_id}`} className="underline">{company.parent_name}</Link></p> : <p className="mb-2 text-sm text-slate-600">Top-level company.</p>}
            {children.length ? (
              <ul className="space-y-1 text-sm" aria-label="Subsidiaries" data-testid="subsidiaries">
                {children.map((c) => (
                  <li key={c.id} className="flex justify-between gap-2">
                    <Link to={`/companies/${c.id}`} className="underline">{c.name}</Link>
                    <span className="text-xs text-slate-500">{c.contact_count} contacts{Number(c.child_count) ? ` · ${c.child_count} below` : ""}</span>
                  </li>
                ))}
              </ul>
            ) : <p className="text-sm text-slate-500">No subsidiaries.</p>}
          </Card>
          <Card title="Contacts" className="lg:col-span-2" actions={<Link to={tabHref("contacts")} className="text-sm underline">All {rollup.direct_contacts}</Link>}>
            <ContactList contacts={data.contacts} />
          </Card>
          <Card title="Latest communications" actions={<Link to={tabHref("communications")} className="text-sm underline">All</Link>}>
            <CommunicationList communications={data.communications} compact />
          </Card>
        </div>
      ) : null}

      {tab === "contacts" ? (
        <>
          <p className="mb-2 text-sm text-slate-600">
            {data.total} {data.total === 1 ? "contact" : "contacts"} at {company.name}{rollup.group_contacts > data.total ? ` (${rollup.group_contacts} across the group)` : ""}.{" "}
            {data.canContacts ? <Link to={`/contacts?company=${company.id}`} className="underline">Search and export them in Contacts</Link> : null}
          </p>
          <ContactList contacts={data.contacts} />
          <Pagination page={data.page} pageCount={data.pageCount} hrefFor={(p) => withQuery(search, { page: p })} />
        </>
      ) : null}

      {tab === "communications" ? (
        <>
          <p className="mb-2 text-sm text-slate-600">Calls, emails, meetings and notes with {company.name}'s contacts, newest first. Log one from a contact's page.</p>
          <CommunicationList communications={data.communications} />
          <Pagination page={data.page} pageCount={data.pageCount} hrefFor={(p) => withQuery(search, { page: p })} />
        </>
      ) : null}

      {tab === "notes" ? (
        <NotesPanel resourceType="company" resourceId={company.id} notes={data.notes} mentionables={data.mentionables} redirectTo={`${pathname}?tab=notes`} />
      ) : null}
      {tab === "meetings" ? (
        <>
          <MeetingList meetings={data.meetings} canUpdate={data.canUpdateMeetings} returnTo={`${pathname}?tab=meetings`} emptyText={`No synced meeting involves ${company.name} or its contacts yet.`} />
          <Pagination page={data.page} pageCount={data.pageCount} hrefFor={(p) => withQuery(search, { page: p })} />
        </>
      ) : null}
      {tab === "emails" ? <EmailTab emails={data.emails} inbound={data.inboundEmails} composeHref={data.canSendEmail ? "/emails/compose" : null} /> : null}
      {tab === "history" ? <HistoryList entries={data.history} /> : null}
      {tab === "timeline" ? (
        <Timeline
          rows={data.timeline.rows}
          next={data.timeline.next}
          olderHref={data.timeline.next ? withQuery(search, { before: data.timeline.next }) : null}
          newestHref={new URLSearchParams(search).get("before") ? withQuery(search, { before: null }) : null}
        />
      ) : null}
    </>
  );
}

type ContactRow = { id: string; first_name: string; last_name: string; email: string | null; phone: string | null; role: string | null; is_primary: number };

function ContactList({ contacts }: { contacts: ContactRow[] }) {
  if (contacts.length === 0) return <EmptyState title="No contacts yet">Add the people you work with here.</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="company-contacts">
      {contacts.map((c) => (
        <li key={c.id} className="flex flex-wrap items-center gap-x-3 gap-y-0.5 py-1.5">
          <Link to={`/contacts/${c.id}`} className="font-medium text-brand-700 hover:underline">{`${c.first_name} ${c.last_name}`.trim()}</Link>
          {c.is_primary ? <Badge tone="green">Primary</Badge> : null}
          <span className="text-slate-600">{c.role ?? ""}</span>
          <span className="ml-auto text-slate-500">{c.email ?? c.phone ?? ""}</span>
        </li>
      ))}
    </ul>
  );
}

type CommunicationRow = {
  id: string; type: string; direction: string; subject: string | null; summary: string | null; occurred_at: string;
  contact_id: string; contact_name: string; logged_by_name: string | null;
};

function CommunicationList({ communications, compact = false }: { communications: CommunicationRow[]; compact?: boolean }) {
  if (communications.length === 0) return <EmptyState title="No communications logged">Log calls, emails and meetings from a contact's page.</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="company-communications">
      {communications.map((c) => (
        <li key={c.id} className="py-2">
          <p className="flex flex-wrap items-center gap-2">
            <Pill>{COMMUNICATION_TYPE_LABELS[c.type as keyof typeof COMMUNICATION_TYPE_LABELS] ?? c.type}</Pill>
            <Link to={`/contacts/${c.contact_id}?tab=communications`} className="font-medium hover:underline">{c.contact_name}</Link>
            {c.direction === "inbound" ? <span className="text-xs text-slate-500">inbound</span> : null}
            <span className="ml-auto text-xs tabular-nums text-slate-500">{dateTime(c.occurred_at)}</span>
          </p>
          {c.subject ? <p className="mt-0.5 text-slate-800">{c.subject}</p> : null}
          {!compact && c.summary ? <p className="mt-0.5 whitespace-pre-wrap text-slate-600">{c.summary}</p> : null}
          {!compact && c.logged_by_name ? <p className="mt-0.5 text-xs text-slate-500">Logged by {c.logged_by_name}</p> : null}
        </li>
      ))}
    </ul>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
