import { createDb, type Db } from "./db.server";
import type { Env } from "./env.server";
import type { Viewer } from "./session.server";
import type { PortalViewer } from "./portal-session.server";

/** What every loader and action receives as `context`. Built fresh for each request. */
// A type alias (not an interface) so it is assignable to Remix's indexable AppLoadContext.
export type AppLoadContext = {
  env: Env;
  db: Db;
  /** Keeps background work (cache refreshes, deliveries) alive after the response. */
  waitUntil: (promise: Promise<unknown>) => void;
  /** Nonce for the Content-Security-Policy; Remix's inline scripts carry it. */
  cspNonce: string;
  /** Memoised per request by getViewer / getPortalViewer. */
  viewer?: Promise<Viewer | null>;
  portalViewer?: Promise<PortalViewer | null>;
};

function randomNonce() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function createLoadContext(
  env: Env,
  waitUntil: (promise: Promise<unknown>) => void = () => {},
): AppLoadContext {
  return { env, db: createDb(env.DB), waitUntil, cspNonce: randomNonce() };
}
