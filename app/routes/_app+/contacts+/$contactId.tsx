// /contacts/:contactId — one contact: tabs in the URL (?tab=overview|communications|relationship|
// life-events|partners|messages|notes|history|timeline). Every form posts here with an intent
// (communications need contacts:update, relationship forms relationships:update).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { CONTACT_TAB_PAGE_SIZE, loadContactPage } from "~/modules/crm/contacts.server";
import { CONTACT_TABS, RELATIONSHIP_TABS } from "~/modules/crm/schemas";
import { MeetingList } from "~/modules/meetings/MeetingList";
import { applyContactIntent, NOTICES, type NoticeCode } from "~/modules/relationships/relationships.server";
import {
  AUTO_ACTION_LABELS, CHANNEL_PREFERENCES, CHANNEL_PREFERENCE_LABELS, COMMUNICATION_TYPES, COMMUNICATION_TYPE_LABELS,
  LIFE_EVENT_LABELS, LIFE_EVENT_TYPES, MESSAGE_CHANNELS, MESSAGE_CHANNEL_LABELS, contactIntentSchema, intentTool,
} from "~/modules/relationships/schemas";
import { assertCan, can, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { Badge, Details, Notice, Pagination, Pill, Tabs, Timeline, dateTime, shortDate, withQuery } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, EmptyState, Field, FormError, PageHeader, SelectField, TextAreaField } from "~/ui/form";
import { HistoryList } from "~/ui/history-list";
import { NotesPanel } from "~/ui/notes-panel";
import { EmailTab } from "~/ui/email";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.contact.name ?? "Contact"} · Nucleus` }];

const idSchema = z.string().min(1).max(200);
const query = z.object({
  tab: z.enum(CONTACT_TABS).catch("overview").default("overview"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  before: z.string().max(300).optional().catch(undefined),
  notice: z.string().max(40).optional().catch(undefined),
});

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "contacts", "view");
  const id = idSchema.safeParse(args.params.contactId);
  const q = query.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const page = id.success ? await loadContactPage(args.context.db, viewer, id.data, q.tab, { page: q.page, before: q.before }) : null;
  if (!page) notFound();
  return {
    ...page,
    pageCount: page.tab === "meetings" ? page.page + (page.moreMeetings ? 1 : 0) : Math.max(1, Math.ceil(page.total / CONTACT_TAB_PAGE_SIZE)),
    canUpdateMeetings: can(viewer, "meetings", "update"),
    notice: q.notice && q.notice in NOTICES ? NOTICES[q.notice as NoticeCode] : null,
    canUpdate: can(viewer, "contacts", "update"),
    canNurture: can(viewer, "relationships", "update"),
    canSendEmail: can(viewer, "emails", "update"),
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "contacts", "view");
  const id = idSchema.safeParse(args.params.contactId);
  if (!id.success) notFound();
  const form = await parseForm(args.request, contactIntentSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  assertCan(viewer, intentTool(form.data.intent), "update");
  const result = await applyContactIntent(args.context, viewer, id.data, form.data);
  if (!result) notFound();
  if (!result.ok) return invalid(result.errors, form.data);
  if (result.draft) return { ok: true as const, draft: result.draft, notice: result.notice };
  return redirect(`/contacts/${encodeURIComponent(id.data)}?tab=${result.tab}&notice=${result.code}`);
}

const TAB_LABELS: Record<(typeof CONTACT_TABS)[number], string> = {
  overview: "Overview", communications: "Communications", emails: "Emails", meetings: "Meetings", relationship: "Relationship", "life-events": "Life events",
  partners: "Partners", messages: "Messages", notes: "Notes", history: "History", timeline: "Timeline",
};
const PAGE_NOTICES: Record<string, string> = { created: "Contact created.", saved: "Changes saved." };

type ActionResult = { ok: false; errors: Record<string, string>; values?: Record<string, unknown> } | { ok: true; draft: { subject: string | null; body: string; channel: string; drafted_by: string; auto_action_id: string | null; label: string }; notice: string } | undefined;

export default function ContactPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult;
  const { contact, tab, relationships, canUpdate, canNurture } = data;
  const { pathname, search } = useLocation();
  const tabHref = (key: string) => (key === "overview" ? pathname : `${pathname}?tab=${key}`);
  const failed = result && !result.ok ? result : null;
  /** Errors and values only for the form whose intent was posted. */
  const formState = (intent: string) =>
    failed && failed.values?.intent === intent ? { errors: failed.errors, values: failed.values } : { errors: {} as Record<string, string>, values: {} as Record<string, unknown> };
  const tabs = CONTACT_TABS.filter((t) => (relationships || !RELATIONSHIP_TABS.includes(t)) && (t !== "emails" || data.emailsAllowed) && (t !== "meetings" || data.meetingsAllowed)).map((k) => ({ key: k, label: TAB_LABELS[k] }));
  const pageNotice = new URLSearchParams(search).get("notice");
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/contacts" className="text-brand-600 underline">← Contacts</Link></p>
      <PageHeader
        title={contact.name}
        description={[contact.role, contact.company_name, contact.pronunciation ? `say “${contact.pronunciation}”` : null].filter(Boolean).join(" · ") || undefined}
        actions={canUpdate ? <Link to={`/contacts/${contact.id}/edit`} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">Edit</Link> : undefined}
      />
      <Notice>{data.notice ?? (pageNotice ? PAGE_NOTICES[pageNotice] : null) ?? (result?.ok ? result.notice : null)}</Notice>
      {failed && !failed.values?.intent ? <FormError error={Object.values(failed.errors)[0]} /> : null}
      <Tabs label="Contact sections" current={tab} hrefFor={tabHref} tabs={tabs} />

      {tab === "overview" ? (
        <div className="grid gap-4 lg:grid-cols-3">
          <Card title="Details" className="lg:col-span-2">
            <Details
              items={[
                ["Company", contact.company_id ? <><Link to={`/companies/${contact.company_id}`} className="underline">{contact.company_name}</Link>{contact.is_primary ? <> <Badge tone="green">Primary contact</Badge></> : null}</> : null],
                ["Role", contact.role],
                ["Email", contact.email ? <a href={`mailto:${contact.email}`} className="underline">{contact.email}</a> : null],
                ["Phone", contact.phone],
                ["LinkedIn", contact.linkedin_url ? <a href={contact.linkedin_url} className="underline" rel="noreferrer noopener" target="_blank">Profile</a> : null],
                ["Account manager", contact.account_manager_name],
                ["Created", `${contact.created_at.slice(0, 10)}${contact.created_by_name ? ` by ${contact.created_by_name}` : ""}`],
              ]}
            />
          </Card>
          {relationships ? (
            <Card title="Reminders">
              <ReminderList actions={data.autoActions} canNurture={canNurture} />
            </Card>
          ) : null}
          {canUpdate ? (
            <Card title="Log a call" className="lg:col-span-2">
              <CommunicationForm state={formState("log_communication")} quick />
            </Card>
          ) : null}
          {relationships ? (
            <Card title="Relationship">
              <Details
                items={[
                  ["Preferred name", data.profile?.preferred_name],
                  ["Prefers", data.profile?.communication_preference ? CHANNEL_PREFERENCE_LABELS[data.profile.communication_preference as keyof typeof CHANNEL_PREFERENCE_LABELS] : null],
                  ["Birthday", data.profile?.birthday ? `${data.profile.birthday}${data.profile.birthday_year ? ` (${data.profile.birthday_year})` : ""}` : null],
                  ["Reconnect", data.profile?.reconnect_cadence_days ? `every ${data.profile.reconnect_cadence_days} days` : null],
                ]}
              />
              <p className="mt-2 text-sm"><Link to={tabHref("relationship")} className="underline">Edit relationship profile</Link></p>
            </Card>
          ) : null}
          <Card title="Latest communications" className="lg:col-span-2" actions={<Link to={tabHref("communications")} className="text-sm underline">All</Link>}>
            <CommunicationList communications={data.communications} />
          </Card>
          {relationships ? (
            <Card title="Life events" actions={<Link to={tabHref("life-events")} className="text-sm underline">All</Link>}>
              <LifeEventList events={data.lifeEvents} canNurture={false} />
            </Card>
          ) : null}
        </div>
      ) : null}

      {tab === "communications" ? (
        <div className="space-y-4">
          {canUpdate ? <Card title="Log a communication"><CommunicationForm state={formState("log_communication")} /></Card> : null}
          <p className="text-sm text-slate-600">{data.total} logged, newest first.</p>
          <CommunicationList communications={data.communications} full />
          <Pagination page={data.page} pageCount={data.pageCount} hrefFor={(p) => withQuery(search, { page: p, notice: null })} />
        </div>
      ) : null}

      {tab === "relationship" ? <ProfileForm profile={data.profile ?? null} state={formState("save_profile")} canNurture={canNurture} /> : null}

      {tab === "life-events" ? (
        <div className="space-y-4">
          {canNurture ? <Card title="Add a life event"><LifeEventForm state={formState("add_life_event")} /></Card> : null}
          <LifeEventList events={data.lifeEvents} canNurture={canNurture} />
        </div>
      ) : null}

      {tab === "partners" ? (
        <div className="space-y-4">
          {canNurture ? <Card title="Link another contact"><PartnerForm state={formState("add_partner")} /></Card> : null}
          <PartnerList partners={data.partners} canNurture={canNurture} />
        </div>
      ) : null}

      {tab === "messages" ? (
        <div className="space-y-4">
          {canNurture ? (
            <Card title="Draft a message">
              <MessageForm state={formState("save_message")} draft={result?.ok ? result.draft : null} reminders={data.autoActions} />
            </Card>
          ) : null}
          <MessageList messages={data.messages} canNurture={canNurture} />
        </div>
      ) : null}

      {tab === "notes" ? <NotesPanel resourceType="contact" resourceId={contact.id} notes={data.notes} mentionables={data.mentionables} redirectTo={`${pathname}?tab=notes`} /> : null}
      {tab === "meetings" ? (
        <>
          <MeetingList meetings={data.meetings} canUpdate={data.canUpdateMeetings} returnTo={`${pathname}?tab=meetings`} emptyText={`No synced meeting has ${contact.name} as an attendee yet.`} />
          <Pagination page={data.page} pageCount={data.pageCount} hrefFor={(p) => withQuery(search, { page: p })} />
        </>
      ) : null}
      {tab === "emails" ? <EmailTab emails={data.emails} inbound={data.inboundEmails} composeHref={data.canSendEmail ? `/emails/compose?contact=${encodeURIComponent(contact.id)}` : null} /> : null}
      {tab === "history" ? <HistoryList entries={data.history} /> : null}
      {tab === "timeline" ? (
        <Timeline
          rows={data.timeline.rows}
          next={data.timeline.next}
          olderHref={data.timeline.next ? withQuery(search, { before: data.timeline.next, notice: null }) : null}
          newestHref={new URLSearchParams(search).get("before") ? withQuery(search, { before: null }) : null}
        />
      ) : null}
    </>
  );
}

type FormState = { errors: Record<string, string>; values: Record<string, unknown> };
const val = (state: FormState, key: string, fallback = "") => (state.values[key] === undefined || state.values[key] === null ? fallback : String(state.values[key]));

function CommunicationForm({ state, quick = false }: { state: FormState; quick?: boolean }) {
  const { errors } = state;
  return (
    <Form method="post" className="grid gap-3 sm:grid-cols-2" aria-label={quick ? "Log a call" : "Log a communication"} noValidate>
      <FormError error={errors.form} />
      {quick ? <input type="hidden" name="type" value="call" /> : (
        <SelectField label="Type" name="type" defaultValue={val(state, "type", "call")} error={errors.type} options={COMMUNICATION_TYPES.map((t) => ({ value: t, label: COMMUNICATION_TYPE_LABELS[t] }))} />
      )}
      <SelectField label="Direction" name="direction" defaultValue={val(state, "direction", "outbound")} error={errors.direction} options={[{ value: "outbound", label: "We reached out" }, { value: "inbound", label: "They reached out" }]} />
      <Field label="Subject" name="subject" maxLength={200} defaultValue={val(state, "subject")} error={errors.subject} className={quick ? undefined : "sm:col-span-2"} />
      <Field label="When (UTC; blank = now)" name="occurred_at" type="datetime-local" defaultValue={val(state, "occurred_at").slice(0, 16)} error={errors.occurred_at} />
      {quick ? null : <Field label="Duration (minutes)" name="duration_minutes" type="number" min={0} max={1440} defaultValue={val(state, "duration_minutes")} error={errors.duration_minutes} />}
      <TextAreaField label="Summary" name="summary" rows={3} maxLength={5000} defaultValue={val(state, "summary")} error={errors.summary} className="sm:col-span-2" />
      <div className="sm:col-span-2"><Button type="submit" name="intent" value="log_communication">{quick ? "Log call" : "Log it"}</Button></div>
    </Form>
  );
}

type Communication = { id: string; type: string; direction: string; subject: string | null; summary: string | null; occurred_at: string; duration_minutes: number | null; logged_by_name: string | null };

function CommunicationList({ communications, full = false }: { communications: Communication[]; full?: boolean }) {
  if (communications.length === 0) return <EmptyState title="Nothing logged yet">Log calls, emails, meetings and notes to keep the history in one place.</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="communications">
      {communications.map((c) => (
        <li key={c.id} className="py-2" data-testid="communication">
          <p className="flex flex-wrap items-center gap-2">
            <Pill>{COMMUNICATION_TYPE_LABELS[c.type as keyof typeof COMMUNICATION_TYPE_LABELS] ?? c.type}</Pill>
            <span className="font-medium text-slate-900">{c.subject ?? "(no subject)"}</span>
            {c.direction === "inbound" ? <span className="text-xs text-slate-500">inbound</span> : null}
            <span className="ml-auto text-xs tabular-nums text-slate-500">{dateTime(c.occurred_at)}</span>
          </p>
          {c.summary ? <p className={full ? "mt-0.5 whitespace-pre-wrap text-slate-600" : "mt-0.5 truncate text-slate-600"}>{c.summary}</p> : null}
          {full ? <p className="mt-0.5 text-xs text-slate-500">{[c.duration_minutes ? `${c.duration_minutes} min` : null, c.logged_by_name ? `logged by ${c.logged_by_name}` : null].filter(Boolean).join(" · ")}</p> : null}
        </li>
      ))}
    </ul>
  );
}

type Reminder = { id: string; action_type: string; title: string; description: string | null; due_date: string; assignee_name: string | null };

function ReminderList({ actions, canNurture }: { actions: Reminder[]; canNurture: boolean }) {
  if (actions.length === 0) return <p className="text-sm text-slate-500">No open reminders. Set a reconnect cadence or add a life event to get some.</p>;
  return (
    <ul className="space-y-2 text-sm" data-testid="reminders">
      {actions.map((a) => (
        <li key={a.id} data-testid="reminder">
          <p><Badge tone="violet">{AUTO_ACTION_LABELS[a.action_type] ?? a.action_type}</Badge> <span className="font-medium">{a.title}</span></p>
          <p className="text-xs text-slate-500">Due {a.due_date}{a.assignee_name ? ` · ${a.assignee_name}` : ""}</p>
          {canNurture ? (
            <div className="mt-1 flex gap-2">
              <Form method="post" className="inline">
                <input type="hidden" name="auto_action_id" value={a.id} />
                <input type="hidden" name="status" value="done" />
                <Button type="submit" name="intent" value="complete_action" variant="secondary" aria-label={`Mark done: ${a.title}`}>Done</Button>
              </Form>
              <Form method="post" className="inline">
                <input type="hidden" name="auto_action_id" value={a.id} />
                <input type="hidden" name="status" value="dismissed" />
                <Button type="submit" name="intent" value="complete_action" variant="ghost" aria-label={`Dismiss: ${a.title}`}>Dismiss</Button>
              </Form>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

type Profile = {
  preferred_name: string | null; communication_preference: string | null; communication_notes: string | null; personal_notes: string | null;
  birthday: string | null; birthday_year: number | null; interests: string; dietary_requirements: string | null; assistant_name: string | null;
  assistant_email: string | null; reconnect_cadence_days: number | null; updated_at: string; updated_by_name: string | null;
} | null;

function interestsText(json: string | undefined) {
  try {
    const list = JSON.parse(json ?? "[]") as unknown;
    return Array.isArray(list) ? list.join(", ") : "";
  } catch {
    return "";
  }
}

function ProfileForm({ profile, state, canNurture }: { profile: Profile; state: FormState; canNurture: boolean }) {
  const { errors } = state;
  const submitted = Object.keys(state.values).length > 0;
  const v = (key: string, current: unknown) => (submitted ? val(state, key) : current === null || current === undefined ? "" : String(current));
  const birthday = profile?.birthday ? (profile.birthday_year ? `${profile.birthday_year}-${profile.birthday}` : profile.birthday) : "";
  return (
    <Form method="post" className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-5" aria-label="Relationship profile" noValidate>
      <FormError error={errors.form} />
      <fieldset disabled={!canNurture} className="grid gap-4 sm:grid-cols-2">
        <Field label="Preferred name" name="preferred_name" maxLength={100} defaultValue={v("preferred_name", profile?.preferred_name)} error={errors.preferred_name} />
        <SelectField
          label="Preferred channel" name="communication_preference" defaultValue={v("communication_preference", profile?.communication_preference)} error={errors.communication_preference}
          options={[{ value: "", label: "Not known" }, ...CHANNEL_PREFERENCES.map((c) => ({ value: c, label: CHANNEL_PREFERENCE_LABELS[c] }))]}
        />
        <Field label="Birthday (MM-DD or YYYY-MM-DD)" name="birthday" maxLength={10} defaultValue={submitted ? val(state, "birthday") : birthday} error={errors.birthday} placeholder="03-14" />
        <Field label="Reconnect every (days)" name="reconnect_cadence_days" type="number" min={7} max={730} defaultValue={v("reconnect_cadence_days", profile?.reconnect_cadence_days)} error={errors.reconnect_cadence_days} hint="Creates a reconnect reminder after each contact" />
        <Field label="Interests (comma-separated)" name="interests" maxLength={1000} defaultValue={submitted ? val(state, "interests") : interestsText(profile?.interests)} error={errors.interests} className="sm:col-span-2" />
        <Field label="Assistant's name" name="assistant_name" maxLength={100} defaultValue={v("assistant_name", profile?.assistant_name)} error={errors.assistant_name} />
        <Field label="Assistant's email" name="assistant_email" type="email" maxLength={254} defaultValue={v("assistant_email", profile?.assistant_email)} error={errors.assistant_email} />
        <Field label="Dietary requirements" name="dietary_requirements" maxLength={200} defaultValue={v("dietary_requirements", profile?.dietary_requirements)} error={errors.dietary_requirements} className="sm:col-span-2" />
        <TextAreaField label="Communication preferences" name="communication_notes" rows={2} maxLength={1000} defaultValue={v("communication_notes", profile?.communication_notes)} error={errors.communication_notes} className="sm:col-span-2" />
        <TextAreaField label="Personal notes" name="personal_notes" rows={4} maxLength={5000} defaultValue={v("personal_notes", profile?.personal_notes)} error={errors.personal_notes} className="sm:col-span-2" />
      </fieldset>
      {profile ? <p className="text-xs text-slate-500">Last updated {dateTime(profile.updated_at)}{profile.updated_by_name ? ` by ${profile.updated_by_name}` : ""}.</p> : <p className="text-xs text-slate-500">No profile yet: saving creates it.</p>}
      {canNurture ? <Button type="submit" name="intent" value="save_profile">Save profile</Button> : null}
    </Form>
  );
}

function LifeEventForm({ state }: { state: FormState }) {
  const { errors } = state;
  const submitted = Object.keys(state.values).length > 0;
  return (
    <Form method="post" className="grid gap-3 sm:grid-cols-2" aria-label="Add a life event" noValidate>
      <FormError error={errors.form} />
      <SelectField label="Kind" name="event_type" defaultValue={val(state, "event_type", "new_role")} error={errors.event_type} options={LIFE_EVENT_TYPES.map((t) => ({ value: t, label: LIFE_EVENT_LABELS[t] }))} />
      <Field label="Date" name="event_date" type="date" required defaultValue={val(state, "event_date")} error={errors.event_date} />
      <Field label="Title" name="title" required maxLength={200} defaultValue={val(state, "title")} error={errors.title} placeholder="e.g. Promoted to CMO" className="sm:col-span-2" />
      <TextAreaField label="Notes" name="notes" rows={2} maxLength={2000} defaultValue={val(state, "notes")} error={errors.notes} className="sm:col-span-2" />
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" name="auto_action" value="on" defaultChecked={!submitted || state.values.auto_action === 1} />
        Create a reminder (birthday, anniversary or congratulations) in the action centre
      </label>
      <div className="sm:col-span-2"><Button type="submit" name="intent" value="add_life_event">Add life event</Button></div>
    </Form>
  );
}

type LifeEvent = { id: string; event_type: string; title: string; event_date: string; notes: string | null; auto_action_id: string | null; auto_action_due: string | null; auto_action_status: string | null };

function LifeEventList({ events, canNurture }: { events: LifeEvent[]; canNurture: boolean }) {
  if (events.length === 0) return <EmptyState title="No life events">New roles, promotions, weddings, babies, birthdays — note them to nurture the relationship.</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" data-testid="life-events">
      {events.map((e) => (
        <li key={e.id} className="flex flex-wrap items-start gap-3 px-4 py-2" data-testid="life-event">
          <span className="w-24 shrink-0 tabular-nums text-slate-500">{e.event_date}</span>
          <div className="min-w-0 flex-1">
            <p><Badge tone="green">{LIFE_EVENT_LABELS[e.event_type as keyof typeof LIFE_EVENT_LABELS] ?? e.event_type}</Badge> <span className="font-medium">{e.title}</span></p>
            {e.notes ? <p className="text-slate-600">{e.notes}</p> : null}
            {e.auto_action_id ? <p className="text-xs text-slate-500">Reminder due {e.auto_action_due} ({e.auto_action_status})</p> : null}
          </div>
          {canNurture ? (
            <Form method="post" onSubmit={(ev) => { if (!window.confirm("Delete this life event and its reminder?")) ev.preventDefault(); }}>
              <input type="hidden" name="life_event_id" value={e.id} />
              <Button type="submit" name="intent" value="delete_life_event" variant="ghost" aria-label={`Delete ${e.title}`}>Delete</Button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function PartnerForm({ state }: { state: FormState }) {
  const { errors } = state;
  return (
    <Form method="post" className="grid gap-3 sm:grid-cols-3" aria-label="Link another contact" noValidate>
      <Field label="Their email" name="partner_email" type="email" required defaultValue={val(state, "partner_email")} error={errors.partner_email} />
      <Field label="Relationship" name="relationship" required maxLength={100} defaultValue={val(state, "relationship")} error={errors.relationship} placeholder="e.g. business partner" />
      <Field label="Notes" name="notes" maxLength={1000} defaultValue={val(state, "notes")} error={errors.notes} />
      <div className="sm:col-span-3"><Button type="submit" name="intent" value="add_partner">Link</Button></div>
    </Form>
  );
}

type Partner = { id: string; relationship: string; notes: string | null; other_id: string; other_name: string; other_email: string | null; other_role: string | null; other_company: string | null; direction: string };

function PartnerList({ partners, canNurture }: { partners: Partner[]; canNurture: boolean }) {
  if (partners.length === 0) return <EmptyState title="No linked contacts">Link partners, spouses, assistants or former colleagues who are also contacts.</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" data-testid="partners">
      {partners.map((p) => (
        <li key={p.id} className="flex flex-wrap items-center gap-3 px-4 py-2" data-testid="partner">
          <Link to={`/contacts/${p.other_id}`} className="font-medium text-brand-700 hover:underline">{p.other_name}</Link>
          <Pill>{p.relationship}</Pill>
          <span className="text-slate-600">{[p.other_role, p.other_company].filter(Boolean).join(" · ")}</span>
          {p.direction === "incoming" ? <span className="text-xs text-slate-500">(linked from their side)</span> : null}
          {p.notes ? <span className="text-slate-500">{p.notes}</span> : null}
          {canNurture ? (
            <Form method="post" className="ml-auto">
              <input type="hidden" name="partner_link_id" value={p.id} />
              <Button type="submit" name="intent" value="remove_partner" variant="ghost" aria-label={`Unlink ${p.other_name}`}>Unlink</Button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

type Draft = { subject: string | null; body: string; channel: string; drafted_by: string; auto_action_id: string | null; label: string };

function MessageForm({ state, draft, reminders }: { state: FormState; draft: Draft | null; reminders: Reminder[] }) {
  const { errors } = state;
  const pick = (key: keyof Draft, fallback = "") => (draft ? String(draft[key] ?? "") : val(state, key, fallback));
  return (
    <Form key={draft?.body ?? "compose"} method="post" className="grid gap-3 sm:grid-cols-2" aria-label="Draft a message" noValidate>
      <FormError error={errors.form} />
      <input type="hidden" name="drafted_by" value={draft ? draft.drafted_by : "manual"} />
      <SelectField label="Channel" name="channel" defaultValue={pick("channel", "email")} error={errors.channel} options={MESSAGE_CHANNELS.map((c) => ({ value: c, label: MESSAGE_CHANNEL_LABELS[c] }))} />
      <SelectField
        label="About the reminder" name="auto_action_id" defaultValue={pick("auto_action_id")}
        options={[{ value: "", label: "None" }, ...reminders.map((r) => ({ value: r.id, label: `${r.title} (due ${r.due_date})` }))]}
      />
      <Field label="Subject (email only)" name="subject" maxLength={200} defaultValue={pick("subject")} error={errors.subject} className="sm:col-span-2" />
      <div className="sm:col-span-2">
        {draft ? <p className="mb-1 text-xs font-medium text-amber-800" data-testid="draft-label"><Badge tone="amber">{draft.label}</Badge> — built from the contact's profile and recent events; check it before sending.</p> : null}
        <TextAreaField label="Message" name="body" rows={7} maxLength={5000} defaultValue={pick("body")} error={errors.body} />
      </div>
      <div className="flex flex-wrap gap-2 sm:col-span-2">
        <Button type="submit" name="intent" value="save_message">Save draft</Button>
        <Button type="submit" name="intent" value="draft_message" variant="secondary">Draft with AI</Button>
        <span className="self-center text-xs text-slate-500">Without an AI provider configured, drafts are rule-based and labelled so.</span>
      </div>
    </Form>
  );
}

type Message = { id: string; channel: string; subject: string | null; body: string; status: string; drafted_by: string; sent_at: string | null; created_at: string; created_by_name: string | null; sent_by_name: string | null };

function MessageList({ messages, canNurture }: { messages: Message[]; canNurture: boolean }) {
  if (messages.length === 0) return <EmptyState title="No messages yet">Draft a note for a birthday, a new role or just to reconnect.</EmptyState>;
  return (
    <ul className="space-y-3" data-testid="messages">
      {messages.map((m) => (
        <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="message" data-status={m.status}>
          <p className="flex flex-wrap items-center gap-2">
            <Badge tone={m.status === "sent" ? "green" : "amber"}>{m.status === "sent" ? "Sent" : "Draft"}</Badge>
            <Pill>{MESSAGE_CHANNEL_LABELS[m.channel as keyof typeof MESSAGE_CHANNEL_LABELS] ?? m.channel}</Pill>
            {m.drafted_by === "rule_based" ? <span className="text-xs text-slate-500">Rule-based draft</span> : m.drafted_by === "ai" ? <span className="text-xs text-slate-500">AI draft</span> : null}
            <span className="ml-auto text-xs text-slate-500">{m.status === "sent" ? `Sent ${shortDate(m.sent_at)}${m.sent_by_name ? ` by ${m.sent_by_name}` : ""}` : `Drafted ${shortDate(m.created_at)}${m.created_by_name ? ` by ${m.created_by_name}` : ""}`}</span>
          </p>
          {m.subject ? <p className="mt-1 font-medium">{m.subject}</p> : null}
          <p className="mt-1 whitespace-pre-wrap text-slate-700">{m.body}</p>
          {canNurture && m.status === "draft" ? (
            <div className="mt-2 flex gap-2">
              <Form method="post">
                <input type="hidden" name="message_id" value={m.id} />
                <Button type="submit" name="intent" value="mark_sent" variant="secondary">Mark as sent</Button>
              </Form>
              <Form method="post">
                <input type="hidden" name="message_id" value={m.id} />
                <Button type="submit" name="intent" value="delete_message" variant="ghost">Delete draft</Button>
              </Form>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
