import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { Form, Link, Outlet, useLoaderData } from "@remix-run/react";
import { requirePortalViewer } from "~/platform/portal-session.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";

// The signed-in client portal's own frame (never the employee shell). An employee session
// is not a portal session: without the portal cookie every page here redirects to /portal/login.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requirePortalViewer(request, context);
  return { companyName: viewer.companyName, name: viewer.name, email: viewer.email };
}

export default function PortalShell() {
  const { companyName, name, email } = useLoaderData<typeof loader>();
  return (
    <div className="min-h-screen bg-slate-50">
      <a href="#main" className="sr-only focus:not-sr-only">Skip to content</a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-6 py-3">
          <div>
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">DotCollective client portal</p>
            <Link to="/portal" className="text-lg font-semibold text-slate-900" data-testid="portal-company">{companyName}</Link>
          </div>
          <div className="flex items-center gap-4 text-sm">
            <span className="text-slate-600" title={email}>{name}</span>
            <Form method="post" action="/portal/logout">
              <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 text-slate-700 hover:bg-slate-50">Sign out</button>
            </Form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-6 py-6">
        <Outlet />
      </main>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
