// The one way the people syncs call an external JSON API: a timeout on every request, and every
// failure (network, timeout, HTTP status, invalid JSON) turned into an IntegrationError whose
// message is safe to store and show (no token, no response body).

export class IntegrationError extends Error {
  constructor(
    readonly provider: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "IntegrationError";
  }
}

export interface RequestOptions {
  /** Abort after this many milliseconds (default 15 s). */
  timeoutMs?: number;
  /** For tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/** `base` + `path` without doubled or missing slashes. */
export function joinUrl(base: string, path: string) {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

/** GETs `url` and parses the body as JSON, or throws an IntegrationError saying why it could not. */
export async function getJson(provider: string, url: string, headers: Record<string, string>, options: RequestOptions = {}): Promise<unknown> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, { method: "GET", headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const name = e instanceof Error ? e.name : "";
    if (name === "TimeoutError" || name === "AbortError") {
      throw new IntegrationError(provider, `${provider} did not answer within ${Math.round(timeoutMs / 100) / 10} s`);
    }
    throw new IntegrationError(provider, `${provider} could not be reached`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    const hint =
      response.status === 401 || response.status === 403
        ? " (check the API token and its permissions)"
        : response.status === 429
          ? " (rate limited; try again later)"
          : "";
    throw new IntegrationError(provider, `${provider} answered HTTP ${response.status}${hint}`, response.status);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (e) {
    const name = e instanceof Error ? e.name : "";
    if (name === "TimeoutError" || name === "AbortError") {
      throw new IntegrationError(provider, `${provider} did not answer within ${Math.round(timeoutMs / 100) / 10} s`);
    }
    throw new IntegrationError(provider, `${provider}'s response could not be read`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new IntegrationError(provider, `${provider} answered with invalid JSON`);
  }
}
