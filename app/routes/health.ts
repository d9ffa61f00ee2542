import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { databaseStatus } from "~/modules/platform/health.server";

// Public: load balancers and CI poll it. Says nothing beyond reachability.
export async function loader({ context }: LoaderFunctionArgs) {
  const database = await databaseStatus(context.db);
  return Response.json(
    { ok: database.reachable, database: database.reachable ? "reachable" : "unreachable" },
    { status: database.reachable ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
