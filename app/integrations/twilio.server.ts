// Twilio REST API client. Base URL from TWILIO_API_URL (default https://api.twilio.com).
// GET {base}/2010-04-01/Accounts/{AccountSid}.json with HTTP basic auth (sid:token) →
// {sid, friendly_name, status: "active" | "suspended" | "closed", ...}.
import type { Env } from "~/platform/env.server";
import type { RequestOptions } from "./json-http.server";
import { field, IntegrationError, joinUrl, requestJson } from "./request.server";

export const TWILIO_DEFAULT_URL = "https://api.twilio.com";

export const twilioBaseUrl = (env: Pick<Env, "TWILIO_API_URL">) => env.TWILIO_API_URL || TWILIO_DEFAULT_URL;

export async function fetchTwilioAccount(env: Pick<Env, "TWILIO_API_URL">, accountSid: string, authToken: string, options: RequestOptions = {}) {
  const { body } = await requestJson(
    "Twilio",
    joinUrl(twilioBaseUrl(env), `2010-04-01/Accounts/${encodeURIComponent(accountSid)}.json`),
    { headers: { Authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}` } },
    options,
  );
  const status = field(body, "status");
  if (status && status !== "active") throw new IntegrationError("Twilio", `The Twilio account is ${status}`);
  return { sid: field(body, "sid"), friendlyName: field(body, "friendly_name"), status };
}
