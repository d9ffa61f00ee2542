// /relationships — upcoming reminders (reconnect, birthdays, congratulations) and recent life
// events across all contacts, each paginated; reminders can be marked done or dismissed here.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { completeAutoAction, loadRelationshipsPage, NOTICES, type NoticeCode } from "~/modules/relationships/relationships.server";
import { AUTO_ACTION_LABELS, LIFE_EVENT_LABELS, autoActionFormSchema, relationshipsListSchema } from "~/modules/relationships/schemas";
import { can, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { Badge, Notice, Pagination, withQuery } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, EmptyState, FormError, PageHeader } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Relationships · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "relationships", "view");
  const url = new URL(args.request.url);
  const options = relationshipsListSchema.parse(Object.fromEntries(url.searchParams));
  const code = url.searchParams.get("notice");
  return {
    ...(await loadRelationshipsPage(args.context.db, options)),
    canNurture: can(viewer, "relationships", "update"),
    canManage: can(viewer, "relationships", "manage"),
    notice: code && code in NOTICES ? NOTICES[code as NoticeCode] : null,
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "relationships", "update");
  const form = await parseForm(args.request, autoActionFormSchema);
  if (!form.ok) return invalid(form.errors);
  const result = await completeAutoAction(args.context.db, viewer, form.data.auto_action_id, form.data.status);
  if (!result) notFound();
  if (!result.ok) return invalid(result.errors);
  const back = new URL(args.request.url);
  return redirect(`/relationships${withQuery(back.search, { notice: result.code, index: null })}`);
}

export default function Relationships() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { search } = useLocation();
  return (
    <>
      <PageHeader
        title="Relationships"
        description="Reminders to reconnect, birthdays and congratulations, and what is happening in our contacts' lives."
        actions={data.canManage ? <Link to="/relationships/lead-scans" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Lead scan log</Link> : undefined}
      />
      <Notice>{data.notice}</Notice>
      <FormError error={failed?.errors ? Object.values(failed.errors)[0] : undefined} />
      <div className="grid gap-4 lg:grid-cols-3">
        <section className="lg:col-span-2" aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading" className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">Upcoming reminders ({data.actionTotal})</h2>
          {data.actions.length === 0 ? (
            <EmptyState title="No open reminders">Set a reconnect cadence or a birthday on a contact's Relationship tab, or add a life event.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="upcoming-actions">
              {data.actions.map((a) => {
                const overdue = a.due_date < data.today;
                return (
                  <li key={a.id} className="flex flex-wrap items-center gap-3 px-4 py-2 text-sm" data-testid="upcoming-action">
                    <span className={overdue ? "w-28 font-medium text-red-700" : "w-28 text-slate-600"}>{a.due_date}{overdue ? " (overdue)" : ""}</span>
                    <Badge tone="violet">{AUTO_ACTION_LABELS[a.action_type] ?? a.action_type}</Badge>
                    <div className="min-w-0 flex-1">
                      <p className="font-medium">{a.title}</p>
                      <p className="text-xs text-slate-500">
                        <Link to={`/contacts/${a.contact_id}`} className="underline">{a.contact_name}</Link>
                        {a.company_name ? <> · <Link to={`/companies/${a.company_id}`} className="underline">{a.company_name}</Link></> : null}
                        {a.assignee_name ? ` · ${a.assignee_name}` : ""}
                      </p>
                    </div>
                    {data.canNurture ? (
                      <div className="flex gap-1">
                        <Form method="post">
                          <input type="hidden" name="auto_action_id" value={a.id} />
                          <input type="hidden" name="status" value="done" />
                          <Button type="submit" name="intent" value="complete_action" variant="secondary" aria-label={`Mark done: ${a.title}`}>Done</Button>
                        </Form>
                        <Form method="post">
                          <input type="hidden" name="auto_action_id" value={a.id} />
                          <input type="hidden" name="status" value="dismissed" />
                          <Button type="submit" name="intent" value="complete_action" variant="ghost" aria-label={`Dismiss: ${a.title}`}>Dismiss</Button>
                        </Form>
                      </div>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
          <Pagination label="Reminder pages" page={data.page} pageCount={data.pageCount} hrefFor={(p) => withQuery(search, { page: p, notice: null })} />
        </section>
        <div className="space-y-4">
          <Card title="Birthdays in the next 30 days">
            {data.birthdays.length === 0 ? <p className="text-sm text-slate-500">None coming up.</p> : (
              <ul className="space-y-1 text-sm">
                {data.birthdays.map((b) => (
                  <li key={b.contact_id} className="flex justify-between"><Link to={`/contacts/${b.contact_id}`} className="underline">{b.name}</Link><span className="tabular-nums text-slate-500">{b.birthday}</span></li>
                ))}
              </ul>
            )}
          </Card>
          <section aria-labelledby="events-heading">
            <h2 id="events-heading" className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">Recent life events ({data.eventTotal})</h2>
            {data.events.length === 0 ? <EmptyState title="No life events yet">Add them on a contact's Life events tab.</EmptyState> : (
              <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" data-testid="recent-events">
                {data.events.map((e) => (
                  <li key={e.id} className="px-3 py-2">
                    <p><Badge tone="green">{LIFE_EVENT_LABELS[e.event_type as keyof typeof LIFE_EVENT_LABELS] ?? e.event_type}</Badge> <span className="font-medium">{e.title}</span></p>
                    <p className="text-xs text-slate-500"><Link to={`/contacts/${e.contact_id}?tab=life-events`} className="underline">{e.contact_name}</Link>{e.company_name ? ` · ${e.company_name}` : ""} · {e.event_date}</p>
                  </li>
                ))}
              </ul>
            )}
            <Pagination label="Life event pages" page={data.eventsPage} pageCount={data.eventsPageCount} hrefFor={(p) => withQuery(search, { events: p, notice: null })} />
          </section>
        </div>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
