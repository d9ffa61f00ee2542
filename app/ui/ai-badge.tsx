import { cx } from "./form";

/**
 * Says where a generated text came from: the AI model, or the rule-based fallback (no provider
 * configured / provider unavailable). Text, not colour alone, carries the meaning.
 */
export function AiBadge({ source, label, className }: { source: "ai" | "rules"; label: string; className?: string }) {
  return (
    <span
      className={cx(
        "inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ring-1",
        source === "ai" ? "bg-violet-50 text-violet-800 ring-violet-200" : "bg-slate-50 text-slate-700 ring-slate-300",
        className,
      )}
      data-testid="ai-badge"
      data-source={source}
    >
      <span aria-hidden>{source === "ai" ? "✦" : "≡"}</span>
      {label}
    </span>
  );
}
