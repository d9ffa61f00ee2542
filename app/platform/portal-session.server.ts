import { redirect } from "@remix-run/cloudflare";
import { sql } from "kysely";
import { batch } from "./batch.server";
import type { AppLoadContext } from "./context.server";
import { newId, nowIso } from "./ids";
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, readSessionId, realmCookie } from "./session.server";

/** A client user signed in to the portal. Every portal query filters by `companyId`. */
export interface PortalViewer {
  sessionId: string;
  portalUserId: string;
  companyId: string;
  companyName: string;
  email: string;
  name: string;
}

export function getPortalViewer(request: Request, context: AppLoadContext): Promise<PortalViewer | null> {
  context.portalViewer ??= loadPortalViewer(request, context);
  return context.portalViewer;
}

async function loadPortalViewer(request: Request, context: AppLoadContext): Promise<PortalViewer | null> {
  const sessionId = await readSessionId("portal", request, context.env);
  if (!sessionId) return null;
  const now = new Date();
  const row = await context.db.query
    .selectFrom("portal_sessions")
    .innerJoin("portal_users", "portal_users.id", "portal_sessions.portal_user_id")
    .innerJoin("companies", "companies.id", "portal_users.company_id")
    .where("portal_sessions.id", "=", sessionId)
    .where("portal_sessions.revoked_at", "is", null)
    .where("portal_sessions.expires_at", ">", nowIso(now))
    .where("portal_sessions.last_seen_at", ">", nowIso(new Date(now.getTime() - IDLE_TIMEOUT_MS)))
    .where("portal_users.status", "=", "active")
    .select([
      "portal_users.id as portalUserId", "portal_users.company_id as companyId", "companies.name as companyName",
      "portal_users.email", "portal_users.name", "portal_sessions.last_seen_at as lastSeenAt",
    ])
    .executeTakeFirst();
  if (!row) return null;
  if (now.getTime() - Date.parse(row.lastSeenAt) > 5 * 60 * 1000) {
    context.waitUntil(
      sql`update portal_sessions set last_seen_at = ${nowIso(now)} where id = ${sessionId}`.execute(context.db.query),
    );
  }
  return {
    sessionId,
    portalUserId: row.portalUserId,
    companyId: row.companyId,
    companyName: row.companyName,
    email: row.email,
    name: row.name,
  };
}

export async function requirePortalViewer(request: Request, context: AppLoadContext): Promise<PortalViewer> {
  const viewer = await getPortalViewer(request, context);
  if (!viewer) throw redirect("/portal/login");
  return viewer;
}

/**
 * The statements that open a portal session (for a caller that must put them in the SAME batch
 * as other writes, e.g. accepting an invitation). Serialise the cookie with portalSessionCookie.
 */
export function portalSessionWrites(context: AppLoadContext, portalUserId: string, now = new Date()) {
  const id = newId();
  const { db } = context;
  return {
    sessionId: id,
    statements: [
      db.query.insertInto("portal_sessions").values({
        id,
        portal_user_id: portalUserId,
        created_at: nowIso(now),
        last_seen_at: nowIso(now),
        expires_at: nowIso(new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS)),
      }),
      db.query.updateTable("portal_users").set({ last_login_at: nowIso(now) }).where("id", "=", portalUserId),
    ] as const,
  };
}

/** The Set-Cookie header value for a portal session id. */
export function portalSessionCookie(context: AppLoadContext, request: Request, sessionId: string) {
  return realmCookie("portal", context.env, request).serialize(sessionId);
}

export async function startPortalSession(context: AppLoadContext, request: Request, portalUserId: string) {
  const { sessionId, statements } = portalSessionWrites(context, portalUserId);
  await batch(context.db, statements);
  return portalSessionCookie(context, request, sessionId);
}

export async function endPortalSession(context: AppLoadContext, request: Request) {
  const sessionId = await readSessionId("portal", request, context.env);
  if (sessionId) {
    await context.db.query.updateTable("portal_sessions").set({ revoked_at: nowIso() }).where("id", "=", sessionId).execute();
  }
  return realmCookie("portal", context.env, request).serialize("", { maxAge: 0 });
}
