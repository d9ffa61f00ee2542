// A JSON request for the integration clients that need more than a GET (POST bodies, response
// headers) or want the provider's own error wording: a timeout on every call, and every failure
// turned into an IntegrationError whose message names the provider's documented error field
// only — never a header, a token or the raw body. Callers that show the message to users also
// pass it through `redactSecrets` with the credentials they sent.
import { DEFAULT_TIMEOUT_MS, IntegrationError, type RequestOptions } from "./json-http.server";

export { IntegrationError, joinUrl } from "./json-http.server";

export interface JsonRequest {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  headers?: Record<string, string>;
  body?: string;
}

export interface JsonResult {
  status: number;
  body: unknown;
  headers: Headers;
}

/** The provider's own short error text from the documented error fields of common APIs. */
export function providerErrorText(body: unknown): string | null {
  if (!body || typeof body !== "object") return null;
  const b = body as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
  const first = Array.isArray(b.errors) ? (b.errors[0] as Record<string, unknown> | undefined) : undefined;
  const found =
    text(b.error_description) ?? text(b.message) ?? text(b.error) ?? text(b.detail) ?? text(b.title) ??
    (first ? text(first.detail) ?? text(first.title) ?? text(first.message) : null) ??
    (b.error && typeof b.error === "object" ? text((b.error as Record<string, unknown>).message) : null);
  return found ? found.replace(/\s+/g, " ").slice(0, 160) : null;
}

/** Removes every credential value (≥ 4 characters) from a message meant for people. */
export function redactSecrets(message: string, secrets: readonly unknown[]): string {
  let out = message;
  for (const secret of secrets) {
    if (typeof secret !== "string" || secret.length < 4) continue;
    out = out.split(secret).join("••••");
  }
  return out.replace(/[\r\n]+/g, " ").slice(0, 300);
}

export async function requestJson(provider: string, url: string, init: JsonRequest = {}, options: RequestOptions = {}): Promise<JsonResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? fetch;
  const timedOut = () => new IntegrationError(provider, `${provider} did not answer within ${Math.round(timeoutMs / 100) / 10} s`);
  let response: Response;
  try {
    response = await doFetch(url, {
      method: init.method ?? "GET",
      headers: { Accept: "application/json", ...init.headers },
      body: init.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const name = e instanceof Error ? e.name : "";
    if (name === "TimeoutError" || name === "AbortError") throw timedOut();
    throw new IntegrationError(provider, `${provider} could not be reached`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (e) {
    const name = e instanceof Error ? e.name : "";
    if (name === "TimeoutError" || name === "AbortError") throw timedOut();
    throw new IntegrationError(provider, `${provider}'s response could not be read`);
  }
  let body: unknown = null;
  try {
    body = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    if (response.ok) throw new IntegrationError(provider, `${provider} answered with invalid JSON`, response.status);
  }
  if (!response.ok) {
    const detail = providerErrorText(body);
    const hint =
      response.status === 401 || response.status === 403
        ? "check the credentials and their permissions"
        : response.status === 429
          ? "rate limited; try again later"
          : null;
    const extra = [detail, hint].filter(Boolean).join(" — ");
    throw new IntegrationError(provider, `${provider} answered HTTP ${response.status}${extra ? `: ${extra}` : ""}`, response.status);
  }
  return { status: response.status, body, headers: response.headers };
}

/** The value at `key` of a JSON object body, as a string (or null). */
export function field(body: unknown, key: string): string | null {
  if (!body || typeof body !== "object") return null;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : null;
}
