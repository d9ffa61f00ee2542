import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import type { ReactNode } from "react";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { runListAction } from "~/modules/templates/actions.server";
import {
  CADENCES, TEMPLATES_PAGE_SIZE, TEMPLATE_TYPES, TYPE_LABELS, TYPE_SINGULAR, createSchemas, noticeText, parseTemplateType,
  rowActionSchema,
} from "~/modules/templates/schemas";
import { failureResponse, loadTemplateList } from "~/modules/templates/templates.server";
import { can, requireAccess } from "~/platform/access.server";
import { invalid, parseFormData } from "~/platform/forms.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { ActionButton, Card, EmptyState, Field, FormError, PageHeader, SelectField, SubmitButton, TextAreaField, cx } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Templates · Settings · Nucleus" }];

const querySchema = z.object({
  archived: z.literal("1").optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  notice: z.string().max(40).optional().catch(undefined),
});

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "templates", "view");
  const params = new URL(args.request.url).searchParams;
  const type = parseTemplateType(params.get("type"));
  const query = querySchema.parse(Object.fromEntries(params));
  const list = await loadTemplateList(args.context.db, type, { archived: query.archived === "1", page: query.page });
  return { ...list, query, canManage: can(viewer, "templates", "manage") };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "templates", "manage");
  const type = parseTemplateType(new URL(args.request.url).searchParams.get("type"));
  const form = await args.request.formData().catch(() => new FormData());
  const parsed = parseFormData(form, form.get("intent") === "create" ? createSchemas[type] : rowActionSchema);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const outcome = await runListAction(args.context.db, viewer.userId, type, parsed.data);
  return outcome.ok ? redirect(outcome.redirectTo) : failureResponse(outcome);
}

export default function TemplatesPage() {
  const { type, templates, profiles, total, choices, query, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData && "errors" in actionData ? actionData.errors : {};
  const notice = noticeText(query.notice ?? null);
  const here = `/settings/templates?type=${type}${query.archived ? "&archived=1" : ""}`;
  const pageCount = Math.max(1, Math.ceil(total / TEMPLATES_PAGE_SIZE));
  const detail = (id: string) => `/settings/templates/${type}/${encodeURIComponent(id)}`;
  const rowActions = (row: { id: string; is_active: number; is_locked?: number }) =>
    canManage ? (
      <div className="flex justify-end gap-1">
        <ActionButton intent="duplicate" fields={{ id: row.id }} action={here} variant="ghost">Duplicate</ActionButton>
        {row.is_active ? (
          row.is_locked ? <span className="px-3 py-1.5 text-xs text-slate-500">Locked</span> : (
            <ActionButton intent="delete" fields={{ id: row.id }} action={here} variant="ghost" confirm="Delete this template? If it was ever used it is archived instead.">Delete</ActionButton>
          )
        ) : (
          <ActionButton intent="restore" fields={{ id: row.id }} action={here} variant="ghost">Restore</ActionButton>
        )}
      </div>
    ) : null;

  return (
    <>
      <PageHeader title="Templates" description="Onboarding checklists, scorecards and review templates, and the profiles that bundle them for a role." />
      <nav aria-label="Template types" className="mb-4 border-b border-slate-200">
        <ul className="-mb-px flex flex-wrap gap-1">
          {TEMPLATE_TYPES.map((t) => (
            <li key={t}>
              <Link
                to={`/settings/templates?type=${t}`}
                aria-current={t === type ? "page" : undefined}
                className={cx("inline-block border-b-2 px-3 py-2 text-sm", t === type ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900")}
              >
                {TYPE_LABELS[t]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {notice ? <p role="status" className="mb-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{notice}</p> : null}
      <FormError error={errors.form ?? errors.id} />
      <div className="mb-2 flex items-center justify-between text-sm">
        <p role="status" className="text-slate-600">{total} {query.archived ? "archived" : "active"} {total === 1 ? TYPE_SINGULAR[type] : `${TYPE_SINGULAR[type]}s`}</p>
        <Link to={query.archived ? `/settings/templates?type=${type}` : `/settings/templates?type=${type}&archived=1`} className="text-brand-700 underline">
          {query.archived ? "Show active" : "Show archived"}
        </Link>
      </div>
      {type === "profiles" ? (
        profiles.length === 0 ? (
          <EmptyState title={query.archived ? "No archived profiles" : "No template profiles yet"}>A profile bundles an onboarding, a scorecard and a review template for a role.</EmptyState>
        ) : (
          <Table headers={["Profile", "Onboarding", "Scorecard", "Review", "Active users", ""]}>
            {profiles.map((p) => (
              <tr key={p.id}>
                <td className="px-3 py-1.5"><Link to={detail(p.id)} className="font-medium text-brand-700 hover:underline">{p.name}</Link>{p.description ? <span className="block text-xs text-slate-500">{p.description}</span> : null}</td>
                <td className="px-3 py-1.5">{p.onboarding_name ?? "—"}</td>
                <td className="px-3 py-1.5">{p.scorecard_name ?? "—"}</td>
                <td className="px-3 py-1.5">{p.review_name ?? "—"}</td>
                <td className="px-3 py-1.5 tabular-nums">{p.active_users}</td>
                <td className="px-3 py-1.5">{rowActions(p)}</td>
              </tr>
            ))}
          </Table>
        )
      ) : templates.length === 0 ? (
        <EmptyState title={query.archived ? "Nothing archived" : `No ${TYPE_SINGULAR[type]}s yet`}>{canManage && !query.archived ? "Create the first one below." : null}</EmptyState>
      ) : (
        <Table headers={["Template", ...(type === "scorecards" ? ["Cadence"] : []), "Items", "Active users", ""]}>
          {templates.map((t) => (
            <tr key={t.id}>
              <td className="px-3 py-1.5">
                <Link to={detail(t.id)} className="font-medium text-brand-700 hover:underline">{t.name}</Link>
                {t.is_locked ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">Locked · shown to everyone</span> : null}
                {t.description ? <span className="block text-xs text-slate-500">{t.description}</span> : null}
              </td>
              {type === "scorecards" ? <td className="px-3 py-1.5 capitalize">{t.cadence ?? ""}</td> : null}
              <td className="px-3 py-1.5 tabular-nums">{t.item_count}</td>
              <td className="px-3 py-1.5 tabular-nums">{t.id === "tpl-onb-common" ? "Everyone" : t.active_users}</td>
              <td className="px-3 py-1.5">{rowActions(t)}</td>
            </tr>
          ))}
        </Table>
      )}
      {pageCount > 1 ? (
        <nav aria-label="Pagination" className="mt-3 flex items-center gap-3 text-sm">
          {query.page > 1 ? <Link to={`${here}&page=${query.page - 1}`} className="text-brand-700 underline">Previous</Link> : null}
          <span>Page {query.page} of {pageCount}</span>
          {query.page < pageCount ? <Link to={`${here}&page=${query.page + 1}`} className="text-brand-700 underline">Next</Link> : null}
        </nav>
      ) : null}
      {canManage && !query.archived ? (
        <Card title={`New ${TYPE_SINGULAR[type]}`} className="mt-6 max-w-2xl">
          <Form method="post" action={`/settings/templates?type=${type}`} className="grid gap-3">
            <Field label="Name" name="name" required maxLength={120} error={errors.name} />
            <TextAreaField label="Description" name="description" rows={2} maxLength={1000} error={errors.description} />
            {type === "scorecards" ? (
              <SelectField label="Cadence" name="cadence" defaultValue="weekly" error={errors.cadence} options={CADENCES.map((c) => ({ value: c, label: c === "weekly" ? "Weekly" : "Monthly" }))} />
            ) : null}
            {type === "profiles" && choices ? (
              <div className="grid gap-3 sm:grid-cols-3">
                <SelectField label="Onboarding template" name="onboarding_template_id" error={errors.onboarding_template_id} options={[{ value: "", label: "Choose…" }, ...choices.onboarding.map((c) => ({ value: c.id, label: c.name }))]} />
                <SelectField label="Scorecard template" name="scorecard_template_id" error={errors.scorecard_template_id} options={[{ value: "", label: "Choose…" }, ...choices.scorecards.map((c) => ({ value: c.id, label: c.name }))]} />
                <SelectField label="Review template" name="review_template_id" error={errors.review_template_id} options={[{ value: "", label: "Choose…" }, ...choices.reviews.map((c) => ({ value: c.id, label: c.name }))]} />
              </div>
            ) : null}
            <div><SubmitButton name="intent" value="create">Create</SubmitButton></div>
          </Form>
        </Card>
      ) : null}
    </>
  );
}

function Table({ headers, children }: { headers: string[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <thead className="bg-slate-50 text-slate-600">
          <tr>{headers.map((h, i) => <th key={i} scope="col" className="px-3 py-2 text-left font-medium">{h ? h : <span className="sr-only">Actions</span>}</th>)}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
