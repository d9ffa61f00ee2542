import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { data, redirect } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useSubmit } from "@remix-run/react";
import { z } from "zod";
import { handleDocumentsForm, loadDocumentsPage } from "~/modules/documents/documents.server";
import { DocumentsTab } from "~/modules/documents/DocumentsTab";
import { readFormWithLimit } from "~/modules/documents/files.server";
import { can, forbidden, notFound, requireAccess } from "~/platform/access.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { ActionButton, Button, EmptyState, PageHeader } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "HR documents · Nucleus" }];

const querySchema = z.object({
  person: z.string().trim().min(1).max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  notice: z.enum(["uploaded", "deleted"]).optional().catch(undefined),
  reminded: z.coerce.number().int().min(0).optional().catch(undefined),
  notified: z.coerce.number().int().min(0).optional().catch(undefined),
  more: z.literal("1").optional().catch(undefined),
});

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "documents", "view");
  const query = querySchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const page = await loadDocumentsPage(args.context.db, viewer, query.person, query.page);
  if (!page) throw notFound();
  return {
    ...page, query, viewerPersonId: viewer.personId, today: new Date().toISOString().slice(0, 10),
    canUpdate: can(viewer, "documents", "update"), canCheck: can(viewer, "documents", "manage"),
  };
}

/** Upload (multipart, ≤ 10 MB, refused early when larger), delete, and "Check expiring documents". */
export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "documents", "view");
  if (!can(viewer, "documents", "update") && !can(viewer, "documents", "manage")) forbidden();
  const body = await readFormWithLimit(args.request);
  if (!body.ok) return data({ ok: false as const, errors: { file: body.message } as Record<string, string> }, { status: body.status });
  const result = await handleDocumentsForm(args.context, viewer, body.form);
  if (result.ok) return redirect(result.redirectTo);
  if (result.status === 403) forbidden();
  if (result.status === 404) notFound();
  return data({ ok: false as const, errors: result.errors }, { status: result.status });
}

const NOTICES = { uploaded: "Uploaded.", deleted: "Deleted: the file and its record are gone." } as const;

export default function DocumentsPage() {
  const { person, documents, total, options, query, viewerPersonId, today, canUpdate, canCheck } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submit = useSubmit();
  const name = (p: { first_name: string; last_name: string; preferred_name: string | null }) => `${p.preferred_name || p.first_name} ${p.last_name}`;
  const selector = options.length > 0 ? (
    <Form method="get" className="flex items-end gap-2" aria-label="Choose whose documents to view" onChange={(e) => submit(e.currentTarget)}>
      <div className="flex flex-col gap-1">
        <label htmlFor="person" className="text-sm font-medium text-slate-700">Person</label>
        <select id="person" name="person" defaultValue={person?.id ?? viewerPersonId ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
          {options.map((o) => <option key={o.id} value={o.id}>{name(o)}{o.id === viewerPersonId ? " (me)" : ""}</option>)}
        </select>
      </div>
      <Button type="submit" variant="secondary">View</Button>
    </Form>
  ) : null;
  return (
    <>
      <PageHeader
        title={person && person.id !== viewerPersonId ? `HR documents: ${name(person)}` : "My HR documents"}
        description="Employment agreements, super, visas, certificates and policies, kept private to the person, their managers and People & Culture."
        actions={<div className="flex flex-wrap items-end gap-2">{selector}{canCheck ? <ActionButton intent="check_expiring" action="/documents?index">Check expiring documents</ActionButton> : null}</div>}
      />
      {query.notice ? <p role="status" className="mb-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{NOTICES[query.notice]}</p> : null}
      {query.reminded !== undefined ? (
        <p role="status" className="mb-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {query.reminded === 0 ? "No documents need a reminder right now." : `Sent reminders for ${query.reminded} expiring ${query.reminded === 1 ? "document" : "documents"} (${query.notified ?? 0} notifications).`}
          {query.more ? " More are due: run the check again." : ""}
        </p>
      ) : null}
      {person ? (
        <DocumentsTab
          personId={person.id} personName={name(person)} documents={documents} total={total}
          canUpdate={canUpdate} errors={actionData && "errors" in actionData ? actionData.errors : {}} today={today}
        />
      ) : (
        <EmptyState title="Your account is not linked to a person record yet">Choose a person above, or ask People &amp; Culture to link your account.</EmptyState>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
