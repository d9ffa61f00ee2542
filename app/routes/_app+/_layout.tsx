import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { Form, Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { navItems } from "~/modules/shell/nav";
import { requireSignedIn } from "~/platform/access.server";
import { levelLabel } from "~/platform/tools";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { cx } from "~/ui/form";

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireSignedIn(args);
  const items = navItems(viewer.permissions);
  const favorites = viewer.favorites.map((key) => items.find((i) => i.key === key)).filter((i) => i !== undefined);
  return {
    user: {
      name: viewer.name,
      email: viewer.email,
      picture: viewer.picture,
      jobTitle: viewer.jobTitle,
      accessLevel: levelLabel(viewer.accessLevel),
    },
    items,
    favorites,
    badges: { notifications: viewer.unreadNotifications, "action-centre": viewer.openActionItems, leave: viewer.pendingLeaveApprovals } as Record<string, number>,
  };
}

export default function AppShell() {
  const { user, items, favorites, badges } = useLoaderData<typeof loader>();
  const groups = [...new Set(items.map((i) => i.group))];
  const link = (item: (typeof items)[number], prefix: string) => (
    <li key={`${prefix}-${item.key}`}>
      <NavLink
        to={item.href}
        className={({ isActive }) =>
          cx("flex items-center justify-between rounded-md px-2 py-1 text-sm", isActive ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100")
        }
      >
        <span>{item.label}</span>
        {badges[item.key] ? (
          <span className="rounded-full bg-brand-600 px-1.5 text-xs text-white" aria-label={`${badges[item.key]} pending`}>{badges[item.key]}</span>
        ) : null}
      </NavLink>
    </li>
  );
  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only">Skip to content</a>
      <nav aria-label="Main" className="w-56 shrink-0 border-r border-slate-200 bg-white px-3 py-4">
        <Link to="/" className="mb-4 block px-2 text-lg font-semibold text-brand-700">Nucleus</Link>
        <ul className="mb-3">
          <li>
            <NavLink to="/" end className={({ isActive }) => cx("block rounded-md px-2 py-1 text-sm", isActive ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100")}>
              Dashboard
            </NavLink>
          </li>
        </ul>
        {favorites.length > 0 ? (
          <div className="mb-3">
            <p className="px-2 text-xs font-semibold uppercase tracking-wide text-slate-400">Pinned</p>
            <ul data-testid="pinned">{favorites.map((f) => link(f, "fav"))}</ul>
          </div>
        ) : null}
        <Link to="/favorites" className="mb-3 block px-2 text-xs text-brand-600 underline">Manage pinned</Link>
        {groups.map((group) => (
          <div key={group} className="mb-3">
            <p className="px-2 text-xs font-semibold uppercase tracking-wide text-slate-400">{group}</p>
            <ul>{items.filter((i) => i.group === group).map((i) => link(i, "nav"))}</ul>
          </div>
        ))}
      </nav>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center gap-4 border-b border-slate-200 bg-white px-6 py-2">
          <Form method="get" action="/search" role="search" className="flex-1">
            <label htmlFor="global-search" className="sr-only">Search</label>
            <input id="global-search" name="q" type="search" placeholder="Search people and more…" className="w-full max-w-md rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
          </Form>
          <Link to="/notifications" className="relative text-sm text-slate-700" aria-label={`Notifications, ${badges.notifications ?? 0} unread`}>
            Notifications
            {badges.notifications ? <span className="ml-1 rounded-full bg-red-600 px-1.5 text-xs text-white">{badges.notifications}</span> : null}
          </Link>
          <details className="relative">
            <summary className="cursor-pointer list-none text-sm font-medium" data-testid="user-menu">{user.name}</summary>
            <div className="absolute right-0 z-10 mt-2 w-64 rounded-md border border-slate-200 bg-white p-3 text-sm shadow-lg">
              <p className="font-medium">{user.name}</p>
              <p className="text-slate-500">{user.email}</p>
              <p className="mt-1 text-slate-600">{user.jobTitle ?? "—"} · <span data-testid="access-level">{user.accessLevel}</span></p>
              <Link to="/preferences" className="mt-2 block text-brand-600 underline">Preferences</Link>
              <Link to="/connections" className="mt-1 block text-brand-600 underline">My connections</Link>
              <Form method="post" action="/logout" className="mt-2">
                <button type="submit" className="text-red-700 underline">Sign out</button>
              </Form>
            </div>
          </details>
        </header>
        <main id="main" className="flex-1 px-6 py-5">
          <Outlet />
        </main>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
