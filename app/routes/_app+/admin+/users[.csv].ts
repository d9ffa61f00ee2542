import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { parseUserListParams, USERS_EXPORT_CAP } from "~/modules/admin/schemas";
import { exportUsersCsv } from "~/modules/admin/users.server";
import { requireAccess } from "~/platform/access.server";

// The users list as CSV: the same filters and sort as /admin/users, every page, capped.
export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "admin", "view");
  const filters = parseUserListParams(new URL(args.request.url).searchParams);
  const { stream, truncated } = await exportUsersCsv(args.context.db, filters);
  const date = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="nucleus-users-${date}.csv"`,
      "Cache-Control": "private, no-store",
      ...(truncated ? { "X-Export-Truncated": `first ${USERS_EXPORT_CAP} rows` } : {}),
    },
  });
}

// No ErrorBoundary export on purpose: Remix treats a route with one as a UI route and would
// render the admin layout around an empty outlet instead of sending the CSV.
