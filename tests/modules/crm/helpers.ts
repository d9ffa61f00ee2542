import type { AppLoadContext } from "~/platform/context.server";
import { getAs, ORIGIN, postAs, sessionCookie } from "../../support/requests";

export const EXEC = "user-olivia-bennett";
export const HEAD = "user-priya-raman";
/** Manager: companies/contacts/relationships view + update. */
export const MANAGER = "user-daniel-costa";
/** Lead: view only. */
export const LEAD = "user-liam-murphy";
/** Employee: no CRM access. */
export const EMPLOYEE = "user-ethan-brown";

type Args = { request: Request; context: AppLoadContext; params: Record<string, string> };
type Handler = (args: Args) => Promise<unknown>;

export interface Outcome<T = unknown> {
  status: number;
  location: string | null;
  response: Response | null;
  data: T;
}

/** Runs a loader/action; returns status, body data (data()/plain returns) and Location. */
export async function run<T = unknown>(handler: Handler, args: Args): Promise<Outcome<T>> {
  try {
    const result = await handler(args);
    if (result instanceof Response) return { status: result.status, location: result.headers.get("Location"), response: result, data: undefined as T };
    if (result && typeof result === "object" && "init" in result && "data" in result) {
      const init = (result as { init?: { status?: number } | null }).init;
      return { status: init?.status ?? 200, location: null, response: null, data: (result as { data: T }).data };
    }
    return { status: 200, location: null, response: null, data: result as T };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location"), response: thrown, data: undefined as T };
    throw thrown;
  }
}

export async function get<T = unknown>(handler: Handler, context: AppLoadContext, userId: string | null, path: string, params: Record<string, string> = {}) {
  return run<T>(handler, { request: await getAs(context, userId, path), context, params });
}

export async function post<T = unknown>(
  handler: Handler, context: AppLoadContext, userId: string | null, path: string,
  fields: Record<string, string | string[]>, params: Record<string, string> = {},
) {
  return run<T>(handler, { request: await postAs(context, userId, path, fields), context, params });
}

/** A multipart POST (file uploads), same-origin like a browser. */
export async function postMultipart<T = unknown>(
  handler: Handler, context: AppLoadContext, userId: string, path: string, form: FormData, params: Record<string, string> = {},
) {
  const headers = new Headers({ Origin: ORIGIN, Cookie: await sessionCookie(context, userId) });
  const request = new Request(ORIGIN + path, { method: "POST", headers, body: form });
  return run<T>(handler, { request, context, params });
}

/** Row count of a table (for "nothing was written" checks). */
export async function count(context: AppLoadContext, table: "companies" | "contacts" | "history" | "action_items" | "contact_communications" | "relationship_auto_actions") {
  const row = await context.db.query.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}
