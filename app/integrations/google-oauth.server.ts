// Google OAuth: per-user access tokens and service-account tokens.
// - tokeninfo: GET {GOOGLE_API_URL, default https://www.googleapis.com}/oauth2/v3/tokeninfo?access_token=…
//   → {aud, sub, scope, exp, expires_in, email, email_verified}, or HTTP 400 {error, error_description}.
// - service account: a JWT signed RS256 with the account's private key, exchanged at
//   POST {GOOGLE_OAUTH_URL, default https://oauth2.googleapis.com}/token
//   (grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer) → {access_token, expires_in, token_type}.
import { z } from "zod";
import type { Env } from "~/platform/env.server";
import type { RequestOptions } from "./json-http.server";
import { field, IntegrationError, joinUrl, requestJson } from "./request.server";

export const GOOGLE_API_DEFAULT_URL = "https://www.googleapis.com";
export const GOOGLE_OAUTH_DEFAULT_URL = "https://oauth2.googleapis.com";
/** The audience Google expects in service-account assertions (fixed, whatever the base URL). */
const TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token";

export const googleApiBaseUrl = (env: Pick<Env, "GOOGLE_API_URL">) => env.GOOGLE_API_URL || GOOGLE_API_DEFAULT_URL;
export const googleOAuthBaseUrl = (env: Pick<Env, "GOOGLE_OAUTH_URL">) => env.GOOGLE_OAUTH_URL || GOOGLE_OAUTH_DEFAULT_URL;

export interface TokenInfo {
  email: string | null;
  scopes: string | null;
  expiresAt: string | null;
}

/** What Google says about a user's access token (its account, scopes and expiry). */
export async function googleTokenInfo(env: Pick<Env, "GOOGLE_API_URL">, accessToken: string, options: RequestOptions = {}): Promise<TokenInfo> {
  const url = joinUrl(googleApiBaseUrl(env), `oauth2/v3/tokeninfo?access_token=${encodeURIComponent(accessToken)}`);
  const { body } = await requestJson("Google", url, {}, options);
  const exp = Number(field(body, "exp"));
  const expiresIn = Number(field(body, "expires_in"));
  const expiresAt = Number.isFinite(exp) && exp > 0
    ? new Date(exp * 1000).toISOString().replace(/\.\d{3}Z$/, "Z")
    : Number.isFinite(expiresIn) && expiresIn > 0
      ? new Date(Date.now() + expiresIn * 1000).toISOString().replace(/\.\d{3}Z$/, "Z")
      : null;
  return { email: field(body, "email"), scopes: field(body, "scope"), expiresAt };
}

export const serviceAccountSchema = z
  .object({
    type: z.literal("service_account", { message: "This is not a service account key (type must be service_account)" }),
    client_email: z.string().email("client_email is missing or not an email"),
    private_key: z.string().includes("PRIVATE KEY", { message: "private_key is missing" }),
    private_key_id: z.string().optional(),
    project_id: z.string().optional(),
  })
  .passthrough();
export type ServiceAccount = z.infer<typeof serviceAccountSchema>;

const encoder = new TextEncoder();
const base64Url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const jsonPart = (value: unknown) => base64Url(encoder.encode(JSON.stringify(value)));

async function signingKey(privateKeyPem: string) {
  try {
    const body = privateKeyPem.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, "").replace(/\\n/g, "").replace(/\s+/g, "");
    const der = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
    return await crypto.subtle.importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
  } catch {
    throw new IntegrationError("Google", "The service account's private key could not be read");
  }
}

/** A signed RS256 JWT assertion for the token endpoint. */
export async function serviceAccountAssertion(account: ServiceAccount, scopes: string[], subject?: string, now = Date.now()) {
  const iat = Math.floor(now / 1000);
  const header = { alg: "RS256", typ: "JWT", ...(account.private_key_id ? { kid: account.private_key_id } : {}) };
  const claims = { iss: account.client_email, scope: scopes.join(" "), aud: TOKEN_AUDIENCE, iat, exp: iat + 3600, ...(subject ? { sub: subject } : {}) };
  const unsigned = `${jsonPart(header)}.${jsonPart(claims)}`;
  const key = await signingKey(account.private_key);
  const signature = new Uint8Array(await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key, encoder.encode(unsigned)));
  return `${unsigned}.${base64Url(signature)}`;
}

/** An access token for the service account (optionally impersonating `subject` by domain-wide delegation). */
export async function serviceAccountToken(
  env: Pick<Env, "GOOGLE_OAUTH_URL">,
  account: ServiceAccount,
  scopes: string[],
  subject?: string,
  options: RequestOptions = {},
) {
  const assertion = await serviceAccountAssertion(account, scopes, subject);
  const { body } = await requestJson(
    "Google",
    joinUrl(googleOAuthBaseUrl(env), "token"),
    {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }).toString(),
    },
    options,
  );
  const token = field(body, "access_token");
  if (!token) throw new IntegrationError("Google", "Google answered without an access token");
  const expiresIn = Number(field(body, "expires_in") ?? 3600);
  return { accessToken: token, expiresIn: Number.isFinite(expiresIn) ? expiresIn : 3600 };
}
