// Small shared bits for activity lists: an avatar and a relative time with the absolute one as title.

import { cx } from "./form";

function initials(name: string) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
}

export function Avatar({ name, picture, size = 28 }: { name: string | null; picture: string | null; size?: number }) {
  const label = name ?? "Unknown";
  if (picture) {
    return <img src={picture} alt="" width={size} height={size} className="shrink-0 rounded-full bg-slate-200 object-cover" style={{ width: size, height: size }} />;
  }
  return (
    <span
      aria-hidden="true"
      className="inline-flex shrink-0 items-center justify-center rounded-full bg-slate-200 text-xs font-semibold text-slate-600"
      style={{ width: size, height: size }}
    >
      {initials(label) || "?"}
    </span>
  );
}

/** "2026-11-20 14:03 UTC" — the same on server and client (no locale or timezone drift). */
export function absoluteTime(iso: string) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function relativeTime(iso: string, now = Date.now()) {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((now - then) / 1000);
  const future = seconds < 0;
  const s = Math.abs(seconds);
  const [value, unit] =
    s < 45 ? [0, "now"] :
    s < 3600 ? [Math.max(1, Math.round(s / 60)), "minute"] :
    s < 86_400 ? [Math.round(s / 3600), "hour"] :
    s < 86_400 * 30 ? [Math.round(s / 86_400), "day"] :
    s < 86_400 * 365 ? [Math.round(s / (86_400 * 30)), "month"] :
    [Math.round(s / (86_400 * 365)), "year"];
  if (unit === "now") return "just now";
  const text = `${value} ${unit}${value === 1 ? "" : "s"}`;
  return future ? `in ${text}` : `${text} ago`;
}

/** Relative time ("3 hours ago") with the absolute time as the tooltip and machine-readable value. */
export function TimeAgo({ iso, className }: { iso: string; className?: string }) {
  return (
    <time dateTime={iso} title={absoluteTime(iso)} className={cx("text-xs text-slate-500", className)} suppressHydrationWarning>
      {relativeTime(iso)}
    </time>
  );
}
