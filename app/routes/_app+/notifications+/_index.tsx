// /notifications — the inbox: 25 per page, unread/all, mark read/unread, mark all read, dismiss.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { inboxActionSchema, inboxQuery, loadInbox, updateInbox } from "~/modules/notifications/inbox.server";
import { inboxUrl } from "~/modules/notifications/shared";
import { requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { ActionButton, Button, EmptyState, PageHeader, cx } from "~/ui/form";
import { TimeAgo } from "~/ui/meta";

export const meta: MetaFunction = () => [{ title: "Notifications · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "notifications", "view");
  return loadInbox(args.context.db, viewer, inboxQuery(new URL(args.request.url)));
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "notifications", "view");
  const form = await parseForm(args.request, inboxActionSchema);
  if (!form.ok) return invalid(form.errors);
  await updateInbox(args.context.db, viewer, form.data);
  return redirect(inboxUrl(inboxQuery(new URL(args.request.url))), 303);
}

export default function Inbox() {
  const { items, hasNext, query, unread } = useLoaderData<typeof loader>();
  const page = (p: number) => inboxUrl({ ...query, page: p });
  return (
    <>
      <PageHeader
        title="Notifications"
        description={unread ? `${unread} unread` : "You are all caught up"}
        actions={
          <>
            <Link to="/notifications/preferences" className="self-center text-sm text-brand-600 underline">Preferences</Link>
            {unread ? <ActionButton intent="read_all">Mark all read</ActionButton> : null}
          </>
        }
      />
      <nav aria-label="Filter" className="mb-3 flex gap-1 text-sm">
        {(["all", "unread"] as const).map((f) => (
          <Link
            key={f}
            to={inboxUrl({ filter: f, page: 1 })}
            aria-current={query.filter === f ? "page" : undefined}
            className={cx("rounded-md px-2.5 py-1", query.filter === f ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100")}
          >
            {f === "all" ? "All" : "Unread"}
          </Link>
        ))}
      </nav>
      {items.length === 0 ? (
        <EmptyState title={query.filter === "unread" ? "No unread notifications" : "No notifications"}>
          Mentions, approvals and invitations will show up here. Choose how you hear about them in{" "}
          <Link to="/notifications/preferences" className="underline">preferences</Link>.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="inbox">
          {items.map((n) => (
            <li key={n.id} className={cx("flex items-start gap-3 px-4 py-3", !n.read_at && "bg-brand-50/40")} data-testid="notification">
              <span className={cx("mt-1.5 h-2 w-2 shrink-0 rounded-full", n.read_at ? "bg-transparent" : "bg-brand-600")} aria-hidden="true" />
              <div className="min-w-0 flex-1">
                <p className="text-sm">
                  {n.action_url ? (
                    <Link to={n.action_url} className={cx("underline-offset-2 hover:underline", !n.read_at && "font-semibold")}>{n.title}</Link>
                  ) : (
                    <span className={cx(!n.read_at && "font-semibold")}>{n.title}</span>
                  )}
                  {!n.read_at ? <span className="sr-only"> (unread)</span> : null}
                </p>
                {n.body ? <p className="mt-0.5 line-clamp-2 text-sm text-slate-600">{n.body}</p> : null}
                <p className="mt-0.5 text-xs text-slate-500">
                  {n.type_label ?? n.type} · <TimeAgo iso={n.created_at} />
                </p>
              </div>
              <Form method="post" className="flex shrink-0 gap-1">
                <input type="hidden" name="id" value={n.id} />
                {n.read_at ? (
                  <Button type="submit" name="intent" value="unread" variant="ghost" aria-label={`Mark unread: ${n.title}`}>Mark unread</Button>
                ) : (
                  <Button type="submit" name="intent" value="read" variant="secondary" aria-label={`Mark read: ${n.title}`}>Mark read</Button>
                )}
                <Button type="submit" name="intent" value="dismiss" variant="ghost" aria-label={`Dismiss: ${n.title}`}>Dismiss</Button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      {query.page > 1 || hasNext ? (
        <nav aria-label="Pages" className="mt-3 flex items-center justify-between text-sm">
          {query.page > 1 ? <Link to={page(query.page - 1)} className="text-brand-600 underline">← Newer</Link> : <span />}
          <span className="text-slate-500">Page {query.page}</span>
          {hasNext ? <Link to={page(query.page + 1)} className="text-brand-600 underline">Older →</Link> : <span />}
        </nav>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
