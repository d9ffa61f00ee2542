import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { loadSyncPage, runSyncNow } from "~/modules/people/sync-page.server";
import { syncFormSchema } from "~/modules/people/schemas";
import { requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, FormError, PageHeader } from "~/ui/form";
import { TimeAgo } from "~/ui/meta";

export const meta: MetaFunction = () => [{ title: "Syncs · People · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireAccess(args, "people", "manage");
  return loadSyncPage(args.context);
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "people", "manage");
  const form = await parseForm(args.request, syncFormSchema);
  if (!form.ok) return invalid(form.errors);
  return { ok: true as const, result: await runSyncNow(args.context, viewer, form.data.intent) };
}

const COUNT_LABELS: Record<string, string> = {
  fetched: "Fetched", total: "In the source", created: "New", updated: "Changed", unchanged: "Unchanged", removed: "Removed (terminated)",
  matchedUsers: "Matched users", squadsCreated: "New squads", skipped: "Skipped", linked: "Linked", unlinkedPeople: "Still unlinked",
};
const NAME_LISTS: [string, string][] = [
  ["createdNames", "New"], ["updatedNames", "Changed"], ["removedNames", "Removed"], ["squadNames", "New squads"], ["linkedNames", "Linked"],
];

function Summary({ summary }: { summary: Record<string, unknown> }) {
  const counts = Object.entries(summary).filter(([, v]) => typeof v === "number");
  return (
    <div className="space-y-2" data-testid="sync-summary">
      <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
        {counts.map(([k, v]) => (
          <div key={k} className="flex gap-1">
            <dt className="text-slate-500">{COUNT_LABELS[k] ?? k}:</dt>
            <dd className="font-medium tabular-nums">{String(v)}</dd>
          </div>
        ))}
      </dl>
      {NAME_LISTS.map(([key, label]) => {
        const names = summary[key];
        return Array.isArray(names) && names.length ? (
          <p key={key} className="text-sm"><span className="text-slate-500">{label}:</span> {names.join(", ")}</p>
        ) : null;
      })}
    </div>
  );
}

export default function PeopleSyncs() {
  const { providers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const result = actionData && "result" in actionData ? actionData.result : null;
  const formError = actionData && "errors" in actionData ? actionData.errors.intent ?? actionData.errors.form : undefined;
  return (
    <>
      <PageHeader
        title="Syncs"
        description="People data comes from Productive; Google and Xero enrich and link it. A failed sync changes nothing and says why."
        actions={<Link to="/people" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Directory</Link>}
      />
      <FormError error={formError} />
      {result ? (
        <div role="status" className={result.ok ? "mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3" : "mb-4 rounded-md border border-red-200 bg-red-50 p-3"} data-testid="sync-result">
          {result.ok ? (
            <>
              <p className="mb-2 text-sm font-medium text-emerald-800">{providers.find((p) => p.key === result.provider)?.label} sync finished.</p>
              <Summary summary={result.summary as unknown as Record<string, unknown>} />
            </>
          ) : (
            <p className="text-sm font-medium text-red-800">Nothing was changed: {result.error}</p>
          )}
        </div>
      ) : null}
      <div className="space-y-4">
        {providers.map((p) => (
          <Card key={p.key} title={p.label} actions={
            <Form method="post">
              <Button type="submit" name="intent" value={p.key} disabled={!p.configured} aria-disabled={busy === p.key}>
                {busy === p.key ? "Syncing…" : p.key === "xero" ? "Link employees now" : "Sync now"}
              </Button>
            </Form>
          }>
            <p className="mb-2 text-sm text-slate-600">{p.purpose}</p>
            {!p.configured ? (
              <p className="mb-2 text-sm text-amber-700">
                Not configured: connect it in <Link to="/admin/connections" className="underline">Settings ▸ Connections</Link>.
              </p>
            ) : null}
            {p.runs.length === 0 ? (
              <p className="text-sm text-slate-500">No runs yet.</p>
            ) : (
              <ol className="divide-y divide-slate-100" aria-label={`${p.label} runs`} data-testid={`runs-${p.key}`}>
                {p.runs.map((r) => (
                  <li key={r.id} className="py-2 text-sm">
                    <p className="flex flex-wrap items-baseline gap-2">
                      <span className={r.status === "succeeded" ? "font-medium text-emerald-700" : r.status === "failed" ? "font-medium text-red-700" : "font-medium text-amber-700"}>
                        {r.status === "succeeded" ? "Succeeded" : r.status === "failed" ? "Failed" : "Running"}
                      </span>
                      <TimeAgo iso={r.started_at} />
                      <span className="text-xs text-slate-500">{r.trigger === "background" ? "automatic refresh" : `by ${r.triggered_by_name ?? "someone"}`}</span>
                    </p>
                    {r.error ? <p className="text-red-700">{r.error}</p> : null}
                    {r.summary ? <Summary summary={r.summary} /> : null}
                  </li>
                ))}
              </ol>
            )}
          </Card>
        ))}
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
