import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { displayName, nameWithPronunciation } from "~/modules/people/names";
import { openSession } from "~/modules/squads/sessions.server";
import { LEAD_ROLES, LEAD_ROLE_LABELS, WEEKDAYS, squadFormSchema, weekdayName, type LeadRole } from "~/modules/squads/schemas";
import { loadSquadPage, updateSquad } from "~/modules/squads/squads.server";
import { forbidden, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, EmptyState, Field, FormError, SelectField, TextAreaField } from "~/ui/form";
import { HistoryList } from "~/ui/history-list";
import { PersonAvatar, PersonName } from "~/ui/person-name";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.squad.name ?? "Squad"} · Squads · Nucleus` }];

const params = z.object({ squadId: z.string().trim().min(1).max(100) });
const squadIdOf = (raw: unknown) => {
  const parsed = params.safeParse(raw);
  return parsed.success ? parsed.data.squadId : notFound();
};

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "squads", "view");
  const squadId = squadIdOf(args.params);
  const page = await loadSquadPage(args.context.db, viewer, squadId);
  if (!page) notFound();
  return page;
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "squads", "view");
  const squadId = squadIdOf(args.params);
  const form = await parseForm(args.request, squadFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = form.data.intent === "open-session"
    ? await openSession(args.context, viewer, squadId)
    : await updateSquad(args.context.db, viewer, squadId, form.data);
  if (!result.ok) {
    if ("errors" in result) return invalid(result.errors);
    return result.status === 403 ? forbidden() : notFound();
  }
  return redirect(("redirect" in result && result.redirect) || `/squads/${squadId}?saved=${form.data.intent}`);
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function EditSquad({ data, errors }: { data: Data; errors: Record<string, string> }) {
  const s = data.squad;
  const people = [{ value: "", label: "Nobody" }, ...data.options.map((o) => ({ value: o.id, label: nameWithPronunciation(o) }))];
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4" open={Object.keys(errors).length > 0 && !errors.person_id && !errors.slack_channel}>
      <summary className="cursor-pointer text-sm font-semibold uppercase tracking-wide text-slate-500">Edit squad</summary>
      <Form method="post" className="mt-3 grid gap-3 md:grid-cols-2" aria-label="Edit squad">
        <Field label="Colour" name="color" type="color" defaultValue={s.color} error={errors.color} />
        <SelectField label="Delivery manager" name="dm_person_id" defaultValue={s.dm_person_id ?? ""} options={people} error={errors.dm_person_id} />
        <SelectField label="Tech lead" name="tech_lead_person_id" defaultValue={s.tech_lead_person_id ?? ""} options={people} error={errors.tech_lead_person_id} />
        <SelectField
          label="Kickoff day" name="kickoff_day" defaultValue={s.kickoff_day ? String(s.kickoff_day) : ""} error={errors.kickoff_day}
          options={[{ value: "", label: "Not scheduled" }, ...WEEKDAYS.map((d, i) => ({ value: String(i + 1), label: d }))]}
        />
        <Field label="Kickoff time" name="kickoff_time" type="time" defaultValue={s.kickoff_time ?? ""} error={errors.kickoff_time} />
        <TextAreaField label="Focus note" name="focus_note" defaultValue={s.focus_note ?? ""} error={errors.focus_note} rows={2} maxLength={500} className="md:col-span-2" />
        <div className="md:col-span-2">
          <Button type="submit" name="intent" value="save-squad">Save squad</Button>
        </div>
      </Form>
    </details>
  );
}

export default function SquadPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData && "errors" in actionData ? actionData.errors : {};
  const [search] = useSearchParams();
  const saved = search.get("saved");
  const { squad: s, members, leads, config, sessions, actions, canEdit, sessionsVisible } = data;
  const person = (p: { first_name: string | null; last_name: string | null; preferred_name: string | null; pronunciation: string | null }) => ({
    first_name: p.first_name ?? "", last_name: p.last_name ?? "", preferred_name: p.preferred_name, pronunciation: p.pronunciation,
  });
  const settings = config ?? { slack_channel: null, notify_members_on_session: 1, notify_leads_on_session: 1, notify_assignee_on_action: 1 };
  return (
    <>
      <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm"><Link to="/squads" className="text-brand-700 underline">Squads</Link></p>
          <h1 className="flex items-center gap-2 text-xl font-semibold text-slate-900">
            <span aria-hidden="true" className="inline-block h-4 w-4 rounded-full" style={{ backgroundColor: s.color }} />
            {s.name}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            Kickoff: {weekdayName(s.kickoff_day) ? `${weekdayName(s.kickoff_day)}${s.kickoff_time ? ` at ${s.kickoff_time}` : ""}` : "not scheduled"}
          </p>
        </div>
        {canEdit ? (
          <Form method="post">
            <Button type="submit" name="intent" value="open-session">Open this week's kickoff</Button>
          </Form>
        ) : null}
      </div>
      <FormError error={errors.form} />
      {saved && !actionData ? <p role="status" className="mb-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">Saved.</p> : null}
      {s.focus_note ? (
        <p className="mb-4 rounded-md border-l-4 bg-white px-3 py-2 text-sm text-slate-800" style={{ borderColor: s.color }} data-testid="focus-note">
          <span className="font-medium">This week's focus:</span> {s.focus_note}
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Leadership">
          <dl className="divide-y divide-slate-100 text-sm">
            <div className="flex justify-between py-1.5"><dt className="text-slate-500">Delivery manager</dt><dd>{s.dm_person_id ? <PersonName person={person({ first_name: s.dm_first_name, last_name: s.dm_last_name, preferred_name: s.dm_preferred_name, pronunciation: s.dm_pronunciation })} /> : "—"}</dd></div>
            <div className="flex justify-between py-1.5"><dt className="text-slate-500">Tech lead</dt><dd>{s.tech_lead_person_id ? <PersonName person={person({ first_name: s.tl_first_name, last_name: s.tl_last_name, preferred_name: s.tl_preferred_name, pronunciation: s.tl_pronunciation })} /> : "—"}</dd></div>
            {leads.map((l) => (
              <div key={l.id} className="flex items-center justify-between gap-2 py-1.5" data-testid="squad-lead">
                <dt className="text-slate-500">{LEAD_ROLE_LABELS[l.role as LeadRole] ?? l.role}</dt>
                <dd className="flex items-center gap-2">
                  <PersonName person={l} />
                  {canEdit ? (
                    <Form method="post">
                      <input type="hidden" name="lead_id" value={l.id} />
                      <Button type="submit" name="intent" value="remove-lead" variant="ghost" aria-label={`Remove ${displayName(l)} as ${LEAD_ROLE_LABELS[l.role as LeadRole] ?? l.role}`}>Remove</Button>
                    </Form>
                  ) : null}
                </dd>
              </div>
            ))}
          </dl>
          {canEdit ? (
            <Form method="post" className="mt-3 flex flex-wrap items-end gap-2 border-t border-slate-100 pt-3" aria-label="Add a squad lead">
              <SelectField label="Person" name="person_id" options={[{ value: "", label: "Choose…" }, ...data.options.map((o) => ({ value: o.id, label: nameWithPronunciation(o) }))]} error={errors.person_id} />
              <SelectField label="Role" name="role" options={LEAD_ROLES.map((r) => ({ value: r, label: LEAD_ROLE_LABELS[r] }))} error={errors.role} />
              <Button type="submit" name="intent" value="add-lead" variant="secondary">Add lead</Button>
            </Form>
          ) : null}
        </Card>
        <Card title={`Members (${members.length})`}>
          {members.length === 0 ? (
            <p className="text-sm text-slate-500">No one is in this squad in Productive yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="squad-members">
              {members.map((m) => (
                <li key={m.id} className="flex items-center gap-2 py-1.5 text-sm">
                  <PersonAvatar person={m} picture={m.avatar_url} size={24} />
                  <PersonName person={m} />
                  <span className="text-xs text-slate-500">{m.title ?? ""}{m.employment_status === "on_leave" ? " · on leave" : ""}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {sessionsVisible ? (
          <Card title="Weekly kickoffs (4P)">
            {sessions.length === 0 ? (
              <EmptyState title="No kickoffs yet">{canEdit ? "Open this week's kickoff: the four sections are pre-filled from Nucleus data." : "Sessions appear here once the squad's director opens one."}</EmptyState>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm" data-testid="squad-sessions">
                {sessions.map((x) => (
                  <li key={x.id} className="flex items-center justify-between py-1.5">
                    <Link to={`/squads/${s.id}/sessions/${x.id}`} className="font-medium text-brand-700 hover:underline">Week of {x.week_start}</Link>
                    <span className="text-xs text-slate-500">{x.status === "completed" ? "Completed" : "Draft"} · {x.actions} action{x.actions === 1 ? "" : "s"}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ) : null}
        {sessionsVisible ? (
          <Card title={`Open actions (${actions.length})`}>
            {actions.length === 0 ? (
              <p className="text-sm text-slate-500">No open actions from kickoffs.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {actions.map((a) => (
                  <li key={a.id} className="flex justify-between gap-2 py-1.5">
                    <Link to={`/squads/${s.id}/sessions/${a.session_id}`} className="hover:underline">{a.title}</Link>
                    <span className="text-xs text-slate-500">{a.first_name ? displayName(person(a)) : "Unassigned"}{a.due_date ? ` · due ${a.due_date}` : ""}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ) : null}
        <Card title="Notifications">
          {canEdit ? (
            <Form method="post" className="space-y-2" aria-label="Notification routing">
              <Field label="Slack channel" name="slack_channel" defaultValue={settings.slack_channel ? `#${settings.slack_channel}` : ""} placeholder="#squad-apollo" error={errors.slack_channel} />
              <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="notify_members_on_session" defaultChecked={settings.notify_members_on_session === 1} /> Tell members when a kickoff opens</label>
              <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="notify_leads_on_session" defaultChecked={settings.notify_leads_on_session === 1} /> Tell the DM, tech lead and leads when a kickoff opens</label>
              <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="notify_assignee_on_action" defaultChecked={settings.notify_assignee_on_action === 1} /> Tell people when an action is assigned to them</label>
              <Button type="submit" name="intent" value="save-notifications" variant="secondary">Save notifications</Button>
            </Form>
          ) : (
            <ul className="space-y-1 text-sm text-slate-700">
              <li>Slack channel: {settings.slack_channel ? `#${settings.slack_channel}` : "none"}</li>
              <li>Members told when a kickoff opens: {settings.notify_members_on_session ? "yes" : "no"}</li>
              <li>Assignees told about new actions: {settings.notify_assignee_on_action ? "yes" : "no"}</li>
            </ul>
          )}
        </Card>
      </div>
      {canEdit ? <div className="mt-4"><EditSquad data={data} errors={errors} /></div> : null}
      {sessionsVisible && data.history.length > 0 ? (
        <section className="mt-6" aria-labelledby="squad-history">
          <h2 id="squad-history" className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">History</h2>
          <HistoryList entries={data.history} />
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
