// Proposal pieces shared by the team pages and the client's share link: status badge and the
// "markdown-ish" page body (rendered as elements, never as raw HTML).
import { parseBody, type Inline } from "~/modules/proposals/markdown";
import { STATUS_LABELS, STATUS_TONES, type ProposalStatus } from "~/modules/proposals/schemas";
import { Badge } from "./crm";

export function StatusBadge({ status }: { status: string }) {
  const s = status as ProposalStatus;
  return <Badge tone={STATUS_TONES[s] ?? "slate"}>{STATUS_LABELS[s] ?? status}</Badge>;
}

function Inlines({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((p, i) => (p.bold ? <strong key={i}>{p.text}</strong> : p.italic ? <em key={i}>{p.text}</em> : <span key={i}>{p.text}</span>))}
    </>
  );
}

export function PageBody({ body }: { body: string }) {
  const blocks = parseBody(body);
  return (
    <div className="space-y-3 text-slate-800">
      {blocks.map((b, i) => {
        if (b.kind === "heading") {
          return b.level === 2
            ? <h3 key={i} className="text-lg font-semibold text-slate-900"><Inlines parts={b.inline} /></h3>
            : <h4 key={i} className="font-semibold text-slate-900"><Inlines parts={b.inline} /></h4>;
        }
        if (b.kind === "list") {
          const items = b.items.map((item, j) => <li key={j}><Inlines parts={item} /></li>);
          return b.ordered
            ? <ol key={i} className="list-decimal space-y-1 pl-6">{items}</ol>
            : <ul key={i} className="list-disc space-y-1 pl-6">{items}</ul>;
        }
        return <p key={i} className="leading-relaxed"><Inlines parts={b.inline} /></p>;
      })}
    </div>
  );
}

/** A horizontal bar list (e.g. time per page). */
export function BarList({ rows, format, label }: { rows: { key: string; label: string; value: number }[]; format: (v: number) => string; label: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <ul aria-label={label} className="space-y-1.5">
      {rows.map((r) => (
        <li key={r.key} className="grid grid-cols-[minmax(8rem,14rem)_1fr_5rem] items-center gap-2 text-sm" data-testid="bar-row">
          <span className="truncate text-slate-700">{r.label}</span>
          <span className="h-3 rounded bg-slate-100" aria-hidden="true">
            <span className="block h-3 rounded bg-brand-600" style={{ width: `${Math.round((r.value / max) * 100)}%` }} />
          </span>
          <span className="text-right tabular-nums text-slate-600" data-testid="bar-value">{format(r.value)}</span>
        </li>
      ))}
    </ul>
  );
}

export function duration(ms: number) {
  if (ms < 1000) return ms > 0 ? "<1s" : "0s";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return `${m}m ${s % 60}s`;
}
