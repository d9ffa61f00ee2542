// /meetings/:id — a meeting: attendees, linked record (accept / dismiss a suggestion, or link by
// hand), action items, the Granola transcript (fetched on first open, then cached) and history.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { MatchCell, TargetPicker, targetHref } from "~/modules/meetings/MeetingList";
import { loadMeetingPage, runMeetingCommand, safeReturnTo } from "~/modules/meetings/meetings.server";
import { MATCH_STATUS_LABEL, meetingActionSchema, NOTICE_FOR_INTENT, noticeFor, type MatchStatus } from "~/modules/meetings/schemas";
import { can, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseFormData } from "~/platform/forms.server";
import { Badge, Details, Notice, Tabs, withQuery } from "~/ui/crm";
import { formatLocal } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, EmptyState, FormError, PageHeader } from "~/ui/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.meeting.title ?? "Meeting"} · Meetings · Nucleus` }];

const tabSchema = z.enum(["overview", "transcript", "history"]).catch("overview");

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "meetings", "view");
  const url = new URL(args.request.url);
  const tab = tabSchema.parse(url.searchParams.get("tab") ?? "overview");
  const page = await loadMeetingPage(args.context, viewer, String(args.params.meetingId), tab);
  if (!page) notFound();
  return { ...page, tab, canUpdate: can(viewer, "meetings", "update"), notice: noticeFor(url.searchParams.get("notice")) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "meetings", "update");
  const id = String(args.params.meetingId);
  const form = await args.request.formData().catch(() => new FormData());
  const parsed = parseFormData(form, meetingActionSchema);
  if (!parsed.ok) return invalid(parsed.errors);
  const result = await runMeetingCommand(args.context.db, viewer, id, parsed.data);
  if (!result.ok && result.kind === "not_found") notFound();
  if (!result.ok) return invalid(result.kind === "invalid" ? result.errors : { form: "Not saved" });
  const back = safeReturnTo(form.get("returnTo")) ?? `/meetings/${id}${parsed.data.intent === "refresh-transcript" ? "?tab=transcript" : ""}`;
  return redirect(`${back}${back.includes("?") ? "&" : "?"}notice=${NOTICE_FOR_INTENT[parsed.data.intent]}`);
}

const TABS = [
  { key: "overview", label: "Overview" },
  { key: "transcript", label: "Transcript" },
  { key: "history", label: "History" },
];

export default function Meeting() {
  const { meeting: m, attendees, actionItems, transcript, history, options, tab, canUpdate, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && "errors" in result ? (result.errors as Record<string, string>) : {};
  const { search } = useLocation();
  const reasons = parseReasons(m.match_reasons);
  const linkedHref = targetHref(m.matched_type, m.matched_id);
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/meetings" className="text-brand-700 underline">← Meetings</Link></p>
      <PageHeader title={m.title} description={`${formatLocal(m.starts_at)}${m.ends_at ? ` – ${formatLocal(m.ends_at)}` : ""} (Melbourne)`} />
      <Notice>{notice}</Notice>
      <FormError error={errors.form} />
      <Tabs tabs={TABS} current={tab} hrefFor={(key) => withQuery(search, { tab: key === "overview" ? null : key, notice: null })} label="Meeting sections" />
      {tab === "overview" ? (
        <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
          <div className="flex flex-col gap-4">
            <Card title="Linked record">
              <div className="mb-2 text-sm" data-testid="match"><MatchCell m={m} canUpdate={canUpdate} /></div>
              <p className="text-xs text-slate-500">
                Status: {MATCH_STATUS_LABEL[m.match_status as MatchStatus] ?? m.match_status}
                {m.match_confidence !== null ? ` · confidence ${m.match_confidence}%` : ""}
                {m.matched_by_name ? ` · by ${m.matched_by_name}` : ""}
                {linkedHref && m.matched_name ? <> · <Link to={linkedHref} className="underline">open {m.matched_name}</Link></> : null}
              </p>
              {reasons.length ? (
                <ul className="mt-2 list-disc pl-5 text-xs text-slate-600" aria-label="Why this match">
                  {reasons.map((r) => <li key={r.detail}>{r.detail} (+{r.points})</li>)}
                </ul>
              ) : null}
              {canUpdate ? (
                <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
                  <TargetPicker options={options} error={errors.target} />
                  <Button type="submit" name="intent" value="link" variant="secondary">Link</Button>
                  {m.match_status !== "dismissed" ? <Button type="submit" name="intent" value="no-link" variant="ghost" formNoValidate>No link needed</Button> : null}
                </Form>
              ) : null}
            </Card>
            <Card title="Notes">
              {m.summary ? <p className="whitespace-pre-wrap text-sm text-slate-800">{m.summary}</p> : <p className="text-sm text-slate-500">No Granola notes for this meeting.</p>}
              {m.description ? <p className="mt-3 whitespace-pre-wrap text-sm text-slate-600">{m.description}</p> : null}
            </Card>
            <Card title={`Action items (${actionItems.length})`}>
              {actionItems.length === 0 ? (
                <p className="text-sm text-slate-500">No action items. They come from unchecked “- [ ]” lines and “Action items” lists in the Granola notes.</p>
              ) : (
                <ul className="divide-y divide-slate-100 text-sm" data-testid="action-items">
                  {actionItems.map((a) => (
                    <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                      <span className={a.is_completed ? "text-slate-500 line-through" : ""}>{a.text}</span>
                      <span className="text-xs text-slate-600">
                        {a.assignee ?? a.assignee_name ?? "Unassigned"} · {a.is_completed ? <Badge tone="green">Done</Badge> : <Badge tone="amber">Open</Badge>}
                        {a.action_item_id ? <> · <Link to="/action-centre?tab=granola" className="underline">Action centre</Link></> : null}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </div>
          <div className="flex flex-col gap-4">
            <Card title="Details">
              <Details
                items={[
                  ["Status", m.status],
                  ["Category", m.category],
                  ["Organiser", m.organizer_name ?? m.organizer_email],
                  ["Location", m.location],
                  ["Video link", m.meeting_url ? <a href={m.meeting_url} className="underline" rel="noreferrer noopener" target="_blank">Join</a> : null],
                  ["Source", [m.calendar_event_id ? "Google Calendar" : null, m.granola_note_id ? "Granola" : null].filter(Boolean).join(" + ") || null],
                  ["Last synced", m.synced_at ? m.synced_at.slice(0, 16).replace("T", " ") + " UTC" : null],
                ]}
              />
            </Card>
            <Card title={`Attendees (${attendees.length})`}>
              <ul className="divide-y divide-slate-100 text-sm" data-testid="attendees">
                {attendees.map((a) => (
                  <li key={a.id} className="py-1.5">
                    {a.person_id ? <Link to={`/people/${a.person_id}`} className="text-brand-700 hover:underline">{a.person_name}</Link>
                      : a.contact_id ? <Link to={`/contacts/${a.contact_id}`} className="text-brand-700 hover:underline">{a.contact_name}</Link>
                      : <span>{a.name ?? a.email}</span>}
                    {a.is_organizer ? <> <Badge>Organiser</Badge></> : null}
                    {a.response_status === "declined" ? <> <Badge tone="red">Declined</Badge></> : null}
                    <div className="text-xs text-slate-500">
                      {a.email}
                      {a.company_id ? <> · <Link to={`/companies/${a.company_id}`} className="underline">{a.company_name}</Link></> : null}
                      {!a.person_id && !a.contact_id ? " · not a known contact" : null}
                    </div>
                  </li>
                ))}
              </ul>
            </Card>
          </div>
        </div>
      ) : null}
      {tab === "transcript" && transcript ? (
        <Card title="Transcript">
          {transcript.status === "available" ? (
            <>
              <p className="mb-2 text-xs text-slate-500">From Granola, fetched {transcript.fetchedAt.slice(0, 16).replace("T", " ")} UTC.</p>
              <ol className="flex flex-col gap-2 text-sm" data-testid="transcript">
                {transcript.segments.map((s, i) => (
                  <li key={i}><span className="font-medium text-slate-700">{s.speaker}:</span> {s.text}</li>
                ))}
              </ol>
            </>
          ) : (
            <p role={transcript.status === "error" ? "alert" : "status"} className={transcript.status === "error" ? "text-sm text-red-700" : "text-sm text-slate-600"} data-testid="transcript-message">
              {transcript.message}
            </p>
          )}
          {canUpdate && transcript.status !== "error" && m.granola_note_id ? (
            <Form method="post" className="mt-3"><Button type="submit" name="intent" value="refresh-transcript" variant="secondary">Fetch again</Button></Form>
          ) : null}
        </Card>
      ) : null}
      {tab === "history" ? (
        history.length === 0 ? <EmptyState title="No history yet" /> : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {history.map((h) => (
              <li key={h.id} className="px-3 py-2">
                <span className="font-medium">{h.actor_name ?? "System"}</span> {h.action.replace(/_/g, " ")} <span className="text-xs text-slate-500">{h.created_at.slice(0, 16).replace("T", " ")} UTC</span>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </>
  );
}

function parseReasons(text: string | null): { detail: string; points: number }[] {
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as { best?: { signals?: { detail: string; points: number }[] } } | null;
    return parsed?.best?.signals ?? [];
  } catch {
    return [];
  }
}

export const ErrorBoundary = RouteErrorBoundary;
