// POST /notes — the one endpoint for notes on any record (intent=create|reply|edit|delete).
// The VIEW grant of the record's tool suffices (ORIGINAL §13.1); scope, visibility and
// author/executive rules live in the module. GET just goes to the dashboard.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/cloudflare";
import { applyNoteIntent, noteFormFailure, noteFormSchema } from "~/modules/records/notes.server";
import { requireSignedIn } from "~/platform/access.server";
import { parseForm } from "~/platform/forms.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";

export async function loader(args: LoaderFunctionArgs) {
  await requireSignedIn(args);
  return redirect("/");
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireSignedIn(args);
  const form = await parseForm(args.request, noteFormSchema);
  if (!form.ok) return noteFormFailure(args.request, form.values, form.errors);
  const result = await applyNoteIntent(args.context, viewer, form.data);
  return redirect(result.redirectTo, 303);
}

export const ErrorBoundary = RouteErrorBoundary;
