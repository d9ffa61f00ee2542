// /sign/:token/document.pdf — the document this signer is asked to sign (earlier signers'
// values stamped). Same 404 as the page for any unusable token; rate-limited per IP.
import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { RateLimited, signingDocument, visitorOf } from "~/modules/contracts/signing.server";
import { notFound } from "~/platform/access.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  try {
    const response = await signingDocument(context, params.token, visitorOf(request));
    if (!response) notFound();
    return response;
  } catch (e) {
    if (e instanceof RateLimited) return new Response("Too many requests. Try again later.", { status: 429, headers: { "Retry-After": String(e.retryAfterSeconds) } });
    throw e;
  }
}

// No ErrorBoundary export on purpose: this is a resource route.
