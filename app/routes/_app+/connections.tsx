import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { useActionData, useLoaderData } from "@remix-run/react";
import { handleConnectionPost, loadConnections } from "~/modules/connections/connections.server";
import { notFound, requireSignedIn } from "~/platform/access.server";
import { invalid } from "~/platform/forms.server";
import { ConnectionCard } from "~/ui/connection-card";
import { connectionFeedback } from "~/ui/connection-feedback";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "My connections · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireSignedIn(args);
  return { connections: await loadConnections(args.context, { level: "user", userId: viewer.userId }) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireSignedIn(args);
  const owner = { level: "user" as const, userId: viewer.userId };
  const { provider, result } = await handleConnectionPost(args.context, viewer, owner, await args.request.formData());
  if (result.ok) return { ok: true as const, provider, message: result.message };
  if (result.kind === "unknown") notFound();
  return invalid(result.kind === "invalid" ? result.errors : { form: result.error }, { provider });
}

export default function MyConnections() {
  const { connections } = useLoaderData<typeof loader>();
  const feedback = connectionFeedback(useActionData<typeof action>());
  return (
    <>
      <PageHeader
        title="My connections"
        description="Your own Google and GitHub access. Tokens are tested before saving, stored encrypted and never shown again."
      />
      <div className="grid gap-4 xl:grid-cols-2">
        {connections.map((c) => <ConnectionCard key={c.key} connection={c} canManage feedback={feedback} />)}
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
