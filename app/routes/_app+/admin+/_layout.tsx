import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { adminNavItems } from "~/modules/admin/nav";
import { requireSignedIn } from "~/platform/access.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { cx } from "~/ui/form";

// The Admin section's frame. Only a signed-in viewer is required here: /admin/portal and
// /admin/connections (other areas) render inside it, and every child enforces its own access.
export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireSignedIn(args);
  return { items: adminNavItems(viewer.permissions) };
}

export default function AdminLayout() {
  const { items } = useLoaderData<typeof loader>();
  return (
    <div>
      {items.length > 0 ? (
        <nav aria-label="Admin" className="mb-5 border-b border-slate-200">
          <ul className="-mb-px flex flex-wrap gap-1">
            {items.map((item) => (
              <li key={item.href}>
                <NavLink
                  to={item.href}
                  className={({ isActive }) =>
                    cx(
                      "inline-block border-b-2 px-3 py-2 text-sm",
                      isActive ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                    )
                  }
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <Outlet />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
