import type { AppLoadContext } from "~/platform/context.server";
import { getAs, postAs } from "../../support/requests";

export const EXEC = "user-olivia-bennett";
export const EXEC2 = "user-james-nguyen";
export const HEAD = "user-priya-raman";
export const MANAGER = "user-daniel-costa";
export const EMPLOYEE = "user-ethan-brown";

type Args = { request: Request; context: AppLoadContext; params: Record<string, string> };
type Handler = (args: Args) => Promise<unknown>;

/** Runs a loader/action; returns status, body data (for data()/plain returns) and Location. */
export async function run(handler: Handler, args: Args) {
  try {
    const result = await handler(args);
    if (result instanceof Response) return { status: result.status, location: result.headers.get("Location"), response: result, data: undefined as unknown };
    const init = (result as { init?: { status?: number } | null; data?: unknown } | null)?.init;
    if (result && typeof result === "object" && "init" in result && "data" in result) {
      return { status: init?.status ?? 200, location: null, response: null, data: (result as { data: unknown }).data };
    }
    return { status: 200, location: null, response: null, data: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location"), response: thrown, data: undefined };
    throw thrown;
  }
}

export async function get(handler: Handler, context: AppLoadContext, userId: string | null, path: string, params: Record<string, string> = {}) {
  return run(handler, { request: await getAs(context, userId, path), context, params });
}

export async function post(
  handler: Handler, context: AppLoadContext, userId: string | null, path: string,
  fields: Record<string, string | string[]>, params: Record<string, string> = {},
) {
  return run(handler, { request: await postAs(context, userId, path, fields), context, params });
}
