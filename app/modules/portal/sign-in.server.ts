// Portal magic-link sign-in. Enumeration-safe: the answer is the same whether or not the
// address belongs to an active portal user. Tokens are single use, live 15 minutes and are
// stored only as their SHA-256 hash.
import type { AppLoadContext } from "~/platform/context.server";
import { batch } from "~/platform/batch.server";
import { randomToken, sha256 } from "~/platform/crypto.server";
import type { Db } from "~/platform/db.server";
import { newId, nowIso } from "~/platform/ids";
import { sendMail } from "~/platform/mail.server";
import { startPortalSession } from "~/platform/portal-session.server";
import { pruneRateLimits, rateLimitHit, rateLimitResult } from "~/platform/rate-limit.server";
import { MAGIC_LINK_LIMITS, MAGIC_LINK_TTL_MINUTES } from "./schemas";

export type MagicLinkRequestResult = { sent: true } | { sent: false; retryAfterSeconds: number };

/**
 * Counts the attempt against the per-email and per-IP limits and looks the address up in ONE
 * round trip; then, only for an active portal user, stores a hashed single-use token and
 * emails the link. Either way the caller shows the same "check your email" answer.
 */
export async function requestMagicLink(
  context: AppLoadContext,
  input: { email: string; ip: string; origin: string },
): Promise<MagicLinkRequestResult> {
  const { db } = context;
  const now = new Date();
  const email = input.email.toLowerCase();
  const { perEmail, perIp } = MAGIC_LINK_LIMITS;
  const [emailHits, ipHits, users] = await batch(db, [
    // The address is hashed in the key: rate_limits never holds who tried to sign in.
    rateLimitHit(db, `portal-login:email:${await sha256(email)}`, perEmail, now),
    rateLimitHit(db, `portal-login:ip:${input.ip}`, perIp, now),
    db.query
      .selectFrom("portal_users")
      .innerJoin("companies", "companies.id", "portal_users.company_id")
      .select(["portal_users.id", "portal_users.name", "companies.name as company_name"])
      .where("portal_users.email", "=", email)
      .where("portal_users.status", "=", "active"),
  ]);
  if (Math.random() < 0.01) context.waitUntil(pruneRateLimits(db).execute());
  const limits = [rateLimitResult(emailHits, perEmail, now), rateLimitResult(ipHits, perIp, now)];
  if (limits.some((l) => !l.allowed)) {
    return { sent: false, retryAfterSeconds: Math.max(...limits.map((l) => l.retryAfterSeconds)) };
  }
  const user = users[0];
  if (!user) return { sent: true };
  const token = randomToken();
  await db.query
    .insertInto("portal_magic_links")
    .values({
      id: newId(),
      portal_user_id: user.id,
      token_hash: await sha256(token),
      expires_at: nowIso(new Date(now.getTime() + MAGIC_LINK_TTL_MINUTES * 60_000)),
      created_at: nowIso(now),
    })
    .execute();
  await sendMail(context, {
    to: email,
    subject: `Your sign-in link for the ${user.company_name} client portal`,
    text: [
      `Hello ${user.name},`,
      "",
      `Sign in: ${input.origin}/portal/magic/${token}`,
      "",
      `The link works once and expires in ${MAGIC_LINK_TTL_MINUTES} minutes. If you did not ask for it, ignore this email.`,
    ].join("\n"),
  });
  return { sent: true };
}

/** What the "Continue to the portal" page shows for a usable link, or null (→ 404). */
export async function findMagicLink(db: Db, token: string) {
  const row = await db.query
    .selectFrom("portal_magic_links")
    .innerJoin("portal_users", "portal_users.id", "portal_magic_links.portal_user_id")
    .innerJoin("companies", "companies.id", "portal_users.company_id")
    .select(["portal_users.email", "portal_users.name", "companies.name as company_name"])
    .where("portal_magic_links.token_hash", "=", await sha256(token))
    .where("portal_magic_links.used_at", "is", null)
    .where("portal_magic_links.expires_at", ">", nowIso())
    .where("portal_users.status", "=", "active")
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Consumes a magic link and opens a portal session; returns the Set-Cookie value, or null
 * when the link is unknown, used, expired or its user disabled. `used_at` is set by the same
 * statement that checks it is still NULL, so two clicks can never both sign in.
 */
export async function signInWithMagicLink(context: AppLoadContext, request: Request, token: string) {
  const { db } = context;
  const now = nowIso();
  const consumed = await db.query
    .updateTable("portal_magic_links")
    .set({ used_at: now })
    .where("token_hash", "=", await sha256(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .where("portal_user_id", "in", db.query.selectFrom("portal_users").select("id").where("status", "=", "active"))
    .returning("portal_user_id")
    .executeTakeFirst();
  if (!consumed) return null;
  return startPortalSession(context, request, consumed.portal_user_id);
}
