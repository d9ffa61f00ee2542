// Small shared pieces for the delivery pages (projects, tasks, SLA, sprints, roadmaps).
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { cx } from "./form";

/** A coloured label; the text carries the meaning (colour is only a hint). */
export function Badge({ label, color, className }: { label: string | null | undefined; color?: string | null; className?: string }) {
  if (!label) return <span className="text-slate-400">—</span>;
  return (
    <span className={cx("inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ring-slate-200", className)}>
      {color ? <span aria-hidden="true" className="inline-block h-2 w-2 rounded-full" style={{ backgroundColor: color }} /> : null}
      {label}
    </span>
  );
}

export function BreachBadge({ response, resolution }: { response?: number | null; resolution?: number | null }) {
  if (!response && !resolution) return null;
  return (
    <span className="rounded bg-red-50 px-1.5 py-0.5 text-xs font-semibold text-red-700 ring-1 ring-inset ring-red-200" data-testid="sla-breached">
      SLA breached{response && resolution ? "" : response ? " (response)" : " (resolution)"}
    </span>
  );
}

/** Tabs as links (`?tab=`), so every tab has its own URL and works without JavaScript. */
export function TabNav({ tabs, active, label, keep = [] }: { tabs: readonly { key: string; label: string }[]; active: string; label: string; keep?: string[] }) {
  const [params] = useSearchParams();
  return (
    <nav aria-label={label} className="mb-4 overflow-x-auto border-b border-slate-200">
      <ul className="-mb-px flex gap-1">
        {tabs.map((t) => {
          const next = new URLSearchParams();
          for (const k of keep) {
            const v = params.get(k);
            if (v) next.set(k, v);
          }
          if (t.key !== tabs[0]!.key) next.set("tab", t.key);
          const qs = next.toString();
          const current = t.key === active;
          return (
            <li key={t.key}>
              <Link
                to={qs ? `?${qs}` : "?"}
                aria-current={current ? "page" : undefined}
                className={cx(
                  "inline-block whitespace-nowrap border-b-2 px-3 py-2 text-sm",
                  current ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The notice a redirect after a successful post carries (`?notice=`), as a polite status. */
export function Notice() {
  const [params] = useSearchParams();
  const notice = params.get("notice");
  if (!notice) return null;
  return (
    <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="notice">
      {notice}
    </p>
  );
}

type ActionErrors = { ok: false; errors: Record<string, string> } | undefined;

/** Field errors from the last post (400 with `errors`). */
export function useErrors(): Record<string, string> {
  const data = useActionData() as ActionErrors;
  return data?.errors ?? {};
}

/** All errors of the last post as one alert list (for compact inline forms). */
export function ErrorList({ errors }: { errors: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (!entries.length) return null;
  return (
    <ul role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="form-errors">
      {entries.map(([field, message]) => (
        <li key={field}>{message}</li>
      ))}
    </ul>
  );
}

export { Pagination } from "./pagination";

/** `?key=value` keeping the other params; null removes a key. */
export function useWithParams() {
  const [params] = useSearchParams();
  return (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    next.delete("notice");
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === "") next.delete(k);
      else next.set(k, v);
    }
    const qs = next.toString();
    return qs ? `?${qs}` : "?";
  };
}

export function Table({ children, label }: { children: ReactNode; label: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm" aria-label={label}>{children}</table>
    </div>
  );
}

export const th = "px-3 py-2 text-left font-medium";
export const td = "px-3 py-1.5 align-top";

export function formatDate(value: string | null | undefined) {
  if (!value) return "—";
  return value.length > 10 ? `${value.slice(0, 16).replace("T", " ")} UTC` : value;
}

/** A deadline shown in Melbourne time (the SLA's business hours are local). */
export function formatLocal(iso: string | null | undefined, timeZone = "Australia/Melbourne") {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat("en-AU", { timeZone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hour12: false }).format(date);
}

export function hours(value: number | null | undefined) {
  if (value === null || value === undefined) return "—";
  return `${Number(value)} h`;
}
