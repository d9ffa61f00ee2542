import type { ActionFunctionArgs } from "@remix-run/cloudflare";
import { receiveInboundEmail } from "~/modules/delivery/inbound.server";

// Inbound email → ticket. POST only, signed (X-Nucleus-Signature: sha256=<HMAC-SHA256 of the
// raw body under WEBHOOK_SECRET>); nothing is written when the signature does not verify.
export async function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
  const outcome = await receiveInboundEmail(context, request);
  if (outcome.status !== 200) return Response.json({ ok: false, error: outcome.error }, { status: outcome.status });
  return Response.json({ ok: true, result: outcome.result, task_id: outcome.taskId ?? null });
}

// No ErrorBoundary export on purpose: Remix treats a route with one as a UI route and would
// wrap this resource route's answer in the HTML document.
