// Productive.io: the connection check (the people sync itself is in productive.server.ts).
// GET {base}/people?page[size]=1 with X-Auth-Token and X-Organization-Id (JSON:API) → {data: [...], meta}.
import type { Env } from "~/platform/env.server";
import type { RequestOptions } from "./json-http.server";
import { IntegrationError, joinUrl, requestJson } from "./request.server";
import { PRODUCTIVE_DEFAULT_URL } from "./productive.server";

export const productiveBaseUrl = (env: Pick<Env, "PRODUCTIVE_API_URL">) => env.PRODUCTIVE_API_URL || PRODUCTIVE_DEFAULT_URL;

/** Proves the token works for the organisation; returns how many people Productive reports (when it says). */
export async function checkProductiveAccess(env: Pick<Env, "PRODUCTIVE_API_URL">, token: string, orgId: string, options: RequestOptions = {}) {
  const { body } = await requestJson(
    "Productive",
    joinUrl(productiveBaseUrl(env), "people?page[size]=1"),
    { headers: { "X-Auth-Token": token, "X-Organization-Id": orgId, "Content-Type": "application/vnd.api+json", Accept: "application/vnd.api+json" } },
    options,
  );
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new IntegrationError("Productive", "Productive answered without a list of people");
  const total = (body as { meta?: { total_count?: unknown } }).meta?.total_count;
  return { totalPeople: typeof total === "number" ? total : null };
}
