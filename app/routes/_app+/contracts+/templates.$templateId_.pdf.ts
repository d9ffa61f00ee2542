// /contracts/templates/:templateId/pdf — the template's base PDF (uploaded, or the generated one).
import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { idSchema } from "~/modules/contracts/schemas";
import { templatePdf } from "~/modules/contracts/templates.server";
import { notFound, requireAccess } from "~/platform/access.server";

export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "contracts", "manage");
  const id = idSchema.safeParse(args.params.templateId);
  const response = id.success ? await templatePdf(args.context, id.data) : null;
  if (!response) notFound();
  return response;
}

// No ErrorBoundary export on purpose: this is a resource route.
