import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { z } from "zod";
import { documentDownload } from "~/modules/documents/documents.server";
import { notFound, requireAccess } from "~/platform/access.server";

// Download as an attachment (Content-Disposition, stored Content-Type, nosniff) after the
// sensitive scope check; unknown or out-of-scope documents are a 404.
export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "documents", "view");
  const id = z.string().min(1).max(100).safeParse(args.params.documentId);
  if (!id.success) notFound();
  const response = await documentDownload(args.context, viewer, id.data);
  if (!response) notFound();
  return response;
}

// No ErrorBoundary export on purpose: this is a resource route (see admin+/users[.csv].ts).
