import { sql } from "kysely";
import type { AppLoadContext } from "~/platform/context.server";
import { ORIGIN, portalCookie } from "../../support/requests";

/** A GET as a signed-in portal user (seeded: pu-rachel-green of Harbour & Co, pu-sam-oconnor of Greenleaf). */
export async function portalGet(context: AppLoadContext, portalUserId: string | null, path: string) {
  const headers = new Headers();
  if (portalUserId) headers.set("Cookie", await portalCookie(context, portalUserId));
  return new Request(ORIGIN + path, { headers });
}

/** A same-origin form POST with optional extra headers (Cookie, CF-Connecting-IP...). */
export function formPost(path: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}) {
  return new Request(ORIGIN + path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, ...headers },
    body: new URLSearchParams(fields),
  });
}

/** The newest captured email to an address, and the token of the /portal/<kind>/<token> link in it. */
export async function latestLink(context: AppLoadContext, to: string, kind: "accept" | "magic") {
  const mail = await context.db.query
    .selectFrom("mail_outbox")
    .select(["text_body", "subject"])
    .where("to_address", "=", to)
    .orderBy("created_at", "desc")
    .orderBy(sql`rowid`, "desc")
    .execute();
  for (const m of mail) {
    const match = m.text_body.match(new RegExp(`(https?://\\S+)/portal/${kind}/([A-Za-z0-9_-]+)`));
    if (match) return { origin: match[1]!, token: match[2]!, text: m.text_body, count: mail.length };
  }
  return null;
}

export function cookieOf(response: Response) {
  return (response.headers.get("Set-Cookie") ?? "").split(";")[0]!;
}

type DataWithInit = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };

/** Runs a loader/action: the Response it returned or threw, or its data (with `data()`'s status and headers). */
export async function responseOf(run: () => Promise<unknown>): Promise<{ status: number; response?: Response; data?: unknown; headers?: Headers }> {
  try {
    const result = await run();
    if (result instanceof Response) return { status: result.status, response: result, headers: result.headers };
    if ((result as DataWithInit | null)?.type === "DataWithResponseInit") {
      const { data, init } = result as DataWithInit;
      return { status: init?.status ?? 200, data, headers: new Headers(init?.headers) };
    }
    return { status: 200, data: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, response: thrown, headers: thrown.headers };
    throw thrown;
  }
}
