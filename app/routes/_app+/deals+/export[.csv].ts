import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { exportDealsCsv } from "~/modules/deals/deals.server";
import { DEALS_EXPORT_CAP, parseDealListParams } from "~/modules/deals/schemas";
import { requireAccess } from "~/platform/access.server";

// The deal list as CSV: the same filters, scope and sort as /deals/list, every page, capped.
export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "deals", "view");
  const filters = parseDealListParams(new URL(args.request.url).searchParams);
  const { csv, truncated } = await exportDealsCsv(args.context.db, viewer, filters);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="nucleus-deals-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
      ...(truncated ? { "X-Export-Truncated": `first ${DEALS_EXPORT_CAP} rows` } : {}),
    },
  });
}

// No ErrorBoundary export on purpose: Remix treats a route with one as a UI route and would
// wrap this resource route's answer in the HTML document.
