import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { runProfileAction, runTemplateAction } from "~/modules/templates/actions.server";
import { TemplateHistory, TemplateItems } from "~/modules/templates/TemplateItems";
import { CADENCES, TEMPLATE_TYPES, TYPE_LABELS, detailSchema, noticeText, profileDetailSchema } from "~/modules/templates/schemas";
import { failureResponse, loadProfileDetail, loadTemplateDetail } from "~/modules/templates/templates.server";
import { can, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseFormData } from "~/platform/forms.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { ActionButton, Button, Card, EmptyState, Field, FormError, PageHeader, SelectField, SubmitButton, TextAreaField } from "~/ui/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.name ?? "Template"} · Templates · Nucleus` }];

const paramsSchema = z.object({ type: z.enum(TEMPLATE_TYPES), templateId: z.string().min(1).max(100) });
const querySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined),
  notice: z.string().max(40).optional().catch(undefined),
});

function parseParams(params: LoaderFunctionArgs["params"]) {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  return parsed.data;
}

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "templates", "view");
  const { type, templateId } = parseParams(args.params);
  const query = querySchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const canManage = can(viewer, "templates", "manage");
  if (type === "profiles") {
    const profile = await loadProfileDetail(args.context.db, templateId, query.q);
    if (!profile) notFound();
    return { type, name: profile.profile.name, profile, template: null, query, canManage };
  }
  const template = await loadTemplateDetail(args.context.db, type, templateId);
  if (!template) notFound();
  return { type, name: template.template.name, profile: null, template, query, canManage };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "templates", "manage");
  const { type, templateId } = parseParams(args.params);
  const form = await args.request.formData().catch(() => new FormData());
  const { db } = args.context;
  if (type === "profiles") {
    const parsed = parseFormData(form, profileDetailSchema);
    if (!parsed.ok) return invalid(parsed.errors, parsed.values);
    const outcome = await runProfileAction(db, viewer.userId, templateId, parsed.data);
    return outcome.ok ? redirect(outcome.redirectTo) : failureResponse(outcome);
  }
  const parsed = parseFormData(form, detailSchema(type));
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const outcome = await runTemplateAction(db, viewer.userId, type, templateId, parsed.data);
  return outcome.ok ? redirect(outcome.redirectTo) : failureResponse(outcome);
}

export default function TemplateDetailPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData && "errors" in actionData ? actionData.errors : {};
  const values = ((actionData && "values" in actionData ? actionData.values : undefined) ?? {}) as Record<string, unknown>;
  const notice = noticeText(data.query.notice ?? null);
  const back = <Link to={`/settings/templates?type=${data.type}`} className="text-sm text-brand-700 underline">All {TYPE_LABELS[data.type].toLowerCase()}</Link>;
  const status = notice ? <p role="status" className="mb-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{notice}</p> : null;
  const here = `/settings/templates/${data.type}/${encodeURIComponent(data.profile?.profile.id ?? data.template?.template.id ?? "")}`;

  const headerActions = (active: boolean, locked: boolean) =>
    data.canManage ? (
      <>
        <ActionButton intent="duplicate" action={here}>Duplicate</ActionButton>
        {active ? (
          locked ? null : <ActionButton intent="delete" action={here} variant="danger" confirm="Delete this? If it was ever used it is archived instead.">Delete</ActionButton>
        ) : (
          <ActionButton intent="restore" action={here}>Restore</ActionButton>
        )}
      </>
    ) : null;

  if (data.profile) {
    const { profile, choices, assigned, candidates, history } = data.profile;
    const select = (name: "onboarding_template_id" | "scorecard_template_id" | "review_template_id", label: string, list: { id: string; name: string }[], currentName: string | null) => {
      const options = list.some((c) => c.id === profile[name]) ? list : [{ id: profile[name], name: `${currentName ?? profile[name]} (archived)` }, ...list];
      return <SelectField label={label} name={name} defaultValue={profile[name]} error={errors[name]} options={options.map((c) => ({ value: c.id, label: c.name }))} disabled={!data.canManage} />;
    };
    return (
      <>
        <div className="mb-2">{back}</div>
        <PageHeader
          title={profile.name}
          description={`Template profile · ${profile.active_users} active ${profile.active_users === 1 ? "user" : "users"}${profile.is_active ? "" : " · Archived"}`}
          actions={headerActions(Boolean(profile.is_active), false)}
        />
        {status}
        <FormError error={errors.form} />
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title="Bundle">
            <Form method="post" className="grid gap-3">
              <Field label="Name" name="name" defaultValue={profile.name} required maxLength={120} error={errors.name} readOnly={!data.canManage} />
              <TextAreaField label="Description" name="description" defaultValue={profile.description ?? ""} rows={2} error={errors.description} readOnly={!data.canManage} />
              {select("onboarding_template_id", "Onboarding template", choices.onboarding, profile.onboarding_name)}
              {select("scorecard_template_id", "Scorecard template", choices.scorecards, profile.scorecard_name)}
              {select("review_template_id", "Review template", choices.reviews, profile.review_name)}
              {data.canManage ? <div><SubmitButton name="intent" value="update">Save profile</SubmitButton></div> : null}
              {data.canManage ? <p className="text-xs text-slate-500">People who already have this profile keep their templates until you assign it to them again.</p> : null}
            </Form>
          </Card>
          <Card title={`Assigned (${profile.active_users})`}>
            {assigned.length === 0 ? <p className="text-sm text-slate-500">Nobody has this profile yet.</p> : (
              <ul className="divide-y divide-slate-100 text-sm">
                {assigned.map((u) => <li key={u.id} className="py-1.5">{u.name} <span className="text-xs text-slate-500">{u.email}</span></li>)}
              </ul>
            )}
          </Card>
        </div>
        {data.canManage && profile.is_active ? (
          <Card title="Assign to people" className="mt-4">
            <Form method="get" role="search" aria-label="Find people to assign" className="mb-3 flex items-end gap-2">
              <Field label="Find people" name="q" type="search" defaultValue={data.query.q ?? ""} placeholder="Name or email" className="w-64" />
              <Button type="submit" variant="secondary">Search</Button>
            </Form>
            {candidates.length === 0 ? <EmptyState title="Nobody matches">Try another name.</EmptyState> : (
              <Form method="post">
                <fieldset>
                  <legend className="mb-2 text-sm text-slate-600">Tick the people who should get this profile (sets their onboarding, scorecard and review templates).</legend>
                  <ul className="grid gap-1 sm:grid-cols-2">
                    {candidates.map((u) => (
                      <li key={u.id}>
                        <label className="flex items-start gap-2 text-sm">
                          <input type="checkbox" name="user_ids" value={u.id} className="mt-1" />
                          <span>{u.name} <span className="text-xs text-slate-500">{u.job_title ?? u.email}{u.profile_name ? ` · now: ${u.profile_name}` : " · no profile"}</span></span>
                        </label>
                      </li>
                    ))}
                  </ul>
                </fieldset>
                {errors.user_ids ? <p role="alert" className="mt-2 text-xs text-red-600">{errors.user_ids}</p> : null}
                <div className="mt-3"><SubmitButton name="intent" value="assign">Assign profile</SubmitButton></div>
              </Form>
            )}
          </Card>
        ) : null}
        <TemplateHistory history={history} />
      </>
    );
  }

  const { template, items, phases, history, kind } = data.template!;
  return (
    <>
      <div className="mb-2">{back}</div>
      <PageHeader
        title={template.name}
        description={`${TYPE_LABELS[kind]} template · ${template.id === "tpl-onb-common" ? "shown to everyone" : `${template.active_users} active ${template.active_users === 1 ? "user" : "users"}`}${template.is_locked ? " · Locked" : ""}${template.is_active ? "" : " · Archived"}`}
        actions={headerActions(Boolean(template.is_active), Boolean(template.is_locked))}
      />
      {status}
      <FormError error={errors.form} />
      <Card title="Details" className="mb-4 max-w-2xl">
        <Form method="post" className="grid gap-3">
          <Field
            label="Name" name="name" defaultValue={template.name} required maxLength={120} error={errors.name}
            readOnly={!data.canManage || Boolean(template.is_locked)} hint={template.is_locked ? "The Common template is locked: it cannot be renamed or deleted." : undefined}
          />
          <TextAreaField label="Description" name="description" defaultValue={template.description ?? ""} rows={2} error={errors.description} readOnly={!data.canManage} />
          {kind === "scorecards" ? (
            <SelectField label="Cadence" name="cadence" defaultValue={template.cadence ?? "weekly"} error={errors.cadence} disabled={!data.canManage}
              options={CADENCES.map((c) => ({ value: c, label: c === "weekly" ? "Weekly" : "Monthly" }))} />
          ) : null}
          {data.canManage ? <div><SubmitButton name="intent" value="update">Save details</SubmitButton></div> : null}
        </Form>
      </Card>
      <TemplateItems kind={kind} items={items} phases={phases} canManage={data.canManage} errors={errors} values={values} action={here} />
      <TemplateHistory history={history} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
