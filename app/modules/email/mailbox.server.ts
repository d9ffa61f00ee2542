// The viewer's own Gmail mailbox: their Google user connection (Connections page), an access
// token refreshed through the refresh token when it has expired (or Gmail answers 401), and the
// refreshed token stored back encrypted. Tokens never leave the server and are never logged.
import { getUserConnectionCredentials } from "~/integrations/credentials.server";
import { refreshGoogleAccessToken } from "~/integrations/gmail.server";
import { IntegrationError, redactSecrets } from "~/integrations/request.server";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import { encryptSecret } from "~/platform/crypto.server";
import { historyEntry } from "~/platform/history.server";
import { nowIso } from "~/platform/ids";

export const NO_CONNECTION = "Connect Google in Connections first";

export class NoGoogleConnection extends Error {
  constructor() {
    super(NO_CONNECTION);
    this.name = "NoGoogleConnection";
  }
}

export interface Mailbox {
  userId: string;
  /** The mailbox address (from the connection's tokeninfo), if known. */
  account: string | null;
  /** Runs a Gmail call with a valid token; refreshes once on 401 when a refresh token exists. */
  call<T>(fn: (token: string) => Promise<T>): Promise<T>;
  /** Credential values to scrub from any message shown to people. */
  secrets(): string[];
}

export async function openMailbox(context: AppLoadContext, userId: string): Promise<Mailbox> {
  const [credentials, row] = await Promise.all([
    getUserConnectionCredentials(context, userId, "google"),
    context.db.query
      .selectFrom("user_connections")
      .select(["id", "account_email", "expires_at"])
      .where("user_id", "=", userId)
      .where("provider", "=", "google")
      .where("status", "!=", "disconnected")
      .executeTakeFirst(),
  ]);
  if (!credentials || !row) throw new NoGoogleConnection();
  let token = credentials.accessToken;
  const refreshToken = credentials.refreshToken?.trim() || null;
  let refreshed = false;

  async function refresh() {
    if (!refreshToken) throw new IntegrationError("Google", "The Google access token has expired; reconnect Google in Connections");
    const fresh = await refreshGoogleAccessToken(context.env, refreshToken);
    token = fresh.accessToken;
    refreshed = true;
    const expiresAt = nowIso(new Date(Date.now() + fresh.expiresIn * 1000));
    if (context.env.ENCRYPTION_KEY) {
      const ciphertext = await encryptSecret(context.env.ENCRYPTION_KEY, JSON.stringify({ accessToken: token, refreshToken }));
      await batch(context.db, [
        context.db.query
          .updateTable("user_connections")
          .set({ encrypted_credentials: ciphertext, expires_at: expiresAt, status: "active", last_error: null, updated_at: nowIso() })
          .where("id", "=", row!.id),
        historyEntry(context.db, { actorId: userId, resourceType: "user_connection", resourceId: row!.id, action: "token_refreshed", details: { provider: "google" } }),
      ]);
    }
  }

  const expired = row.expires_at !== null && row.expires_at <= nowIso(new Date(Date.now() + 60_000));
  if (expired && refreshToken) await refresh();

  return {
    userId,
    account: row.account_email?.toLowerCase() ?? null,
    async call(fn) {
      try {
        return await fn(token);
      } catch (e) {
        if (e instanceof IntegrationError && e.status === 401 && refreshToken && !refreshed) {
          await refresh();
          return fn(token);
        }
        throw e;
      }
    },
    secrets: () => [token, credentials.accessToken, ...(refreshToken ? [refreshToken] : [])],
  };
}

/** A failure as a message safe to show and store. */
export function mailboxError(e: unknown, mailbox: Mailbox | null): string {
  if (e instanceof NoGoogleConnection) return NO_CONNECTION;
  const message = e instanceof IntegrationError ? e.message : "Gmail could not be reached";
  if (!(e instanceof IntegrationError)) console.error(`gmail call failed unexpectedly (${e instanceof Error ? e.name : "error"})`);
  return redactSecrets(message, mailbox?.secrets() ?? []);
}
