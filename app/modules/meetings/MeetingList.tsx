// A compact list of meetings (the /meetings page, and the Meetings tab of company and contact
// pages: load rows with meetingsForRecordQuery in the page's batch, then render this).
// Suggestions show "Link to Acme? 65%" with Accept / Dismiss — real form posts to the meeting.
import { Form, Link } from "@remix-run/react";
import { Badge } from "~/ui/crm";
import { formatLocal } from "~/ui/delivery";
import { Button, EmptyState } from "~/ui/form";

import type { MeetingListRow } from "./schemas";

const TARGET_PATH: Record<string, string> = { company: "/companies", project: "/projects", deal: "/deals" };
export const targetHref = (type: string | null, id: string | null) => (type && id && TARGET_PATH[type] ? `${TARGET_PATH[type]}/${encodeURIComponent(id)}` : null);

export function MatchCell({ m, canUpdate, returnTo }: { m: MeetingListRow; canUpdate: boolean; returnTo?: string }) {
  const href = targetHref(m.matched_type, m.matched_id);
  if ((m.match_status === "auto" || m.match_status === "confirmed") && m.matched_name) {
    return (
      <span className="inline-flex flex-wrap items-center gap-1">
        {href ? <Link to={href} className="text-brand-700 hover:underline">{m.matched_name}</Link> : m.matched_name}
        <Badge tone={m.match_status === "auto" ? "blue" : "green"}>{m.match_status === "auto" ? `Auto ${m.match_confidence ?? ""}%` : "Linked"}</Badge>
      </span>
    );
  }
  if (m.match_status === "suggested" && m.matched_name) {
    return (
      <div className="flex flex-wrap items-center gap-1.5" data-testid="suggestion">
        <span>
          Link to <strong>{m.matched_name}</strong>? <Badge tone="amber">{m.match_confidence ?? 0}%</Badge>
        </span>
        {canUpdate ? (
          <Form method="post" action={`/meetings/${m.id}`} className="flex gap-1">
            {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
            <Button type="submit" name="intent" value="accept" className="px-2 py-0.5 text-xs" aria-label={`Accept: link “${m.title}” to ${m.matched_name}`}>Accept</Button>
            <Button type="submit" name="intent" value="dismiss" variant="secondary" className="px-2 py-0.5 text-xs" aria-label={`Dismiss the suggestion for “${m.title}”`}>Dismiss</Button>
          </Form>
        ) : null}
      </div>
    );
  }
  if (m.match_status === "dismissed") return <span className="text-slate-500">No link needed</span>;
  return <Badge tone="red">Needs triage</Badge>;
}

export function MeetingList({
  meetings,
  canUpdate = false,
  emptyTitle = "No meetings yet",
  emptyText = "Meetings appear here once someone syncs their calendar or Granola notes on the Meetings page.",
  returnTo,
}: {
  meetings: MeetingListRow[];
  canUpdate?: boolean;
  emptyTitle?: string;
  emptyText?: string;
  /** Where Accept / Dismiss return to (defaults to the meeting page). */
  returnTo?: string;
}) {
  if (meetings.length === 0) return <EmptyState title={emptyTitle}>{emptyText}</EmptyState>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid="meetings-table">
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">When</th>
            <th scope="col" className="px-3 py-2 text-left font-medium">Meeting</th>
            <th scope="col" className="px-3 py-2 text-left font-medium">Linked to</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Attendees</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {meetings.map((m) => (
            <tr key={m.id} data-testid={`meeting-${m.id}`}>
              <td className="whitespace-nowrap px-3 py-1.5 tabular-nums text-slate-600">{formatLocal(m.starts_at)}</td>
              <td className="px-3 py-1.5">
                <Link to={`/meetings/${m.id}`} className="font-medium text-brand-700 hover:underline">{m.title}</Link>
                {m.status === "cancelled" ? <> <Badge tone="red">Cancelled</Badge></> : null}
                {Number(m.has_note) ? <> <Badge tone="violet">Notes</Badge></> : null}
                {m.organizer_name ? <div className="text-xs text-slate-500">Organised by {m.organizer_name}</div> : null}
              </td>
              <td className="px-3 py-1.5"><MatchCell m={m} canUpdate={canUpdate} returnTo={returnTo} /></td>
              <td className="px-3 py-1.5 text-right tabular-nums">{m.attendee_count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The manual link picker: companies and projects (one optgroup per match target). */
export function TargetPicker({ options, error, id = "f-target" }: { options: { type: string; label: string; records: { id: string; name: string }[] }[]; error?: string; id?: string }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">Link to</label>
      <select id={id} name="target" required defaultValue="" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className="max-w-xs rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
        <option value="" disabled>Choose a company or project…</option>
        {options.map((group) => (
          <optgroup key={group.type} label={`${group.label}s`}>
            {group.records.map((r) => <option key={r.id} value={`${group.type}:${r.id}`}>{r.name}</option>)}
          </optgroup>
        ))}
      </select>
      {error ? <p id={`${id}-error`} className="text-xs text-red-600" role="alert">{error}</p> : null}
    </div>
  );
}
