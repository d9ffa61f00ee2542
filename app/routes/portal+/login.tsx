import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, useActionData } from "@remix-run/react";
import { appOrigin } from "~/modules/portal/invitations.server";
import { magicLinkRequestSchema, MAGIC_LINK_TTL_MINUTES } from "~/modules/portal/schemas";
import { requestMagicLink } from "~/modules/portal/sign-in.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { getPortalViewer } from "~/platform/portal-session.server";
import { clientIp } from "~/platform/rate-limit.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Field, FormError, SubmitButton } from "~/ui/form";
import { PortalAuthFrame } from "~/ui/portal";

export const meta: MetaFunction = () => [{ title: "Sign in · Client portal" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getPortalViewer(request, context)) throw redirect("/portal");
  return null;
}

// Same answer whether or not the address has portal access (no enumeration); 429 when rate-limited.
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, magicLinkRequestSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await requestMagicLink(context, { email: form.data.email, ip: clientIp(request), origin: appOrigin(context.env, request) });
  if (!result.sent) {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    const message = `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
    return data({ ok: false as const, errors: { form: message }, values: { email: form.data.email } }, { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } });
  }
  return { ok: true as const, email: form.data.email };
}

export default function PortalLogin() {
  const result = useActionData<typeof action>();
  if (result?.ok) {
    return (
      <PortalAuthFrame title="Check your email">
        <p role="status">
          If <strong>{result.email}</strong> has access to the client portal, we have sent it a sign-in link.
          The link works once and expires in {MAGIC_LINK_TTL_MINUTES} minutes.
        </p>
        <p className="mt-4"><a href="/portal/login" className="text-brand-600 underline">Use a different address</a></p>
      </PortalAuthFrame>
    );
  }
  const errors: Record<string, string | undefined> = result && !result.ok ? result.errors : {};
  const values = result && !result.ok ? (result.values as Record<string, unknown> | undefined) : undefined;
  return (
    <PortalAuthFrame title="Sign in to the client portal">
      <p>Enter the email address your DotCollective team invited. We will email you a sign-in link.</p>
      <Form method="post" className="mt-5 flex flex-col gap-4" noValidate>
        <FormError error={errors.form} />
        <Field label="Email address" name="email" type="email" autoComplete="email" required
          defaultValue={typeof values?.email === "string" ? values.email : ""} error={errors.email} />
        <SubmitButton className="justify-center">Email me a sign-in link</SubmitButton>
      </Form>
      <p className="mt-6 text-xs text-slate-500">DotCollective staff sign in at <a className="underline" href="/login">/login</a>.</p>
    </PortalAuthFrame>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
