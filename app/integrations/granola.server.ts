// Granola Enterprise API client. Base URL from GRANOLA_API_URL (default https://public-api.granola.ai).
// GET {base}/v1/notes?limit=N with a bearer API key → {notes: [...], hasMore, cursor}.
import type { Env } from "~/platform/env.server";
import type { RequestOptions } from "./json-http.server";
import { IntegrationError, joinUrl, requestJson } from "./request.server";

export const GRANOLA_DEFAULT_URL = "https://public-api.granola.ai";

export const granolaBaseUrl = (env: Pick<Env, "GRANOLA_API_URL">) => env.GRANOLA_API_URL || GRANOLA_DEFAULT_URL;

export async function listGranolaNotes(env: Pick<Env, "GRANOLA_API_URL">, apiKey: string, limit = 1, options: RequestOptions = {}) {
  const { body } = await requestJson(
    "Granola",
    joinUrl(granolaBaseUrl(env), `v1/notes?limit=${Math.max(1, Math.min(limit, 100))}`),
    { headers: { Authorization: `Bearer ${apiKey}` } },
    options,
  );
  if (!body || typeof body !== "object") throw new IntegrationError("Granola", "Granola answered without a list of notes");
  const notes = (body as { notes?: unknown }).notes;
  return { notes: Array.isArray(notes) ? (notes as Record<string, unknown>[]) : [], hasMore: (body as { hasMore?: unknown }).hasMore === true };
}
