// Slack Web API client. Base URL from SLACK_API_URL (default https://slack.com/api).
// auth.test: POST {base}/auth.test with a bearer bot token → {ok, team, team_id, user, user_id, bot_id}
// or {ok: false, error: "invalid_auth"} (Slack answers HTTP 200 for most errors).
import type { Env } from "~/platform/env.server";
import { field, IntegrationError, joinUrl, requestJson } from "./request.server";
import type { RequestOptions } from "./json-http.server";

export const SLACK_DEFAULT_URL = "https://slack.com/api";

export const slackBaseUrl = (env: Pick<Env, "SLACK_API_URL">) => env.SLACK_API_URL || SLACK_DEFAULT_URL;

export interface SlackIdentity {
  team: string | null;
  teamId: string | null;
  user: string | null;
  botId: string | null;
}

/** Slack's standard envelope: throws with Slack's error code when `ok` is false. */
export async function slackCall(env: Pick<Env, "SLACK_API_URL">, token: string, method: string, params: Record<string, string> = {}, options: RequestOptions = {}) {
  const { body } = await requestJson(
    "Slack",
    joinUrl(slackBaseUrl(env), method),
    {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: new URLSearchParams(params).toString(),
    },
    options,
  );
  if (!body || typeof body !== "object" || (body as { ok?: unknown }).ok !== true) {
    throw new IntegrationError("Slack", `Slack refused the request: ${field(body, "error") ?? "unknown error"}`);
  }
  return body as Record<string, unknown>;
}

export async function slackAuthTest(env: Pick<Env, "SLACK_API_URL">, token: string, options: RequestOptions = {}): Promise<SlackIdentity> {
  const body = await slackCall(env, token, "auth.test", {}, options);
  return { team: field(body, "team"), teamId: field(body, "team_id"), user: field(body, "user"), botId: field(body, "bot_id") };
}

/** chat.postMessage: posts `text` to `channel` (id or #name) → the message's ts and channel id. */
export async function slackPostMessage(env: Pick<Env, "SLACK_API_URL">, token: string, channel: string, text: string, options: RequestOptions = {}) {
  const body = await slackCall(env, token, "chat.postMessage", { channel, text }, options);
  const ts = field(body, "ts");
  if (!ts) throw new IntegrationError("Slack", "Slack answered without a message ts");
  return { ts, channel: field(body, "channel") ?? channel };
}

/** chat.delete: removes a message the bot posted. */
export async function slackDeleteMessage(env: Pick<Env, "SLACK_API_URL">, token: string, channel: string, ts: string, options: RequestOptions = {}) {
  await slackCall(env, token, "chat.delete", { channel, ts }, options);
}
