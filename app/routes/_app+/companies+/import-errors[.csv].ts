// POST /companies/import-errors.csv — the import's row-level report (errors and skipped rows,
// with the original cells) as a download. It re-checks the posted file; nothing is written.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { importReportCsv } from "~/modules/crm/import.server";
import { requireAccess } from "~/platform/access.server";

export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "companies", "update");
  return redirect("/companies/import");
}

export async function action(args: ActionFunctionArgs) {
  await requireAccess(args, "companies", "update");
  const body = await importReportCsv(args.context.db, await args.request.formData());
  if (body === null) return new Response("The report needs the file from the preview step.", { status: 400 });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="import-report-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}

// No ErrorBoundary export on purpose: Remix treats a route with one as a UI route and would
// render the app layout instead of sending the CSV (same as /admin/users.csv).
