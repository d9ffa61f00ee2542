import type { AppLoadContext } from "./context.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses cross-site state changes on every route, resource routes included. Browsers send
 * Origin (and Sec-Fetch-Site) with form posts; a request with neither comes from a server
 * (webhooks, which verify their own signatures) and cannot carry our SameSite cookies.
 */
export function isCrossSiteMutation(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.get("Origin");
  if (origin && origin !== "null") return origin !== new URL(request.url).origin;
  if (origin === "null") return true;
  return request.headers.get("Sec-Fetch-Site") === "cross-site";
}

export function contentSecurityPolicy(nonce: string) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Adds security headers (and, when enabled, D1 round trips as Server-Timing). */
export function withSecurityHeaders(response: Response, context: AppLoadContext, request: Request) {
  const headers = new Headers(response.headers);
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (new URL(request.url).protocol === "https:") {
    headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  if ((headers.get("Content-Type") ?? "").includes("text/html")) {
    headers.set("Content-Security-Policy", contentSecurityPolicy(context.cspNonce));
  }
  if (context.env.SERVER_TIMING === "true") {
    headers.append("Server-Timing", `d1;desc="round trips";dur=${context.db.stats.roundTrips}`);
    headers.append("Server-Timing", `d1wait;desc="D1 wait ms";dur=${context.db.stats.waitMs.toFixed(1)}`);
  }
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
