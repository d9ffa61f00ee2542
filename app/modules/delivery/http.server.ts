// Turns a delivery module result into the route's answer: 403/404 thrown, 400 with field
// messages, success as a redirect back (POST → redirect → GET) with a short notice.
import { data, redirect } from "@remix-run/cloudflare";
import { forbidden, notFound } from "~/platform/access.server";
import { invalid } from "~/platform/forms.server";
import { safeRedirect } from "~/platform/session.server";

export type ModuleResult =
  | { ok: true; message?: string; redirectTo?: string }
  | { ok: false; status: 403 | 404 }
  | { ok: false; status: 400; errors: Record<string, string> };

/** The page the form was posted from (path + query), with `notice` set (or cleared). */
export function backTo(request: Request, notice?: string, target?: string) {
  const url = new URL(target ? safeRedirect(target, "/") : request.url, request.url);
  url.searchParams.delete("notice");
  url.searchParams.delete("index");
  if (notice) url.searchParams.set("notice", notice.slice(0, 200));
  return url.pathname + url.search;
}

export function respond(request: Request, result: ModuleResult, values?: Record<string, unknown>) {
  if (!result.ok) {
    if (result.status === 400) return invalid(result.errors, values);
    if (result.status === 403) forbidden();
    notFound();
  }
  // Fetcher posts (the board's drag and drop adds ?fetch=1) get data; forms get POST → redirect → GET.
  if (new URL(request.url).searchParams.has("fetch")) return data({ ok: true as const, message: result.message ?? null });
  return redirect(backTo(request, result.message, result.redirectTo));
}
