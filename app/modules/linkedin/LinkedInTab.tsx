// Client-safe: a person's LinkedIn change alerts (with Acknowledge) and activity snapshots. Used
// by /linkedin?person= and by the person profile's LinkedIn tab; the Acknowledge form posts to
// /linkedin and `redirectTo` brings the browser back.
import { Card } from "~/ui/form";
import { ActionButton } from "~/ui/form";
import { ACTIVITY_LABELS, CHANGE_LABELS, describeChange, isHttpUrl, parseSnapshot, type ChangeType } from "./schemas";

export interface ActivityView {
  id: string;
  activity_type: string;
  url: string;
  text_excerpt: string | null;
  posted_at: string | null;
  fetched_at: string;
}
export interface AlertView {
  id: string;
  change_type: string;
  before_json: string | null;
  after_json: string | null;
  detected_at: string;
  acknowledged_at: string | null;
  acknowledged_by_name: string | null;
}

export const linkedinActionUrl = (personId: string) => `/linkedin?index&person=${encodeURIComponent(personId)}`;
const when = (iso: string) => iso.slice(0, 16).replace("T", " ");

export function LinkedInTab({
  personId, personName, activities, alerts, canAcknowledge, redirectTo,
}: {
  personId: string;
  personName: string;
  activities: ActivityView[];
  alerts: AlertView[];
  canAcknowledge: boolean;
  redirectTo?: string;
}) {
  const open = alerts.filter((a) => !a.acknowledged_at).length;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title={`Change alerts${open ? ` (${open} open)` : ""}`}>
        {alerts.length === 0 ? (
          <p className="text-sm text-slate-500">No profile changes detected for {personName}.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {alerts.map((a) => (
              <li key={a.id} className="flex flex-wrap items-start justify-between gap-2 py-2" data-testid="change-alert">
                <div className="min-w-0">
                  <p className="text-sm font-medium text-slate-900">
                    {describeChange(a.change_type as ChangeType, parseSnapshot(a.before_json), parseSnapshot(a.after_json)) || CHANGE_LABELS[a.change_type as ChangeType]}
                  </p>
                  <p className="text-xs text-slate-500">
                    Detected {when(a.detected_at)}
                    {a.acknowledged_at ? ` · Acknowledged ${when(a.acknowledged_at)}${a.acknowledged_by_name ? ` by ${a.acknowledged_by_name}` : ""}` : " · Open"}
                  </p>
                </div>
                {!a.acknowledged_at && canAcknowledge ? (
                  <ActionButton intent="acknowledge" action={linkedinActionUrl(personId)} fields={{ alert_id: a.id, ...(redirectTo ? { redirect_to: redirectTo } : {}) }}>
                    Acknowledge
                  </ActionButton>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Recent activity">
        {activities.length === 0 ? (
          <p className="text-sm text-slate-500">No LinkedIn activity recorded for {personName}. Snapshots arrive through the LinkedIn webhook.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {activities.map((a) => (
              <li key={a.id} className="py-2">
                <p className="text-xs text-slate-500">
                  <span className="mr-1 rounded bg-slate-100 px-1.5 py-0.5 text-slate-700">{ACTIVITY_LABELS[a.activity_type as keyof typeof ACTIVITY_LABELS] ?? a.activity_type}</span>
                  {a.posted_at ? when(a.posted_at) : `fetched ${when(a.fetched_at)}`}
                </p>
                {a.text_excerpt ? <p className="mt-1 text-sm text-slate-800">{a.text_excerpt}</p> : null}
                {isHttpUrl(a.url) ? (
                  <a href={a.url} target="_blank" rel="noopener noreferrer nofollow" className="text-xs text-brand-700 underline">Open on LinkedIn</a>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
