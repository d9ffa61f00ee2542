import type { AppLoadContext } from "~/platform/context.server";
import { getAs } from "../../support/requests";

/** Runs a loader as a seeded user and returns its data (throws the Response on 4xx/redirects). */
export async function load<T>(
  context: AppLoadContext,
  userId: string | null,
  path: string,
  loader: (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => Promise<T>,
  params: Record<string, string> = {},
) {
  const request = await getAs(context, userId, path);
  return loader({ request, context, params });
}

export const USERS = {
  executive: "user-olivia-bennett",
  head: "user-priya-raman",
  otherHead: "user-marcus-lee",
  manager: "user-daniel-costa",
  lead: "user-liam-murphy",
  employee: "user-ethan-brown",
  outsider: "user-ava-jones",
} as const;

/** Daniel Costa's subtree (db/seed.sql). */
export const DANIEL_SUBTREE = ["chloe-martin", "daniel-costa", "ethan-brown", "kai-robinson", "liam-murphy", "mia-taylor", "noah-wilson", "zara-ahmed"];
