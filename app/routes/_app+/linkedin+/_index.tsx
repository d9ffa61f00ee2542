import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, useLoaderData, useSubmit } from "@remix-run/react";
import { z } from "zod";
import { acknowledgeAlert, canAcknowledge, loadLinkedInPage } from "~/modules/linkedin/linkedin.server";
import { LinkedInTab } from "~/modules/linkedin/LinkedInTab";
import { forbidden, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { safeRedirect } from "~/platform/session.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, EmptyState, PageHeader } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "LinkedIn · Nucleus" }];

const querySchema = z.object({ person: z.string().trim().min(1).max(100).optional().catch(undefined) });

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "people", "view");
  const { person } = querySchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const page = await loadLinkedInPage(args.context.db, viewer, person);
  if (!page) throw notFound();
  return { ...page, viewerPersonId: viewer.personId, canAcknowledge: canAcknowledge(viewer) };
}

const ackSchema = z.object({
  intent: z.literal("acknowledge"),
  alert_id: z.string().trim().min(1).max(100),
  redirect_to: z.string().optional(),
});

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "people", "view");
  const form = await parseForm(args.request, ackSchema);
  if (!form.ok) return invalid(form.errors);
  const result = await acknowledgeAlert(args.context.db, viewer, form.data.alert_id);
  if (!result.ok) return result.status === 403 ? forbidden() : notFound();
  return redirect(safeRedirect(form.data.redirect_to, `/linkedin?person=${encodeURIComponent(result.personId)}`));
}

export default function LinkedInPage() {
  const { person, activities, alerts, options, viewerPersonId, canAcknowledge } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const name = (p: { first_name: string; last_name: string; preferred_name: string | null }) => `${p.preferred_name || p.first_name} ${p.last_name}`;
  const selector = options.length > 0 ? (
    <Form method="get" className="flex items-end gap-2" aria-label="Choose whose LinkedIn to view" onChange={(e) => submit(e.currentTarget)}>
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
        title={person ? `LinkedIn: ${name(person)}` : "LinkedIn"}
        description={person?.linkedin_url ? `Profile: ${person.linkedin_url}` : "Profile changes and recent posts, comments and reactions, recorded by the LinkedIn webhook."}
        actions={selector}
      />
      {person ? (
        <LinkedInTab personId={person.id} personName={name(person)} activities={activities} alerts={alerts} canAcknowledge={canAcknowledge} />
      ) : (
        <EmptyState title="Your account is not linked to a person record yet">Choose a person above.</EmptyState>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
