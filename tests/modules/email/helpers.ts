import type { AppLoadContext } from "~/platform/context.server";
import type { Env } from "~/platform/env.server";
import { action as connectionsAction } from "~/routes/_app+/connections";
import { action as emailsAction } from "~/routes/_app+/emails+/_index";
import { startFakeServer, type FakeServer } from "../../support/fake-server";
import { gmailRoutes, type GmailFakeState } from "../../support/fake-servers/gmail";
import { postAs } from "../../support/requests";

export const OLIVIA = "user-olivia-bennett"; // executive
export const DANIEL = "user-daniel-costa"; // manager
export const LIAM = "user-liam-murphy"; // lead (emails: view only)
export const ETHAN = "user-ethan-brown"; // employee (no emails tool)

export const CLIENT = { GOOGLE_CLIENT_ID: "nucleus-client-id", GOOGLE_CLIENT_SECRET: "nucleus-client-secret-xyz" };

/** The same context for a new request (the viewer is memoised per request). */
export const fresh = (context: AppLoadContext): AppLoadContext => ({ ...context, viewer: undefined, portalViewer: undefined });

export async function gmailFake(state: GmailFakeState): Promise<FakeServer> {
  return startFakeServer(gmailRoutes(state));
}

export function withGoogle(base: AppLoadContext, url: string): AppLoadContext {
  const vars: Partial<Env> = { GOOGLE_API_URL: url, GOOGLE_OAUTH_URL: url, ...CLIENT };
  return { ...base, env: { ...base.env, ...vars } };
}

/** Connects the user's Google account through the real /connections form (tested against the fake's tokeninfo). */
export async function connectGoogle(shared: AppLoadContext, userId: string, accessToken: string, refreshToken = "") {
  const context = fresh(shared);
  const request = await postAs(context, userId, "/connections", { intent: "save", provider: "google", accessToken, refreshToken });
  const result = await connectionsAction({ request, context, params: {} });
  const status = result instanceof Response ? result.status : ((result as { init?: { status?: number } })?.init?.status ?? 200);
  if (status >= 400) throw new Error(`connect google failed: ${JSON.stringify(result)}`);
}

export type SyncData = { ok: true; message: string } | { ok: false; errors: Record<string, string>; noConnection?: boolean };

export async function syncAs(shared: AppLoadContext, userId: string): Promise<SyncData> {
  const context = fresh(shared);
  const request = await postAs(context, userId, "/emails", { intent: "sync" });
  return (await emailsAction({ request, context, params: {} })) as SyncData;
}

export function emailsOf(context: AppLoadContext, userId: string) {
  return context.db.query.selectFrom("emails").selectAll().where("user_id", "=", userId).orderBy("sent_at").execute();
}
