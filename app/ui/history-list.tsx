// The History tab of any record: who did what, when, and each changed field before → after.
// Feed it `historyFor(...)` rows (app/platform/history.server.ts) or `recordHistory(...).entries`.

import { Avatar, TimeAgo } from "./meta";
import { EmptyState } from "./form";

export interface HistoryItem {
  id: string;
  action: string;
  details: string | null;
  created_at: string;
  actor_name: string | null;
  actor_picture: string | null;
}

type Changes = Record<string, { from: unknown; to: unknown }>;

function humanise(key: string) {
  const text = key.replace(/[_-]+/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function parseDetails(details: string | null): { changes: Changes; extra: [string, string][] } {
  if (!details) return { changes: {}, extra: [] };
  let value: unknown;
  try {
    value = JSON.parse(details);
  } catch {
    return { changes: {}, extra: [] };
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return { changes: {}, extra: [] };
  const { changes, ...rest } = value as { changes?: unknown } & Record<string, unknown>;
  const extra = Object.entries(rest)
    .filter(([key, v]) => !key.endsWith("_id") && key !== "id" && (typeof v === "string" || typeof v === "number" || typeof v === "boolean"))
    .map(([key, v]) => [humanise(key), String(v)] as [string, string]);
  return { changes: changes && typeof changes === "object" && !Array.isArray(changes) ? (changes as Changes) : {}, extra };
}

function show(value: unknown) {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "object") {
    const json = JSON.stringify(value);
    return json.length > 120 ? `${json.slice(0, 119)}…` : json;
  }
  const text = String(value);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

export function HistoryList({ entries, emptyText }: { entries: HistoryItem[]; emptyText?: string }) {
  if (entries.length === 0) {
    return <EmptyState title="No history yet">{emptyText ?? "Changes to this record will be listed here, newest first."}</EmptyState>;
  }
  return (
    <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label="History" data-testid="history-list">
      {entries.map((entry) => {
        const { changes, extra } = parseDetails(entry.details);
        const fields = Object.entries(changes);
        return (
          <li key={entry.id} className="flex gap-3 px-4 py-3" data-testid="history-entry">
            <Avatar name={entry.actor_name} picture={entry.actor_picture} />
            <div className="min-w-0 flex-1">
              <p className="text-sm">
                <span className="font-medium text-slate-900">{entry.actor_name ?? "System"}</span>{" "}
                <span className="text-slate-700">{humanise(entry.action).toLowerCase()}</span>{" "}
                <TimeAgo iso={entry.created_at} />
              </p>
              {extra.length ? (
                <p className="mt-0.5 text-xs text-slate-500">{extra.map(([k, v]) => `${k}: ${v}`).join(" · ")}</p>
              ) : null}
              {fields.length ? (
                <table className="mt-2 w-auto max-w-full text-left text-xs">
                  <caption className="sr-only">Changed fields</caption>
                  <thead className="text-slate-500">
                    <tr>
                      <th scope="col" className="py-0.5 pr-3 font-medium">Field</th>
                      <th scope="col" className="py-0.5 pr-3 font-medium">Before</th>
                      <th scope="col" className="py-0.5 font-medium">After</th>
                    </tr>
                  </thead>
                  <tbody>
                    {fields.map(([field, change]) => (
                      <tr key={field} data-testid="history-change">
                        <th scope="row" className="py-0.5 pr-3 font-medium text-slate-700">{humanise(field)}</th>
                        <td className="py-0.5 pr-3 text-slate-500"><del className="decoration-slate-400">{show(change?.from)}</del></td>
                        <td className="py-0.5 text-slate-900"><span aria-hidden="true">→ </span><ins className="no-underline">{show(change?.to)}</ins></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
