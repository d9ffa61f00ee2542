// /meetings/triage — meetings nobody could match (< 50%): pick a company or project by hand, or
// mark the meeting as needing no link. Plain form posts (works without JavaScript).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { TargetPicker } from "~/modules/meetings/MeetingList";
import { loadTriage, runMeetingCommand } from "~/modules/meetings/meetings.server";
import { NOTICE_FOR_INTENT, noticeFor, triageActionSchema, triageListSchema } from "~/modules/meetings/schemas";
import { can, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { Notice, Pagination, withQuery } from "~/ui/crm";
import { formatLocal } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, EmptyState, FormError, PageHeader } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Meeting triage · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "meetings", "view");
  const url = new URL(args.request.url);
  const { page } = triageListSchema.parse(Object.fromEntries(url.searchParams));
  const data = await loadTriage(args.context.db, viewer, page);
  return { ...data, canUpdate: can(viewer, "meetings", "update"), notice: noticeFor(url.searchParams.get("notice")) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "meetings", "update");
  const parsed = await parseForm(args.request, triageActionSchema);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const { meetingId, ...command } = parsed.data;
  const result = await runMeetingCommand(args.context.db, viewer, meetingId, command);
  if (!result.ok && result.kind === "not_found") notFound();
  if (!result.ok) return invalid({ ...(result.kind === "invalid" ? result.errors : { form: "Not saved" }) }, { meetingId });
  return redirect(`/meetings/triage?notice=${NOTICE_FOR_INTENT[command.intent]}`);
}

export default function Triage() {
  const { rows, total, page, pageCount, options, canUpdate, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { search } = useLocation();
  const failedFor = result && "values" in result ? String((result.values as Record<string, unknown> | undefined)?.meetingId ?? "") : "";
  const errors = result && "errors" in result ? (result.errors as Record<string, string>) : {};
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/meetings" className="text-brand-700 underline">← Meetings</Link></p>
      <PageHeader title="Triage queue" description="Meetings below 50% match confidence. Link each to a company or project, or mark it as needing no link." />
      <Notice>{notice}</Notice>
      {errors.form && !failedFor ? <FormError error={errors.form} /> : null}
      <p className="mb-2 text-sm text-slate-600" role="status" data-testid="result-count">{total} {total === 1 ? "meeting" : "meetings"} to triage</p>
      {rows.length === 0 ? (
        <EmptyState title="Nothing to triage">Every meeting in your scope is linked, suggested or marked as needing no link.</EmptyState>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="triage-list">
          {rows.map((m) => (
            <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-3" data-testid={`triage-${m.id}`}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link to={`/meetings/${m.id}`} className="font-medium text-brand-700 hover:underline">{m.title}</Link>
                <span className="text-xs tabular-nums text-slate-500">{formatLocal(m.starts_at)} · {m.attendee_count} attendees{m.match_confidence ? ` · best guess ${m.match_confidence}%` : ""}</span>
              </div>
              {m.external_attendees ? <p className="text-xs text-slate-600">Guests: {m.external_attendees}</p> : <p className="text-xs text-slate-500">Internal attendees only</p>}
              {canUpdate ? (
                <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
                  <input type="hidden" name="meetingId" value={m.id} />
                  <TargetPicker options={options} id={`target-${m.id}`} error={failedFor === m.id ? errors.target ?? errors.form : undefined} />
                  <Button type="submit" name="intent" value="link">Link</Button>
                  <Button type="submit" name="intent" value="no-link" variant="ghost" formNoValidate>No link needed</Button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => withQuery(search, { page: p, notice: null })} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
