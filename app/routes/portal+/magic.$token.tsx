import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, useLoaderData } from "@remix-run/react";
import { tokenSchema } from "~/modules/portal/schemas";
import { findMagicLink, signInWithMagicLink } from "~/modules/portal/sign-in.server";
import { notFound } from "~/platform/access.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { SubmitButton } from "~/ui/form";
import { PortalAuthFrame } from "~/ui/portal";

export const meta: MetaFunction = () => [{ title: "Sign in · Client portal" }];

// GET only shows a button, so mail scanners that prefetch links do not use them up; POST signs in.
export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = tokenSchema.safeParse(params.token);
  const link = token.success ? await findMagicLink(context.db, token.data) : null;
  if (!link) notFound();
  return { email: link.email, companyName: link.company_name };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const token = tokenSchema.safeParse(params.token);
  const cookie = token.success ? await signInWithMagicLink(context, request, token.data) : null;
  if (!cookie) notFound(); // unknown, expired or already used
  return redirect("/portal", { headers: { "Set-Cookie": cookie } });
}

export default function MagicLink() {
  const { email, companyName } = useLoaderData<typeof loader>();
  return (
    <PortalAuthFrame title="Continue to the portal">
      <p>Signing in as <strong>{email}</strong> to the <strong>{companyName}</strong> client portal.</p>
      <Form method="post" className="mt-5">
        <SubmitButton className="w-full justify-center">Continue to the portal</SubmitButton>
      </Form>
    </PortalAuthFrame>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
