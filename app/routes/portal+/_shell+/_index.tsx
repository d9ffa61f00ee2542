import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { loadPortalHome } from "~/modules/portal/home.server";
import { pageSchema } from "~/modules/portal/schemas";
import { notFound } from "~/platform/access.server";
import { requirePortalViewer } from "~/platform/portal-session.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Card, EmptyState } from "~/ui/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.company.name ?? "Client"} · Client portal` }];

// Everything here is filtered by the portal viewer's company in SQL (modules/portal/home.server).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requirePortalViewer(request, context);
  const page = pageSchema.parse(new URL(request.url).searchParams.get("page") ?? undefined);
  const home = await loadPortalHome(context.db, viewer, page);
  if (!home) notFound();
  return { ...home, viewerName: viewer.name.split(" ")[0] };
}

export default function PortalHome() {
  const { company, accountManager, contacts, viewerName } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Welcome, {viewerName}</h1>
      <p className="mt-1 text-sm text-slate-600">Your {company.name} workspace with DotCollective.</p>
      <div className="mt-5 grid gap-4 md:grid-cols-3">
        <Card title="Your account manager" className="md:col-span-1">
          {accountManager ? (
            <div className="text-sm" data-testid="account-manager">
              <p className="font-medium text-slate-900">{accountManager.name}</p>
              {accountManager.title ? <p className="text-slate-600">{accountManager.title}</p> : null}
              <a href={`mailto:${accountManager.email}`} className="mt-1 inline-block text-brand-600 underline">{accountManager.email}</a>
            </div>
          ) : (
            <EmptyState title="No account manager assigned yet">Your DotCollective team will be in touch.</EmptyState>
          )}
        </Card>
        <Card title={`${company.name} contacts`} className="md:col-span-2">
          {contacts.rows.length === 0 ? (
            <EmptyState title="No contacts on record">Ask your account manager to add your team.</EmptyState>
          ) : (
            <table className="w-full text-left text-sm" data-testid="portal-contacts">
              <thead className="text-xs uppercase text-slate-500">
                <tr><th className="py-1.5 font-medium">Name</th><th className="py-1.5 font-medium">Role</th><th className="py-1.5 font-medium">Email</th></tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {contacts.rows.map((c) => (
                  <tr key={c.id}>
                    <td className="py-1.5">
                      <Link to={`/portal/contacts/${c.id}`} className="text-brand-700 underline">{c.first_name} {c.last_name}</Link>
                      {c.is_primary ? <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600">Primary</span> : null}
                    </td>
                    <td className="py-1.5 text-slate-600">{c.role ?? "—"}</td>
                    <td className="py-1.5 text-slate-600">{c.email ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {contacts.page > 1 || contacts.hasNext ? (
            <nav aria-label="Contacts pages" className="mt-3 flex justify-between text-sm">
              {contacts.page > 1 ? <Link to={`?page=${contacts.page - 1}`} className="underline">Previous</Link> : <span />}
              {contacts.hasNext ? <Link to={`?page=${contacts.page + 1}`} className="underline">Next</Link> : null}
            </nav>
          ) : null}
        </Card>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
