// /notifications/preferences — which notification types reach you on which channel (one POST).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { loadPreferences, preferencesSchema, savePreferences } from "~/modules/notifications/preferences.server";
import { CHANNEL_LABELS } from "~/modules/notifications/shared";
import { requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Card, FormError, PageHeader, SubmitButton } from "~/ui/form";
import { TimeAgo } from "~/ui/meta";

export const meta: MetaFunction = () => [{ title: "Notification preferences · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "notifications", "view");
  return loadPreferences(args.context.db, viewer);
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "notifications", "view");
  const form = await parseForm(args.request, preferencesSchema);
  if (!form.ok) return invalid(form.errors);
  const result = await savePreferences(args.context.db, viewer, form.data.pref);
  if (!result.ok) return invalid(result.errors);
  return redirect("/notifications/preferences?saved=1", 303);
}

const CHANNEL_NOTES: Record<string, string> = {
  slack: "Slack direct messages are not connected yet; choices are kept for when they are.",
  push: "Sending web push needs VAPID keys on the server; until then push is recorded as skipped.",
};

export default function NotificationPreferences() {
  const { rows, channels, devices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const error = actionData && "errors" in actionData ? Object.values(actionData.errors)[0] : undefined;
  return (
    <>
      <PageHeader title="Notification preferences" description="Choose where each kind of notification reaches you." actions={<Link to="/notifications" className="text-sm text-brand-600 underline">Back to inbox</Link>} />
      {params.get("saved") && !error ? <p role="status" className="mb-3 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">Preferences saved.</p> : null}
      <FormError error={error} />
      <Form method="post" className="space-y-3">
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Notification types by channel</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2 font-semibold">Notification</th>
                {channels.map((c) => (
                  <th key={c} scope="col" className="px-3 py-2 text-center font-semibold">{CHANNEL_LABELS[c]}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row" className="px-4 py-2 font-normal">
                    <span className="font-medium text-slate-900">{row.label}</span>
                    {row.description ? <span className="block text-xs text-slate-500">{row.description}</span> : null}
                  </th>
                  {channels.map((c) => {
                    const locked = row.locked.includes(c);
                    return (
                      <td key={c} className="px-3 py-2 text-center">
                        {locked ? <input type="hidden" name="pref" value={`${row.key}:${c}`} /> : null}
                        <input
                          type="checkbox"
                          name={locked ? undefined : "pref"}
                          value={`${row.key}:${c}`}
                          defaultChecked={row.channels[c]}
                          disabled={locked}
                          aria-label={`${row.label} by ${CHANNEL_LABELS[c]}${locked ? " (always on)" : ""}`}
                          className="h-4 w-4"
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ul className="space-y-1 text-xs text-slate-500">
          <li>In-app notifications for System messages are always on.</li>
          {Object.entries(CHANNEL_NOTES).map(([k, v]) => <li key={k}>{v}</li>)}
        </ul>
        <SubmitButton>Save preferences</SubmitButton>
      </Form>
      <Card title="Push devices" className="mt-6">
        {devices.length === 0 ? (
          <p className="text-sm text-slate-600">No browser is subscribed to push notifications for your account.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {devices.map((d) => (
              <li key={d.id} className="flex items-center justify-between gap-3 py-1.5 text-sm">
                <span className="min-w-0 truncate">{d.user_agent ?? "Unknown browser"} · <TimeAgo iso={d.created_at} /></span>
                <Form method="post" action="/notifications/push">
                  <input type="hidden" name="endpoint" value={d.endpoint} />
                  <button type="submit" name="intent" value="delete" className="text-sm text-red-700 underline">Remove</button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
