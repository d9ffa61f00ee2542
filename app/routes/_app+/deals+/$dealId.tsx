import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { applyDealIntent, loadDealPage } from "~/modules/deals/deals.server";
import {
  CONTACT_ROLES, CONTACT_ROLE_LABELS, DEAL_STATUS_LABELS, DEAL_TABS, DEAL_TAB_LABELS, daysSince, dealIntentSchema, formatMoney,
  type ContactRole, type DealStatus,
} from "~/modules/deals/schemas";
import { respond } from "~/modules/delivery/http.server";
import { parseTab } from "~/modules/delivery/schemas";
import { can, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { MeetingList } from "~/modules/meetings/MeetingList";
import { AiBadge } from "~/ui/ai-badge";
import { Details } from "~/ui/crm";
import { ErrorList, Notice, Table, TabNav, td, th, useErrors } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { ActionButton, Button, Card, cx, EmptyState, Field, PageHeader, SelectField, TextAreaField } from "~/ui/form";
import { HistoryList } from "~/ui/history-list";
import { NotesPanel } from "~/ui/notes-panel";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.deal.title ?? "Deal"} · Nucleus` }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "deals", "view");
  const canMeetings = can(viewer, "meetings", "view");
  const asked = parseTab(DEAL_TABS, new URL(args.request.url).searchParams.get("tab"));
  const tab = asked === "meetings" && !canMeetings ? "overview" : asked;
  const page = await loadDealPage(args.context.db, viewer, args.params.dealId ?? "", tab);
  if (!page) notFound();
  return {
    ...page,
    perms: { update: can(viewer, "deals", "update"), manage: can(viewer, "deals", "manage"), projects: can(viewer, "projects", "update"), meetings: canMeetings, updateMeetings: can(viewer, "meetings", "update") },
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "deals", "update");
  const form = await parseForm(args.request, dealIntentSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  return respond(args.request, await applyDealIntent(args.context, viewer, args.params.dealId ?? "", form.data), form.data);
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

const STATUS_TONE: Record<DealStatus, string> = {
  open: "bg-sky-50 text-sky-800 ring-sky-200", won: "bg-emerald-50 text-emerald-800 ring-emerald-200", lost: "bg-slate-100 text-slate-700 ring-slate-300",
};

export default function DealPage() {
  const page = useLoaderData<typeof loader>();
  const { deal, perms, tab } = page;
  const errors = useErrors();
  return (
    <>
      <PageHeader
        title={deal.title}
        description={[deal.company_name, deal.pipeline_name, deal.stage_name].filter(Boolean).join(" · ")}
        actions={
          <>
            <Link to={`/deals?pipeline=${encodeURIComponent(deal.pipeline_id)}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Board</Link>
            {perms.update ? <Link to={`/deals/${deal.id}/edit`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Edit deal</Link> : null}
            {perms.manage ? <ActionButton intent="delete" variant="danger" confirm={`Delete “${deal.title}” for good?`}>Delete</ActionButton> : null}
          </>
        }
      />
      <p className="-mt-3 mb-4 flex flex-wrap items-center gap-2 text-sm">
        <span className={cx("rounded px-1.5 py-0.5 text-xs font-semibold ring-1", STATUS_TONE[deal.status as DealStatus])} data-testid="deal-status">{DEAL_STATUS_LABELS[deal.status as DealStatus]}</span>
        <span className="tabular-nums">{formatMoney(deal.value_cents, deal.currency)}</span>
        <span className="text-slate-500">· {deal.probability}% · weighted <span className="tabular-nums">{formatMoney(deal.weighted_cents, deal.currency)}</span></span>
        <span className="text-slate-500">· {deal.days_in_stage} days in stage</span>
        {deal.rotting ? <span className="rounded bg-amber-100 px-1.5 text-xs font-semibold text-amber-900" data-testid="rotting-flag">Rotting — no update for {daysSince(deal.updated_at)} days</span> : null}
      </p>
      <StageBar page={page} />
      <TabNav tabs={DEAL_TABS.filter((key) => key !== "meetings" || perms.meetings).map((key) => ({ key, label: DEAL_TAB_LABELS[key] }))} active={tab} label="Deal sections" />
      <Notice />
      <ErrorList errors={errors} />
      {page.data.kind === "overview" ? <Overview page={page} /> : null}
      {page.data.kind === "contacts" ? <ContactsTab page={page} /> : null}
      {page.data.kind === "participants" ? <ParticipantsTab page={page} /> : null}
      {page.data.kind === "stages" ? <StagesTab page={page} /> : null}
      {page.data.kind === "meetings" ? (
        <MeetingList meetings={page.data.meetings.slice(0, 50)} canUpdate={perms.updateMeetings} returnTo={`/deals/${deal.id}?tab=meetings`}
          emptyText="No synced meeting is linked to this deal yet. Meetings whose title names the deal are linked when they sync; others can be linked from their meeting page." />
      ) : null}
      {page.data.kind === "research" ? <ResearchTab page={page} /> : null}
      {page.data.kind === "notes" ? (
        <NotesPanel resourceType="deal" resourceId={deal.id} notes={page.data.notes} mentionables={page.data.mentionables} redirectTo={`/deals/${deal.id}?tab=notes`} />
      ) : null}
      {page.data.kind === "history" ? <HistoryList entries={page.data.history} /> : null}
    </>
  );
}

/** The pipeline's stages in order; open stages are one-click moves (real POST forms). */
function StageBar({ page }: { page: Data }) {
  const { deal, stages, perms } = page;
  return (
    <ol className="mb-4 flex flex-wrap gap-1" aria-label="Stages">
      {stages.map((s) => {
        const current = s.id === deal.stage_id;
        const label = `${s.name} ${s.probability}%`;
        return (
          <li key={s.id}>
            {perms.update && !current && s.stage_type === "open" ? (
              <Form method="post">
                <input type="hidden" name="intent" value="move" />
                <input type="hidden" name="stage_id" value={s.id} />
                <button type="submit" className="rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50" aria-label={`Move to ${s.name}`}>{label}</button>
              </Form>
            ) : (
              <span aria-current={current ? "step" : undefined} className={cx("inline-block rounded border px-2 py-1 text-xs", current ? "border-brand-600 bg-brand-50 font-semibold text-brand-800" : "border-slate-200 text-slate-500")}>
                {label}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function Overview({ page }: { page: Data }) {
  if (page.data.kind !== "overview") return null;
  const { deal, perms, projects } = page;
  const { recentStages, participants, contacts } = page.data;
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Card title="Details" className="lg:col-span-2">
        {deal.description ? <p className="mb-3 whitespace-pre-line text-sm text-slate-700">{deal.description}</p> : null}
        <Details
          items={[
            ["Company", deal.company_id ? <Link to={`/companies/${deal.company_id}`} className="text-brand-700 hover:underline">{deal.company_name}</Link> : null],
            ["Primary contact", deal.primary_contact_id ? <Link to={`/contacts/${deal.primary_contact_id}`} className="text-brand-700 hover:underline">{deal.contact_name}</Link> : null],
            ["Owner", deal.owner_name],
            ["Value", formatMoney(deal.value_cents, deal.currency)],
            ["Probability", `${deal.probability}%${deal.probability_override !== null ? " (override)" : ""}`],
            ["Weighted value", formatMoney(deal.weighted_cents, deal.currency)],
            ["Expected close", deal.expected_close_date],
            ["Stage", `${deal.stage_name} since ${deal.stage_entered_at.slice(0, 10)} (${deal.days_in_stage} days${deal.rotting_days ? `, rots after ${deal.rotting_days}` : ""})`],
            ["Source", deal.source],
            ["Created", deal.created_at.slice(0, 10)],
          ]}
        />
      </Card>
      <div className="space-y-4">
        <Card title="Outcome">
          {deal.status === "open" ? (
            perms.update ? (
              <div className="space-y-4">
                <Form method="post" className="space-y-2" aria-label="Mark as won">
                  <input type="hidden" name="intent" value="win" />
                  <Field label="Why did we win? (optional)" name="reason" id="win-reason" maxLength={1000} />
                  <label className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="create_project" value="on" defaultChecked={perms.projects} disabled={!perms.projects} />
                    Create a delivery project
                  </label>
                  {!perms.projects ? <p className="text-xs text-slate-500">You may not create projects: the owner gets an action item instead.</p> : null}
                  <Button type="submit">Mark as won</Button>
                </Form>
                <Form method="post" className="space-y-2 border-t border-slate-100 pt-3" aria-label="Mark as lost">
                  <input type="hidden" name="intent" value="lose" />
                  <TextAreaField label="Why did we lose? (required)" name="reason" id="lose-reason" rows={2} maxLength={1000} />
                  <Button type="submit" variant="secondary">Mark as lost</Button>
                </Form>
              </div>
            ) : <p className="text-sm text-slate-600">Open.</p>
          ) : (
            <div className="space-y-2 text-sm">
              <p><strong>{DEAL_STATUS_LABELS[deal.status as DealStatus]}</strong> on {deal.closed_at?.slice(0, 10) ?? "—"}</p>
              {deal.close_reason ? <p className="whitespace-pre-line text-slate-700" data-testid="close-reason">{deal.close_reason}</p> : null}
              {perms.update ? <ActionButton intent="reopen">Reopen deal</ActionButton> : null}
            </div>
          )}
        </Card>
        <Card title="Projects">
          {projects.length ? (
            <ul className="space-y-1 text-sm" data-testid="linked-projects">
              {projects.map((p) => <li key={p.id}><Link to={`/projects/${p.project_id}`} className="text-brand-700 hover:underline">{p.project_name}</Link> <span className="text-xs text-slate-500">({p.project_status})</span></li>)}
            </ul>
          ) : <p className="text-sm text-slate-600">{deal.status === "won" ? "No project linked yet — the owner has an action item." : "Winning the deal can create its delivery project."}</p>}
        </Card>
        <Card title="People">
          <p className="text-sm text-slate-700">{participants.length ? participants.map((p) => p.name).join(", ") : "No deal team yet."}</p>
          <p className="mt-1 text-sm text-slate-700">{contacts.length ? contacts.map((c) => `${c.name} (${CONTACT_ROLE_LABELS[c.role as ContactRole] ?? c.role})`).join(", ") : "No contacts linked."}</p>
        </Card>
        <Card title="Recent stages">
          <ul className="space-y-1 text-sm">
            {recentStages.map((s) => <li key={s.id}>{s.stage_name} <span className="text-xs text-slate-500">{s.entered_at.slice(0, 10)}{s.exited_at ? ` → ${s.exited_at.slice(0, 10)}` : " → now"}</span></li>)}
          </ul>
        </Card>
      </div>
    </div>
  );
}

function ContactsTab({ page }: { page: Data }) {
  if (page.data.kind !== "contacts") return null;
  const { contacts, options } = page.data;
  return (
    <div className="space-y-4">
      {contacts.length === 0 ? <EmptyState title="No contacts linked">Link the decision maker, a champion and whoever signs off.</EmptyState> : (
        <Table label="Deal contacts">
          <thead className="bg-slate-50 text-slate-600"><tr><th scope="col" className={th}>Contact</th><th scope="col" className={th}>Role on the deal</th><th scope="col" className={th}>Company</th><th scope="col" className={th}>Email</th><th scope="col" className={th}><span className="sr-only">Actions</span></th></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {contacts.map((c) => (
              <tr key={c.id}>
                <td className={td}><Link to={`/contacts/${c.contact_id}`} className="text-brand-700 hover:underline">{c.name}</Link>{c.job_title ? <span className="ml-1 text-xs text-slate-500">{c.job_title}</span> : null}</td>
                <td className={td}>{CONTACT_ROLE_LABELS[c.role as ContactRole] ?? c.role}</td>
                <td className={td}>{c.company_name ?? "—"}</td>
                <td className={td}>{c.email ?? "—"}</td>
                <td className={td}>{page.perms.update ? <ActionButton intent="remove_contact" fields={{ link_id: c.id }} variant="ghost">Unlink</ActionButton> : null}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {page.perms.update ? (
        <Form method="post" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" aria-label="Link a contact">
          <input type="hidden" name="intent" value="add_contact" />
          <SelectField label="Contact" name="contact_id" options={[{ value: "", label: "Choose a contact" }, ...options.map((o) => ({ value: o.id, label: `${o.name}${o.company_name ? ` (${o.company_name})` : ""}` }))]} />
          <SelectField label="Role" name="role" defaultValue="influencer" options={CONTACT_ROLES.map((r) => ({ value: r, label: CONTACT_ROLE_LABELS[r] }))} />
          <Button type="submit">Link contact</Button>
        </Form>
      ) : null}
    </div>
  );
}

function ParticipantsTab({ page }: { page: Data }) {
  if (page.data.kind !== "participants") return null;
  const { participants, options } = page.data;
  return (
    <div className="space-y-4">
      {participants.length === 0 ? <EmptyState title="No deal team yet">Add the people working on this deal; they can then see it.</EmptyState> : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label="Deal team">
          {participants.map((p) => (
            <li key={p.id} className="flex items-center justify-between px-3 py-2 text-sm">
              <span><Link to={`/people/${p.person_id}`} className="font-medium text-brand-700 hover:underline">{p.name}</Link>{p.role ? <span className="ml-2 text-slate-600">{p.role}</span> : null}{p.title ? <span className="ml-2 text-xs text-slate-500">{p.title}</span> : null}</span>
              {page.perms.update ? <ActionButton intent="remove_participant" fields={{ participant_id: p.id }} variant="ghost">Remove</ActionButton> : null}
            </li>
          ))}
        </ul>
      )}
      {page.perms.update ? (
        <Form method="post" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" aria-label="Add to the deal team">
          <input type="hidden" name="intent" value="add_participant" />
          <SelectField label="Person" name="person_id" options={[{ value: "", label: "Choose a person" }, ...options.map((o) => ({ value: o.id, label: o.name ?? o.id }))]} />
          <Field label="Role" name="role" maxLength={80} placeholder="e.g. Solution architect" />
          <Button type="submit">Add</Button>
        </Form>
      ) : null}
    </div>
  );
}

function StagesTab({ page }: { page: Data }) {
  if (page.data.kind !== "stages") return null;
  return (
    <Table label="Stage history">
      <thead className="bg-slate-50 text-slate-600"><tr><th scope="col" className={th}>Stage</th><th scope="col" className={th}>Entered</th><th scope="col" className={th}>Left</th><th scope="col" className={`${th} text-right`}>Days</th><th scope="col" className={th}>Moved by</th></tr></thead>
      <tbody className="divide-y divide-slate-100">
        {page.data.periods.map((p) => {
          const days = p.exited_at ? Math.max(0, Math.floor((Date.parse(p.exited_at) - Date.parse(p.entered_at)) / 86_400_000)) : daysSince(p.entered_at);
          return (
            <tr key={p.id} data-testid="stage-period">
              <td className={td}>{p.stage_name}{p.exited_at ? null : <span className="ml-2 text-xs text-brand-700">current</span>}</td>
              <td className={`${td} tabular-nums`}>{p.entered_at.slice(0, 16).replace("T", " ")}</td>
              <td className={`${td} tabular-nums`}>{p.exited_at ? p.exited_at.slice(0, 16).replace("T", " ") : "—"}</td>
              <td className={`${td} text-right tabular-nums`}>{days}</td>
              <td className={td}>{p.moved_by_name ?? "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

function ResearchTab({ page }: { page: Data }) {
  if (page.data.kind !== "research") return null;
  const [latest, ...older] = page.data.briefs;
  return (
    <div className="space-y-4">
      {page.perms.update ? (
        <Form method="post">
          <input type="hidden" name="intent" value="research" />
          <Button type="submit">{latest ? "Write a new brief" : "Write a research brief"}</Button>
        </Form>
      ) : null}
      {latest ? (
        <Card title="Research brief">
          <p className="mb-2 flex items-center gap-2 text-xs text-slate-500">
            <AiBadge source={latest.source === "ai" ? "ai" : "rules"} label={latest.source === "ai" ? `AI brief${latest.model ? ` (${latest.model})` : ""}` : "Rule-based draft (no AI provider)"} />
            {latest.created_at.slice(0, 16).replace("T", " ")}{latest.generated_by_name ? ` · ${latest.generated_by_name}` : ""}
          </p>
          <div className="whitespace-pre-line text-sm text-slate-800" data-testid="research-brief">{latest.content}</div>
        </Card>
      ) : <EmptyState title="No research brief yet">A brief sums up the company, the people involved and next steps from what Nucleus knows.</EmptyState>}
      {older.length ? (
        <details className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <summary className="cursor-pointer">Earlier briefs ({older.length})</summary>
          {older.map((b) => <div key={b.id} className="mt-3 whitespace-pre-line border-t border-slate-100 pt-2 text-slate-700"><p className="text-xs text-slate-500">{b.created_at.slice(0, 10)}</p>{b.content}</div>)}
        </details>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
