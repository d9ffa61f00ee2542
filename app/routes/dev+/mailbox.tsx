import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { assertDevToolsEnabled, listMailbox } from "~/modules/dev/mailbox.server";
import { pageSchema } from "~/modules/portal/schemas";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, EmptyState } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Development mailbox · Nucleus" }];

// Every email the app sent (mail_outbox), newest first. DEV_LOGIN=true only; a 404 elsewhere.
// A page route cannot answer JSON to a document request, so ?format=json goes to /dev/mailbox.json.
export async function loader({ request, context }: LoaderFunctionArgs) {
  assertDevToolsEnabled(context.env);
  const url = new URL(request.url);
  const to = url.searchParams.get("to")?.trim() || undefined;
  if (url.searchParams.get("format") === "json") {
    throw redirect(`/dev/mailbox.json${to ? `?to=${encodeURIComponent(to)}` : ""}`);
  }
  const page = pageSchema.parse(url.searchParams.get("page") ?? undefined);
  return { to: to ?? "", ...(await listMailbox(context.db, { to, page })) };
}

export default function DevMailbox() {
  const { to, rows, page, hasNext } = useLoaderData<typeof loader>();
  const pageLink = (p: number) => `?${new URLSearchParams({ ...(to ? { to } : {}), page: String(p) })}`;
  return (
    <main className="mx-auto max-w-4xl p-8">
      <h1 className="text-2xl font-semibold">Development mailbox</h1>
      <p className="mt-1 text-sm text-slate-600">Local and test environments only: every message the app sent, newest first.</p>
      <Form method="get" className="mt-4 flex items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor="mailbox-to" className="text-sm font-medium text-slate-700">Recipient</label>
          <input id="mailbox-to" name="to" type="search" defaultValue={to} placeholder="name@example.com"
            className="w-72 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm" />
        </div>
        <Button type="submit" variant="secondary">Filter</Button>
        {to ? <Link to="/dev/mailbox" className="text-sm underline">Show all</Link> : null}
      </Form>
      {rows.length === 0 ? (
        <div className="mt-6"><EmptyState title="No messages">Nothing has been sent{to ? ` to ${to}` : ""} yet.</EmptyState></div>
      ) : (
        <ol className="mt-6 flex flex-col gap-3" data-testid="mailbox">
          {rows.map((m) => (
            <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <p className="text-xs text-slate-500">{m.created_at} · to {m.to_address} · {m.status}{m.error ? ` (${m.error})` : ""}</p>
              <p className="mt-1 font-medium">{m.subject}</p>
              <pre className="mt-2 whitespace-pre-wrap break-all font-sans text-sm text-slate-700">{m.text_body}</pre>
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="Mailbox pages" className="mt-4 flex justify-between text-sm">
        {page > 1 ? <Link to={pageLink(page - 1)} className="underline">Newer</Link> : <span />}
        {hasNext ? <Link to={pageLink(page + 1)} className="underline">Older</Link> : null}
      </nav>
    </main>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
