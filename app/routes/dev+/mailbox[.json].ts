import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { assertDevToolsEnabled, mailboxJson } from "~/modules/dev/mailbox.server";

// /dev/mailbox.json?to=<email>: the development mailbox as JSON, newest first (tests read
// magic links here). DEV_LOGIN=true only; a 404 elsewhere. /dev/mailbox?format=json redirects here.
export async function loader({ request, context }: LoaderFunctionArgs) {
  assertDevToolsEnabled(context.env);
  const to = new URL(request.url).searchParams.get("to") || undefined;
  return Response.json(await mailboxJson(context.db, { to }), { headers: { "Cache-Control": "no-store" } });
}
