import { createCookieSessionStorage } from "@remix-run/cloudflare";
import { Authenticator } from "remix-auth";
import { GoogleStrategy } from "remix-auth-google";
import type { AppLoadContext } from "~/platform/context.server";
import { isSecureRequest, sessionSecrets } from "~/platform/session.server";
import { isWorkspaceAccount, upsertUserOnSignIn } from "./users.server";

export class SignInRefused extends Error {}

export function isGoogleConfigured(env: AppLoadContext["env"]) {
  return Boolean(env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET);
}

/**
 * remix-auth + remix-auth-google, built per request (secrets live in env). The OAuth state
 * lives in its own short cookie; the real session is ours (server-side, revocable).
 * GOOGLE_API_URL points the token and userinfo calls at a local fake in tests.
 */
export function googleAuthenticator(context: AppLoadContext, request: Request) {
  const { env } = context;
  const storage = createCookieSessionStorage({
    cookie: {
      name: "nucleus_oauth",
      httpOnly: true,
      secure: isSecureRequest(request),
      sameSite: "lax",
      path: "/auth",
      maxAge: 600,
      secrets: sessionSecrets(env),
    },
  });
  const authenticator = new Authenticator<string>(storage, { throwOnError: true });
  const origin = env.APP_URL ?? new URL(request.url).origin;
  const domain = env.WORKSPACE_DOMAIN ?? "dotcollective.com.au";
  const strategy = new GoogleStrategy<string>(
    {
      clientID: env.GOOGLE_CLIENT_ID ?? "",
      clientSecret: env.GOOGLE_CLIENT_SECRET ?? "",
      callbackURL: `${origin}/auth/google/callback`,
      hd: domain,
      prompt: "select_account",
    },
    async ({ profile }) => {
      const claims = profile._json;
      if (!isWorkspaceAccount(domain, { email: claims.email, hd: claims.hd, emailVerified: claims.email_verified })) {
        throw new SignInRefused(`Only ${domain} Google accounts can sign in.`);
      }
      const result = await upsertUserOnSignIn(context.db, {
        email: claims.email,
        name: claims.name || profile.displayName,
        picture: claims.picture,
        googleSub: claims.sub,
      });
      if ("disabled" in result) throw new SignInRefused("This account has been disabled. Ask an executive.");
      return result.userId;
    },
  );
  if (env.GOOGLE_API_URL) {
    const fake = strategy as unknown as { authorizationURL: string; tokenURL: string; userInfoURL: string };
    fake.authorizationURL = `${env.GOOGLE_API_URL}/o/oauth2/v2/auth`;
    fake.tokenURL = `${env.GOOGLE_API_URL}/token`;
    fake.userInfoURL = `${env.GOOGLE_API_URL}/oauth2/v3/userinfo`;
  }
  authenticator.use(strategy);
  return authenticator;
}
