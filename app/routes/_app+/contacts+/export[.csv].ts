// /contacts/export.csv — the contact list as CSV: same filters and sort, every page, capped.
import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { exportContactsCsv } from "~/modules/crm/contacts.server";
import { EXPORT_CAP, parseContactListParams } from "~/modules/crm/schemas";
import { requireAccess } from "~/platform/access.server";

export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "contacts", "view");
  const filters = parseContactListParams(new URL(args.request.url).searchParams);
  const { body, truncated } = await exportContactsCsv(args.context.db, filters);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="nucleus-contacts-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
      ...(truncated ? { "X-Export-Truncated": `first ${EXPORT_CAP} rows` } : {}),
    },
  });
}

// No ErrorBoundary export on purpose: Remix treats a route with one as a UI route and would
// render the app layout instead of sending the CSV (same as /admin/users.csv).
