// /companies/export.csv — the company list as CSV: same filters and sort, every page, capped.
import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { exportCompaniesCsv } from "~/modules/crm/companies.server";
import { EXPORT_CAP, parseCompanyListParams } from "~/modules/crm/schemas";
import { requireAccess } from "~/platform/access.server";

export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "companies", "view");
  const filters = parseCompanyListParams(new URL(args.request.url).searchParams);
  const { body, truncated } = await exportCompaniesCsv(args.context.db, filters);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="nucleus-companies-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
      ...(truncated ? { "X-Export-Truncated": `first ${EXPORT_CAP} rows` } : {}),
    },
  });
}

// No ErrorBoundary export on purpose: Remix treats a route with one as a UI route and would
// render the app layout instead of sending the CSV (same as /admin/users.csv).
