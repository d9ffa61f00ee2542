import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { findPersonForSignIn, listSignInCandidates, upsertUserOnSignIn } from "~/modules/identity/users.server";
import { isDevLoginEnabled } from "~/platform/env.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { safeRedirect, startUserSession } from "~/platform/session.server";
import { levelLabel, type AccessLevel } from "~/platform/tools";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button } from "~/ui/form";

// Development sign-in: exists only where DEV_LOGIN=true (.dev.vars locally, tests); a 404 elsewhere.
function assertEnabled(env: LoaderFunctionArgs["context"]["env"]) {
  if (!isDevLoginEnabled(env)) throw new Response("Not found", { status: 404 });
}

export async function loader({ context }: LoaderFunctionArgs) {
  assertEnabled(context.env);
  return { people: await listSignInCandidates(context.db) };
}

const schema = z.object({ personId: z.string().min(1, "Choose a person"), redirectTo: z.string().optional() });

export async function action({ request, context }: ActionFunctionArgs) {
  assertEnabled(context.env);
  const form = await parseForm(request, schema);
  if (!form.ok) return invalid(form.errors);
  const person = await findPersonForSignIn(context.db, form.data.personId);
  if (!person) return invalid({ personId: "No such person" });
  const result = await upsertUserOnSignIn(context.db, {
    email: person.email,
    name: `${person.first_name} ${person.last_name}`,
    picture: person.avatar_url,
    jobTitle: person.title,
  });
  if ("disabled" in result) return invalid({ personId: "This account has been disabled." });
  return redirect(safeRedirect(form.data.redirectTo), {
    headers: { "Set-Cookie": await startUserSession(context, request, result.userId) },
  });
}

export default function DevLogin() {
  const { people } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <main className="mx-auto max-w-3xl p-8">
      <h1 className="text-2xl font-semibold">Development sign-in</h1>
      <p className="mt-1 text-sm text-slate-600">Local and test environments only. Choose who to be.</p>
      <ul className="mt-6 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {people.map((p) => (
          <li key={p.id} className="flex items-center justify-between gap-4 px-4 py-2">
            <div>
              <p className="font-medium">{p.first_name} {p.last_name}</p>
              <p className="text-xs text-slate-500">
                {p.title} · {p.access_level ? levelLabel(p.access_level as AccessLevel) : "no account yet"}
                {p.disabled_at ? " · disabled" : ""}
              </p>
            </div>
            <Form method="post">
              <input type="hidden" name="personId" value={p.id} />
              <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
              <Button type="submit" variant="secondary" aria-label={`Sign in as ${p.first_name} ${p.last_name}`}>Sign in</Button>
            </Form>
          </li>
        ))}
      </ul>
    </main>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
