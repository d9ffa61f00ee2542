// A tiny local HTTP server for tests of the real integration clients: route handlers keyed by
// "METHOD /path" answer with the documented response shapes, on 127.0.0.1 and a random port.
// Every request is recorded so tests can assert what the client sent.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  json: () => unknown;
  form: () => URLSearchParams;
}

export interface FakeReply {
  status?: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
  /** Wait before answering (timeouts). */
  delayMs?: number;
}

export type FakeHandler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;
export type FakeRoutes = Record<string, FakeHandler>;

export interface FakeServer {
  url: string;
  requests: FakeRequest[];
  close: () => Promise<void>;
}

export async function startFakeServer(routes: FakeRoutes): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const body = Buffer.concat(chunks).toString("utf8");
      const request: FakeRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        json: () => JSON.parse(body),
        form: () => new URLSearchParams(body),
      };
      requests.push(request);
      const handler = routes[`${request.method} ${request.path}`];
      let reply: FakeReply;
      try {
        reply = handler ? await handler(request) : { status: 404, json: { error: "not_found" } };
      } catch (e) {
        reply = { status: 500, json: { error: e instanceof Error ? e.message : "fake server error" } };
      }
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if (res.destroyed) return;
      const payload = reply.json !== undefined ? JSON.stringify(reply.json) : reply.text ?? "";
      res.writeHead(reply.status ?? 200, {
        "Content-Type": reply.json !== undefined ? "application/json" : "text/plain",
        ...reply.headers,
      });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The bearer token of a request (or null). */
export function bearer(request: FakeRequest): string | null {
  const value = request.headers.authorization;
  return typeof value === "string" && value.startsWith("Bearer ") ? value.slice(7) : null;
}
