// POST /p/:token/beacon — page timing from navigator.sendBeacon ({pageId, ms}, form-encoded or
// JSON). Validated with zod, ms clamped; answers 204/400/404/429, never a 500. GET → 405.
import type { ActionFunctionArgs } from "@remix-run/cloudflare";
import { readBeaconBody, recordBeacon } from "~/modules/proposals/public.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";

export function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const status = await recordBeacon(context, request, params.token, await readBeaconBody(request));
  return new Response(null, { status });
}

export const ErrorBoundary = RouteErrorBoundary;
