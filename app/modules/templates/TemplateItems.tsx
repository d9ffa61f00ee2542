// Client-safe UI for a template's items (add, edit, reorder, delete) and its history.
import { Form } from "@remix-run/react";
import { ActionButton, Card, Field, SelectField, SubmitButton, TextAreaField } from "~/ui/form";
import type { TemplateKind } from "./schemas";

export interface ItemView {
  id: string;
  label: string;
  description: string | null;
  phase_id: string | null;
  phase_name: string | null;
  area: string | null;
  is_mandatory: number;
}
interface Phase {
  id: string;
  name: string;
  timeframe: string | null;
}

function ItemFields({ kind, phases, prefix, item, errors }: { kind: TemplateKind; phases: Phase[]; prefix: string; item?: ItemView; errors: Record<string, string> }) {
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      {kind === "onboarding" ? (
        <SelectField id={`${prefix}-phase`} label="Phase" name="phase_id" defaultValue={item?.phase_id ?? phases[0]?.id} error={errors.phase_id}
          options={phases.map((p) => ({ value: p.id, label: p.name }))} />
      ) : null}
      {kind === "reviews" ? <Field id={`${prefix}-area`} label="Area" name="area" defaultValue={item?.area ?? ""} required maxLength={80} error={errors.area} placeholder="e.g. Delivery" /> : null}
      <Field
        id={`${prefix}-label`} label={kind === "onboarding" ? "Title" : "Label"} name={kind === "onboarding" ? "title" : "label"}
        defaultValue={item?.label ?? ""} required maxLength={200} error={errors.title ?? errors.label} className="sm:col-span-2"
      />
      <TextAreaField id={`${prefix}-description`} label={kind === "onboarding" ? "Details" : "Description"} name="description" defaultValue={item?.description ?? ""} rows={2} error={errors.description} className="sm:col-span-2" />
      {kind === "reviews" ? (
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" name="is_mandatory" value="1" defaultChecked={Boolean(item?.is_mandatory)} /> Mandatory (must be rated in every review)
        </label>
      ) : null}
    </div>
  );
}

export function TemplateItems({
  kind, items, phases, canManage, errors, values, action,
}: {
  kind: TemplateKind; items: ItemView[]; phases: Phase[]; canManage: boolean;
  errors: Record<string, string>; values: Record<string, unknown>; action: string;
}) {
  const groups = kind === "onboarding"
    ? phases.map((p) => ({ key: p.id, title: `${p.name}${p.timeframe ? ` · ${p.timeframe}` : ""}`, items: items.filter((i) => i.phase_id === p.id) }))
    : [{ key: "all", title: null as string | null, items }];
  const errorsFor = (itemId: string) => (values.item_id === itemId ? errors : {});
  const addErrors = values.intent === "add_item" ? errors : {};
  return (
    <Card title={`Items (${items.length})`} className="mb-4">
      {groups.map((group) => (
        <section key={group.key} className="mb-3" aria-label={group.title ?? "Items"}>
          {group.title ? <h3 className="mb-1 text-sm font-semibold text-slate-700">{group.title}</h3> : null}
          {group.items.length === 0 ? (
            <p className="text-sm text-slate-500">No items{group.title ? " in this phase" : " yet"}.</p>
          ) : (
            <ol className="divide-y divide-slate-100 rounded-md border border-slate-100">
              {group.items.map((item, index) => (
                <li key={item.id} className="px-3 py-2" data-testid="template-item">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div className="min-w-0">
                      <p className="text-sm text-slate-900">
                        {kind === "reviews" && item.area ? <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{item.area}</span> : null}
                        {item.label}
                        {kind === "reviews" && item.is_mandatory ? <span className="ml-2 text-xs font-medium text-amber-700">Mandatory</span> : null}
                      </p>
                      {item.description ? <p className="text-xs text-slate-500">{item.description}</p> : null}
                    </div>
                    {canManage ? (
                      <div className="flex gap-1">
                        {index > 0 ? <ActionButton intent="move_item" fields={{ item_id: item.id, direction: "up" }} action={action} variant="ghost"><span aria-hidden="true">↑</span><span className="sr-only">Move {item.label} up</span></ActionButton> : null}
                        {index < group.items.length - 1 ? <ActionButton intent="move_item" fields={{ item_id: item.id, direction: "down" }} action={action} variant="ghost"><span aria-hidden="true">↓</span><span className="sr-only">Move {item.label} down</span></ActionButton> : null}
                        <ActionButton intent="delete_item" fields={{ item_id: item.id }} action={action} variant="ghost" confirm={`Delete "${item.label}"? Progress recorded against it is removed too.`}>
                          Delete<span className="sr-only"> {item.label}</span>
                        </ActionButton>
                      </div>
                    ) : null}
                  </div>
                  {canManage ? (
                    <details className="mt-1" open={values.item_id === item.id}>
                      <summary className="cursor-pointer text-xs text-brand-700">Edit<span className="sr-only"> {item.label}</span></summary>
                      <Form method="post" action={action} className="mt-2 grid gap-2">
                        <input type="hidden" name="item_id" value={item.id} />
                        <ItemFields kind={kind} phases={phases} prefix={`item-${item.id}`} item={item} errors={errorsFor(item.id)} />
                        <div><SubmitButton name="intent" value="update_item" variant="secondary">Save item</SubmitButton></div>
                      </Form>
                    </details>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}
      {canManage ? (
        <Form method="post" action={action} className="mt-4 grid gap-2 border-t border-slate-100 pt-4" aria-label="Add an item">
          <h3 className="text-sm font-semibold text-slate-700">Add an item</h3>
          <ItemFields kind={kind} phases={phases} prefix="new" errors={addErrors} />
          <div><SubmitButton name="intent" value="add_item">Add item</SubmitButton></div>
        </Form>
      ) : null}
    </Card>
  );
}

const ACTION_LABELS: Record<string, string> = {
  created: "Created", updated: "Updated", duplicated: "Created as a copy", archived: "Archived", restored: "Restored",
  deleted: "Deleted", item_added: "Item added", item_updated: "Item edited", item_deleted: "Item deleted", item_moved: "Item moved",
  assigned: "Assigned to people",
};

export function TemplateHistory({ history }: { history: { id: string; action: string; details: string | null; created_at: string; actor_name: string | null }[] }) {
  return (
    <Card title="History" className="mt-4">
      {history.length === 0 ? <p className="text-sm text-slate-500">No changes recorded yet.</p> : (
        <ol className="space-y-1 text-sm">
          {history.map((h) => {
            let item = "";
            try {
              const details = h.details ? (JSON.parse(h.details) as { item?: string; fromName?: string; users?: string[] }) : {};
              item = details.item ? `: ${details.item}` : details.fromName ? ` from ${details.fromName}` : details.users ? `: ${details.users.join(", ")}` : "";
            } catch {
              item = "";
            }
            return (
              <li key={h.id} className="flex flex-wrap gap-x-2">
                <span className="tabular-nums text-slate-500">{h.created_at.slice(0, 16).replace("T", " ")}</span>
                <span>{ACTION_LABELS[h.action] ?? h.action}{item}</span>
                <span className="text-slate-500">by {h.actor_name ?? "system"}</span>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
