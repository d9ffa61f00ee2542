// /meetings — the viewer's meetings (mine / team per scope), upcoming or past, search, match
// filter, pagination; "Sync now" pulls their Google Calendar and the org's Granola notes.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { MeetingList } from "~/modules/meetings/MeetingList";
import { loadMeetingList, teamLabel } from "~/modules/meetings/meetings.server";
import { meetingsListActionSchema, noticeFor, parseMeetingListParams } from "~/modules/meetings/schemas";
import { syncMeetingsForUser } from "~/modules/meetings/sync.server";
import { can, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { Notice, Pagination, Tabs, withQuery } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Field, FormError, PageHeader, SelectField, SubmitButton } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Meetings · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "meetings", "view");
  const url = new URL(args.request.url);
  const filters = parseMeetingListParams(url.searchParams);
  const data = await loadMeetingList(args.context.db, viewer, filters);
  return { filters, team: teamLabel(viewer), canUpdate: can(viewer, "meetings", "update"), notice: noticeFor(url.searchParams.get("notice")), ...data };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "meetings", "view");
  const parsed = await parseForm(args.request, meetingsListActionSchema);
  if (!parsed.ok) return invalid(parsed.errors);
  return { ok: true as const, sync: await syncMeetingsForUser(args.context, viewer) };
}

export default function Meetings() {
  const { filters, rows, total, page, pageCount, team, canUpdate, notice, pending, lastRun, connected } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { search } = useLocation();
  const views = [{ key: "mine", label: "My meetings" }, ...(team ? [{ key: "team", label: team }] : [])];
  return (
    <>
      <PageHeader
        title="Meetings"
        description="Calendar meetings and Granola notes, matched to companies and projects."
        actions={
          <>
            <Link to="/meetings/triage" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
              Triage queue{pending.triage ? ` (${pending.triage})` : ""}
            </Link>
            <Form method="post">
              <SubmitButton name="intent" value="sync">Sync now</SubmitButton>
            </Form>
          </>
        }
      />
      <Notice>{notice}</Notice>
      {result && "sync" in result ? (
        <div role="status" data-testid="sync-result" className={`mb-4 rounded-md px-3 py-2 text-sm ${result.sync.status === "failed" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-800"}`}>
          <p>
            {result.sync.status === "failed" ? "Sync failed." : result.sync.status === "partial" ? "Sync finished with problems." : "Sync finished."}{" "}
            {result.sync.calendarEvents} calendar events, {result.sync.granolaNotes} Granola notes: {result.sync.created} new, {result.sync.updated} updated, {result.sync.actionItems} action items.
          </p>
          {result.sync.errors.length ? <ul className="mt-1 list-disc pl-5">{result.sync.errors.map((e) => <li key={e}>{e}</li>)}</ul> : null}
        </div>
      ) : null}
      {result && "errors" in result ? <FormError error={Object.values(result.errors)[0]} /> : null}
      {!result && lastRun ? (
        <p className="mb-3 text-xs text-slate-500" data-testid="last-sync">
          Last sync {lastRun.finished_at.slice(0, 16).replace("T", " ")} UTC: {lastRun.status}
          {lastRun.errors ? ` — ${lastRun.errors.split("\n")[0]}` : ""}
        </p>
      ) : null}
      {!connected.google || !connected.granola ? (
        <p className="mb-3 text-xs text-slate-500">
          {!connected.google ? <>Connect your Google account under <Link to="/connections" className="underline">Connections</Link> to sync your calendar. </> : null}
          {!connected.granola ? "Granola is not connected for the organisation yet." : null}
        </p>
      ) : null}
      {pending.suggested ? (
        <p className="mb-3 text-sm">
          <Link to={withQuery(search, { match: "suggested", page: null, notice: null })} className="text-brand-700 underline">{pending.suggested} suggested {pending.suggested === 1 ? "link" : "links"}</Link> waiting for a click.
        </p>
      ) : null}
      <Tabs tabs={views} current={filters.view} hrefFor={(key) => withQuery(search, { view: key, page: null, notice: null })} label="Whose meetings" />
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter meetings">
        <input type="hidden" name="view" value={filters.view} />
        <Field label="Search" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="Title" className="w-60" />
        <SelectField label="When" name="when" defaultValue={filters.when} options={[{ value: "all", label: "Any time" }, { value: "upcoming", label: "Upcoming" }, { value: "past", label: "Past" }]} />
        <SelectField
          label="Match" name="match" defaultValue={filters.match}
          options={[{ value: "any", label: "Any" }, { value: "linked", label: "Linked" }, { value: "suggested", label: "Suggested" }, { value: "triage", label: "Not linked" }]}
        />
        <Button type="submit" variant="secondary">Apply</Button>
      </Form>
      <p className="mb-2 text-sm text-slate-600" role="status" data-testid="result-count">{total} {total === 1 ? "meeting" : "meetings"}</p>
      <MeetingList
        meetings={rows}
        canUpdate={canUpdate}
        returnTo={`/meetings${withQuery(search, { notice: null }) === "?" ? "" : withQuery(search, { notice: null })}`}
        emptyTitle={search && search !== "?" ? "No meetings match these filters" : "No meetings yet"}
        emptyText={search && search !== "?" ? "Try a different search, or clear the filters." : "Use “Sync now” to bring in your calendar and Granola notes."}
      />
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => withQuery(search, { page: p, notice: null })} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
