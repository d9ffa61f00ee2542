import { redirect, type ActionFunctionArgs } from "@remix-run/cloudflare";
import { endPortalSession } from "~/platform/portal-session.server";

// Portal sign-out is POST only (no state change on GET); a GET just goes to the portal.
export async function loader() {
  return redirect("/portal");
}

export async function action({ request, context }: ActionFunctionArgs) {
  return redirect("/portal/login", { headers: { "Set-Cookie": await endPortalSession(context, request) } });
}
