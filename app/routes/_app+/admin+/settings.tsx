import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { HOLIDAY_STATES, HOLIDAY_STATE_LABELS, orgSettingsSchema, supportedTimeZones } from "~/modules/settings/schemas";
import { loadOrgSettingsPage, saveOrgSettings } from "~/modules/settings/settings.server";
import { can, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Card, FormError, PageHeader, SelectField, SubmitButton } from "~/ui/form";
import { HistoryList } from "~/ui/history-list";

export const meta: MetaFunction = () => [{ title: "Settings · Admin · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "admin", "view");
  const page = await loadOrgSettingsPage(args.context.db);
  return { ...page, timeZones: supportedTimeZones(), canManage: can(viewer, "admin", "manage") };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "admin", "manage");
  const form = await parseForm(args.request, orgSettingsSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await saveOrgSettings(args.context.db, viewer.userId, form.data);
  return redirect(`/admin/settings?saved=${result.changed ? "1" : "0"}`);
}

export default function AdminSettings() {
  const { values, history, timeZones, canManage, updatedAt } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const sent = (actionData?.values ?? {}) as Record<string, unknown>;
  const current = (key: "timezone" | "holiday_state") => (typeof sent[key] === "string" ? (sent[key] as string) : values[key]);
  const saved = params.get("saved");
  const tzOptions = (timeZones.includes(current("timezone")) ? timeZones : [current("timezone"), ...timeZones]).map((z) => ({ value: z, label: z.replace(/_/g, " ") }));
  return (
    <>
      <PageHeader title="Organisation settings" description="Defaults for everyone. People can override both in their own preferences." />
      {saved !== null ? (
        <p role="status" className="mb-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{saved === "1" ? "Settings saved." : "Nothing to change."}</p>
      ) : null}
      <FormError error={errors.form} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Defaults">
          <Form method="post" className="flex flex-col gap-3" noValidate>
            <fieldset disabled={!canManage} className="flex flex-col gap-3">
              <SelectField label="Time zone" name="timezone" key={`tz-${current("timezone")}`} defaultValue={current("timezone")} error={errors.timezone} options={tzOptions} />
              <SelectField
                label="Public holidays state" name="holiday_state" key={`hs-${current("holiday_state")}`} defaultValue={current("holiday_state")} error={errors.holiday_state}
                options={HOLIDAY_STATES.map((s) => ({ value: s, label: `${HOLIDAY_STATE_LABELS[s]} (${s})` }))}
              />
            </fieldset>
            {canManage ? <div><SubmitButton>Save settings</SubmitButton></div> : <p className="text-sm text-slate-600">Changing settings needs Admin manage.</p>}
            {updatedAt ? <p className="text-xs text-slate-500">Last changed {updatedAt.slice(0, 16).replace("T", " ")} UTC</p> : null}
          </Form>
        </Card>
        <Card title="History">
          <HistoryList entries={history} emptyText="Changes to the organisation settings will be listed here." />
        </Card>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
