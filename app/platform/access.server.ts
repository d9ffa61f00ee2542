import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { requireViewer, type Viewer } from "./session.server";
import type { Action, ToolKey } from "./tools";

/** The one answer to "may this viewer do X with tool T" (sidebar, loaders and actions all ask it). */
export function can(viewer: Pick<Viewer, "permissions">, tool: ToolKey, action: Action = "view"): boolean {
  const grant = viewer.permissions[tool];
  return Boolean(grant?.[action]);
}

export function forbidden(message = "Not allowed"): never {
  throw new Response(message, { status: 403 });
}

export function notFound(message = "Not found"): never {
  throw new Response(message, { status: 404 });
}

/** Throws 403 unless the viewer may do `action` with `tool`. */
export function assertCan(viewer: Viewer, tool: ToolKey, action: Action = "view") {
  if (!can(viewer, tool, action)) forbidden();
}

/**
 * The first line of every employee loader and action: the signed-in viewer (or a redirect to
 * sign-in) who may do `action` with `tool` (or a 403).
 */
export async function requireAccess(
  { request, context }: Pick<LoaderFunctionArgs, "request" | "context">,
  tool: ToolKey,
  action: Action = "view",
): Promise<Viewer> {
  const viewer = await requireViewer(request, context);
  assertCan(viewer, tool, action);
  return viewer;
}

/** For pages every signed-in employee may open (dashboard, own preferences). */
export async function requireSignedIn({ request, context }: Pick<LoaderFunctionArgs, "request" | "context">) {
  return requireViewer(request, context);
}
