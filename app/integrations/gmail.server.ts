// Gmail REST client (https://developers.google.com/gmail/api/reference/rest), per user with the
// user's own OAuth access token. Base URL {GOOGLE_API_URL, default https://www.googleapis.com}:
// - GET  gmail/v1/users/me/profile → {emailAddress, messagesTotal, threadsTotal, historyId}
// - GET  gmail/v1/users/me/messages?q&maxResults&pageToken → {messages?:[{id, threadId}], nextPageToken?, resultSizeEstimate}
// - GET  gmail/v1/users/me/history?startHistoryId&historyTypes=messageAdded&pageToken
//        → {history?:[{id, messagesAdded?:[{message:{id, threadId, labelIds}}]}], nextPageToken?, historyId};
//        HTTP 404 when startHistoryId is too old (then a full sync is needed)
// - GET  gmail/v1/users/me/threads/{id}?format=full → {id, historyId, messages:[Message]}
// - POST gmail/v1/users/me/messages/send {raw (base64url RFC 822), threadId?} → {id, threadId, labelIds}
// Access tokens are refreshed at {GOOGLE_OAUTH_URL, default https://oauth2.googleapis.com}/token
// (grant_type=refresh_token, client_id, client_secret, refresh_token) → {access_token, expires_in}.
// Tokens travel only in the Authorization header / form body; errors never include them.
import type { Env } from "~/platform/env.server";
import { googleApiBaseUrl, googleOAuthBaseUrl } from "./google-oauth.server";
import type { RequestOptions } from "./json-http.server";
import { field, IntegrationError, joinUrl, requestJson } from "./request.server";

const PROVIDER = "Gmail";
type GmailEnv = Pick<Env, "GOOGLE_API_URL" | "GOOGLE_OAUTH_URL" | "GOOGLE_CLIENT_ID" | "GOOGLE_CLIENT_SECRET">;

export interface GmailHeader {
  name: string;
  value: string;
}
export interface GmailPart {
  mimeType?: string;
  filename?: string;
  headers?: GmailHeader[];
  body?: { size?: number; data?: string; attachmentId?: string };
  parts?: GmailPart[];
}
export interface GmailMessage {
  id: string;
  threadId: string;
  labelIds?: string[];
  snippet?: string;
  historyId?: string;
  internalDate?: string;
  payload?: GmailPart;
}
export interface GmailThread {
  id: string;
  historyId?: string;
  messages: GmailMessage[];
}

function gmailUrl(env: GmailEnv, path: string) {
  return joinUrl(googleApiBaseUrl(env), `gmail/v1/users/me/${path}`);
}

async function gmailGet(env: GmailEnv, token: string, path: string, options: RequestOptions = {}) {
  const { body } = await requestJson(PROVIDER, gmailUrl(env, path), { headers: { Authorization: `Bearer ${token}` } }, options);
  return (body ?? {}) as Record<string, unknown>;
}

export async function gmailProfile(env: GmailEnv, token: string, options: RequestOptions = {}) {
  const body = await gmailGet(env, token, "profile", options);
  return { emailAddress: field(body, "emailAddress"), historyId: field(body, "historyId") };
}

/** One page of message ids matching a Gmail search query. */
export async function gmailListMessages(env: GmailEnv, token: string, q: string, pageToken?: string | null, options: RequestOptions = {}) {
  const params = new URLSearchParams({ q, maxResults: "100" });
  if (pageToken) params.set("pageToken", pageToken);
  const body = await gmailGet(env, token, `messages?${params}`, options);
  const messages = Array.isArray(body.messages) ? (body.messages as { id: string; threadId: string }[]) : [];
  return { messages, nextPageToken: field(body, "nextPageToken") };
}

/** One page of history since a history id (messageAdded only). Throws IntegrationError(404) when too old. */
export async function gmailListHistory(env: GmailEnv, token: string, startHistoryId: string, pageToken?: string | null, options: RequestOptions = {}) {
  const params = new URLSearchParams({ startHistoryId, historyTypes: "messageAdded", maxResults: "500" });
  if (pageToken) params.set("pageToken", pageToken);
  const body = await gmailGet(env, token, `history?${params}`, options);
  const history = Array.isArray(body.history) ? (body.history as { messagesAdded?: { message: { id: string; threadId: string } }[] }[]) : [];
  const added = history.flatMap((h) => (h.messagesAdded ?? []).map((m) => m.message)).filter((m) => m && m.threadId);
  return { added, nextPageToken: field(body, "nextPageToken"), historyId: field(body, "historyId") };
}

export async function gmailGetThread(env: GmailEnv, token: string, threadId: string, options: RequestOptions = {}): Promise<GmailThread> {
  const body = await gmailGet(env, token, `threads/${encodeURIComponent(threadId)}?format=full`, options);
  return { id: field(body, "id") ?? threadId, historyId: field(body, "historyId") ?? undefined, messages: Array.isArray(body.messages) ? (body.messages as GmailMessage[]) : [] };
}

export async function gmailSend(env: GmailEnv, token: string, raw: string, threadId: string | null, options: RequestOptions = {}) {
  const { body } = await requestJson(
    PROVIDER,
    gmailUrl(env, "messages/send"),
    {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ raw, ...(threadId ? { threadId } : {}) }),
    },
    options,
  );
  const id = field(body, "id");
  const thread = field(body, "threadId");
  if (!id || !thread) throw new IntegrationError(PROVIDER, "Gmail answered without a message id");
  return { id, threadId: thread };
}

/** A new access token from a refresh token (the app's OAuth client). */
export async function refreshGoogleAccessToken(env: GmailEnv, refreshToken: string, options: RequestOptions = {}) {
  if (!env.GOOGLE_CLIENT_ID || !env.GOOGLE_CLIENT_SECRET) throw new IntegrationError("Google", "Google sign-in is not configured, so the token cannot be refreshed");
  const { body } = await requestJson(
    "Google",
    joinUrl(googleOAuthBaseUrl(env), "token"),
    {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: refreshToken,
        client_id: env.GOOGLE_CLIENT_ID,
        client_secret: env.GOOGLE_CLIENT_SECRET,
      }).toString(),
    },
    options,
  );
  const accessToken = field(body, "access_token");
  if (!accessToken) throw new IntegrationError("Google", "Google answered without an access token");
  const expiresIn = Number(field(body, "expires_in") ?? 3600);
  return { accessToken, expiresIn: Number.isFinite(expiresIn) ? expiresIn : 3600 };
}

// --- message parsing and building --------------------------------------------------------------

export function header(part: GmailPart | undefined, name: string): string | null {
  const found = part?.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase());
  return found ? found.value : null;
}

export function base64UrlDecode(data: string): string {
  const b64 = data.replace(/-/g, "+").replace(/_/g, "/");
  const padded = b64 + "=".repeat((4 - (b64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export function base64UrlEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function findPart(part: GmailPart | undefined, mime: string): GmailPart | null {
  if (!part) return null;
  if (part.mimeType === mime && part.body?.data) return part;
  for (const child of part.parts ?? []) {
    const found = findPart(child, mime);
    if (found) return found;
  }
  return null;
}

/** The plain-text body (else the HTML body with tags removed). */
export function messageText(message: GmailMessage): string {
  const plain = findPart(message.payload, "text/plain");
  try {
    if (plain?.body?.data) return base64UrlDecode(plain.body.data);
    const html = findPart(message.payload, "text/html");
    if (html?.body?.data) {
      return base64UrlDecode(html.body.data)
        .replace(/<(script|style)[\s\S]*?<\/\1>/gi, "")
        .replace(/<br\s*\/?>|<\/p>/gi, "\n")
        .replace(/<[^>]+>/g, "")
        .replace(/&nbsp;/g, " ").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
        .trim();
    }
    if (message.payload?.body?.data) return base64UrlDecode(message.payload.body.data);
  } catch {
    return message.snippet ?? "";
  }
  return message.snippet ?? "";
}

/** Every address in a header value ("A <a@x.com>, b@y.com"), lower-cased. */
export function addresses(value: string | null | undefined): string[] {
  const found = (value ?? "").match(/[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g) ?? [];
  return [...new Set(found.map((a) => a.toLowerCase()))];
}

/** The display name of a From header ("Rachel Green <rachel@x>" → "Rachel Green"). */
export function displayName(value: string | null | undefined): string | null {
  const match = (value ?? "").match(/^\s*"?([^"<]*?)"?\s*</);
  const name = match?.[1]?.trim();
  return name ? name : null;
}

function encodeHeader(value: string) {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${btoa(String.fromCharCode(...new TextEncoder().encode(value)))}?=`;
}

export interface OutgoingMessage {
  from?: string | null;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  inReplyTo?: string | null;
  references?: string | null;
  messageId: string;
}

/** An RFC 822 message as Gmail's `raw` (base64url). Header values must already be free of CR/LF. */
export function buildRawMessage(m: OutgoingMessage) {
  const clean = (v: string) => v.replace(/[\r\n]+/g, " ");
  const lines = [
    ...(m.from ? [`From: ${clean(m.from)}`] : []),
    `To: ${m.to.map(clean).join(", ")}`,
    ...(m.cc?.length ? [`Cc: ${m.cc.map(clean).join(", ")}`] : []),
    `Subject: ${encodeHeader(clean(m.subject))}`,
    `Message-ID: ${clean(m.messageId)}`,
    ...(m.inReplyTo ? [`In-Reply-To: ${clean(m.inReplyTo)}`] : []),
    ...(m.references ? [`References: ${clean(m.references)}`] : []),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    m.text.replace(/\r?\n/g, "\r\n"),
  ];
  return base64UrlEncode(lines.join("\r\n"));
}
