import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { loadDashboard } from "~/modules/dashboard/dashboard.server";
import { requireSignedIn } from "~/platform/access.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Card, EmptyState, PageHeader } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Dashboard · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireSignedIn(args);
  const today = new Date().toISOString().slice(0, 10);
  return { name: viewer.name.split(" ")[0], ...(await loadDashboard(args.context.db, viewer, today)) };
}

export default function Dashboard() {
  const { name, quote, actions, notifications } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={`Good to see you, ${name}`} />
      {quote ? (
        <figure className="mb-5 rounded-lg bg-brand-50 p-4" data-testid="daily-quote">
          <blockquote className="text-lg text-slate-800">“{quote.text}”</blockquote>
          {quote.author ? <figcaption className="mt-1 text-sm text-slate-600">— {quote.author}</figcaption> : null}
        </figure>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="My pending actions" actions={<Link to="/action-centre" className="text-sm text-brand-600 underline">Action centre</Link>}>
          {actions.length === 0 ? (
            <EmptyState title="Nothing waiting on you">New items from meetings, deals and reviews land here.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {actions.map((a) => (
                <li key={a.id} className="flex justify-between py-1.5 text-sm">
                  <span>{a.title}</span>
                  <span className="text-slate-500">{a.due_date ?? "No date"}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Unread notifications" actions={<Link to="/notifications" className="text-sm text-brand-600 underline">Inbox</Link>}>
          {notifications.length === 0 ? (
            <EmptyState title="You are all caught up" />
          ) : (
            <ul className="divide-y divide-slate-100">
              {notifications.map((n) => (
                <li key={n.id} className="py-1.5 text-sm">
                  {n.action_url ? <Link to={n.action_url} className="font-medium underline">{n.title}</Link> : <span className="font-medium">{n.title}</span>}
                  {n.body ? <p className="text-slate-600">{n.body}</p> : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
