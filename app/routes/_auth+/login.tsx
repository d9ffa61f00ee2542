import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { isGoogleConfigured } from "~/modules/identity/google-auth.server";
import { isDevLoginEnabled } from "~/platform/env.server";
import { getViewer, safeRedirect } from "~/platform/session.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Sign in · Nucleus" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"));
  if (await getViewer(request, context)) throw redirect(redirectTo);
  return {
    redirectTo,
    error: url.searchParams.get("error"),
    google: isGoogleConfigured(context.env),
    devLogin: isDevLoginEnabled(context.env),
  };
}

export default function Login() {
  const { redirectTo, error, google, devLogin } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold">Nucleus</h1>
      <p className="mt-1 text-sm text-slate-600">Sign in with your DotCollective Google account.</p>
      {error ? <p role="alert" className="mt-4 rounded bg-red-50 p-2 text-sm text-red-700">{error}</p> : null}
      <Form method="post" action={`/auth/google?redirectTo=${encodeURIComponent(redirectTo)}`} className="mt-6">
        <Button type="submit" className="w-full justify-center" disabled={!google}>Sign in with Google</Button>
        {!google ? <p className="mt-2 text-xs text-slate-500">Google sign-in is not configured here.</p> : null}
      </Form>
      {devLogin ? (
        <p className="mt-4 text-center text-sm">
          <Link className="text-brand-600 underline" to={`/dev/login?redirectTo=${encodeURIComponent(redirectTo)}`}>Development sign-in</Link>
        </p>
      ) : null}
      <p className="mt-6 text-center text-xs text-slate-500">
        Client? <Link className="underline" to="/portal/login">Sign in to the client portal</Link>
      </p>
    </main>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
