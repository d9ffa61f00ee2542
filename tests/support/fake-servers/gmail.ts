// A fake Gmail (and the bits of Google OAuth the email area uses), answering with the documented
// REST shapes: users.getProfile, users.messages.list, users.history.list (404 for a too-old
// startHistoryId), users.threads.get (format=full), users.messages.send, the OAuth token endpoint
// (refresh_token grant) and tokeninfo (for connecting the account). One valid bearer token at a time.
import type { FakeHandler, FakeRequest, FakeRoutes } from "../fake-server";
import { bearer } from "../fake-server";

export interface FakeGmailMessage {
  id: string;
  threadId: string;
  from: string;
  to: string;
  cc?: string;
  subject: string;
  text: string;
  date: string;
  messageId: string;
  inReplyTo?: string;
  references?: string;
  labelIds?: string[];
}

export interface GmailFakeState {
  accessToken: string;
  mailbox: string;
  historyId: number;
  /** history.list with a startHistoryId below this answers 404. */
  minHistoryId: number;
  messages: FakeGmailMessage[];
  /** messageAdded history records (id = the history id at which the message arrived). */
  history: { id: number; messageId: string; threadId: string }[];
  sent: { raw: string; threadId: string | null; decoded: string }[];
  refresh?: { refreshToken: string; clientId: string; clientSecret: string; newAccessToken: string };
  /** messages.list page size (to exercise nextPageToken). */
  pageSize?: number;
}

const b64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");

function unauthorized() {
  return { status: 401, json: { error: { code: 401, message: "Request had invalid authentication credentials.", status: "UNAUTHENTICATED" } } };
}

export function gmailMessageResource(m: FakeGmailMessage, historyId: number) {
  const headers = [
    { name: "From", value: m.from },
    { name: "To", value: m.to },
    ...(m.cc ? [{ name: "Cc", value: m.cc }] : []),
    { name: "Subject", value: m.subject },
    { name: "Date", value: new Date(m.date).toUTCString() },
    { name: "Message-ID", value: m.messageId },
    ...(m.inReplyTo ? [{ name: "In-Reply-To", value: m.inReplyTo }] : []),
    ...(m.references ? [{ name: "References", value: m.references }] : []),
  ];
  return {
    id: m.id,
    threadId: m.threadId,
    labelIds: m.labelIds ?? ["INBOX"],
    snippet: m.text.slice(0, 100),
    historyId: String(historyId),
    internalDate: String(new Date(m.date).getTime()),
    sizeEstimate: m.text.length,
    payload: {
      partId: "",
      mimeType: "multipart/alternative",
      filename: "",
      headers,
      body: { size: 0 },
      parts: [
        { partId: "0", mimeType: "text/plain", filename: "", headers: [{ name: "Content-Type", value: "text/plain; charset=UTF-8" }], body: { size: m.text.length, data: b64url(m.text) } },
        { partId: "1", mimeType: "text/html", filename: "", headers: [{ name: "Content-Type", value: "text/html; charset=UTF-8" }], body: { size: m.text.length, data: b64url(`<div>${m.text}</div>`) } },
      ],
    },
  };
}

/** Header value from a decoded RFC 822 message. */
export function rawHeader(decoded: string, name: string) {
  const head = decoded.split(/\r\n\r\n/)[0] ?? "";
  const line = head.split(/\r\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : null;
}

export function gmailRoutes(state: GmailFakeState): FakeRoutes {
  const authed = (handler: FakeHandler): FakeHandler => (req) => (bearer(req) === state.accessToken ? handler(req) : unauthorized());
  const threadHandler = authed((req: FakeRequest) => {
    const id = decodeURIComponent(req.path.split("/").pop() ?? "");
    const messages = state.messages.filter((m) => m.threadId === id).sort((a, b) => a.date.localeCompare(b.date));
    if (!messages.length) return { status: 404, json: { error: { code: 404, message: "Requested entity was not found.", status: "NOT_FOUND" } } };
    return { json: { id, historyId: String(state.historyId), messages: messages.map((m) => gmailMessageResource(m, state.historyId)) } };
  });
  const routes: FakeRoutes = {
    "GET /gmail/v1/users/me/profile": authed(() => ({
      json: { emailAddress: state.mailbox, messagesTotal: state.messages.length, threadsTotal: new Set(state.messages.map((m) => m.threadId)).size, historyId: String(state.historyId) },
    })),
    "GET /gmail/v1/users/me/messages": authed((req) => {
      const all = [...state.messages].sort((a, b) => b.date.localeCompare(a.date));
      const size = state.pageSize ?? 100;
      const start = Number(req.query.get("pageToken") ?? "0");
      const page = all.slice(start, start + size);
      const next = start + size < all.length ? String(start + size) : undefined;
      return { json: { messages: page.map((m) => ({ id: m.id, threadId: m.threadId })), ...(next ? { nextPageToken: next } : {}), resultSizeEstimate: all.length } };
    }),
    "GET /gmail/v1/users/me/history": authed((req) => {
      const start = Number(req.query.get("startHistoryId"));
      if (!Number.isFinite(start) || start < state.minHistoryId) {
        return { status: 404, json: { error: { code: 404, message: "Requested entity was not found.", errors: [{ message: "Requested entity was not found.", domain: "global", reason: "notFound" }], status: "NOT_FOUND" } } };
      }
      const records = state.history.filter((h) => h.id > start);
      return {
        json: {
          ...(records.length ? { history: records.map((h) => ({ id: String(h.id), messages: [{ id: h.messageId, threadId: h.threadId }], messagesAdded: [{ message: { id: h.messageId, threadId: h.threadId, labelIds: ["INBOX"] } }] })) } : {}),
          historyId: String(state.historyId),
        },
      };
    }),
    "POST /gmail/v1/users/me/messages/send": authed((req) => {
      const body = req.json() as { raw?: string; threadId?: string };
      if (!body.raw) return { status: 400, json: { error: { code: 400, message: "'raw' RFC822 payload message string or uploading message via /upload/* URL required", status: "INVALID_ARGUMENT" } } };
      const decoded = Buffer.from(body.raw, "base64url").toString("utf8");
      state.sent.push({ raw: body.raw, threadId: body.threadId ?? null, decoded });
      const id = `sent-${state.sent.length}`;
      const threadId = body.threadId && state.messages.some((m) => m.threadId === body.threadId) ? body.threadId : `thread-sent-${state.sent.length}`;
      state.historyId += 1;
      state.messages.push({
        id, threadId, from: state.mailbox, to: rawHeader(decoded, "To") ?? "", subject: rawHeader(decoded, "Subject") ?? "",
        text: decoded.split(/\r\n\r\n/).slice(1).join("\r\n\r\n"), date: new Date().toISOString(), messageId: rawHeader(decoded, "Message-ID") ?? `<${id}@mail.gmail.com>`,
        labelIds: ["SENT"],
      });
      state.history.push({ id: state.historyId, messageId: id, threadId });
      return { json: { id, threadId, labelIds: ["SENT"] } };
    }),
    "POST /token": (req) => {
      const form = req.form();
      const r = state.refresh;
      if (form.get("grant_type") !== "refresh_token") return { status: 400, json: { error: "unsupported_grant_type" } };
      if (!r || form.get("refresh_token") !== r.refreshToken) return { status: 400, json: { error: "invalid_grant", error_description: "Token has been expired or revoked." } };
      if (form.get("client_id") !== r.clientId || form.get("client_secret") !== r.clientSecret) return { status: 401, json: { error: "invalid_client", error_description: "Unauthorized" } };
      state.accessToken = r.newAccessToken;
      return { json: { access_token: r.newAccessToken, expires_in: 3599, scope: "https://www.googleapis.com/auth/gmail.modify", token_type: "Bearer" } };
    },
    "GET /oauth2/v3/tokeninfo": (req) =>
      req.query.get("access_token") === state.accessToken
        ? { json: { azp: "client", aud: "client", sub: "1234", scope: "openid https://www.googleapis.com/auth/gmail.modify", exp: "1893456000", expires_in: "3599", email: state.mailbox, email_verified: "true", access_type: "offline" } }
        : { status: 400, json: { error: "invalid_token", error_description: "Invalid Value" } },
  };
  // users.threads.get has the thread id in its path: answer any /threads/<id>.
  return new Proxy(routes, {
    get(target, key) {
      if (typeof key === "string" && key.startsWith("GET /gmail/v1/users/me/threads/")) return threadHandler;
      return target[key as string];
    },
  });
}

/** A mailbox with one thread with a seeded contact (Rachel Green, Harbour & Co) and one personal thread. */
export function seededGmailState(mailbox = "olivia.bennett@dotcollective.com.au", accessToken = "ya29.fake-gmail-token-0001"): GmailFakeState {
  return {
    accessToken,
    mailbox,
    historyId: 5000,
    minHistoryId: 1000,
    pageSize: 2,
    sent: [],
    history: [],
    messages: [
      {
        id: "msg-rachel-1", threadId: "thread-rachel", from: "Rachel Green <rachel@harbourco.com.au>", to: `Olivia Bennett <${mailbox}>`,
        subject: "Always-on paid social for Q1", text: "Hi Olivia,\n\nCould you send a proposal for always-on paid social in Q1?\n\nRachel",
        date: "2026-11-20T01:00:00.000Z", messageId: "<CAF-rachel-1@mail.gmail.com>",
      },
      {
        id: "msg-rachel-2", threadId: "thread-rachel", from: `Olivia Bennett <${mailbox}>`, to: "Rachel Green <rachel@harbourco.com.au>",
        subject: "Re: Always-on paid social for Q1", text: "Hi Rachel, on its way by Friday. Olivia",
        date: "2026-11-20T03:00:00.000Z", messageId: "<CAF-olivia-2@mail.gmail.com>", inReplyTo: "<CAF-rachel-1@mail.gmail.com>",
        references: "<CAF-rachel-1@mail.gmail.com>", labelIds: ["SENT"],
      },
      {
        id: "msg-personal-1", threadId: "thread-personal", from: "Sam <sam.personal@gmail.com>", to: `Olivia Bennett <${mailbox}>`,
        subject: "Dinner on Saturday?", text: "Are we still on for dinner?", date: "2026-11-21T08:00:00.000Z", messageId: "<CAF-personal@mail.gmail.com>",
      },
    ],
  };
}
