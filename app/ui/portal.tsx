import type { ReactNode } from "react";

/**
 * The client portal's own minimal frame for its signed-out pages (sign-in, accept an
 * invitation, confirm a magic link). Never the employee shell.
 */
export function PortalAuthFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="mx-auto mt-20 max-w-md px-4">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">DotCollective · Client portal</p>
      <section className="mt-3 rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        <div className="mt-3 text-sm text-slate-700">{children}</div>
      </section>
    </main>
  );
}
