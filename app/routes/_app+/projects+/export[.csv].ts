import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { exportProjectsCsv } from "~/modules/delivery/projects.server";
import { EXPORT_CAP, parseProjectListParams } from "~/modules/delivery/schemas";
import { requireAccess } from "~/platform/access.server";

// The projects list as CSV: the same filters, scope and sort as /projects, every page, capped.
export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "projects", "view");
  const filters = parseProjectListParams(new URL(args.request.url).searchParams);
  const { csv, truncated } = await exportProjectsCsv(args.context.db, viewer, filters);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="nucleus-projects-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
      ...(truncated ? { "X-Export-Truncated": `first ${EXPORT_CAP} rows` } : {}),
    },
  });
}

// No ErrorBoundary export on purpose: Remix treats a route with one as a UI route and would
// wrap this resource route's answer in the HTML document.
