// GitHub REST API client. Base URL from GITHUB_API_URL (default https://api.github.com).
// GET {base}/user with a bearer personal access token → {login, name, email, ...}; classic
// tokens list their scopes in the X-OAuth-Scopes response header.
import type { Env } from "~/platform/env.server";
import type { RequestOptions } from "./json-http.server";
import { field, IntegrationError, joinUrl, requestJson } from "./request.server";

export const GITHUB_DEFAULT_URL = "https://api.github.com";

export const githubBaseUrl = (env: Pick<Env, "GITHUB_API_URL">) => env.GITHUB_API_URL || GITHUB_DEFAULT_URL;

export function githubHeaders(token: string) {
  return {
    Authorization: `Bearer ${token}`,
    Accept: "application/vnd.github+json",
    "X-GitHub-Api-Version": "2022-11-28",
    "User-Agent": "Nucleus",
  };
}

export async function fetchGithubUser(env: Pick<Env, "GITHUB_API_URL">, token: string, options: RequestOptions = {}) {
  const { body, headers } = await requestJson("GitHub", joinUrl(githubBaseUrl(env), "user"), { headers: githubHeaders(token) }, options);
  const login = field(body, "login");
  if (!login) throw new IntegrationError("GitHub", "GitHub answered without a user");
  return { login, name: field(body, "name"), email: field(body, "email"), scopes: headers.get("X-OAuth-Scopes") };
}
