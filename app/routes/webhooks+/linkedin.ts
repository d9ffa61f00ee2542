import type { ActionFunctionArgs } from "@remix-run/cloudflare";
import { ingestLinkedInWebhook } from "~/modules/linkedin/linkedin.server";

// POST /webhooks/linkedin: LinkedIn change alerts and activity snapshots from the provider,
// authenticated ONLY by the HMAC-SHA256 signature of the raw body (X-Nucleus-Signature:
// sha256=<hex>, secret WEBHOOK_SECRET). Session cookies are never consulted. GET → 405.
export function loader() {
  throw new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "Method not allowed" }, { status: 405, headers: { Allow: "POST" } });
  const outcome = await ingestLinkedInWebhook(context, request);
  return Response.json(outcome.body, { status: outcome.status, headers: { "Cache-Control": "no-store" } });
}

// No ErrorBoundary export on purpose: a resource route answers with JSON, never a page.
