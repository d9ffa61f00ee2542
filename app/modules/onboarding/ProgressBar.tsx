import type { Progress } from "./progress";

/** A progress bar that also says the numbers in text (colour is never the only signal). */
export function ProgressBar({ progress, label, size = "md" }: { progress: Progress; label: string; size?: "sm" | "md" }) {
  const complete = progress.total > 0 && progress.done === progress.total;
  return (
    <div className="flex min-w-0 items-center gap-3">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        aria-valuetext={`${progress.done} of ${progress.total} done (${progress.percent}%)`}
        className={`${size === "sm" ? "h-1.5 w-28" : "h-2.5 w-full max-w-xs"} shrink-0 overflow-hidden rounded-full bg-slate-200`}
      >
        <div className={`h-full rounded-full ${complete ? "bg-emerald-600" : "bg-brand-600"}`} style={{ width: `${progress.percent}%` }} />
      </div>
      <span className="whitespace-nowrap text-xs tabular-nums text-slate-600" data-testid="progress-text">
        {progress.total === 0 ? "No items" : `${progress.done} of ${progress.total} done · ${progress.percent}%`}
        {complete ? " · Complete" : ""}
      </span>
    </div>
  );
}
