import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { findPortalContact } from "~/modules/portal/home.server";
import { notFound } from "~/platform/access.server";
import { requirePortalViewer } from "~/platform/portal-session.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Card } from "~/ui/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.contact.first_name} ${data.contact.last_name}` : "Contact"} · Client portal` },
];

// A contact of another company is not found (404), never shown and never confirmed to exist.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = await requirePortalViewer(request, context);
  const contact = await findPortalContact(context.db, viewer, params.contactId ?? "");
  if (!contact) notFound();
  return { contact };
}

export default function PortalContact() {
  const { contact } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="text-sm"><Link to="/portal" className="text-brand-600 underline">← Back to the portal home</Link></p>
      <Card className="mt-3 max-w-lg">
        <h1 className="text-xl font-semibold text-slate-900">{contact.first_name} {contact.last_name}</h1>
        <dl className="mt-3 grid grid-cols-3 gap-y-2 text-sm">
          <dt className="text-slate-500">Role</dt><dd className="col-span-2">{contact.role ?? "—"}</dd>
          <dt className="text-slate-500">Email</dt><dd className="col-span-2">{contact.email ?? "—"}</dd>
          <dt className="text-slate-500">Phone</dt><dd className="col-span-2">{contact.phone ?? "—"}</dd>
          <dt className="text-slate-500">Primary contact</dt><dd className="col-span-2">{contact.is_primary ? "Yes" : "No"}</dd>
        </dl>
      </Card>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
