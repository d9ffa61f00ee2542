import type { AppLoadContext } from "~/platform/context.server";
import { startPortalSession } from "~/platform/portal-session.server";
import { startUserSession } from "~/platform/session.server";

export const ORIGIN = "http://localhost:8788";

/** The Cookie header for a new real session of a seeded user (e.g. "user-tom-fletcher"). */
export async function sessionCookie(context: AppLoadContext, userId: string) {
  const setCookie = await startUserSession(context, new Request(ORIGIN), userId);
  return setCookie.split(";")[0];
}

export async function portalCookie(context: AppLoadContext, portalUserId: string) {
  const setCookie = await startPortalSession(context, new Request(ORIGIN), portalUserId);
  return setCookie.split(";")[0];
}

/** A GET as a signed-in user; pass to a loader as `{ request, context, params }`. */
export async function getAs(context: AppLoadContext, userId: string | null, path: string) {
  const headers = new Headers();
  if (userId) headers.set("Cookie", await sessionCookie(context, userId));
  return new Request(ORIGIN + path, { headers });
}

/** A form POST as a signed-in user (same-origin, like a browser). */
export async function postAs(
  context: AppLoadContext,
  userId: string | null,
  path: string,
  fields: Record<string, string | string[]>,
) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN });
  if (userId) headers.set("Cookie", await sessionCookie(context, userId));
  return new Request(ORIGIN + path, { method: "POST", headers, body });
}

/** Runs a loader/action and returns the thrown or returned Response's status (or 200 for data). */
export async function statusOf(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = await run();
    if (result instanceof Response) return result.status;
    const init = (result as { init?: { status?: number } } | null)?.init;
    return init?.status ?? 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}
