// The connection providers: what each one needs (a zod schema over the form fields), how to
// describe the saved credential without revealing it (hint), and a REAL call that proves the
// credentials work (test). Org-level credentials live in `connections`, per-user ones in
// `user_connections`, both encrypted (app/modules/connections).
import { z } from "zod";
import type { Env } from "~/platform/env.server";
import { fetchGithubUser } from "./github.server";
import { googleTokenInfo, serviceAccountSchema, serviceAccountToken } from "./google-oauth.server";
import { listGranolaNotes } from "./granola.server";
import { checkProductiveAccess } from "./productive-check.server";
import { slackAuthTest } from "./slack.server";
import { fetchTwilioAccount } from "./twilio.server";
import { checkXeroTenant } from "./xero-connections.server";

export type ConnectionLevel = "org" | "user";

/** Client-safe description of one input (never carries a value). */
export interface CredentialField {
  name: string;
  label: string;
  type: "password" | "text" | "textarea";
  help?: string;
  /** May be left empty (the form does not mark it required). */
  optional?: boolean;
}

export interface TestOutcome {
  /** Who or what the credentials reach (workspace, organisation, account email) — not secret. */
  account: string | null;
  scopes?: string | null;
  expiresAt?: string | null;
}

export interface ProviderDefinition<S extends z.ZodTypeAny = z.ZodTypeAny> {
  key: string;
  level: ConnectionLevel;
  label: string;
  description: string;
  fields: CredentialField[];
  /** Validates the submitted (and the stored) values; the output is what sync code receives. */
  schema: S;
  // Method syntax (not arrow properties) keeps every provider assignable to ProviderDefinition.
  /** A non-secret reminder of which credential is saved ("•••• 1a2b"). */
  hint(credentials: z.infer<S>): string;
  /** Makes a real call; throws IntegrationError (or any Error) when the credentials do not work. */
  test(credentials: z.infer<S>, env: Env): Promise<TestOutcome>;
}

const define = <S extends z.ZodTypeAny>(def: ProviderDefinition<S>) => def;

const secret = (label: string) => z.string({ required_error: `Enter the ${label}` }).trim().min(1, `Enter the ${label}`).max(4000, `The ${label} is too long`);
export const lastFour = (value: string) => `•••• ${value.slice(-4)}`;

const GOOGLE_TEST_SCOPES = ["https://www.googleapis.com/auth/calendar.readonly"];

export const ORG_PROVIDERS = {
  slack: define({
    key: "slack",
    level: "org",
    label: "Slack",
    description: "Bot token for leave posts, announcement distribution and Slack action items.",
    fields: [{ name: "botToken", label: "Bot token", type: "password", help: "Starts with xoxb-" }],
    schema: z.object({ botToken: secret("bot token") }),
    hint: (c) => lastFour(c.botToken),
    test: async (c, env) => {
      const who = await slackAuthTest(env, c.botToken);
      return { account: who.team };
    },
  }),
  productive: define({
    key: "productive",
    level: "org",
    label: "Productive",
    description: "People, managers and squads (source of truth), leave bookings.",
    fields: [
      { name: "token", label: "API token", type: "password" },
      { name: "orgId", label: "Organization id", type: "text" },
    ],
    schema: z.object({ token: secret("API token"), orgId: secret("organization id").pipe(z.string().max(40).regex(/^[\w-]+$/, "The organization id is letters, digits and dashes")) }),
    hint: (c) => `org ${c.orgId} · ${lastFour(c.token)}`,
    test: async (c, env) => {
      const result = await checkProductiveAccess(env, c.token, c.orgId);
      return { account: result.totalPeople !== null ? `organization ${c.orgId} (${result.totalPeople} people)` : `organization ${c.orgId}` };
    },
  }),
  xero: define({
    key: "xero",
    level: "org",
    label: "Xero",
    description: "Payroll, leave and invoices. A bearer access token and the tenant (organisation) id.",
    fields: [
      { name: "token", label: "Access token", type: "password" },
      { name: "tenantId", label: "Tenant id", type: "text" },
    ],
    schema: z.object({ token: secret("access token"), tenantId: secret("tenant id").pipe(z.string().max(60).regex(/^[\w-]+$/, "The tenant id is letters, digits and dashes")) }),
    hint: (c) => `tenant …${c.tenantId.slice(-6)} · ${lastFour(c.token)}`,
    test: async (c, env) => {
      const tenant = await checkXeroTenant(env, c.token, c.tenantId);
      return { account: tenant.tenantName ?? tenant.tenantId };
    },
  }),
  granola: define({
    key: "granola",
    level: "org",
    label: "Granola",
    description: "Meeting notes, transcripts and action items from shared spaces.",
    fields: [{ name: "apiKey", label: "API key", type: "password" }],
    schema: z.object({ apiKey: secret("API key") }),
    hint: (c) => lastFour(c.apiKey),
    test: async (c, env) => {
      await listGranolaNotes(env, c.apiKey, 1);
      return { account: null };
    },
  }),
  twilio: define({
    key: "twilio",
    level: "org",
    label: "Twilio",
    description: "SMS and WhatsApp for relationship nurturing.",
    fields: [
      { name: "accountSid", label: "Account SID", type: "text", help: "Starts with AC" },
      { name: "authToken", label: "Auth token", type: "password" },
    ],
    schema: z.object({
      accountSid: secret("account SID").pipe(z.string().regex(/^AC[0-9a-fA-F]{32}$/, "An account SID is AC followed by 32 hex characters")),
      authToken: secret("auth token"),
    }),
    hint: (c) => `${c.accountSid.slice(0, 6)}… · ${lastFour(c.authToken)}`,
    test: async (c, env) => {
      const account = await fetchTwilioAccount(env, c.accountSid, c.authToken);
      return { account: account.friendlyName };
    },
  }),
  google: define({
    key: "google",
    level: "org",
    label: "Google Workspace",
    description: "Service account with domain-wide delegation for Calendar, Gmail and the directory.",
    fields: [{ name: "serviceAccountJson", label: "Service account key (JSON)", type: "textarea", help: "Paste the whole JSON key file" }],
    schema: z.object({
      serviceAccountJson: secret("service account JSON").transform((text, ctx) => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: "This is not valid JSON" });
          return z.NEVER;
        }
        const parsed = serviceAccountSchema.safeParse(json);
        if (!parsed.success) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.error.issues[0]?.message ?? "Not a service account key" });
          return z.NEVER;
        }
        return parsed.data;
      }),
    }),
    hint: (c) => c.serviceAccountJson.client_email,
    test: async (c, env) => {
      await serviceAccountToken(env, c.serviceAccountJson, GOOGLE_TEST_SCOPES);
      return { account: c.serviceAccountJson.client_email };
    },
  }),
} satisfies Record<string, ProviderDefinition>;

export const USER_PROVIDERS = {
  google: define({
    key: "google",
    level: "user",
    label: "Google",
    description: "Your Google access token, for your calendar and mail.",
    fields: [
      { name: "accessToken", label: "Access token", type: "password" },
      { name: "refreshToken", label: "Refresh token (optional)", type: "password", help: "Lets Gmail sync renew an expired access token", optional: true },
    ],
    schema: z.object({ accessToken: secret("access token"), refreshToken: z.string().trim().max(4000, "The refresh token is too long").optional() }),
    hint: (c) => lastFour(c.accessToken),
    test: async (c, env) => {
      const info = await googleTokenInfo(env, c.accessToken);
      return { account: info.email, scopes: info.scopes, expiresAt: info.expiresAt };
    },
  }),
  github: define({
    key: "github",
    level: "user",
    label: "GitHub",
    description: "A personal access token, for linking your commits and pull requests.",
    fields: [{ name: "token", label: "Personal access token", type: "password", help: "Fine-grained or classic (ghp_…)" }],
    schema: z.object({ token: secret("personal access token") }),
    hint: (c) => lastFour(c.token),
    test: async (c, env) => {
      const user = await fetchGithubUser(env, c.token);
      return { account: user.login, scopes: user.scopes };
    },
  }),
} satisfies Record<string, ProviderDefinition>;

export type OrgProviderKey = keyof typeof ORG_PROVIDERS;
export type UserProviderKey = keyof typeof USER_PROVIDERS;
export type OrgCredentials<K extends OrgProviderKey> = z.infer<(typeof ORG_PROVIDERS)[K]["schema"]>;
export type UserCredentials<K extends UserProviderKey> = z.infer<(typeof USER_PROVIDERS)[K]["schema"]>;

export const isOrgProvider = (key: string): key is OrgProviderKey => Object.prototype.hasOwnProperty.call(ORG_PROVIDERS, key);
export const isUserProvider = (key: string): key is UserProviderKey => Object.prototype.hasOwnProperty.call(USER_PROVIDERS, key);

export function providersFor(level: ConnectionLevel): Record<string, ProviderDefinition> {
  return level === "org" ? ORG_PROVIDERS : USER_PROVIDERS;
}

/** What the browser may know about a provider: labels and field names, nothing else. */
export function describeProvider(def: ProviderDefinition) {
  return { key: def.key, label: def.label, description: def.description, fields: def.fields };
}
export type ProviderDescription = ReturnType<typeof describeProvider>;
