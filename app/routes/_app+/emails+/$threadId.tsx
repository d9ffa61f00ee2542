// /emails/:threadId — one Gmail thread's stored messages (oldest first) with the matched
// contacts and companies, and a reply form (POST intent=reply; needs emails:update).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { replySchema, threadIdSchema } from "~/modules/email/schemas";
import { replyToThread } from "~/modules/email/send.server";
import { loadThread } from "~/modules/email/threads.server";
import { can, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { Badge, dateTime } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, FormError, PageHeader, TextAreaField } from "~/ui/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.messages[0]?.subject || "Email"} · Nucleus` }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "emails", "view");
  const id = threadIdSchema.safeParse(args.params.threadId);
  const thread = id.success ? await loadThread(args.context.db, viewer, id.data) : null;
  if (!thread) notFound();
  const sent = new URL(args.request.url).searchParams.get("sent") === "1";
  return { ...thread, canReply: can(viewer, "emails", "update"), sent };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "emails", "update");
  const id = threadIdSchema.safeParse(args.params.threadId);
  if (!id.success) notFound();
  const form = await parseForm(args.request, replySchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await replyToThread(args.context, viewer, id.data, form.data);
  if (!result.ok && result.kind === "not_found") notFound();
  if (!result.ok) return invalid(result.kind === "invalid" ? result.errors : { form: result.error }, { ...form.data, noConnection: result.kind === "failed" && result.noConnection });
  return redirect(`/emails/${encodeURIComponent(result.threadId)}?sent=1`);
}

export default function ThreadPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.errors : {};
  const values = (result && !result.ok ? result.values : undefined) as { body?: string; noConnection?: boolean } | undefined;
  const first = data.messages[0]!;
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/emails" className="text-brand-600 underline">← Emails</Link></p>
      <PageHeader title={first.subject || "(no subject)"} description={`${data.messages.length} message${data.messages.length === 1 ? "" : "s"}`} />
      {data.sent ? <p role="status" className="mb-3 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">Reply sent.</p> : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-3 lg:col-span-2">
          {data.messages.map((m) => (
            <article key={m.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="thread-message" aria-label={`Email from ${m.from_name ?? m.from_address}`}>
              <header className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-sm">
                <p>
                  <span className="font-medium">{m.from_name ?? m.from_address}</span>{" "}
                  <span className="text-slate-500">&lt;{m.from_address}&gt;</span>{" "}
                  <Badge tone={m.direction === "inbound" ? "blue" : "green"}>{m.direction === "inbound" ? "Received" : "Sent"}</Badge>
                </p>
                <time className="text-xs text-slate-500" dateTime={m.sent_at}>{dateTime(m.sent_at)}</time>
              </header>
              <p className="mb-2 text-xs text-slate-500">To {m.to_addresses}{m.cc_addresses ? ` · Cc ${m.cc_addresses}` : ""}{m.mailbox_name ? ` · mailbox of ${m.mailbox_name}` : ""}</p>
              <div className="whitespace-pre-wrap break-words text-sm text-slate-800">{m.body_text}</div>
            </article>
          ))}
          {data.canReply ? (
            <Card title="Reply">
              {data.connected ? (
                <Form method="post" className="space-y-2">
                  <input type="hidden" name="intent" value="reply" />
                  <FormError error={errors.form} />
                  {values?.noConnection ? <p className="text-sm"><Link to="/connections" className="underline">Open Connections</Link></p> : null}
                  <TextAreaField label="Message" name="body" rows={6} defaultValue={values?.body ?? ""} error={errors.body} required />
                  <Button type="submit">Send reply</Button>
                </Form>
              ) : (
                <p className="text-sm">To reply, <Link to="/connections" className="underline">connect Google in Connections first</Link>.</p>
              )}
            </Card>
          ) : null}
        </div>
        <Card title="Matched">
          {data.matches.length === 0 ? (
            <p className="text-sm text-slate-500">No contacts matched.</p>
          ) : (
            <ul className="space-y-1 text-sm" data-testid="thread-matches">
              {data.matches.map((m) => (
                <li key={`${m.contact_id}-${m.address}`}>
                  {m.contact_id ? <Link to={`/contacts/${m.contact_id}`} className="underline">{m.contact_name || m.address}</Link> : m.address}
                  {m.company_id ? <> · <Link to={`/companies/${m.company_id}?tab=emails`} className="underline">{m.company_name}</Link></> : null}
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
