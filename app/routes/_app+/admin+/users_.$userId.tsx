import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  EMPLOYMENT_BASES, EMPLOYMENT_BASIS_LABELS, EMPLOYMENT_STATUSES, EMPLOYMENT_STATUS_LABELS, userEditSchema, userIdSchema,
} from "~/modules/admin/schemas";
import { loadUserForEdit, setUserDisabled, updateUser, type AdminResult } from "~/modules/admin/users.server";
import { can, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseFormData } from "~/platform/forms.server";
import { ACCESS_LEVELS, levelLabel, type AccessLevel } from "~/platform/tools";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, Field, FormError, PageHeader, SelectField, SubmitButton, cx } from "~/ui/form";
import { HistoryList } from "~/ui/history-list";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.user.name ?? "User"} · Admin · Nucleus` }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "admin", "view");
  const userId = userIdSchema.safeParse(args.params.userId);
  const page = userId.success ? await loadUserForEdit(args.context.db, userId.data) : null;
  if (!page) notFound();
  return { ...page, canManage: can(viewer, "admin", "manage"), isSelf: page.user.id === viewer.userId };
}

function respond(result: AdminResult, userId: string, done: string) {
  if (!result.ok && result.status === 404) notFound();
  if (!result.ok) return invalid(result.errors);
  return redirect(`/admin/users/${encodeURIComponent(userId)}?done=${result.changed ? done : "unchanged"}`);
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "admin", "manage");
  const userId = userIdSchema.safeParse(args.params.userId);
  if (!userId.success) notFound();
  const form = await args.request.formData();
  const intent = form.get("intent");
  if (intent === "disable" || intent === "enable") {
    return respond(await setUserDisabled(args.context, viewer, userId.data, intent === "disable"), userId.data, `${intent}d`);
  }
  if (intent !== "save") return invalid({ form: "Unknown action." });
  const parsed = parseFormData(form, userEditSchema);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  return respond(await updateUser(args.context.db, viewer, userId.data, parsed.data), userId.data, "saved");
}

const DONE: Record<string, string> = {
  saved: "Changes saved.",
  unchanged: "Nothing to change.",
  disabled: "User disabled. Their sessions have ended.",
  enabled: "User enabled. They can sign in again.",
};

export default function AdminUserEdit() {
  const { user, history, activeSessions, canManage, isSelf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors: Record<string, string> = actionData && "errors" in actionData ? actionData.errors : {};
  const values: Record<string, unknown> = (actionData && "values" in actionData ? actionData.values : undefined) ?? {};
  const value = (key: keyof typeof user) => (key in values ? String(values[key] ?? "") : String(user[key] ?? ""));
  const tab = params.get("tab") === "history" ? "history" : "details";
  const done = params.get("done");
  const disabled = Boolean(user.disabled_at);
  const tabLink = (key: "details" | "history", label: string) => (
    <Link
      to={key === "details" ? "?" : "?tab=history"}
      aria-current={tab === key ? "page" : undefined}
      className={cx("inline-block border-b-2 px-3 py-1.5 text-sm", tab === key ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900")}
    >
      {label}
    </Link>
  );
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/admin/users" className="text-brand-600 underline">← All users</Link></p>
      <PageHeader
        title={user.name}
        description={`${user.email} · ${levelLabel(user.access_level as AccessLevel)}${user.person_title ?? user.job_title ? ` · ${user.person_title ?? user.job_title}` : ""}`}
        actions={disabled ? <span className="rounded bg-red-50 px-2 py-1 text-sm font-medium text-red-700" data-testid="account-status">Disabled</span> : <span className="rounded bg-emerald-50 px-2 py-1 text-sm text-emerald-700" data-testid="account-status">Enabled</span>}
      />
      {done && DONE[done] ? <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{DONE[done]}</p> : null}
      <FormError error={errors.form} />
      <nav aria-label="User sections" className="mb-4 flex gap-1 border-b border-slate-200">
        {tabLink("details", "Details")}
        {tabLink("history", `History (${history.length})`)}
      </nav>
      {tab === "history" ? (
        <HistoryList entries={history} emptyText="Changes to this account (access level, templates, employment, disabling) will be listed here." />
      ) : (
        <div className="grid gap-4 lg:grid-cols-3">
          <Card title="Access and templates" className="lg:col-span-2">
            <Form method="post" className="flex flex-col gap-4" noValidate>
              <fieldset disabled={!canManage} className="grid gap-3 sm:grid-cols-2">
                <SelectField
                  label="Access level" name="access_level" key={`al-${value("access_level")}`} defaultValue={value("access_level")} error={errors.access_level}
                  options={ACCESS_LEVELS.map((l) => ({ value: l, label: levelLabel(l) }))}
                />
                {isSelf ? <p className="self-end text-xs text-slate-500">You cannot lower your own access level.</p> : <span />}
                <Field label="Onboarding template id" name="onboarding_template_id" defaultValue={value("onboarding_template_id")} error={errors.onboarding_template_id} hint="Optional, e.g. tpl-onb-common" />
                <Field label="Scorecard template id" name="scorecard_template_id" defaultValue={value("scorecard_template_id")} error={errors.scorecard_template_id} />
                <Field label="Review template id" name="review_template_id" defaultValue={value("review_template_id")} error={errors.review_template_id} />
                <Field label="Template profile id" name="template_profile_id" defaultValue={value("template_profile_id")} error={errors.template_profile_id} />
              </fieldset>
              {user.person_id ? (
                <fieldset disabled={!canManage} className="grid gap-3 sm:grid-cols-2">
                  <legend className="mb-2 text-sm font-semibold text-slate-700">
                    Employment (<Link to={`/people/${user.person_id}`} className="text-brand-600 underline">{user.first_name} {user.last_name}</Link>)
                  </legend>
                  <SelectField
                    label="Employment status" name="employment_status" key={`es-${value("employment_status")}`} defaultValue={value("employment_status")} error={errors.employment_status}
                    options={EMPLOYMENT_STATUSES.map((s) => ({ value: s, label: EMPLOYMENT_STATUS_LABELS[s] }))}
                  />
                  <SelectField
                    label="Employment basis" name="employment_basis" key={`eb-${value("employment_basis")}`} defaultValue={value("employment_basis")} error={errors.employment_basis}
                    options={[{ value: "", label: "Not set" }, ...EMPLOYMENT_BASES.map((b) => ({ value: b, label: EMPLOYMENT_BASIS_LABELS[b] }))]}
                  />
                  <Field label="Location" name="location" defaultValue={value("location")} error={errors.location} maxLength={100} />
                  <Field label="Start date" name="start_date" type="date" defaultValue={value("start_date")} error={errors.start_date} />
                </fieldset>
              ) : (
                <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
                  No person is linked to this account, so there are no employment fields. A person with the same email is linked at their next sign-in.
                </p>
              )}
              {canManage ? <div><SubmitButton name="intent" value="save">Save changes</SubmitButton></div> : null}
            </Form>
          </Card>
          <Card title="Account">
            <dl className="mb-3 grid grid-cols-2 gap-1 text-sm">
              <dt className="text-slate-500">Last login</dt><dd>{user.last_login_at?.slice(0, 16).replace("T", " ") ?? "Never"}</dd>
              <dt className="text-slate-500">Active sessions</dt><dd data-testid="active-sessions">{activeSessions}</dd>
              <dt className="text-slate-500">Disabled</dt><dd>{user.disabled_at?.slice(0, 16).replace("T", " ") ?? "No"}</dd>
            </dl>
            {canManage && disabled ? (
              <Form method="post"><Button type="submit" name="intent" value="enable" variant="secondary">Enable user</Button></Form>
            ) : null}
            {canManage && !disabled && !isSelf ? (
              <Form method="post">
                <p className="mb-2 text-xs text-slate-600">Disabling ends every session at once and blocks sign-in.</p>
                <Button type="submit" name="intent" value="disable" variant="danger">Disable user</Button>
              </Form>
            ) : null}
            {isSelf && !disabled ? <p className="text-xs text-slate-500">You cannot disable your own account.</p> : null}
          </Card>
        </div>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
