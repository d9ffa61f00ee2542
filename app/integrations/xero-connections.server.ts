// Xero: which organisations (tenants) an access token may reach. Base URL from XERO_API_URL
// (default https://api.xero.com). GET {base}/connections with a bearer token →
// [{id, tenantId, tenantType, tenantName, createdDateUtc, updatedDateUtc}].
import type { Env } from "~/platform/env.server";
import type { RequestOptions } from "./json-http.server";
import { IntegrationError, joinUrl, requestJson } from "./request.server";
import { XERO_DEFAULT_URL } from "./xero-payroll.server";

export const xeroBaseUrl = (env: Pick<Env, "XERO_API_URL">) => env.XERO_API_URL || XERO_DEFAULT_URL;

export interface XeroTenant {
  tenantId: string;
  tenantName: string | null;
  tenantType: string | null;
}

export async function listXeroTenants(env: Pick<Env, "XERO_API_URL">, token: string, options: RequestOptions = {}): Promise<XeroTenant[]> {
  const { body } = await requestJson("Xero", joinUrl(xeroBaseUrl(env), "connections"), { headers: { Authorization: `Bearer ${token}` } }, options);
  if (!Array.isArray(body)) throw new IntegrationError("Xero", "Xero answered without a list of connections");
  return body
    .filter((t): t is Record<string, unknown> => !!t && typeof t === "object" && typeof (t as { tenantId?: unknown }).tenantId === "string")
    .map((t) => ({
      tenantId: t.tenantId as string,
      tenantName: typeof t.tenantName === "string" ? t.tenantName : null,
      tenantType: typeof t.tenantType === "string" ? t.tenantType : null,
    }));
}

/** The tenant the token must reach, or an error naming what it can reach instead. */
export async function checkXeroTenant(env: Pick<Env, "XERO_API_URL">, token: string, tenantId: string, options: RequestOptions = {}) {
  const tenants = await listXeroTenants(env, token, options);
  const tenant = tenants.find((t) => t.tenantId === tenantId);
  if (!tenant) {
    throw new IntegrationError("Xero", tenants.length === 0 ? "This token is not connected to any Xero organisation" : "This token cannot reach that tenant id");
  }
  return tenant;
}
