// Small pieces shared by the leave pages: section tabs, status badges, cache age.
import { Link } from "@remix-run/react";
import { STATUS_LABELS, type LeaveStatus } from "~/modules/leave/policy";
import { cx } from "./form";

export function LeaveTabs({ current, pending, canApprove }: { current: "mine" | "approvals" | "calendar"; pending?: number; canApprove: boolean }) {
  const tabs = [
    { key: "mine", label: "My leave", to: "/leave" },
    ...(canApprove ? [{ key: "approvals", label: `Approvals${pending ? ` (${pending})` : ""}`, to: "/leave/approvals" }] : []),
    { key: "calendar", label: "Team calendar", to: "/leave/calendar" },
  ];
  return (
    <nav aria-label="Leave sections" className="mb-4 flex flex-wrap gap-1 border-b border-slate-200">
      {tabs.map((t) => (
        <Link key={t.key} to={t.to} aria-current={current === t.key ? "page" : undefined}
          className={cx("-mb-px border-b-2 px-3 py-1.5 text-sm", current === t.key ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900")}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}

const TONES: Record<LeaveStatus, string> = {
  pending_manager: "bg-amber-50 text-amber-800 ring-amber-200",
  pending_exec: "bg-sky-50 text-sky-800 ring-sky-200",
  approved: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  rejected: "bg-red-50 text-red-700 ring-red-200",
  cancelled: "bg-slate-100 text-slate-600 ring-slate-200",
};

export function StatusBadge({ status }: { status: string }) {
  const s = status as LeaveStatus;
  return <span className={cx("inline-flex rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset", TONES[s] ?? TONES.cancelled)} data-testid="leave-status">{STATUS_LABELS[s] ?? status}</span>;
}

export function age(iso: string | null, now = Date.now()) {
  if (!iso) return "never";
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

export function CacheNote({ label, fetchedAt, stale, error }: { label: string; fetchedAt: string | null; stale: boolean; error: string | null }) {
  return (
    <p className={cx("text-xs", error ? "text-amber-800" : "text-slate-500")} data-testid="cache-note">
      {label} updated {age(fetchedAt)}{fetchedAt ? ` (${fetchedAt.slice(0, 16).replace("T", " ")} UTC)` : ""}
      {stale && !error ? " · refreshing in the background" : ""}
      {error ? ` · Last refresh failed: ${error}` : ""}
    </p>
  );
}

export function dayRange(start: string, end: string, startHalf?: number | boolean, endHalf?: number | boolean) {
  const half = (v?: number | boolean) => (v ? " (½)" : "");
  return start === end ? `${start}${half(startHalf || endHalf)}` : `${start}${half(startHalf)} → ${end}${half(endHalf)}`;
}
