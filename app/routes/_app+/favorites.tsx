import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { data } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FAVORITE_INTENTS, favoritesPage, updateFavorite } from "~/modules/favorites/favorites.server";
import { requireSignedIn } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, EmptyState, FormError, PageHeader } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Pinned tools · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireSignedIn(args);
  return favoritesPage(viewer);
}

const schema = z.object({
  intent: z.enum(FAVORITE_INTENTS, { message: "Unknown action" }),
  key: z.string().trim().min(1, "Choose a tool").max(60),
});

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireSignedIn(args);
  const form = await parseForm(args.request, schema);
  if (!form.ok) return invalid(form.errors);
  const result = await updateFavorite(args.context.db, viewer, form.data.intent, form.data.key);
  if (!result.ok) return data({ ok: false as const, errors: { form: result.error } }, { status: result.status });
  return { ok: true as const, message: result.message };
}

function Move({ itemKey, label, intent, disabled }: { itemKey: string; label: string; intent: "up" | "down"; disabled: boolean }) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="key" value={itemKey} />
      <Button type="submit" name="intent" value={intent} variant="ghost" disabled={disabled} aria-label={`Move ${label} ${intent}`}>
        {intent === "up" ? "↑" : "↓"}
      </Button>
    </Form>
  );
}

export default function Favorites() {
  const { items, pinned, max } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const groups = [...new Set(items.map((i) => i.group))];
  return (
    <>
      <PageHeader title="Pinned tools" description={`Pin up to ${max} tools to the top of the sidebar and put them in the order you use them.`} />
      {result && !result.ok ? <div className="mb-4"><FormError error={Object.values(result.errors)[0]} /></div> : null}
      {result?.ok ? <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">{result.message}</p> : null}
      <div className="grid gap-5 md:grid-cols-2">
        <Card title="Pinned, in sidebar order">
          {pinned.length === 0 ? (
            <EmptyState title="Nothing pinned yet">Pin the tools you open most from the list alongside.</EmptyState>
          ) : (
            <ol className="divide-y divide-slate-100" data-testid="pinned-order">
              {pinned.map((item, i) => (
                <li key={item.key} className="flex items-center justify-between gap-2 py-1.5 text-sm">
                  <span><span className="mr-2 text-slate-400">{i + 1}.</span>{item.label}</span>
                  <span className="flex items-center gap-1">
                    <Move itemKey={item.key} label={item.label} intent="up" disabled={i === 0} />
                    <Move itemKey={item.key} label={item.label} intent="down" disabled={i === pinned.length - 1} />
                    <Form method="post" className="inline">
                      <input type="hidden" name="key" value={item.key} />
                      <Button type="submit" name="intent" value="unpin" variant="secondary" aria-label={`Unpin ${item.label}`}>Unpin</Button>
                    </Form>
                  </span>
                </li>
              ))}
            </ol>
          )}
        </Card>
        <Card title="All your tools">
          {groups.map((group) => (
            <section key={group} className="mb-3">
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-400">{group}</h3>
              <ul className="divide-y divide-slate-100">
                {items.filter((i) => i.group === group).map((item) => (
                  <li key={item.key} className="flex items-center justify-between py-1.5 text-sm">
                    <span>{item.label}</span>
                    <Form method="post" className="inline">
                      <input type="hidden" name="key" value={item.key} />
                      {item.pinned ? (
                        <Button type="submit" name="intent" value="unpin" variant="ghost" aria-label={`Unpin ${item.label}`}>Pinned ✓</Button>
                      ) : (
                        <Button type="submit" name="intent" value="pin" variant="secondary" aria-label={`Pin ${item.label}`} disabled={pinned.length >= max}>Pin</Button>
                      )}
                    </Form>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </Card>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
