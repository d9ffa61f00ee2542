// Contract UI pieces shared by the employee pages and the public signing page: status badges,
// a page-by-page preview of placed fields, and the signature input (typed without JavaScript;
// typed or drawn on a canvas with it — bundled code, so the CSP nonce is not needed).
import { useRef, useState, type PointerEvent } from "react";
import { Badge } from "~/ui/crm";
import { cx } from "~/ui/form";
import { useHydrated } from "~/ui/hydrated";
import { CONTRACT_STATUS_LABELS, type ContractStatus, type FieldDef, type SignerRole } from "./schemas";

const STATUS_TONES: Record<string, "slate" | "green" | "amber" | "red" | "blue" | "violet"> = {
  draft: "slate", sent: "blue", completed: "green", declined: "red", void: "slate",
  pending: "slate", viewed: "violet", signed: "green",
};

export function ContractStatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONES[status] ?? "slate"}>{CONTRACT_STATUS_LABELS[status as ContractStatus] ?? status}</Badge>;
}

const SIGNER_LABELS: Record<string, string> = { pending: "Waiting", sent: "Link sent", viewed: "Viewed", signed: "Signed", declined: "Declined" };
export function SignerStatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONES[status] ?? "slate"}>{SIGNER_LABELS[status] ?? status}</Badge>;
}

const ROLE_COLOURS = ["border-sky-500 bg-sky-50/70", "border-amber-500 bg-amber-50/70", "border-violet-500 bg-violet-50/70", "border-emerald-500 bg-emerald-50/70"];

/**
 * The document's pages as A4 boxes with each field drawn at its % position (labelled, coloured
 * by role). `onPick` (JS only) reports where a page was clicked, in % — for placing fields.
 */
export function PagePreview({
  pageCount, fields, roles, highlightRoleId, onPick, maxPages = 20,
}: {
  pageCount: number; fields: FieldDef[]; roles: SignerRole[]; highlightRoleId?: string; onPick?: (page: number, x: number, y: number) => void; maxPages?: number;
}) {
  const pages = Array.from({ length: Math.min(pageCount, maxPages) }, (_, i) => i + 1);
  return (
    <div className="flex flex-wrap gap-4" data-testid="page-preview">
      {pages.map((page) => (
        <figure key={page} className="w-56">
          <div
            className={cx("relative w-full border border-slate-300 bg-white shadow-sm", onPick && "cursor-crosshair")}
            style={{ aspectRatio: "1 / 1.414" }}
            onClick={onPick ? (e) => {
              const box = e.currentTarget.getBoundingClientRect();
              onPick(page, Math.round(((e.clientX - box.left) / box.width) * 1000) / 10, Math.round(((e.clientY - box.top) / box.height) * 1000) / 10);
            } : undefined}
            role={onPick ? "presentation" : undefined}
          >
            {fields.filter((f) => f.page === page).map((f) => {
              const roleIndex = Math.max(0, roles.findIndex((r) => r.id === f.signer_role_id));
              const dim = highlightRoleId && f.signer_role_id !== highlightRoleId;
              return (
                <div
                  key={f.id}
                  title={`${f.label} (${roles[roleIndex]?.label ?? "role"})`}
                  className={cx("absolute overflow-hidden border border-dashed px-0.5 text-[9px] leading-tight text-slate-700", ROLE_COLOURS[roleIndex % ROLE_COLOURS.length], dim && "opacity-40")}
                  style={{ left: `${f.x_pct}%`, top: `${f.y_pct}%`, width: `${f.w_pct}%`, height: `${f.h_pct}%` }}
                >
                  {f.label}
                </div>
              );
            })}
          </div>
          <figcaption className="mt-1 text-center text-xs text-slate-500">Page {page}</figcaption>
        </figure>
      ))}
      {pageCount > maxPages ? <p className="text-xs text-slate-500">…and {pageCount - maxPages} more pages</p> : null}
    </div>
  );
}


/**
 * One signature field. Server-rendered (and without JavaScript) it is a typed-name input;
 * once hydrated the signer may switch to drawing with mouse, pen or finger.
 */
export function SignatureInput({ field, error, defaultName }: { field: FieldDef; error?: string; defaultName?: string }) {
  const hydrated = useHydrated();
  const [mode, setMode] = useState<"typed" | "drawn">("typed");
  const [dataUrl, setDataUrl] = useState("");
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const el = e.currentTarget;
    const box = el.getBoundingClientRect();
    return { x: ((e.clientX - box.left) / box.width) * el.width, y: ((e.clientY - box.top) / box.height) * el.height };
  };
  const start = (e: PointerEvent<HTMLCanvasElement>) => {
    const ctx = e.currentTarget.getContext("2d");
    if (!ctx) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drawing.current = true;
    const { x, y } = point(e);
    ctx.lineWidth = 2.5;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#0d2673";
    ctx.beginPath();
    ctx.moveTo(x, y);
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const ctx = e.currentTarget.getContext("2d");
    if (!ctx) return;
    const { x, y } = point(e);
    ctx.lineTo(x, y);
    ctx.stroke();
  };
  const end = () => {
    if (!drawing.current) return;
    drawing.current = false;
    if (canvas.current) setDataUrl(canvas.current.toDataURL("image/png"));
  };
  const clear = () => {
    const el = canvas.current;
    el?.getContext("2d")?.clearRect(0, 0, el.width, el.height);
    setDataUrl("");
  };

  const typedId = `sig_typed_${field.id}`;
  return (
    <fieldset className="rounded-md border border-slate-200 p-3" data-testid={`signature-${field.id}`}>
      <legend className="px-1 text-sm font-medium text-slate-800">{field.label}{field.required ? " (required)" : ""}</legend>
      <input type="hidden" name={`sig_mode_${field.id}`} value={mode} />
      {hydrated ? (
        <div className="mb-2 flex gap-1" role="group" aria-label="How to sign">
          {(["typed", "drawn"] as const).map((m) => (
            <button
              key={m} type="button" aria-pressed={mode === m} onClick={() => setMode(m)}
              className={cx("rounded-md border px-2.5 py-1 text-xs font-medium", mode === m ? "border-brand-600 bg-brand-50 text-brand-800" : "border-slate-300 bg-white text-slate-700")}
            >
              {m === "typed" ? "Type" : "Draw"}
            </button>
          ))}
        </div>
      ) : null}
      {mode === "typed" ? (
        <div className="flex flex-col gap-1">
          <label htmlFor={typedId} className="text-sm text-slate-700">Type your full name to sign</label>
          <input
            id={typedId} name={typedId} autoComplete="name" defaultValue={defaultName}
            aria-invalid={error ? true : undefined} aria-describedby={error ? `${typedId}-error` : undefined}
            className={cx("rounded-md border px-2.5 py-1.5 font-serif text-lg italic", error ? "border-red-500" : "border-slate-300")}
          />
        </div>
      ) : (
        <div className="flex flex-col gap-1">
          <p id={`${typedId}-hint`} className="text-sm text-slate-700">Draw your signature in the box with your mouse, pen or finger.</p>
          <canvas
            ref={canvas} width={480} height={160} aria-label={`Signature pad for ${field.label}`} aria-describedby={`${typedId}-hint`}
            className="w-full max-w-[480px] touch-none rounded-md border border-slate-400 bg-white"
            onPointerDown={start} onPointerMove={move} onPointerUp={end} onPointerLeave={end}
            data-testid="signature-canvas"
          />
          <input type="hidden" name={`sig_drawn_${field.id}`} value={dataUrl} />
          <div className="flex items-center gap-3 text-xs">
            <button type="button" onClick={clear} className="rounded border border-slate-300 px-2 py-0.5">Clear</button>
            <span role="status">{dataUrl ? "Signature captured." : "Nothing drawn yet."}</span>
          </div>
        </div>
      )}
      {error ? <p id={`${typedId}-error`} className="mt-1 text-xs text-red-600" role="alert">{error}</p> : null}
    </fieldset>
  );
}
