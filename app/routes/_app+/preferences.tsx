import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { HOLIDAY_STATES, HOLIDAY_STATE_LABELS, isHolidayState, preferencesSchema, supportedTimeZones } from "~/modules/settings/schemas";
import { loadPreferences, savePreferences } from "~/modules/settings/settings.server";
import { requireSignedIn } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Card, FormError, PageHeader, SelectField, SubmitButton } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Preferences · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireSignedIn(args);
  return { settings: await loadPreferences(args.context.db, viewer.userId), timeZones: supportedTimeZones() };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireSignedIn(args);
  const form = await parseForm(args.request, preferencesSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await savePreferences(args.context.db, viewer.userId, form.data);
  return redirect(`/preferences?saved=${result.changed ? "1" : "0"}`);
}

const stateLabel = (s: string) => (isHolidayState(s) ? `${HOLIDAY_STATE_LABELS[s]} (${s})` : s);

export default function Preferences() {
  const { settings, timeZones } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const sent = (actionData?.values ?? {}) as Record<string, unknown>;
  const tz = typeof sent.timezone === "string" ? sent.timezone : settings.user.timezone ?? "";
  const hs = typeof sent.holiday_state === "string" ? sent.holiday_state : settings.user.holidayState ?? "";
  const saved = params.get("saved");
  return (
    <>
      <PageHeader title="Preferences" description="Your time zone and the public holidays that apply to you." />
      {saved !== null ? (
        <p role="status" className="mb-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{saved === "1" ? "Preferences saved." : "Nothing to change."}</p>
      ) : null}
      <FormError error={errors.form} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Your overrides">
          <Form method="post" className="flex flex-col gap-3" noValidate>
            <SelectField
              label="Time zone" name="timezone" key={`tz-${tz}`} defaultValue={tz} error={errors.timezone}
              options={[{ value: "", label: `Use organisation default (${settings.org.timezone.replace(/_/g, " ")})` }, ...timeZones.map((z) => ({ value: z, label: z.replace(/_/g, " ") }))]}
            />
            <SelectField
              label="Public holidays state" name="holiday_state" key={`hs-${hs}`} defaultValue={hs} error={errors.holiday_state}
              options={[{ value: "", label: `Use organisation default (${settings.org.holidayState})` }, ...HOLIDAY_STATES.map((s) => ({ value: s, label: stateLabel(s) }))]}
            />
            <div><SubmitButton>Save preferences</SubmitButton></div>
          </Form>
        </Card>
        <Card title="In effect">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="effective-settings">
            <dt className="text-slate-500">Time zone</dt>
            <dd data-testid="effective-timezone">{settings.timezone} <span className="text-slate-500">({settings.user.timezone ? "your choice" : "organisation default"})</span></dd>
            <dt className="text-slate-500">Public holidays</dt>
            <dd data-testid="effective-holiday-state">{stateLabel(settings.holidayState)} <span className="text-slate-500">({settings.user.holidayState ? "your choice" : "organisation default"})</span></dd>
          </dl>
        </Card>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
