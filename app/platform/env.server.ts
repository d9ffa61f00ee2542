/**
 * Everything the app reads from its environment: Cloudflare bindings plus variables from
 * wrangler.toml [vars] and `.dev.vars` / Pages secrets. See `.dev.vars.example`.
 */
export interface Env {
  DB: D1Database;
  FILES: R2Bucket;
  APP_NAME?: string;
  /** Google Workspace domain allowed to sign in (checked server-side). */
  WORKSPACE_DOMAIN?: string;
  /** Comma-separated; the first signs new cookies, all verify (rotation). */
  SESSION_SECRETS?: string;
  /** base64 AES-256 key for encrypting stored credentials. */
  ENCRYPTION_KEY?: string;
  GOOGLE_CLIENT_ID?: string;
  GOOGLE_CLIENT_SECRET?: string;
  /** Public origin of the app, e.g. https://nucleus.example.com (used for OAuth callbacks and emailed links). */
  APP_URL?: string;
  /** "true" only on local machines and in tests: enables /dev/login and the dev mailbox. */
  DEV_LOGIN?: string;
  /** "true" adds a Server-Timing header with D1 round trips (benchmarks). */
  SERVER_TIMING?: string;
  MAIL_API_URL?: string;
  MAIL_API_KEY?: string;
  MAIL_FROM?: string;
  AI_API_URL?: string;
  AI_API_KEY?: string;
  AI_MODEL?: string;
  PRODUCTIVE_API_URL?: string;
  XERO_API_URL?: string;
  SLACK_API_URL?: string;
  GOOGLE_API_URL?: string;
  /** Google's OAuth token endpoint base (service-account tokens); default https://oauth2.googleapis.com. */
  GOOGLE_OAUTH_URL?: string;
  /** Default https://api.github.com. */
  GITHUB_API_URL?: string;
  /** Default https://api.twilio.com. */
  TWILIO_API_URL?: string;
  /** Default https://public-api.granola.ai. */
  GRANOLA_API_URL?: string;
  NAGER_API_URL?: string;
  // People syncs (org-level tokens; a stored `connections` credential wins when one exists).
  PRODUCTIVE_API_TOKEN?: string;
  PRODUCTIVE_ORG_ID?: string;
  /** Productive custom field id holding the person's squad (else the `department` attribute). */
  PRODUCTIVE_SQUAD_FIELD_ID?: string;
  GOOGLE_DIRECTORY_TOKEN?: string;
  XERO_ACCESS_TOKEN?: string;
  XERO_TENANT_ID?: string;
  WEBHOOK_SECRET?: string;
}

export const isDevLoginEnabled = (env: Env) => env.DEV_LOGIN === "true";
