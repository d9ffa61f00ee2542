import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { nameWithPronunciation } from "~/modules/people/names";
import { BRIEF_LABELS, SECTIONS, SECTION_LABELS, sessionFormSchema } from "~/modules/squads/schemas";
import { loadSession, updateSession } from "~/modules/squads/sessions.server";
import { forbidden, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { AiBadge } from "~/ui/ai-badge";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, Field, FormError, SelectField, TextAreaField, cx } from "~/ui/form";
import { PersonName } from "~/ui/person-name";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.session.squad_name} kickoff, week of ${data.session.week_start} · Nucleus` : "Kickoff · Nucleus" }];

const params = z.object({ squadId: z.string().trim().min(1).max(100), sessionId: z.string().trim().min(1).max(100) });
const idsOf = (raw: unknown) => {
  const parsed = params.safeParse(raw);
  return parsed.success ? parsed.data : notFound();
};

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "squads", "view");
  const { squadId, sessionId } = idsOf(args.params);
  const page = await loadSession(args.context.db, viewer, squadId, sessionId);
  if (!page) notFound();
  return page;
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "squads", "view");
  const { squadId, sessionId } = idsOf(args.params);
  const form = await parseForm(args.request, sessionFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await updateSession(args.context, viewer, squadId, sessionId, form.data);
  if (!result.ok) {
    if ("errors" in result) return invalid(result.errors);
    return result.status === 403 ? forbidden() : notFound();
  }
  return redirect(result.redirect);
}

export default function SessionPage() {
  const { session, actions, members, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData && "errors" in actionData ? actionData.errors : {};
  const values = (actionData && "values" in actionData ? actionData.values : undefined) as Record<string, string> | undefined;
  const locked = session.status === "completed";
  const editable = canEdit && !locked;
  const source = session.brief_source === "ai" ? "ai" : "rules";
  return (
    <>
      <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm">
            <Link to="/squads" className="text-brand-700 underline">Squads</Link>
            <span aria-hidden="true" className="text-slate-400"> › </span>
            <Link to={`/squads/${session.squad_id}`} className="text-brand-700 underline">{session.squad_name}</Link>
          </p>
          <h1 className="text-xl font-semibold text-slate-900">Kickoff, week of {session.week_start}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <span className={cx("rounded px-1.5 py-0.5 text-xs font-medium", locked ? "bg-emerald-50 text-emerald-800" : "bg-amber-50 text-amber-800")}>{locked ? "Completed" : "Draft"}</span>
            <AiBadge source={source} label={BRIEF_LABELS[source]} />
            {session.created_by_name ? <span>Opened by {session.created_by_name}</span> : null}
          </p>
        </div>
        {canEdit ? (
          <div className="flex gap-2">
            {!locked ? (
              <Form method="post" onSubmit={(e) => { if (!window.confirm("Replace the four sections with a new brief?")) e.preventDefault(); }}>
                <Button type="submit" name="intent" value="brief" variant="secondary">Generate AI brief</Button>
              </Form>
            ) : null}
            <Form method="post">
              <Button type="submit" name="intent" value={locked ? "reopen" : "complete"} variant={locked ? "secondary" : "primary"}>{locked ? "Reopen" : "Complete session"}</Button>
            </Form>
          </div>
        ) : null}
      </div>
      <FormError error={errors.form} />
      <Form method="post" aria-label="4P sections" className="grid gap-4 lg:grid-cols-2">
        {SECTIONS.map((key) => (
          <section key={key} className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={`section-${key}`}>
            {editable ? (
              <TextAreaField
                id={`section-${key}`} label={SECTION_LABELS[key].title} name={key} rows={8} maxLength={5000}
                defaultValue={values?.[key] ?? session[key]} error={errors[key]}
              />
            ) : (
              <>
                <h2 id={`section-${key}`} className="text-sm font-semibold text-slate-700">{SECTION_LABELS[key].title}</h2>
                <p className="mt-2 whitespace-pre-wrap text-sm text-slate-800" data-testid={`section-${key}`}>{session[key] || "—"}</p>
              </>
            )}
            <p className="mt-1 text-xs text-slate-500">{SECTION_LABELS[key].hint}</p>
          </section>
        ))}
        {editable ? (
          <div className="lg:col-span-2">
            <Button type="submit" name="intent" value="save">Save sections</Button>
          </div>
        ) : null}
      </Form>

      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        <Card title={`Actions (${actions.length})`}>
          {actions.length === 0 ? (
            <p className="text-sm text-slate-500">No actions yet. Actions added here also appear in each assignee's action centre.</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="session-actions">
              {actions.map((a) => (
                <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5 text-sm" data-testid="session-action">
                  <span className={a.done ? "text-slate-500 line-through" : undefined}>
                    {a.title}
                    <span className="ml-2 text-xs text-slate-500 no-underline">
                      {a.assignee_id ? <PersonName person={{ first_name: a.first_name ?? "", last_name: a.last_name ?? "", preferred_name: a.preferred_name, pronunciation: a.pronunciation }} /> : "Unassigned"}
                      {a.due_date ? ` · due ${a.due_date}` : ""}
                    </span>
                  </span>
                  {canEdit ? (
                    <Form method="post">
                      <input type="hidden" name="action_id" value={a.id} />
                      <Button type="submit" name="intent" value={a.done ? "action-reopen" : "action-done"} variant="ghost">
                        {a.done ? "Reopen" : "Mark done"}
                      </Button>
                    </Form>
                  ) : <span className="text-xs text-slate-500">{a.done ? "Done" : "Open"}</span>}
                </li>
              ))}
            </ul>
          )}
          {canEdit ? (
            <Form method="post" className="mt-3 grid gap-2 border-t border-slate-100 pt-3 md:grid-cols-2" aria-label="Add an action">
              <Field label="Action" name="title" defaultValue={values?.title ?? ""} error={errors.title} className="md:col-span-2" maxLength={200} />
              <SelectField
                label="Assignee" name="assignee_person_id" defaultValue={values?.assignee_person_id ?? ""} error={errors.assignee_person_id}
                options={[{ value: "", label: "Unassigned" }, ...members.map((m) => ({ value: m.id, label: nameWithPronunciation(m) }))]}
              />
              <Field label="Due date" name="due_date" type="date" defaultValue={values?.due_date ?? ""} error={errors.due_date} />
              <div className="md:col-span-2"><Button type="submit" name="intent" value="add-action" variant="secondary">Add action</Button></div>
            </Form>
          ) : null}
        </Card>
        <Card title="Team snapshot (when the session opened)">
          {session.snapshot.length === 0 ? (
            <p className="text-sm text-slate-500">No members in the snapshot.</p>
          ) : (
            <table className="min-w-full text-sm" data-testid="snapshot">
              <thead className="text-left text-xs text-slate-500">
                <tr>
                  <th scope="col" className="py-1 font-medium">Person</th>
                  <th scope="col" className="py-1 text-right font-medium">Open</th>
                  <th scope="col" className="py-1 text-right font-medium">Overdue</th>
                  <th scope="col" className="py-1 text-right font-medium">Due this week</th>
                  <th scope="col" className="py-1 text-right font-medium">Done last week</th>
                  <th scope="col" className="py-1 text-right font-medium">Capacity</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {session.snapshot.map((m) => (
                  <tr key={m.personId}>
                    <td className="py-1"><PersonName person={{ first_name: m.name, last_name: "", pronunciation: m.pronunciation }} />{m.status === "on_leave" ? <span className="text-xs text-amber-700"> · on leave</span> : null}</td>
                    <td className="py-1 text-right tabular-nums">{m.openActions}</td>
                    <td className={cx("py-1 text-right tabular-nums", m.overdueActions ? "font-medium text-red-700" : undefined)}>{m.overdueActions}</td>
                    <td className="py-1 text-right tabular-nums">{m.dueThisWeek}</td>
                    <td className="py-1 text-right tabular-nums">{m.completedLastWeek}</td>
                    <td className="py-1 text-right tabular-nums">{m.capacityHours} h</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
