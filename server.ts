// Cloudflare Pages Functions entry: builds the per-request context, refuses cross-site
// mutations, runs Remix and adds security headers. Static files under /build are served by
// Pages directly (see public/_routes.json).
import { createRequestHandler, type ServerBuild } from "@remix-run/cloudflare";
import * as build from "@remix-run/dev/server-build";
import { createLoadContext } from "~/platform/context.server";
import type { Env } from "~/platform/env.server";
import { isCrossSiteMutation, withSecurityHeaders } from "~/platform/http.server";

const handleRemixRequest = createRequestHandler(build as unknown as ServerBuild, build.mode);

export const onRequest: PagesFunction<Env> = async ({ request, env, waitUntil }) => {
  const context = createLoadContext(env, (p) => waitUntil(p));
  if (isCrossSiteMutation(request)) {
    return withSecurityHeaders(
      new Response("Cross-site request refused", { status: 403 }),
      context,
      request,
    );
  }
  const response = await handleRemixRequest(request, context);
  return withSecurityHeaders(response, context, request);
};
