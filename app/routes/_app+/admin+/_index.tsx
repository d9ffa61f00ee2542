import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { requireAccess } from "~/platform/access.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";

// /admin has no page of its own: executives land on the users list.
export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "admin", "view");
  return redirect("/admin/users");
}

export const ErrorBoundary = RouteErrorBoundary;
