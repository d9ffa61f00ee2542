import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { googleAuthenticator, isGoogleConfigured, SignInRefused } from "~/modules/identity/google-auth.server";
import { startUserSession } from "~/platform/session.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!isGoogleConfigured(context.env)) throw new Response("Not found", { status: 404 });
  let userId: string;
  try {
    userId = await googleAuthenticator(context, request).authenticate("google", request, { throwOnError: true });
  } catch (error) {
    if (error instanceof Response) throw error;
    const message = error instanceof SignInRefused ? error.message : "Google sign-in failed. Try again.";
    return redirect(`/login?error=${encodeURIComponent(message)}`);
  }
  return redirect("/", { headers: { "Set-Cookie": await startUserSession(context, request, userId) } });
}
