// /contracts/:contractId/document.pdf?version=original|completed — the base or the signed PDF
// as an attachment, for employees with the contract in scope (else 404).
import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { z } from "zod";
import { contractPdf } from "~/modules/contracts/contracts.server";
import { idSchema } from "~/modules/contracts/schemas";
import { notFound, requireAccess } from "~/platform/access.server";

const versionSchema = z.enum(["original", "completed"]).catch("original");

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "contracts", "view");
  const id = idSchema.safeParse(args.params.contractId);
  if (!id.success) notFound();
  const version = versionSchema.parse(new URL(args.request.url).searchParams.get("version"));
  const response = await contractPdf(args.context, viewer, id.data, version);
  if (!response) notFound();
  return response;
}

// No ErrorBoundary export on purpose: this is a resource route.
