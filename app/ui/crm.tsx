// Small pieces shared by the CRM pages (companies, contacts, relationships): URL tabs,
// pagination, notices, the merged timeline and definition lists.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { cx, EmptyState } from "./form";
import { absoluteTime } from "./meta";

/** `?key=value` changes on top of the current query string (null removes a key). */
export function withQuery(search: string, changes: Record<string, string | number | null | undefined>) {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === "") params.delete(key);
    else params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `?${qs}` : "?";
}

export function Tabs({ tabs, current, hrefFor, label }: { tabs: { key: string; label: string }[]; current: string; hrefFor: (key: string) => string; label: string }) {
  return (
    <nav aria-label={label} className="mb-4 flex flex-wrap gap-1 border-b border-slate-200">
      {tabs.map((t) => (
        <Link
          key={t.key}
          to={hrefFor(t.key)}
          aria-current={current === t.key ? "page" : undefined}
          className={cx(
            "-mb-px border-b-2 px-3 py-1.5 text-sm",
            current === t.key ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900",
          )}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}

export { Pagination } from "./pagination";

export function Notice({ children }: { children: ReactNode }) {
  if (!children) return null;
  return <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="notice">{children}</p>;
}

export function Badge({ children, tone = "slate" }: { children: ReactNode; tone?: "slate" | "green" | "amber" | "red" | "blue" | "violet" }) {
  const tones = {
    slate: "bg-slate-100 text-slate-700",
    green: "bg-emerald-50 text-emerald-800",
    amber: "bg-amber-50 text-amber-800",
    red: "bg-red-50 text-red-700",
    blue: "bg-sky-50 text-sky-800",
    violet: "bg-violet-50 text-violet-800",
  }[tone];
  return <span className={cx("inline-block rounded px-1.5 py-0.5 text-xs font-medium", tones)}>{children}</span>;
}

export function Details({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
      {items.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-slate-500">{term}</dt>
          <dd className="min-w-0 break-words text-slate-900">{value ?? <span className="text-slate-400">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

export function shortDate(iso: string | null | undefined) {
  return iso ? iso.slice(0, 10) : "—";
}

export function dateTime(iso: string | null | undefined) {
  return iso ? iso.slice(0, 16).replace("T", " ") : "—";
}

const KIND_LABELS: Record<string, { label: string; tone: "slate" | "green" | "amber" | "red" | "blue" | "violet" }> = {
  communication: { label: "Communication", tone: "blue" },
  note: { label: "Note", tone: "amber" },
  history: { label: "Change", tone: "slate" },
  action_item: { label: "Action", tone: "violet" },
  life_event: { label: "Life event", tone: "green" },
  message: { label: "Message", tone: "blue" },
  deal: { label: "Deal", tone: "green" },
  email: { label: "Email", tone: "blue" },
  meeting: { label: "Meeting", tone: "violet" },
  proposal: { label: "Proposal", tone: "amber" },
  contract: { label: "Contract", tone: "green" },
};

export interface TimelineItem {
  at: string;
  key: string;
  kind: string;
  title: string;
  detail: string | null;
  url: string | null;
}

/** The merged timeline, newest first, with "Older" following the cursor. */
export function Timeline({ rows, next, olderHref, newestHref }: { rows: TimelineItem[]; next: string | null; olderHref: string | null; newestHref: string | null }) {
  if (rows.length === 0) {
    return <EmptyState title="Nothing on the timeline yet">Communications, notes, changes, life events and action items appear here as they happen.</EmptyState>;
  }
  return (
    <>
      <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label="Timeline" data-testid="timeline">
        {rows.map((row) => {
          const kind = KIND_LABELS[row.kind] ?? { label: row.kind.replace(/_/g, " "), tone: "slate" as const };
          return (
            <li key={row.key} className="flex gap-3 px-4 py-2.5" data-testid="timeline-entry" data-kind={row.kind}>
              <time dateTime={row.at} title={absoluteTime(row.at)} className="w-28 shrink-0 pt-0.5 text-xs tabular-nums text-slate-500">{dateTime(row.at)}</time>
              <div className="min-w-0 flex-1">
                <p className="text-sm">
                  <Badge tone={kind.tone}>{kind.label}</Badge>{" "}
                  {row.url ? <Link to={row.url} className="text-slate-900 hover:underline">{row.title}</Link> : <span className="text-slate-900">{row.title}</span>}
                </p>
                {row.detail ? <p className="mt-0.5 truncate text-xs text-slate-600">{row.detail}</p> : null}
              </div>
            </li>
          );
        })}
      </ol>
      <nav aria-label="Timeline pages" className="mt-3 flex gap-4 text-sm">
        {newestHref ? <Link to={newestHref} className="underline">Newest</Link> : null}
        {next && olderHref ? <Link to={olderHref} className="underline" rel="next">Older</Link> : null}
      </nav>
    </>
  );
}

export function Pill({ children }: { children: ReactNode }) {
  return <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{children}</span>;
}

/**
 * A sortable column header for list pages whose sort lives in the URL (?sort=&dir=). Clicking
 * the active column flips the direction; a new column starts ascending ("created" descending).
 */
export function SortHeader({ search, column, label, sort, dir }: { search: string; column: string; label: string; sort: string; dir: "asc" | "desc" }) {
  const active = sort === column;
  const next = active ? (dir === "asc" ? "desc" : "asc") : column === "created" ? "desc" : "asc";
  return (
    <th scope="col" className="px-3 py-2 text-left font-medium" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link to={withQuery(search, { sort: column, dir: next, page: null })} className="hover:underline">
        {label}
        {active ? <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
}
