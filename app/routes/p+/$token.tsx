// /p/:token — the client's view of a proposal, outside the employee shell. Page-by-page reading
// with plain links (no JS needed), the pricing step with optional items (a checkbox form that
// recomputes the total), accept & sign (typed name + checkbox) and decline. Unknown or tampered
// tokens are a 404 like any other; an expired proposal answers 404 too (issue #7: an expired token is a 404) but with a plain
// "expired" page, so the client knows to ask for a new link.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { data, redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { z } from "zod";
import { formatMoney, formatPercent, lineCents } from "~/modules/proposals/pricing";
import { PublicError, openPublicProposal, publicProposalAction } from "~/modules/proposals/public.server";
import { notFound } from "~/platform/access.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, FormError } from "~/ui/form";
import { PageBody } from "~/ui/proposals";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data && "proposal" in data ? `${data.proposal.title} · Proposal` : "Proposal" },
  { name: "robots", content: "noindex, nofollow" },
];

const query = z.object({
  page: z.union([z.literal("last").transform(() => 10_000), z.coerce.number().int().min(1).max(10_000)]).catch(1).default(1),
  saved: z.string().optional().catch(undefined),
});

function publicFailure(e: unknown): never {
  if (e instanceof PublicError && e.status === 429) throw new Response("Too many requests", { status: 429, headers: { "Retry-After": String(e.retryAfter) } });
  if (e instanceof PublicError && e.status === 410) throw data({ expired: true as const }, { status: 404 });
  if (e instanceof PublicError) notFound();
  throw e;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  try {
    const { cookie, ...view } = await openPublicProposal(context, request, params.token, q.page);
    return data({ ...view, saved: q.saved === "1" }, { headers: { "Set-Cookie": cookie, "Cache-Control": "no-store" } });
  } catch (e) {
    if (e instanceof PublicError && e.status === 410) return data({ expired: true as const }, { status: 404, headers: { "Cache-Control": "no-store" } });
    publicFailure(e);
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  try {
    const result = await publicProposalAction(context, request, params.token, await request.formData());
    if (!result.ok) return data(result, { status: 400 });
    return redirect(`/p/${params.token}?page=last${result.done === "options" ? "&saved=1" : ""}`);
  } catch (e) {
    if (e instanceof PublicError && e.status === 410) return redirect(`/p/${params.token}`);
    publicFailure(e);
  }
}

type View = Exclude<ReturnType<typeof useLoaderData<typeof loader>>, { expired: true }>;

/** Sends the visible time on a page to the beacon when leaving it (page change, tab hidden, unload). */
function usePageBeacon(pageId: string | null) {
  useEffect(() => {
    if (!pageId || typeof navigator.sendBeacon !== "function") return;
    const url = `${window.location.pathname.replace(/\/$/, "")}/beacon`;
    let total = 0;
    let since: number | null = document.visibilityState === "visible" ? performance.now() : null;
    const elapsed = () => total + (since === null ? 0 : performance.now() - since);
    const send = () => navigator.sendBeacon(url, new URLSearchParams({ pageId, ms: String(Math.round(elapsed())) }));
    const onVisibility = () => {
      if (document.visibilityState === "hidden") {
        total = elapsed();
        since = null;
        send();
      } else since = performance.now();
    };
    window.addEventListener("pagehide", send);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", send);
      document.removeEventListener("visibilitychange", onVisibility);
      send();
    };
  }, [pageId]);
}

export default function PublicProposal() {
  const loaded = useLoaderData<typeof loader>();
  const expired = "expired" in loaded;
  usePageBeacon(!expired && loaded.page ? loaded.page.id : null);
  if (expired) {
    return (
      <main className="mx-auto max-w-xl p-10 text-center">
        <h1 className="text-xl font-semibold">This proposal has expired</h1>
        <p className="mt-2 text-sm text-slate-600">Please contact the person who sent it if you would like an updated proposal.</p>
      </main>
    );
  }
  const v = loaded as View;
  const p = v.proposal;
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-3xl flex-wrap items-baseline justify-between gap-2 px-5 py-4">
          <div>
            <p className="text-xs uppercase tracking-wide text-slate-500">Proposal{p.companyName ? ` for ${p.companyName}` : ""}</p>
            <h1 className="text-xl font-semibold text-slate-900">{p.title}</h1>
          </div>
          <p className="text-sm text-slate-600">{p.validUntil ? `Valid until ${p.validUntil}` : null}</p>
        </div>
        <nav aria-label="Proposal pages" className="mx-auto max-w-3xl overflow-x-auto px-5 pb-2">
          <ol className="flex gap-1 text-sm">
            {[...v.pageTitles, "Investment & acceptance"].map((title, i) => (
              <li key={i}>
                <Link to={`?page=${i + 1}`} aria-current={v.pageIndex === i + 1 ? "page" : undefined}
                  className={`block whitespace-nowrap rounded px-2 py-1 ${v.pageIndex === i + 1 ? "bg-brand-600 text-white" : "text-slate-600 hover:bg-slate-100"}`}>
                  {i + 1}. {title}
                </Link>
              </li>
            ))}
          </ol>
        </nav>
      </header>
      <main className="mx-auto max-w-3xl px-5 py-6">
        {v.page ? (
          <article className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm" data-testid="proposal-page">
            <h2 className="mb-4 text-2xl font-semibold text-slate-900">{v.page.title}</h2>
            <PageBody body={v.page.body} />
          </article>
        ) : (
          <FinalStep v={v} />
        )}
        <nav aria-label="Previous and next" className="mt-5 flex justify-between text-sm">
          {v.pageIndex > 1 ? <Link to={`?page=${v.pageIndex - 1}`} rel="prev" className="rounded-md border border-slate-300 bg-white px-3 py-1.5">← Previous</Link> : <span />}
          {v.pageIndex < v.pageCount ? <Link to={`?page=${v.pageIndex + 1}`} rel="next" className="rounded-md bg-brand-600 px-3 py-1.5 text-white">Next →</Link> : <span />}
        </nav>
        <p className="mt-8 text-center text-xs text-slate-500">Questions? {p.ownerName ? <>Contact {p.ownerName}{p.ownerEmail ? <> at <a className="underline" href={`mailto:${p.ownerEmail}`}>{p.ownerEmail}</a></> : null}.</> : "Reply to the email this link came in."}</p>
      </main>
    </div>
  );
}

function FinalStep({ v }: { v: View }) {
  const result = useActionData<typeof action>();
  const errors = (result && "errors" in result ? result.errors : {}) as Record<string, string>;
  const p = v.proposal;
  const open = p.status === "viewed";
  return (
    <div className="space-y-5">
      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="mb-3 text-2xl font-semibold">Investment</h2>
        {v.saved ? <p role="status" className="mb-3 rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">Your choices are saved; the total is updated.</p> : null}
        <Form method="post">
          <input type="hidden" name="intent" value="options" />
          {v.sections.map((s, i) => (
            <table key={s.id} className="mb-4 w-full text-sm">
              <caption className="mb-1 text-left font-semibold">{s.title}</caption>
              <thead className="text-slate-500"><tr><th className="text-left">Item</th><th className="text-right">Qty</th><th className="text-right">Rate</th><th className="text-right">Amount</th></tr></thead>
              <tbody>
                {v.items.filter((it) => it.section_id === s.id).map((it) => (
                  <tr key={it.id} className="border-t border-slate-100">
                    <td className="py-1">
                      {it.is_optional ? (
                        <label className="flex items-center gap-2">
                          <input type="checkbox" name="item[]" value={it.id} defaultChecked={Boolean(it.is_selected)} disabled={!open} />
                          <span>{it.description} <span className="text-xs text-amber-700">(optional)</span></span>
                        </label>
                      ) : it.description}
                    </td>
                    <td className="text-right tabular-nums">{it.quantity}</td>
                    <td className="text-right tabular-nums">{formatMoney(it.rate_cents, p.currency)}</td>
                    <td className="text-right tabular-nums">{formatMoney(lineCents(it), p.currency)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot><tr className="border-t border-slate-200"><td colSpan={3}>Subtotal</td><td className="text-right tabular-nums">{formatMoney(v.pricing.sections[i]?.subtotalCents ?? 0, p.currency)}</td></tr></tfoot>
            </table>
          ))}
          <dl className="ml-auto grid max-w-xs grid-cols-2 gap-1 text-sm">
            <dt>Subtotal</dt><dd className="text-right tabular-nums">{formatMoney(v.pricing.subtotalCents, p.currency)}</dd>
            <dt>GST ({formatPercent(p.taxRateBp)})</dt><dd className="text-right tabular-nums">{formatMoney(v.pricing.taxCents, p.currency)}</dd>
            <dt className="font-semibold">Total</dt><dd className="text-right font-semibold tabular-nums" data-testid="public-total">{formatMoney(v.pricing.totalCents, p.currency)}</dd>
          </dl>
          {open && v.items.some((it) => it.is_optional) ? <div className="mt-3 text-right"><Button type="submit" variant="secondary">Update total</Button></div> : null}
        </Form>
      </section>
      {v.team.length ? (
        <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 className="mb-3 text-lg font-semibold">Your team</h2>
          <ul className="grid gap-2 sm:grid-cols-2 text-sm">
            {v.team.map((m, i) => <li key={i}><span className="font-medium">{m.name}</span><span className="block text-slate-500">{m.role ?? m.title ?? ""}</span></li>)}
          </ul>
        </section>
      ) : null}
      {p.status === "accepted" ? (
        <p role="status" className="rounded-lg bg-emerald-50 p-4 text-emerald-900" data-testid="accepted">
          Accepted{v.signer ? ` and signed by ${v.signer.name} on ${v.signer.signed_at.slice(0, 10)}` : ""}. Thank you!
        </p>
      ) : p.status === "declined" ? (
        <p role="status" className="rounded-lg bg-slate-100 p-4" data-testid="declined">You declined this proposal. Thank you for letting us know.</p>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 className="mb-2 text-lg font-semibold">Accept and sign</h2>
            <Form method="post" className="grid gap-2">
              <input type="hidden" name="intent" value="accept" />
              <FormError error={errors.form} />
              <label htmlFor="sign-name" className="text-sm font-medium">Your full name (typed signature)</label>
              <input id="sign-name" name="name" required autoComplete="name" aria-invalid={errors.name ? true : undefined}
                className="rounded-md border border-slate-300 px-2.5 py-1.5 font-serif text-lg italic" />
              {errors.name ? <p role="alert" className="text-xs text-red-600">{errors.name}</p> : null}
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="agree" className="mt-1" />
                <span>I accept this proposal ({formatMoney(v.pricing.totalCents, p.currency)} incl. GST) on behalf of {p.companyName ?? "my organisation"}.</span>
              </label>
              {errors.agree ? <p role="alert" className="text-xs text-red-600">{errors.agree}</p> : null}
              <DrawnSignature error={errors.signature} />
              <div><Button type="submit">Accept and sign</Button></div>
            </Form>
          </section>
          <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 className="mb-2 text-lg font-semibold">Not for you?</h2>
            <Form method="post" className="grid gap-2">
              <input type="hidden" name="intent" value="decline" />
              <label htmlFor="decline-reason" className="text-sm font-medium">Reason (optional)</label>
              <textarea id="decline-reason" name="reason" rows={3} maxLength={1000} className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm" />
              <div><Button type="submit" variant="secondary">Decline proposal</Button></div>
            </Form>
          </section>
        </div>
      )}
    </div>
  );
}

const noopSubscribe = () => () => {};

/** Optional drawn signature (JavaScript only; the typed name is always the signature of record). */
function DrawnSignature({ error }: { error?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  // true once hydrated (false in the server render and without JavaScript).
  const enabled = useSyncExternalStore(noopSubscribe, () => true, () => false);
  const [value, setValue] = useState("");
  if (!enabled) return null;
  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return [((e.clientX - rect.left) * e.currentTarget.width) / rect.width, ((e.clientY - rect.top) * e.currentTarget.height) / rect.height] as const;
  };
  return (
    <div className="grid gap-1">
      <span id="drawn-label" className="text-sm font-medium">Draw your signature (optional)</span>
      <canvas
        ref={canvas}
        width={400}
        height={120}
        aria-labelledby="drawn-label"
        className="w-full touch-none rounded-md border border-slate-300 bg-white"
        onPointerDown={(e) => {
          const ctx = e.currentTarget.getContext("2d");
          if (!ctx) return;
          drawing.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          ctx.lineWidth = 2;
          ctx.lineCap = "round";
          ctx.beginPath();
          ctx.moveTo(...point(e));
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const ctx = e.currentTarget.getContext("2d");
          ctx?.lineTo(...point(e));
          ctx?.stroke();
        }}
        onPointerUp={(e) => {
          drawing.current = false;
          setValue(e.currentTarget.toDataURL("image/png"));
        }}
      />
      <input type="hidden" name="signature" value={value} />
      <div>
        <Button type="button" variant="ghost" onClick={() => {
          const c = canvas.current;
          c?.getContext("2d")?.clearRect(0, 0, c.width, c.height);
          setValue("");
        }}>Clear drawing</Button>
      </div>
      {error ? <p role="alert" className="text-xs text-red-600">{error}</p> : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
