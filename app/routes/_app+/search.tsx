import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { globalSearch } from "~/modules/search/search.server";
import { requireSignedIn } from "~/platform/access.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, EmptyState, Field, PageHeader } from "~/ui/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.q ? `“${data.q}” · Search · Nucleus` : "Search · Nucleus" }];

const query = z.object({ q: z.string().trim().max(100).catch("").default("") });

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireSignedIn(args);
  const { q } = query.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  return { q, groups: await globalSearch(args.context.db, viewer, q, 20) };
}

export default function SearchPage() {
  const { q, groups } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Search" description="People, clients and work you have access to." />
      <Form method="get" role="search" className="mb-5 flex items-end gap-2" aria-label="Search everything">
        <Field label="Search for" name="q" type="search" defaultValue={q} className="w-96" autoFocus />
        <Button type="submit">Search</Button>
      </Form>
      {q.length < 2 ? (
        <EmptyState title="Type at least two characters">Search by name, email, title, company or project.</EmptyState>
      ) : groups.length === 0 ? (
        <EmptyState title={`Nothing found for “${q}”`}>Check the spelling, or try part of a name or email.</EmptyState>
      ) : (
        <div className="space-y-5" data-testid="search-results">
          {groups.map((g) => (
            <section key={g.type} aria-labelledby={`results-${g.type}`}>
              <h2 id={`results-${g.type}`} className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">
                {g.label} <span className="font-normal">({g.hits.length}{g.hits.length >= 20 ? "+" : ""})</span>
              </h2>
              <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
                {g.hits.map((hit) => (
                  <li key={hit.id} className="px-4 py-2" data-testid="search-hit">
                    <Link to={hit.url} className="font-medium text-brand-700 hover:underline">{hit.title}</Link>
                    {hit.subtitle ? <p className="text-sm text-slate-600">{hit.subtitle}</p> : null}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
