import { createCookie, redirect } from "@remix-run/cloudflare";
import { sql } from "kysely";
import { batch } from "./batch.server";
import type { AppLoadContext } from "./context.server";
import type { Env } from "./env.server";
import { newId, nowIso } from "./ids";
import {
  NO_GRANT, TOOL_KEYS, isToolKey,
  type AccessLevel, type PermissionMap, type ToolKey,
} from "./tools";

/** Sessions end after 12 idle hours, and 7 days after sign-in whatever the activity. */
export const IDLE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 7 * 24 * 60 * 60 * 1000;
/** last_seen_at is refreshed at most this often (a write per request would be wasteful). */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export interface Viewer {
  sessionId: string;
  userId: string;
  personId: string | null;
  email: string;
  name: string;
  picture: string | null;
  jobTitle: string | null;
  accessLevel: AccessLevel;
  permissions: PermissionMap;
  favorites: string[];
  unreadNotifications: number;
  openActionItems: number;
  /** Leave requests awaiting this viewer's decision (sidebar badge next to Leave). */
  pendingLeaveApprovals: number;
}

export function sessionSecrets(env: Env): string[] {
  const secrets = (env.SESSION_SECRETS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (secrets.length === 0) throw new Error("SESSION_SECRETS is not configured");
  return secrets;
}

/** `__Host-` cookies need Secure, which browsers refuse on plain-http localhost. */
export function isSecureRequest(request: Request) {
  return new URL(request.url).protocol === "https:";
}

/** The signed cookie carrying a server-side session id. Built per request (secrets come from env). */
export function realmCookie(realm: "employee" | "portal", env: Env, request: Request) {
  const secure = isSecureRequest(request);
  const base = realm === "employee" ? "nucleus_session" : "nucleus_portal";
  return createCookie(secure ? `__Host-${base}` : base, {
    httpOnly: true,
    secure,
    sameSite: "lax",
    path: "/",
    secrets: sessionSecrets(env),
    maxAge: ABSOLUTE_TIMEOUT_MS / 1000,
  });
}

export async function readSessionId(realm: "employee" | "portal", request: Request, env: Env) {
  const value = await realmCookie(realm, env, request).parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** Starts a session for a user; returns the Set-Cookie header value. */
export async function startUserSession(context: AppLoadContext, request: Request, userId: string) {
  const now = new Date();
  const id = newId();
  const { db } = context;
  await batch(db, [
    db.query.insertInto("user_sessions").values({
      id,
      user_id: userId,
      created_at: nowIso(now),
      last_seen_at: nowIso(now),
      expires_at: nowIso(new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS)),
      user_agent: request.headers.get("User-Agent")?.slice(0, 200) ?? null,
    }),
    db.query.updateTable("users").set({ last_login_at: nowIso(now) }).where("id", "=", userId),
  ]);
  return realmCookie("employee", context.env, request).serialize(id);
}

export async function endUserSession(context: AppLoadContext, request: Request) {
  const sessionId = await readSessionId("employee", request, context.env);
  if (sessionId) {
    await context.db.query
      .updateTable("user_sessions")
      .set({ revoked_at: nowIso() })
      .where("id", "=", sessionId)
      .execute();
  }
  return realmCookie("employee", context.env, request).serialize("", { maxAge: 0 });
}

function buildPermissionMap(rows: { tool: string; can_view: number; can_update: number; can_manage: number }[]) {
  const map = Object.fromEntries(TOOL_KEYS.map((k) => [k, NO_GRANT])) as PermissionMap;
  for (const row of rows) {
    if (!isToolKey(row.tool)) continue;
    map[row.tool as ToolKey] = {
      view: row.can_view === 1,
      update: row.can_update === 1,
      manage: row.can_manage === 1,
    };
  }
  return map;
}

/**
 * The signed-in employee, loaded once per request in ONE round trip (session, user, person,
 * permissions, favourites, shell badges), memoised on the context so every loader of the
 * request shares it. Null when signed out, expired, idle too long, revoked or disabled.
 */
export function getViewer(request: Request, context: AppLoadContext): Promise<Viewer | null> {
  context.viewer ??= loadViewer(request, context);
  return context.viewer;
}

async function loadViewer(request: Request, context: AppLoadContext): Promise<Viewer | null> {
  const sessionId = await readSessionId("employee", request, context.env);
  if (!sessionId) return null;
  const { db } = context;
  const now = new Date();
  const idleCutoff = nowIso(new Date(now.getTime() - IDLE_TIMEOUT_MS));
  const sessionUser = db.query
    .selectFrom("user_sessions")
    .innerJoin("users", "users.id", "user_sessions.user_id")
    .where("user_sessions.id", "=", sessionId)
    .where("user_sessions.revoked_at", "is", null)
    .where("user_sessions.expires_at", ">", nowIso(now))
    .where("user_sessions.last_seen_at", ">", idleCutoff)
    .where("users.disabled_at", "is", null);
  const viewerLevel = sessionUser.select("users.access_level");
  const viewerPerson = sessionUser.innerJoin("people", "people.user_id", "users.id").select("people.id");
  const [users, permissions, favorites, unread, actions, leaveApprovals] = await batch(db, [
    sessionUser
      .leftJoin("people", "people.user_id", "users.id")
      .select([
        "users.id as userId", "users.email", "users.name", "users.picture", "users.job_title as jobTitle",
        "users.access_level as accessLevel", "people.id as personId", "user_sessions.last_seen_at as lastSeenAt",
      ]),
    db.query
      .selectFrom("tool_permissions")
      .select(["tool", "can_view", "can_update", "can_manage"])
      .where("access_level", "=", sessionUser.select("users.access_level")),
    db.query
      .selectFrom("sidebar_favorites")
      .select("item_key")
      .where("user_id", "=", sessionUser.select("users.id"))
      .orderBy("position")
      .limit(20),
    db.query
      .selectFrom("notifications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", sessionUser.select("users.id"))
      .where("read_at", "is", null)
      .where("dismissed_at", "is", null),
    db.query
      .selectFrom("action_items")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("is_completed", "=", 0)
      .where(
        "assigned_person_id",
        "=",
        sessionUser.innerJoin("people", "people.user_id", "users.id").select("people.id"),
      ),
    // Leave awaiting my decision: final tier for executives; first tier for managers and heads
    // above the requester (same rule as app/modules/leave awaitingMeCondition).
    db.query
      .selectFrom("leave_requests as lr")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where(sql<boolean>`(lr.status = 'pending_exec' AND (${viewerLevel}) = 'executive')
        OR (lr.status = 'pending_manager' AND (${viewerLevel}) IN ('manager','head') AND lr.person_id IN (WITH RECURSIVE t(id) AS (
          SELECT id FROM people WHERE manager_id = (${viewerPerson})
          UNION SELECT p2.id FROM people p2 JOIN t ON p2.manager_id = t.id
        ) SELECT id FROM t))`),
  ]);
  const user = users[0];
  if (!user) return null;
  if (now.getTime() - Date.parse(user.lastSeenAt) > TOUCH_INTERVAL_MS) {
    context.waitUntil(
      sql`update user_sessions set last_seen_at = ${nowIso(now)} where id = ${sessionId}`.execute(db.query),
    );
  }
  return {
    sessionId,
    userId: user.userId,
    personId: user.personId ?? null,
    email: user.email,
    name: user.name,
    picture: user.picture,
    jobTitle: user.jobTitle,
    accessLevel: user.accessLevel as AccessLevel,
    permissions: buildPermissionMap(permissions),
    favorites: favorites.map((f) => f.item_key),
    unreadNotifications: Number(unread[0]?.n ?? 0),
    openActionItems: Number(actions[0]?.n ?? 0),
    pendingLeaveApprovals: Number(leaveApprovals[0]?.n ?? 0),
  };
}

/** The signed-in employee, or a redirect to sign-in that comes back here afterwards. */
export async function requireViewer(request: Request, context: AppLoadContext): Promise<Viewer> {
  const viewer = await getViewer(request, context);
  if (viewer) return viewer;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}

/** Only same-site relative paths may be redirected to after sign-in. */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
    return fallback;
  }
  return target;
}

/** Ends every session of a user at once (disabling, access changes). Returns the statement for a batch. */
export function revokeAllSessions(context: AppLoadContext, userId: string) {
  return context.db.query
    .updateTable("user_sessions")
    .set({ revoked_at: nowIso() })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null);
}
