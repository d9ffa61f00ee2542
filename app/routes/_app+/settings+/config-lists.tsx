import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, useLoaderData } from "@remix-run/react";
import { applyConfigListIntent, loadConfigLists } from "~/modules/delivery/config-lists.server";
import { respond } from "~/modules/delivery/http.server";
import { configListFormSchema } from "~/modules/delivery/schemas";
import { can, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { Badge, ErrorList, Notice, useErrors } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, PageHeader } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Config lists · Settings · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "config-lists", "view");
  return { lists: await loadConfigLists(args.context.db), canManage: can(viewer, "config-lists", "manage") };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "config-lists", "manage");
  const form = await parseForm(args.request, configListFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  return respond(args.request, await applyConfigListIntent(args.context.db, viewer, form.data));
}

const STAGES = [["", "—"], ["not_started", "Not started"], ["in_progress", "In progress"], ["done", "Done"]] as const;
const input = "rounded-md border border-slate-300 px-2 py-1 text-sm";

export default function ConfigLists() {
  const { lists, canManage } = useLoaderData<typeof loader>();
  const errors = useErrors();
  return (
    <>
      <PageHeader title="Config lists" description="Dropdown options used across Nucleus: task statuses (board columns, in order), priorities (SLA rules are set per priority), task and project types. System items keep their value; deactivate an item instead of deleting it." />
      <Notice />
      <ErrorList errors={errors} />
      <div className="grid gap-4 lg:grid-cols-2">
        {lists.map((list) => (
          <Card key={list.id} title={list.name}>
            {list.description ? <p className="mb-2 text-sm text-slate-600">{list.description}</p> : null}
            <p className="mb-2 text-xs text-slate-500">Key: <code>{list.key}</code></p>
            <table className="w-full text-sm" aria-label={`${list.name} items`}>
              <thead className="text-left text-xs text-slate-500">
                <tr><th className="py-1">Item</th><th>Value</th><th>Position</th><th>Stage</th><th>Default</th><th><span className="sr-only">Actions</span></th></tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.items.map((item) => (
                  <tr key={item.id} className={item.is_active ? undefined : "text-slate-400"}>
                    {canManage ? (
                      <td colSpan={5} className="py-1">
                        <Form method="post" className="flex flex-wrap items-center gap-1" aria-label={`Edit ${item.label}`}>
                          <input type="hidden" name="item_id" value={item.id} />
                          <label className="sr-only" htmlFor={`label-${item.id}`}>Label</label>
                          <input id={`label-${item.id}`} name="label" defaultValue={item.label} className={`${input} w-28`} required />
                          <label className="sr-only" htmlFor={`value-${item.id}`}>Value</label>
                          <input id={`value-${item.id}`} name="value" defaultValue={item.value} readOnly={item.is_system === 1} className={`${input} w-24 read-only:bg-slate-50`} />
                          <label className="sr-only" htmlFor={`color-${item.id}`}>Colour</label>
                          <input id={`color-${item.id}`} name="color" defaultValue={item.color ?? ""} className={`${input} w-20`} placeholder="#hex" />
                          <label className="sr-only" htmlFor={`pos-${item.id}`}>Position</label>
                          <input id={`pos-${item.id}`} name="position" type="number" defaultValue={item.position} className={`${input} w-14`} />
                          <label className="sr-only" htmlFor={`stage-${item.id}`}>Stage</label>
                          <select id={`stage-${item.id}`} name="stage_type" defaultValue={item.stage_type ?? ""} className={input}>
                            {STAGES.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
                          </select>
                          <label className="flex items-center gap-1 text-xs"><input type="checkbox" name="is_default" defaultChecked={item.is_default === 1} /> Default</label>
                          <Button type="submit" name="intent" value="update" variant="secondary">Save</Button>
                        </Form>
                      </td>
                    ) : (
                      <>
                        <td className="py-1"><Badge label={item.label} color={item.color} /></td>
                        <td><code>{item.value}</code></td>
                        <td>{item.position}</td>
                        <td>{item.stage_type ?? "—"}</td>
                        <td>{item.is_default ? "Yes" : ""}</td>
                      </>
                    )}
                    <td className="py-1 text-right">
                      {canManage && !(item.is_system && item.is_active) ? (
                        <Form method="post">
                          <input type="hidden" name="item_id" value={item.id} />
                          <Button type="submit" name="intent" value="toggle" variant="ghost">{item.is_active ? "Deactivate" : "Activate"}</Button>
                        </Form>
                      ) : item.is_system ? <span className="text-xs text-slate-400">System</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {canManage ? (
              <Form method="post" className="mt-3 flex flex-wrap items-end gap-2 border-t border-slate-100 pt-3" aria-label={`Add to ${list.name}`}>
                <input type="hidden" name="list_id" value={list.id} />
                <label className="flex flex-col text-xs">Label<input name="label" required className={`${input} w-32`} /></label>
                <label className="flex flex-col text-xs">Value<input name="value" required className={`${input} w-28`} placeholder="lowercase_value" /></label>
                <label className="flex flex-col text-xs">Colour<input name="color" className={`${input} w-20`} placeholder="#hex" /></label>
                <label className="flex flex-col text-xs">Position<input name="position" type="number" className={`${input} w-16`} /></label>
                <label className="flex flex-col text-xs">Stage
                  <select name="stage_type" className={input}>{STAGES.map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select>
                </label>
                <Button type="submit" name="intent" value="add">Add item</Button>
              </Form>
            ) : null}
          </Card>
        ))}
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
