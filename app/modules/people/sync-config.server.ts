// Where the people syncs get their endpoints and credentials. Base URLs come from the
// environment (PRODUCTIVE_API_URL, GOOGLE_API_URL, XERO_API_URL, so tests point them at a local
// fake). Credentials: the encrypted org connection (Settings ▸ Connections) when one is saved,
// else the environment (PRODUCTIVE_API_TOKEN + PRODUCTIVE_ORG_ID, GOOGLE_DIRECTORY_TOKEN,
// XERO_ACCESS_TOKEN + XERO_TENANT_ID). Nothing here is ever sent to the browser or logged.
import { getConnectionCredentials } from "~/integrations/credentials.server";
import { GOOGLE_DEFAULT_URL, type GoogleDirectoryConfig } from "~/integrations/google-directory.server";
import { serviceAccountToken } from "~/integrations/google-oauth.server";
import { PRODUCTIVE_DEFAULT_URL, type ProductiveConfig } from "~/integrations/productive.server";
import { XERO_DEFAULT_URL, type XeroConfig } from "~/integrations/xero-payroll.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Env } from "~/platform/env.server";

/** Per-request timeout for the sync clients; tests shorten it. */
export interface ClientOverrides {
  timeoutMs?: number;
}

export const GOOGLE_DIRECTORY_SCOPE = "https://www.googleapis.com/auth/admin.directory.user.readonly";

const envProductive = (env: Env) => Boolean(env.PRODUCTIVE_API_TOKEN && env.PRODUCTIVE_ORG_ID);

/**
 * Cheap check without a query: the environment has Productive credentials, or the page's own
 * batch found an active stored connection (`storedConnection`).
 */
export function isProductiveConfigured(env: Env, storedConnection = false) {
  return storedConnection || envProductive(env);
}

export async function productiveConfig(context: AppLoadContext, overrides: ClientOverrides = {}): Promise<ProductiveConfig | null> {
  const { env } = context;
  const stored = await getConnectionCredentials(context, "productive").catch(() => null);
  const token = stored?.token ?? env.PRODUCTIVE_API_TOKEN;
  const orgId = stored?.orgId ?? env.PRODUCTIVE_ORG_ID;
  if (!token || !orgId) return null;
  return {
    baseUrl: env.PRODUCTIVE_API_URL || PRODUCTIVE_DEFAULT_URL,
    token,
    orgId,
    squadFieldId: env.PRODUCTIVE_SQUAD_FIELD_ID || null,
    ...overrides,
  };
}

/**
 * Google: the stored service account (domain-wide delegation, impersonating `subject` — the
 * executive running the sync, who must be a Workspace admin) or a bearer token from the env.
 */
export async function googleDirectoryConfig(context: AppLoadContext, subject: string | null, overrides: ClientOverrides = {}): Promise<GoogleDirectoryConfig | null> {
  const { env } = context;
  const baseUrl = env.GOOGLE_API_URL || GOOGLE_DEFAULT_URL;
  const stored = await getConnectionCredentials(context, "google").catch(() => null);
  if (stored && subject) {
    const { accessToken } = await serviceAccountToken(env, stored.serviceAccountJson, [GOOGLE_DIRECTORY_SCOPE], subject, overrides);
    return { baseUrl, token: accessToken, ...overrides };
  }
  if (!env.GOOGLE_DIRECTORY_TOKEN) return null;
  return { baseUrl, token: env.GOOGLE_DIRECTORY_TOKEN, ...overrides };
}

export async function xeroConfig(context: AppLoadContext, overrides: ClientOverrides = {}): Promise<XeroConfig | null> {
  const { env } = context;
  const stored = await getConnectionCredentials(context, "xero").catch(() => null);
  const token = stored?.token ?? env.XERO_ACCESS_TOKEN;
  const tenantId = stored?.tenantId ?? env.XERO_TENANT_ID;
  if (!token || !tenantId) return null;
  return { baseUrl: env.XERO_API_URL || XERO_DEFAULT_URL, token, tenantId, ...overrides };
}
