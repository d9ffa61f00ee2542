import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { data, redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { loadMyLeave, refreshMyLeaveCache, submitLeave } from "~/modules/leave/leave.server";
import { PAST_WINDOW_DAYS } from "~/modules/leave/policy";
import { leaveRequestSchema } from "~/modules/leave/schemas";
import { can, requireAccess } from "~/platform/access.server";
import { invalid, parseFormData } from "~/platform/forms.server";
import { Pagination } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, EmptyState, Field, FormError, PageHeader, SelectField, TextAreaField } from "~/ui/form";
import { CacheNote, dayRange, LeaveTabs, StatusBadge } from "~/ui/leave";

export const meta: MetaFunction = () => [{ title: "Leave · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "leave", "view");
  const page = z.coerce.number().int().min(1).max(1000).catch(1).parse(new URL(args.request.url).searchParams.get("page") ?? 1);
  const data = await loadMyLeave(args.context, viewer, page);
  return { ...data, canSubmit: can(viewer, "leave", "update") && Boolean(viewer.personId), canApprove: ["manager", "head", "executive"].includes(viewer.accessLevel), pending: viewer.pendingLeaveApprovals };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "leave", "update");
  const form = await args.request.formData();
  const intent = form.get("intent");
  if (intent === "refresh") {
    const result = await refreshMyLeaveCache(args.context, viewer);
    return data({ ok: result.ok, message: result.ok ? "Leave types and balances refreshed from Xero." : result.error, errors: {} as Record<string, string> });
  }
  const parsed = parseFormData(form, leaveRequestSchema);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await submitLeave(args.context, viewer, parsed.data, { previewOnly: intent === "preview" });
  if (!result.ok) {
    if (result.status !== 400) throw new Response(result.errors.form ?? "Not allowed", { status: result.status });
    // Echo what was typed so the re-rendered form (JavaScript off) keeps it: without this the date
    // fields came back empty and the browser's `required` check silently blocked "Submit request".
    const values = Object.fromEntries([...form.entries()].filter(([k, v]) => k !== "intent" && typeof v === "string"));
    return data({ ok: false as const, errors: result.errors, values, preview: result.preview }, { status: intent === "preview" && Object.keys(result.errors).length === 0 ? 200 : 400 });
  }
  return redirect(`/leave/requests/${result.id}?submitted=1`);
}

export const ErrorBoundary = RouteErrorBoundary;

type ActionData = { ok: boolean; message?: string; errors: Record<string, string>; values?: Record<string, unknown>; preview?: { workingDays: number; hours: number; hoursPerDay: number; holidayDates: string[]; balanceHours: number | null; typeName: string } };

export default function MyLeave() {
  const { types, balances, cache, requests, page, pageCount, canSubmit, canApprove, pending, person } = useLoaderData<typeof loader>();
  const action = useActionData<ActionData>();
  const errors = action?.errors ?? {};
  const values = (action?.values ?? {}) as Record<string, string | undefined>;
  const preview = action?.preview;
  return (
    <>
      <PageHeader title="Leave" description="Your balances, your requests and a new request. Approval goes to your manager, then an executive." />
      <LeaveTabs current="mine" pending={pending} canApprove={canApprove} />
      {action?.message ? <p role="status" className={action.ok ? "mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" : "mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"} data-testid="notice">{action.message}</p> : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Balances" className="lg:col-span-1" actions={canSubmit ? (
          <Form method="post"><Button type="submit" name="intent" value="refresh" variant="ghost" className="text-xs">Refresh from Xero</Button></Form>
        ) : null}>
          {balances.length === 0 ? <p className="text-sm text-slate-600">No balances cached yet{person?.xero_employee_id ? "" : " — you are not linked to a Xero employee"}.</p> : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="balances">
              {balances.map((b) => (
                <li key={b.leave_type_id} className="flex justify-between py-1.5"><span>{b.type_name}</span><span className="font-medium tabular-nums">{b.balance_hours} h</span></li>
              ))}
            </ul>
          )}
          <div className="mt-2 space-y-0.5">
            <CacheNote label="Balances" {...cache.balances} />
            <CacheNote label="Leave types" {...cache.types} />
          </div>
        </Card>
        {canSubmit ? (
          <Card title="Request leave" className="lg:col-span-2">
            <Form method="post" className="grid gap-3 sm:grid-cols-2" aria-label="Request leave">
              <FormError error={errors.form} />
              <SelectField label="Leave type" name="leaveTypeId" defaultValue={values.leaveTypeId} error={errors.leaveTypeId}
                options={[{ value: "", label: "Choose…" }, ...types.map((t) => {
                  const b = balances.find((x) => x.leave_type_id === t.id);
                  return { value: t.id, label: b ? `${t.name} (${b.balance_hours} h left)` : t.name };
                })]} />
              <div />
              <Field label="First day" name="startDate" type="date" required defaultValue={values.startDate} error={errors.startDate} hint={`Up to ${PAST_WINDOW_DAYS} days in the past`} />
              <Field label="Last day" name="endDate" type="date" required defaultValue={values.endDate} error={errors.endDate} />
              <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="startHalf" defaultChecked={values.startHalf === "on"} /> First day is a half day</label>
              <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="endHalf" defaultChecked={values.endHalf === "on"} /> Last day is a half day</label>
              <TextAreaField label="Notes (optional)" name="notes" rows={2} className="sm:col-span-2" defaultValue={values.notes} error={errors.notes} />
              {preview ? (
                <p className="sm:col-span-2 rounded-md bg-slate-50 px-3 py-2 text-sm" data-testid="leave-preview">
                  {preview.typeName}: <strong>{preview.hours} h</strong> over {preview.workingDays} working day{preview.workingDays === 1 ? "" : "s"} ({preview.hoursPerDay} h a day)
                  {preview.holidayDates.length ? `, skipping public holiday${preview.holidayDates.length > 1 ? "s" : ""} ${preview.holidayDates.join(", ")}` : ""}.
                  {preview.balanceHours !== null ? ` Balance: ${preview.balanceHours} h${preview.hours > preview.balanceHours ? " — not enough." : "."}` : ""}
                </p>
              ) : null}
              {errors.confirmInsufficient ? (
                <div className="sm:col-span-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" role="alert">
                  <p>{errors.confirmInsufficient}</p>
                  <label className="mt-1 flex items-center gap-2"><input type="checkbox" name="confirmInsufficient" /> Submit anyway</label>
                </div>
              ) : null}
              <div className="flex gap-2 sm:col-span-2">
                <Button type="submit" name="intent" value="submit">Submit request</Button>
                <Button type="submit" name="intent" value="preview" variant="secondary">Check hours</Button>
              </div>
            </Form>
          </Card>
        ) : null}
      </div>
      <Card title="My requests" className="mt-4">
        {requests.length === 0 ? <EmptyState title="No leave requests yet">Use the form above to request time off.</EmptyState> : (
          <table className="w-full text-sm" aria-label="My leave requests">
            <thead className="text-left text-slate-500"><tr><th className="py-1.5">Dates</th><th>Type</th><th className="text-right">Hours</th><th>Status</th></tr></thead>
            <tbody className="divide-y divide-slate-100" data-testid="my-requests">
              {requests.map((r) => (
                <tr key={r.id}>
                  <td className="py-1.5"><Link to={`/leave/requests/${r.id}`} className="text-brand-700 underline">{dayRange(r.start_date, r.end_date, r.start_half, r.end_half)}</Link></td>
                  <td>{r.type_name}</td>
                  <td className="text-right tabular-nums">{r.total_hours}</td>
                  <td><StatusBadge status={r.status} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pagination page={page} pageCount={pageCount} hrefFor={(p) => `/leave?page=${p}`} />
      </Card>
    </>
  );
}
