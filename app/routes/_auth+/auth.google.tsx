import type { ActionFunctionArgs } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { googleAuthenticator, isGoogleConfigured } from "~/modules/identity/google-auth.server";

// POST starts the Google OAuth flow (a redirect to Google). GET is not a sign-in entry point.
export async function loader() {
  return redirect("/login");
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (!isGoogleConfigured(context.env)) throw new Response("Google sign-in is not configured", { status: 404 });
  return googleAuthenticator(context, request).authenticate("google", request);
}
