import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { respond } from "~/modules/delivery/http.server";
import { applyRoadmapIntent, loadRoadmapPage } from "~/modules/delivery/roadmaps.server";
import { ROADMAP_ITEM_STATUSES, ROADMAP_ITEM_STATUS_LABELS, roadmapIntentSchema } from "~/modules/delivery/schemas";
import { can, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { ErrorList, Notice, useErrors } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, Field, PageHeader, SelectField } from "~/ui/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.roadmap.name ?? "Roadmap"} · Nucleus` }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "roadmaps", "view");
  const page = await loadRoadmapPage(args.context.db, viewer, args.params.roadmapId ?? "");
  if (!page) notFound();
  return { ...page, canEdit: can(viewer, "roadmaps", "update"), canDelete: can(viewer, "roadmaps", "manage") };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "roadmaps", "update");
  const form = await parseForm(args.request, roadmapIntentSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  return respond(args.request, await applyRoadmapIntent(args.context.db, viewer, args.params.roadmapId ?? "", form.data));
}

const STATUS_STYLE: Record<string, string> = {
  planned: "bg-slate-200 text-slate-800", in_progress: "bg-blue-200 text-blue-900", done: "bg-emerald-200 text-emerald-900", at_risk: "bg-amber-200 text-amber-900",
};
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export default function RoadmapPage() {
  const { roadmap, items, goals, people, tasks, months, canEdit, canDelete } = useLoaderData<typeof loader>();
  const errors = useErrors();
  const col = (date: string | null, fallback: number) => {
    if (!date) return fallback;
    const i = months.indexOf(date.slice(0, 7));
    return i === -1 ? (date.slice(0, 7) < months[0]! ? 0 : months.length - 1) : i;
  };
  return (
    <>
      <PageHeader title={roadmap.name} description={`${roadmap.project_name}${roadmap.description ? ` · ${roadmap.description}` : ""}`} actions={<Link to={`/projects/${roadmap.project_id}?tab=roadmap`} className="text-sm text-brand-600 underline">Back to the project</Link>} />
      <Notice />
      <ErrorList errors={errors} />
      <section aria-label="Timeline" className="mb-6 overflow-x-auto rounded-lg border border-slate-200 bg-white p-3">
        <div className="grid min-w-[40rem] gap-y-1" style={{ gridTemplateColumns: `12rem repeat(${months.length}, minmax(4rem, 1fr))` }} data-testid="roadmap-timeline">
          <div />
          {months.map((m) => <div key={m} className="border-l border-slate-100 px-1 text-xs font-medium text-slate-500">{MONTHS[Number(m.slice(5)) - 1]} {m.slice(2, 4)}</div>)}
          {items.map((item, row) => {
            const start = col(item.start_date, col(item.end_date, 0));
            const end = Math.max(start, col(item.end_date, start));
            return (
              <div key={item.id} className="contents">
                <div className="truncate pr-2 text-sm" title={item.title} style={{ gridRow: row + 2, gridColumn: 1 }}>{item.title}</div>
                <div
                  className={`rounded px-2 py-0.5 text-xs ${STATUS_STYLE[item.status] ?? ""}`}
                  style={{ gridRow: row + 2, gridColumn: `${start + 2} / ${end + 3}` }}
                  title={`${item.start_date ?? "?"} → ${item.end_date ?? "?"}`}
                >
                  {ROADMAP_ITEM_STATUS_LABELS[item.status as keyof typeof ROADMAP_ITEM_STATUS_LABELS]}{item.goal_title ? ` · ${item.goal_title}` : ""}
                </div>
              </div>
            );
          })}
        </div>
        {items.length === 0 ? <p className="mt-2 text-sm text-slate-500">No items yet.</p> : null}
      </section>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Items">
          <ul className="divide-y divide-slate-100 text-sm" data-testid="roadmap-items">
            {items.map((item) => (
              <li key={item.id} className="py-2">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">{item.title}</span>
                  {canEdit ? (
                    <Form method="post" className="flex items-center gap-1">
                      <input type="hidden" name="item_id" value={item.id} />
                      <label className="sr-only" htmlFor={`st-${item.id}`}>Status of {item.title}</label>
                      <select id={`st-${item.id}`} name="status" defaultValue={item.status} className="rounded border border-slate-300 px-1 py-0.5 text-xs">
                        {ROADMAP_ITEM_STATUSES.map((s) => <option key={s} value={s}>{ROADMAP_ITEM_STATUS_LABELS[s]}</option>)}
                      </select>
                      <Button type="submit" name="intent" value="set_item_status" variant="ghost">Save</Button>
                      <Button type="submit" name="intent" value="delete_item" variant="ghost">Delete</Button>
                    </Form>
                  ) : <span>{ROADMAP_ITEM_STATUS_LABELS[item.status as keyof typeof ROADMAP_ITEM_STATUS_LABELS]}</span>}
                </div>
                <p className="text-xs text-slate-500">{item.start_date ?? "?"} → {item.end_date ?? "?"}{item.goal_title ? ` · Goal: ${item.goal_title}` : ""}{item.owner_name ? ` · ${item.owner_name}` : ""}</p>
                <ul className="ml-4 list-disc text-xs">{tasks.filter((t) => t.roadmap_item_id === item.id).map((t) => <li key={t.id}><Link to={`/tasks/${t.id}`} className="underline">{t.title}</Link> ({t.status_label ?? "—"})</li>)}</ul>
              </li>
            ))}
          </ul>
        </Card>
        {canEdit ? (
          <Card title="Add an item">
            <Form method="post" className="space-y-2" aria-label="Add a roadmap item">
              <Field label="Title" name="title" required error={errors.title} />
              <SelectField label="Goal" name="goal_id" options={[{ value: "", label: "No goal" }, ...goals.map((g) => ({ value: g.id, label: g.title }))]} error={errors.goal_id} />
              <SelectField label="Owner" name="owner_id" options={[{ value: "", label: "Nobody" }, ...people.map((p) => ({ value: p.id, label: p.name ?? p.id }))]} error={errors.owner_id} />
              <SelectField label="Status" name="status" options={ROADMAP_ITEM_STATUSES.map((s) => ({ value: s, label: ROADMAP_ITEM_STATUS_LABELS[s] }))} />
              <div className="flex gap-2">
                <Field label="Start" name="start_date" type="date" error={errors.start_date} />
                <Field label="End" name="end_date" type="date" error={errors.end_date} />
              </div>
              <Button type="submit" name="intent" value="add_item">Add item</Button>
            </Form>
            {canDelete ? (
              <Form method="post" className="mt-4 border-t border-slate-100 pt-3" onSubmit={(e) => { if (!window.confirm("Delete this roadmap and its items?")) e.preventDefault(); }}>
                <Button type="submit" name="intent" value="delete" variant="danger">Delete roadmap</Button>
              </Form>
            ) : null}
          </Card>
        ) : null}
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
