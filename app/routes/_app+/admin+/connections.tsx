import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { useActionData, useLoaderData } from "@remix-run/react";
import { handleConnectionPost, loadConnections } from "~/modules/connections/connections.server";
import { can, notFound, requireAccess } from "~/platform/access.server";
import { invalid } from "~/platform/forms.server";
import { ConnectionCard } from "~/ui/connection-card";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/form";
import { connectionFeedback } from "~/ui/connection-feedback";

export const meta: MetaFunction = () => [{ title: "Connections · Admin · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "admin", "view");
  return { connections: await loadConnections(args.context, { level: "org" }), canManage: can(viewer, "admin", "manage") };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "admin", "manage");
  const { provider, result } = await handleConnectionPost(args.context, viewer, { level: "org" }, await args.request.formData());
  if (result.ok) return { ok: true as const, provider, message: result.message };
  if (result.kind === "unknown") notFound();
  return invalid(result.kind === "invalid" ? result.errors : { form: result.error }, { provider });
}

export default function OrgConnections() {
  const { connections, canManage } = useLoaderData<typeof loader>();
  const feedback = connectionFeedback(useActionData<typeof action>());
  return (
    <>
      <PageHeader
        title="Connections"
        description="Organisation-wide credentials for external services. They are tested before saving, stored encrypted and never shown again."
      />
      <div className="grid gap-4 xl:grid-cols-2">
        {connections.map((c) => <ConnectionCard key={c.key} connection={c} canManage={canManage} feedback={feedback} />)}
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
