import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ChangeEvent } from "react";
import { loadPermissionGrid, savePermissionGrid } from "~/modules/admin/permissions.server";
import { grantKey, permissionGridSchema } from "~/modules/admin/schemas";
import { historyItems } from "~/modules/admin/users.server";
import { can, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { ACCESS_LEVELS, ACTIONS, TOOLS, levelLabel, type Action } from "~/platform/tools";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Card, FormError, PageHeader, SubmitButton } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Permissions · Admin · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "admin", "view");
  const { grid, history } = await loadPermissionGrid(args.context.db);
  return { grid, history: historyItems(history.map((h) => ({ ...h, action: `${h.action} ${h.resource_id}` }))), canManage: can(viewer, "admin", "manage") };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "admin", "manage");
  const form = await parseForm(args.request, permissionGridSchema);
  if (!form.ok) return invalid(form.errors);
  const result = await savePermissionGrid(args.context.db, viewer.userId, form.data);
  if (!result.ok) return invalid(result.errors);
  return redirect(`/admin/permissions?saved=${result.changed}`);
}

const VERB: Record<Action, string> = { view: "view", update: "update", manage: "manage" };
const GROUPS = [...new Set(TOOLS.map((t) => t.group))];

/** With JavaScript: ticking a box ticks what it implies; unticking one unticks what depends on it. */
function applyImplications(event: ChangeEvent<HTMLFormElement>) {
  const input = event.target as unknown as HTMLInputElement;
  if (input.name !== "grant") return;
  const [level, tool, action] = input.value.split(":");
  const box = (a: Action) => event.currentTarget.querySelector<HTMLInputElement>(`input[name="grant"][value="${level}:${tool}:${a}"]`);
  const set = (a: Action, checked: boolean) => {
    const el = box(a);
    if (el) el.checked = checked;
  };
  if (input.checked) {
    if (action === "manage") set("update", true);
    if (action === "manage" || action === "update") set("view", true);
  } else {
    if (action === "view") set("update", false);
    if (action === "view" || action === "update") set("manage", false);
  }
}

export default function AdminPermissions() {
  const { grid, history, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = actionData?.errors ?? {};
  const saved = params.get("saved");
  return (
    <>
      <PageHeader
        title="Permissions"
        description="What each access level may do with each tool. View shows the tool; Update lets people create and edit; Manage lets them configure it."
      />
      <p className="mb-3 text-sm text-slate-600" id="grid-rule">
        Rule: <strong>Update</strong> includes View, and <strong>Manage</strong> includes Update and View. A box implied by another is saved as ticked.
        Executives always keep Admin view and manage.
      </p>
      {saved !== null ? (
        <p role="status" className="mb-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {saved === "0" ? "No permissions changed." : `Saved. ${saved} ${saved === "1" ? "permission row" : "permission rows"} changed; they apply from each person's next page load.`}
        </p>
      ) : null}
      <FormError error={Object.values(errors)[0]} />
      <Form method="post" onChange={canManage ? applyImplications : undefined} aria-describedby="grid-rule">
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="sticky top-0 bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" rowSpan={2} className="px-3 py-2 text-left font-medium">Tool</th>
                {ACCESS_LEVELS.map((level) => (
                  <th key={level} scope="colgroup" colSpan={3} className="border-l border-slate-200 px-2 py-1 text-center font-medium">{levelLabel(level)}</th>
                ))}
              </tr>
              <tr>
                {ACCESS_LEVELS.flatMap((level) =>
                  ACTIONS.map((action, i) => (
                    <th key={`${level}-${action}`} scope="col" className={`px-1 py-1 text-center text-xs font-normal ${i === 0 ? "border-l border-slate-200" : ""}`}>
                      <abbr title={VERB[action]} className="no-underline">{VERB[action][0].toUpperCase()}</abbr>
                    </th>
                  )),
                )}
              </tr>
            </thead>
            {GROUPS.map((group) => (
              <tbody key={group} className="divide-y divide-slate-100">
                <tr className="bg-slate-50/60">
                  <th scope="rowgroup" colSpan={1 + ACCESS_LEVELS.length * 3} className="px-3 py-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">{group}</th>
                </tr>
                {TOOLS.filter((t) => t.group === group).map((tool) => (
                  <tr key={tool.key}>
                    <th scope="row" className="whitespace-nowrap px-3 py-1 text-left font-normal">{tool.label}</th>
                    {ACCESS_LEVELS.flatMap((level) =>
                      ACTIONS.map((action, i) => (
                        <td key={`${level}-${action}`} className={`px-1 py-1 text-center ${i === 0 ? "border-l border-slate-200" : ""}`}>
                          <input
                            type="checkbox"
                            name="grant"
                            value={grantKey(level, tool.key, action)}
                            defaultChecked={grid[level][tool.key][action]}
                            disabled={!canManage}
                            aria-label={`${levelLabel(level)} can ${VERB[action]} ${tool.label}`}
                            className="h-4 w-4 accent-brand-600"
                          />
                        </td>
                      )),
                    )}
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
        {canManage ? (
          <div className="mt-3 flex items-center gap-3">
            <SubmitButton>Save permissions</SubmitButton>
            <span className="text-xs text-slate-500">Changes apply from each person’s next page load.</span>
          </div>
        ) : (
          <p className="mt-3 text-sm text-slate-600">You can view the grid; changing it needs Admin manage.</p>
        )}
      </Form>
      <Card title="Recent changes" className="mt-5">
        {history.length === 0 ? (
          <p className="text-sm text-slate-600">No changes to the grid yet.</p>
        ) : (
          <ol className="divide-y divide-slate-100 text-sm">
            {history.map((h) => (
              <li key={h.id} className="py-1.5">
                <span className="font-medium">{h.actor ?? "System"}</span> {h.action}{" "}
                <span className="text-slate-600">({h.changes.map((c) => `${c.field}: ${c.from} → ${c.to}`).join(", ")})</span>{" "}
                <time dateTime={h.at} className="text-slate-500">{h.at.slice(0, 16).replace("T", " ")}</time>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
