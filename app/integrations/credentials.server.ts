// Decrypted credentials for sync clients (server-side only; never send them to the browser or
// log them). Null when the provider was never connected, is disconnected, or cannot be read.
//
//   const slack = await getConnectionCredentials(context, "slack");
//   if (slack) await slackCall(context.env, slack.botToken, "chat.postMessage", {...});
import { readCredentials } from "~/modules/connections/connections.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { OrgCredentials, OrgProviderKey, UserCredentials, UserProviderKey } from "./registry.server";

export async function getConnectionCredentials<K extends OrgProviderKey>(context: AppLoadContext, provider: K): Promise<OrgCredentials<K> | null> {
  return (await readCredentials(context, { level: "org" }, provider)) as OrgCredentials<K> | null;
}

export async function getUserConnectionCredentials<K extends UserProviderKey>(
  context: AppLoadContext,
  userId: string,
  provider: K,
): Promise<UserCredentials<K> | null> {
  return (await readCredentials(context, { level: "user", userId }, provider)) as UserCredentials<K> | null;
}
