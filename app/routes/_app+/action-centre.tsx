import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import {
  createManualItem, loadActionCentre, saveModulePreferences, setItemCompleted, type FeedItem,
} from "~/modules/action-centre/action-items.server";
import {
  feedFiltersSchema, intentSchema, itemIdSchema, manualItemSchema, moduleInfo, preferencesSchema, TABS,
} from "~/modules/action-centre/catalogue";
import { URGENCY_LABELS, type Urgency } from "~/modules/action-centre/urgency";
import { assertCan, can, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseFormData } from "~/platform/forms.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, cx, EmptyState, Field, FormError, PageHeader, SelectField, SubmitButton, TextAreaField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Action centre · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "action-centre", "view");
  const url = new URL(args.request.url);
  const filters = feedFiltersSchema.parse(Object.fromEntries(url.searchParams));
  const data = await loadActionCentre(args.context.db, viewer, filters);
  const notice = url.searchParams.get("notice");
  return { ...data, filters, canUpdate: can(viewer, "action-centre", "update"), notice: notice === "created" || notice === "assigned" ? notice : null };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "action-centre", "view");
  const form = await args.request.formData();
  const intent = parseFormData(form, intentSchema);
  if (!intent.ok) return invalid(intent.errors);
  const { db } = args.context;
  if (intent.data.intent === "preferences") {
    const prefs = parseFormData(form, preferencesSchema);
    if (!prefs.ok) return invalid(prefs.errors);
    await saveModulePreferences(db, viewer, prefs.data["visible[]"]);
    return { ok: true as const, intent: "preferences" as const, message: "Feed modules saved." };
  }
  assertCan(viewer, "action-centre", "update");
  if (intent.data.intent === "create") {
    const input = parseFormData(form, manualItemSchema);
    if (!input.ok) return invalid({ ...input.errors }, input.values);
    const created = await createManualItem(db, viewer, input.data);
    if (!created.ok) return invalid(created.errors, input.data);
    return redirect(`/action-centre?notice=${created.assignedToSelf ? "created" : "assigned"}`);
  }
  const item = parseFormData(form, itemIdSchema);
  if (!item.ok) return invalid(item.errors);
  const done = await setItemCompleted(db, viewer, item.data.id, intent.data.intent === "complete");
  if (!done) notFound();
  return { ok: true as const, intent: intent.data.intent, id: done.id, message: `${intent.data.intent === "complete" ? "Completed" : "Reopened"}: ${done.title}` };
}

const URGENCY_STYLES: Record<Urgency, string> = {
  overdue: "bg-red-50 text-red-700 ring-red-200",
  today: "bg-amber-50 text-amber-800 ring-amber-200",
  this_week: "bg-sky-50 text-sky-800 ring-sky-200",
  normal: "bg-slate-50 text-slate-600 ring-slate-200",
};

function UrgencyPill({ urgency }: { urgency: Urgency }) {
  return (
    <span className={cx("inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1", URGENCY_STYLES[urgency])} data-urgency={urgency}>
      {urgency === "overdue" ? "⚠ " : ""}{URGENCY_LABELS[urgency]}
    </span>
  );
}

function SourceMark({ icon }: { icon: string }) {
  return <span aria-hidden className="mt-0.5 inline-flex h-5 w-6 shrink-0 items-center justify-center rounded bg-slate-100 font-mono text-[10px] font-semibold text-slate-600">{icon}</span>;
}

type ActionData = { ok: true; intent: string; id?: string; message: string } | { ok: false; errors: Record<string, string>; values?: Record<string, unknown> };

function ItemRow({ item, showAssignee, canUpdate }: { item: FeedItem; showAssignee: boolean; canUpdate: boolean }) {
  const fetcher = useFetcher<ActionData>();
  const pendingIntent = fetcher.formData?.get("intent");
  const source = moduleInfo(item.sourceModule);
  const done = pendingIntent ? pendingIntent === "complete" : item.isCompleted;
  return (
    <li className={cx("flex items-start gap-3 py-2.5", done && !item.isCompleted ? "opacity-50" : "")} data-testid="action-item" data-item-id={item.id}>
      {canUpdate ? (
        <fetcher.Form method="post" className="pt-0.5">
          <input type="hidden" name="id" value={item.id} />
          <button
            type="submit"
            name="intent"
            value={item.isCompleted ? "reopen" : "complete"}
            className={cx(
              "flex h-5 w-5 items-center justify-center rounded border text-xs focus:outline-none focus:ring-2 focus:ring-brand-500",
              done ? "border-green-600 bg-green-600 text-white" : "border-slate-400 bg-white hover:border-brand-600",
            )}
            aria-label={item.isCompleted ? `Reopen “${item.title}”` : `Complete “${item.title}”`}
            title={item.isCompleted ? "Reopen" : "Mark complete"}
          >
            {done ? "✓" : ""}
          </button>
        </fetcher.Form>
      ) : null}
      <SourceMark icon={source.icon} />
      <div className="min-w-0 flex-1">
        <p className={cx("text-sm font-medium text-slate-900", item.isCompleted && "line-through decoration-slate-400")}>{item.title}</p>
        {item.description ? <p className="mt-0.5 line-clamp-2 text-sm text-slate-600">{item.description}</p> : null}
        <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-500">
          <span>{source.label}</span>
          {item.company ? <span>{item.company}</span> : null}
          {item.contact ? <span>Contact: {item.contact}</span> : null}
          {showAssignee ? <span>For {item.assignee?.name ?? "nobody"}</span> : null}
          {item.completedAt ? <span>Completed {item.completedAt.slice(0, 10)}</span> : null}
        </p>
      </div>
      <div className="flex shrink-0 flex-col items-end gap-1">
        {item.isCompleted ? null : <UrgencyPill urgency={item.urgency} />}
        <span className="text-xs text-slate-500">{item.dueDate ? `Due ${item.dueDate}` : "No due date"}</span>
      </div>
    </li>
  );
}

export default function ActionCentre() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { filters, counts } = data;
  const href = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    next.delete("notice");
    next.delete("page");
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === "") next.delete(k);
      else next.set(k, v);
    }
    const qs = next.toString();
    return qs ? `/action-centre?${qs}` : "/action-centre";
  };
  const createErrors = actionData && !actionData.ok && navigation.state === "idle" && actionData.values && "title" in actionData.values ? actionData.errors : {};
  const createValues = Object.fromEntries(
    Object.entries((actionData && !actionData.ok ? actionData.values : undefined) ?? {}).map(([k, v]) => [k, typeof v === "string" ? v : undefined]),
  ) as Record<string, string | undefined>;
  const otherError = actionData && !actionData.ok && Object.keys(createErrors).length === 0 ? Object.values(actionData.errors)[0] : undefined;
  const notice = actionData?.ok ? actionData.message : data.notice === "assigned" ? "Action item assigned — they have been notified." : data.notice === "created" ? "Action item added to your feed." : null;
  const pageHref = (page: number) => {
    const next = new URLSearchParams(params);
    next.delete("notice");
    next.set("page", String(page));
    return `/action-centre?${next}`;
  };

  return (
    <>
      <PageHeader
        title="Action centre"
        description={data.seesAll ? "Every open item across the agency, most urgent first." : "Everything waiting on you, most urgent first."}
      />
      {otherError ? <div className="mb-4"><FormError error={`That could not be done: ${otherError}`} /></div> : null}
      {notice ? <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">{notice}</p> : null}

      <dl className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Open items by urgency">
        {(["overdue", "today", "this_week", "normal"] as const).map((u) => (
          <div key={u} className="rounded-lg border border-slate-200 bg-white px-3 py-2" data-testid={`count-${u}`}>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{URGENCY_LABELS[u]}</dt>
            <dd className={cx("text-2xl font-semibold", u === "overdue" && counts.byUrgency[u] > 0 ? "text-red-700" : "text-slate-900")}>{counts.byUrgency[u]}</dd>
          </div>
        ))}
      </dl>

      <div className="grid gap-5 lg:grid-cols-[1fr_18rem]">
        <div>
          <nav aria-label="Quick filters" className="mb-3 border-b border-slate-200">
            <ul className="-mb-px flex flex-wrap gap-1">
              {TABS.map((t) => (
                <li key={t.key}>
                  <Link
                    to={href({ tab: t.key === "all" ? null : t.key })}
                    aria-current={filters.tab === t.key ? "page" : undefined}
                    className={cx(
                      "inline-block border-b-2 px-3 py-2 text-sm",
                      filters.tab === t.key ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900",
                    )}
                  >
                    {t.label} <span className="text-xs text-slate-500">({counts.byTab[t.key]})</span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>

          <Form method="get" className="mb-3 flex flex-wrap items-end gap-3" aria-label="Filter the feed">
            {filters.tab !== "all" ? <input type="hidden" name="tab" value={filters.tab} /> : null}
            <SelectField
              label="Module"
              name="module"
              defaultValue={filters.module ?? ""}
              options={[{ value: "", label: "All modules" }, ...data.modules.map((m) => ({ value: m.key, label: m.label }))]}
            />
            {data.seesAll ? (
              <SelectField
                label="Assigned to"
                name="assignee"
                defaultValue={filters.assignee ?? ""}
                options={[{ value: "", label: "Everyone" }, { value: "me", label: "Me" }, ...data.people.map((p) => ({ value: p.id, label: p.name }))]}
              />
            ) : null}
            <SelectField
              label="Status"
              name="status"
              defaultValue={filters.status}
              options={[{ value: "open", label: "Open" }, { value: "done", label: "Completed" }]}
            />
            <Button type="submit" variant="secondary">Apply</Button>
          </Form>

          <Card>
            {data.items.length === 0 ? (
              <EmptyState title={filters.status === "done" ? "Nothing completed here yet" : "Nothing waiting here"}>
                {filters.tab !== "all" || filters.module || filters.assignee ? (
                  <Link to="/action-centre" className="text-brand-600 underline">Clear the filters</Link>
                ) : (
                  "Items from deals, meetings, reviews and more land here. Add your own with the form alongside."
                )}
              </EmptyState>
            ) : (
              <ul className="divide-y divide-slate-100" aria-label="Action items">
                {data.items.map((item) => (
                  <ItemRow key={item.id} item={item} showAssignee={data.seesAll} canUpdate={data.canUpdate} />
                ))}
              </ul>
            )}
            {data.page > 1 || data.hasNext ? (
              <nav aria-label="Pages" className="mt-3 flex items-center justify-between text-sm">
                {data.page > 1 ? <Link to={pageHref(data.page - 1)} className="text-brand-600 underline">← Previous</Link> : <span />}
                <span className="text-slate-500">Page {data.page}</span>
                {data.hasNext ? <Link to={pageHref(data.page + 1)} className="text-brand-600 underline">Next →</Link> : <span />}
              </nav>
            ) : null}
          </Card>
          <p className="mt-2 text-xs text-slate-500">Dates are in {data.timezone} (today is {data.today}).</p>
        </div>

        <div className="flex flex-col gap-4">
          {data.canUpdate ? (
            <Card title="Add an action item">
              <Form method="post" className="flex flex-col gap-3" key={data.notice ?? "new"}>
                <FormError error={createErrors.form} />
                <Field label="Title" name="title" required maxLength={200} defaultValue={createValues.title} error={createErrors.title} />
                <TextAreaField label="Description" name="description" rows={2} defaultValue={createValues.description} error={createErrors.description} />
                <SelectField
                  label="Company"
                  name="companyId"
                  defaultValue={createValues.companyId ?? ""}
                  error={createErrors.companyId}
                  options={[{ value: "", label: "No company" }, ...data.companies.map((c) => ({ value: c.id, label: c.name }))]}
                />
                <Field label="Due date" name="dueDate" type="date" defaultValue={createValues.dueDate} error={createErrors.dueDate} />
                {data.people.length > 1 ? (
                  <SelectField
                    label="Assignee"
                    name="assigneeId"
                    defaultValue={createValues.assigneeId ?? ""}
                    error={createErrors.assigneeId}
                    options={[{ value: "", label: "Me" }, ...data.people.map((p) => ({ value: p.id, label: p.name }))]}
                  />
                ) : (
                  <FormError error={createErrors.assigneeId} />
                )}
                <SubmitButton name="intent" value="create">Add item</SubmitButton>
              </Form>
            </Card>
          ) : null}

          <Card title="Modules in my feed">
            <Form method="post" className="flex flex-col gap-1">
              <fieldset>
                <legend className="sr-only">Show items from these modules</legend>
                {data.modules.map((m) => (
                  <label key={m.key} className="flex items-center justify-between gap-2 py-0.5 text-sm">
                    <span className="flex items-center gap-2">
                      <input type="checkbox" name="visible[]" value={m.key} defaultChecked={m.visible} className="h-4 w-4" />
                      <SourceMark icon={m.icon} /> {m.label}
                    </span>
                    <span className="text-xs text-slate-500">{m.visible ? counts.byModule[m.key] ?? 0 : "hidden"}</span>
                  </label>
                ))}
              </fieldset>
              <Button type="submit" name="intent" value="preferences" variant="secondary" className="mt-2 self-start">Save modules</Button>
            </Form>
          </Card>
        </div>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
