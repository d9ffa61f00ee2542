import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { loadTeamProgress, TEAM_PAGE_SIZE } from "~/modules/onboarding/onboarding.server";
import { progressOf } from "~/modules/onboarding/progress";
import { ProgressBar } from "~/modules/onboarding/ProgressBar";
import { requireAccess } from "~/platform/access.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, EmptyState, Field, PageHeader } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Team onboarding · Nucleus" }];

const querySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "onboarding", "view");
  const query = querySchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const { rows, total } = await loadTeamProgress(args.context.db, viewer, query);
  return { rows, total, query, pageCount: Math.max(1, Math.ceil(total / TEAM_PAGE_SIZE)) };
}

export default function TeamOnboarding() {
  const { rows, total, query, pageCount } = useLoaderData<typeof loader>();
  const pageLink = (page: number) => `?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), page: String(page) })}`;
  return (
    <>
      <PageHeader
        title="Team onboarding"
        description="Everyone you look after, newest starters first, with their overall checklist progress."
        actions={<Link to="/onboarding" className="py-1.5 text-sm text-brand-700 underline">My onboarding</Link>}
      />
      <Form method="get" role="search" aria-label="Filter people" className="mb-4 flex items-end gap-2">
        <Field label="Search" name="q" type="search" defaultValue={query.q ?? ""} placeholder="Name or email" className="w-64" />
        <Button type="submit" variant="secondary">Search</Button>
      </Form>
      <p className="mb-2 text-sm text-slate-600" role="status">{total} {total === 1 ? "person" : "people"}</p>
      {rows.length === 0 ? (
        <EmptyState title="Nobody to show">Try another search.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 text-left font-medium">Person</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Started</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Checklist</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Progress</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => {
                const name = `${r.preferred_name || r.first_name} ${r.last_name}`;
                return (
                  <tr key={r.id}>
                    <td className="px-3 py-1.5">
                      <Link to={`/onboarding?userId=${encodeURIComponent(r.id)}`} className="font-medium text-brand-700 hover:underline">{name}</Link>
                      <span className="block text-xs text-slate-500">{r.title ?? ""}</span>
                    </td>
                    <td className="px-3 py-1.5 tabular-nums">{r.start_date ?? "—"}</td>
                    <td className="px-3 py-1.5">{["Common", r.template_name].filter((n, i, all) => n && all.indexOf(n) === i).join(" + ")}</td>
                    <td className="px-3 py-1.5"><ProgressBar progress={progressOf(Number(r.done), Number(r.total))} label={`${name}'s onboarding progress`} size="sm" /></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 ? (
        <nav aria-label="Pagination" className="mt-3 flex items-center gap-3 text-sm">
          {query.page > 1 ? <Link to={pageLink(query.page - 1)} className="text-brand-700 underline">Previous</Link> : null}
          <span>Page {query.page} of {pageCount}</span>
          {query.page < pageCount ? <Link to={pageLink(query.page + 1)} className="text-brand-700 underline">Next</Link> : null}
        </nav>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
