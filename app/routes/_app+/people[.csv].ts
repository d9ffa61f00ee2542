import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { exportDirectoryCsv } from "~/modules/people/directory.server";
import { DIRECTORY_EXPORT_CAP, parseDirectoryParams } from "~/modules/people/schemas";
import { requireAccess } from "~/platform/access.server";

// The directory as CSV: the viewer's scope, the same filters and sort as /people, every page (capped).
export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "people", "view");
  const filters = parseDirectoryParams(new URL(args.request.url).searchParams);
  const { body, truncated } = await exportDirectoryCsv(args.context.db, viewer, filters);
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="nucleus-people-${date}.csv"`,
      "Cache-Control": "private, no-store",
      ...(truncated ? { "X-Export-Truncated": `first ${DIRECTORY_EXPORT_CAP} rows` } : {}),
    },
  });
}

// No ErrorBoundary (nor component) here: Remix treats a route that exports one as a document
// route and would wrap the CSV in the HTML shell. Errors are plain responses (403/redirect).
