import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, useLoaderData } from "@remix-run/react";
import { acceptInvitation, findInvitationByToken } from "~/modules/portal/invitations.server";
import { tokenSchema } from "~/modules/portal/schemas";
import { notFound } from "~/platform/access.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { SubmitButton } from "~/ui/form";
import { PortalAuthFrame } from "~/ui/portal";

export const meta: MetaFunction = () => [{ title: "Accept invitation · Client portal" }];

// GET only shows the invitation (link scanners must not consume it); POST accepts it.
export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = tokenSchema.safeParse(params.token);
  const invitation = token.success ? await findInvitationByToken(context.db, token.data) : null;
  if (!invitation) notFound();
  return { name: invitation.name, email: invitation.email, companyName: invitation.company_name };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const token = tokenSchema.safeParse(params.token);
  const cookie = token.success ? await acceptInvitation(context, request, token.data) : null;
  if (!cookie) notFound(); // unknown, expired, revoked or already used
  return redirect("/portal", { headers: { "Set-Cookie": cookie } });
}

export default function AcceptInvitation() {
  const { name, email, companyName } = useLoaderData<typeof loader>();
  return (
    <PortalAuthFrame title={`Join the ${companyName} client portal`}>
      <p>Hello {name}. DotCollective has invited <strong>{email}</strong> to the client portal for <strong>{companyName}</strong>.</p>
      <Form method="post" className="mt-5">
        <SubmitButton className="w-full justify-center">Confirm and open the portal</SubmitButton>
      </Form>
      <p className="mt-4 text-xs text-slate-500">Afterwards you sign in with a link we email to this address.</p>
    </PortalAuthFrame>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
