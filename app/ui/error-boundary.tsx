import { isRouteErrorResponse, Link, useLocation, useRouteError } from "@remix-run/react";

const MESSAGES: Record<number, { title: string; body: string }> = {
  400: { title: "That request was not valid", body: "Check the form and try again." },
  401: { title: "Please sign in", body: "Your session has ended." },
  403: { title: "Not allowed", body: "Your access level does not include this. Ask an executive if you need it." },
  404: { title: "Not found", body: "This page does not exist, or you do not have access to it." },
  429: { title: "Too many requests", body: "Wait a minute and try again." },
};

/** Shared ErrorBoundary: every route re-exports this (403/404 shown calmly, details never leaked). */
export function RouteErrorBoundary() {
  const error = useRouteError();
  // Client portal pages point back into the portal (the employee dashboard is another realm).
  const inPortal = useLocation().pathname.startsWith("/portal");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = MESSAGES[status] ?? {
    title: "Something went wrong",
    body: "The error has been recorded. Try again in a moment.",
  };
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <div role="alert" className="mx-auto max-w-xl p-8">
      <p className="text-sm font-semibold text-slate-500">{status}</p>
      <h1 className="mt-1 text-2xl font-semibold">{message.title}</h1>
      <p className="mt-2 text-slate-600">{message.body}</p>
      <Link to={inPortal ? "/portal" : "/"} className="mt-4 inline-block text-brand-600 underline">
        {inPortal ? "Back to the portal home" : "Back to the dashboard"}
      </Link>
    </div>
  );
}
