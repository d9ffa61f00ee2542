import type { AppLoadContext } from "~/platform/context.server";
import { getAs, postAs } from "../../support/requests";

export const EXEC = "user-olivia-bennett";
export const HEAD = "user-priya-raman";
/** Manager of Liam → Chloe, Ethan; and Noah, Mia → Zara, Kai. Owner of the Kinetic project. */
export const MANAGER = "user-daniel-costa";
/** Kinetic member (employee). */
export const EMPLOYEE = "user-ethan-brown";
/** Harbour web member (employee), outside Daniel's tree. */
export const OUTSIDER = "user-ava-jones";
export const TOM = "user-tom-fletcher";

type Args = { request: Request; context: AppLoadContext; params: Record<string, string> };
type Handler = (args: Args) => Promise<unknown>;

/** Runs a loader/action; returns status, body data (for data()/plain returns) and Location. */
export async function run(handler: Handler, args: Args) {
  try {
    const result = await handler(args);
    if (result instanceof Response) return { status: result.status, location: result.headers.get("Location"), response: result, data: undefined as unknown };
    if (result && typeof result === "object" && "init" in result && "data" in result) {
      const init = (result as { init?: { status?: number } | null }).init;
      return { status: init?.status ?? 200, location: null, response: null, data: (result as { data: unknown }).data };
    }
    return { status: 200, location: null, response: null, data: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location"), response: thrown, data: undefined };
    throw thrown;
  }
}

// Each call is a new request: the viewer memoised on the context is dropped first.
export async function get(handler: Handler, context: AppLoadContext, userId: string | null, path: string, params: Record<string, string> = {}) {
  context.viewer = undefined;
  return run(handler, { request: await getAs(context, userId, path), context, params });
}

export async function post(
  handler: Handler, context: AppLoadContext, userId: string | null, path: string,
  fields: Record<string, string | string[]>, params: Record<string, string> = {},
) {
  context.viewer = undefined;
  return run(handler, { request: await postAs(context, userId, path, fields), context, params });
}

/** A loader's data (asserting 200). */
export async function load<T = Record<string, unknown>>(handler: Handler, context: AppLoadContext, userId: string, path: string, params: Record<string, string> = {}) {
  const result = await get(handler, context, userId, path, params);
  if (result.status !== 200) throw new Error(`${path} as ${userId}: HTTP ${result.status}`);
  return result.data as T;
}

/** D1 round trips a loader costs once the request is built (the viewer included). */
export async function roundTrips(handler: Handler, context: AppLoadContext, userId: string, path: string, params: Record<string, string> = {}) {
  context.viewer = undefined;
  const request = await getAs(context, userId, path);
  const before = context.db.stats.roundTrips;
  const result = await run(handler, { request, context, params });
  if (result.status !== 200) throw new Error(`${path}: HTTP ${result.status}`);
  return context.db.stats.roundTrips - before;
}
