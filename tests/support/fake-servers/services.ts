// Fakes of the connection providers, answering with each API's documented shapes. Each accepts
// exactly one valid credential set and refuses anything else the way the real service does.
import { createVerify } from "node:crypto";
import { bearer, type FakeRoutes } from "../fake-server";

/** Slack Web API: POST /auth.test (HTTP 200 with ok:false on bad tokens). */
export function slackRoutes(validToken: string): FakeRoutes {
  return {
    "POST /auth.test": (req) =>
      bearer(req) === validToken
        ? { json: { ok: true, url: "https://dotcollective.slack.com/", team: "DotCollective", user: "nucleus", team_id: "T0001", user_id: "U0001", bot_id: "B0001" } }
        : { json: { ok: false, error: "invalid_auth" } },
  };
}

/** Productive JSON:API: GET /people?page[size]=1 with X-Auth-Token + X-Organization-Id. */
export function productiveRoutes(validToken: string, orgId: string): FakeRoutes {
  return {
    "GET /people": (req) => {
      if (req.headers["x-auth-token"] !== validToken) return { status: 401, json: { errors: [{ status: "401", title: "Unauthorized", detail: "Invalid token" }] } };
      if (req.headers["x-organization-id"] !== orgId) return { status: 403, json: { errors: [{ status: "403", title: "Forbidden", detail: "Organization not accessible" }] } };
      if (req.query.get("page[size]") !== "1") return { status: 400, json: { errors: [{ detail: "expected page[size]=1" }] } };
      return { json: { data: [{ id: "1", type: "people", attributes: { first_name: "Olivia", last_name: "Bennett", email: "olivia.bennett@dotcollective.com.au" } }], meta: { current_page: 1, total_pages: 30, total_count: 30 } } };
    },
  };
}

/** Xero identity: GET /connections with a bearer token → the tenants it may reach. */
export function xeroRoutes(validToken: string, tenants: { tenantId: string; tenantName: string }[]): FakeRoutes {
  return {
    "GET /connections": (req) =>
      bearer(req) === validToken
        ? { json: tenants.map((t, i) => ({ id: `conn-${i}`, authEventId: "evt", tenantId: t.tenantId, tenantType: "ORGANISATION", tenantName: t.tenantName, createdDateUtc: "2026-01-01T00:00:00", updatedDateUtc: "2026-01-01T00:00:00" })) }
        : { status: 401, json: { Type: null, Title: "Unauthorized", Status: 401, Detail: "TokenExpired: token expired at 11/25/2026 00:00:00" } },
  };
}

/** Granola: GET /v1/notes?limit=1 with a bearer API key. */
export function granolaRoutes(validKey: string): FakeRoutes {
  return {
    "GET /v1/notes": (req) =>
      bearer(req) === validKey
        ? { json: { notes: [{ id: "not_1", title: "Harbour & Co weekly", created_at: "2026-11-20T01:00:00Z" }], hasMore: true, cursor: "c1" } }
        : { status: 401, json: { error: "Invalid API key" } },
  };
}

/** Twilio: GET /2010-04-01/Accounts/{sid}.json with basic auth. */
export function twilioRoutes(sid: string, authToken: string, status = "active"): FakeRoutes {
  return {
    [`GET /2010-04-01/Accounts/${sid}.json`]: (req) =>
      req.headers.authorization === `Basic ${Buffer.from(`${sid}:${authToken}`).toString("base64")}`
        ? { json: { sid, friendly_name: "DotCollective", status, type: "Full" } }
        : { status: 401, json: { code: 20003, message: "Authenticate", more_info: "https://www.twilio.com/docs/errors/20003", status: 401 } },
  };
}

/** GitHub: GET /user with a bearer token; classic tokens get X-OAuth-Scopes. */
export function githubRoutes(validToken: string, login: string): FakeRoutes {
  return {
    "GET /user": (req) => {
      if (bearer(req) !== validToken) return { status: 401, json: { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" } };
      if (!req.headers["user-agent"]) return { status: 403, json: { message: "Request forbidden by administrative rules. Please make sure your request has a User-Agent header" } };
      return { json: { login, id: 1, name: "Ethan Brown", email: null }, headers: { "X-OAuth-Scopes": "repo, read:user" } };
    },
  };
}

/** Google tokeninfo: GET /oauth2/v3/tokeninfo?access_token=… */
export function googleTokenInfoRoutes(validToken: string, email: string): FakeRoutes {
  return {
    "GET /oauth2/v3/tokeninfo": (req) =>
      req.query.get("access_token") === validToken
        ? { json: { azp: "client", aud: "client", sub: "1234", scope: "openid https://www.googleapis.com/auth/calendar", exp: "1893456000", expires_in: "3599", email, email_verified: "true", access_type: "online" } }
        : { status: 400, json: { error: "invalid_token", error_description: "Invalid Value" } },
  };
}

/** Google OAuth token endpoint: verifies the service account's RS256 JWT assertion. */
export function googleTokenRoutes(clientEmail: string, publicKeyPem: string): FakeRoutes {
  return {
    "POST /token": (req) => {
      const form = req.form();
      if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer") return { status: 400, json: { error: "unsupported_grant_type" } };
      const [header, claims, signature] = (form.get("assertion") ?? "").split(".");
      const verifier = createVerify("RSA-SHA256");
      verifier.update(`${header}.${claims}`);
      const valid = signature ? verifier.verify(publicKeyPem, Buffer.from(signature, "base64url")) : false;
      if (!valid) return { status: 400, json: { error: "invalid_grant", error_description: "Invalid JWT Signature." } };
      const payload = JSON.parse(Buffer.from(claims, "base64url").toString("utf8")) as { iss: string; aud: string; exp: number; iat: number };
      if (payload.iss !== clientEmail || payload.aud !== "https://oauth2.googleapis.com/token" || payload.exp - payload.iat > 3600) {
        return { status: 400, json: { error: "invalid_grant", error_description: "Invalid JWT: claims" } };
      }
      return { json: { access_token: "ya29.fake-service-token", expires_in: 3599, token_type: "Bearer" } };
    },
  };
}
