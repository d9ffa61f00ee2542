// POST /notifications/push — save or remove this browser's web push subscription (JSON from
// PushManager, or a form from the preferences page). GET goes to the preferences page.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/cloudflare";
import { changePushSubscription, isJsonRequest, parsePushRequest } from "~/modules/notifications/push.server";
import { requireAccess } from "~/platform/access.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";

export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "notifications", "view");
  return redirect("/notifications/preferences");
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "notifications", "view");
  const json = isJsonRequest(args.request);
  const input = await parsePushRequest(args.request);
  if (!input.ok) return data({ ok: false as const, errors: input.errors }, { status: 400 });
  const result = await changePushSubscription(args.context.db, viewer, input.data, args.request.headers.get("User-Agent"));
  return json ? data(result, { status: input.data.intent === "save" ? 201 : 200 }) : redirect("/notifications/preferences", 303);
}

export const ErrorBoundary = RouteErrorBoundary;
