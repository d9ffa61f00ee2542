// /emails — the email hub: threads from synced Gmail (newest first, search by subject/sender,
// filter by company, paginated), the viewer's sync status and a "Sync now" button (POST).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { emailsActionSchema, THREAD_PAGE_SIZE, threadFiltersSchema } from "~/modules/email/schemas";
import { syncMailbox } from "~/modules/email/sync.server";
import { loadThreadList } from "~/modules/email/threads.server";
import { can, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { Badge, Pagination, dateTime, withQuery } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, EmptyState, FormError, PageHeader } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Emails · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "emails", "view");
  const filters = threadFiltersSchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const list = await loadThreadList(args.context.db, viewer, filters);
  return { ...list, filters, pageCount: Math.max(1, Math.ceil(list.total / THREAD_PAGE_SIZE)), canSend: can(viewer, "emails", "update") };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "emails", "view");
  const form = await parseForm(args.request, emailsActionSchema);
  if (!form.ok) return invalid(form.errors);
  const result = await syncMailbox(args.context, viewer);
  if (!result.ok) return { ok: false as const, errors: { form: result.error }, noConnection: result.noConnection ?? false };
  return { ok: true as const, message: `Synced (${result.mode === "full" ? "last 90 days" : "new mail"}): ${result.stored} email${result.stored === 1 ? "" : "s"} stored, ${result.skipped} thread${result.skipped === 1 ? "" : "s"} without a known contact skipped.` };
}

export default function EmailsPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { search } = useLocation();
  const { sync, filters } = data;
  return (
    <>
      <PageHeader
        title="Emails"
        description="Gmail threads with your contacts. Only threads where someone is a known contact are stored."
        actions={data.canSend ? <Link to="/emails/compose" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">Compose</Link> : undefined}
      />
      <Card className="mb-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="text-sm" data-testid="sync-status">
            {!data.connected ? (
              <p>Your Google account is not connected. <Link to="/connections" className="underline">Connect Google in Connections first</Link>.</p>
            ) : sync?.last_synced_at ? (
              <p>
                Last synced {dateTime(sync.last_synced_at)}
                {sync.mailbox ? ` (${sync.mailbox})` : ""} · {sync.stored_count} stored, {sync.skipped_count} skipped
                {sync.status === "failed" ? <> · <Badge tone="red">Last attempt failed</Badge> {sync.last_error}</> : null}
              </p>
            ) : sync?.status === "failed" ? (
              <p><Badge tone="red">Sync failed</Badge> {sync.last_error}</p>
            ) : (
              <p>Not synced yet. The first sync looks back 90 days.</p>
            )}
          </div>
          <Form method="post">
            <Button type="submit" name="intent" value="sync">Sync now</Button>
          </Form>
        </div>
        {result && !result.ok ? (
          <div className="mt-2">
            <FormError error={result.errors.form} />
            {"noConnection" in result && result.noConnection ? <p className="mt-1 text-sm"><Link to="/connections" className="underline">Open Connections</Link></p> : null}
          </div>
        ) : null}
        {result && result.ok ? <p role="status" className="mt-2 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">{result.message}</p> : null}
      </Card>

      <Form method="get" role="search" aria-label="Filter emails" className="mb-3 flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor="q" className="text-sm font-medium text-slate-700">Search</label>
          <input id="q" name="q" defaultValue={filters.q ?? ""} placeholder="Subject or sender" className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm" />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="company" className="text-sm font-medium text-slate-700">Company</label>
          <select id="company" name="company" defaultValue={filters.company ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
            <option value="">All companies</option>
            {data.companies.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </div>
        <Button type="submit" variant="secondary">Apply</Button>
      </Form>

      <p role="status" className="mb-2 text-sm text-slate-600">{data.total} thread{data.total === 1 ? "" : "s"}</p>
      {data.threads.length === 0 ? (
        <EmptyState title="No email threads">{filters.q || filters.company ? "Nothing matches these filters." : "Run “Sync now” to bring in threads with your contacts."}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="thread-list">
          {data.threads.map((t) => (
            <li key={t.id} className="px-4 py-2.5" data-testid="thread-row">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link to={`/emails/${t.gmail_thread_id}`} className="font-medium text-slate-900 underline">{t.subject || "(no subject)"}</Link>
                <span className="text-xs text-slate-500">{dateTime(t.sent_at)}</span>
              </div>
              <p className="text-xs text-slate-600">
                {t.from_name ?? t.from_address} · {t.message_count} message{Number(t.message_count) === 1 ? "" : "s"}
                {t.companies ? ` · ${t.companies.split(",").join(", ")}` : ""}
                {t.mailbox_name ? ` · mailbox of ${t.mailbox_name}` : ""}
              </p>
              {t.snippet ? <p className="mt-0.5 line-clamp-1 text-xs text-slate-500">{t.snippet}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={data.page} pageCount={data.pageCount} hrefFor={(p) => `/emails${withQuery(search, { page: p })}`} label="Thread pages" />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
