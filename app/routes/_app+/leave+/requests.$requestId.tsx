import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { data } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { decideLeave, loadLeaveRequest } from "~/modules/leave/leave.server";
import { INTEGRATION_LABELS, INTEGRATIONS } from "~/modules/leave/policy";
import { decisionSchema } from "~/modules/leave/schemas";
import { notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { Details } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, FormError, PageHeader, TextAreaField } from "~/ui/form";
import { HistoryList } from "~/ui/history-list";
import { dayRange, StatusBadge } from "~/ui/leave";

export const meta: MetaFunction = () => [{ title: "Leave request · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "leave", "view");
  const page = await loadLeaveRequest(args.context, viewer, args.params.requestId ?? "");
  if (!page) notFound();
  return page;
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "leave", "update");
  const form = await parseForm(args.request, decisionSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await decideLeave(args.context, viewer, args.params.requestId ?? "", form.data);
  if (!result.ok) {
    if (result.status === 404) notFound();
    return data({ ok: false as const, errors: result.errors }, { status: result.status });
  }
  return { ok: true as const, message: result.message, errors: {} as Record<string, string> };
}

export const ErrorBoundary = RouteErrorBoundary;

const PUSH_LABELS: Record<string, string> = {
  done: "Done", failed: "Failed", not_configured: "Not configured", reversed: "Reversed", reverse_failed: "Reverse failed",
};

export default function LeaveRequest() {
  const { request: r, history, can, overlaps } = useLoaderData<typeof loader>();
  const action = useActionData<{ ok: boolean; message?: string; errors: Record<string, string> }>();
  const [params] = useSearchParams();
  const errors = action?.errors ?? {};
  const message = action?.message ?? (params.get("submitted") ? (r.status === "approved" ? "Submitted and approved automatically." : "Submitted. Your approver has been notified.") : null);
  const ids: Record<string, string | null> = {
    xero: r.xero_leave_application_id, productive: r.productive_booking_id, google: r.google_calendar_event_id, slack: r.slack_message_ts,
  };
  const pushes = INTEGRATIONS.map((k) => ({ key: k, status: r[`${k}_status`] as string | null, error: r[`${k}_error`] as string | null, id: ids[k] ?? null }));
  return (
    <>
      <PageHeader title={`${r.person_name} — ${r.type_name}`} description={dayRange(r.start_date, r.end_date, r.start_half, r.end_half)}
        actions={<Link to="/leave" className="text-sm text-brand-700 underline">Back to leave</Link>} />
      {message ? <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="notice">{message}</p> : null}
      <FormError error={errors.form} />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card title="Request">
            <Details items={[
              ["Status", <StatusBadge key="s" status={r.status} />],
              ["Dates", dayRange(r.start_date, r.end_date, r.start_half, r.end_half)],
              ["Working days", String(r.working_days)],
              ["Hours", `${r.total_hours} h`],
              ["Notes", r.notes ?? "—"],
              ["Submitted", `${r.created_at.slice(0, 16).replace("T", " ")} by ${r.submitted_by_name ?? "—"}`],
              ["Manager approval", r.manager_approved_at ? `${r.manager_approved_by_name ?? "—"}, ${r.manager_approved_at.slice(0, 10)}` : "—"],
              ["Final approval", r.exec_approved_at ? `${r.exec_approved_by_name ?? "—"}, ${r.exec_approved_at.slice(0, 10)}` : "—"],
              ...(r.rejected_at ? [["Rejected", `${r.rejected_by_name ?? "—"}: ${r.rejection_reason ?? ""}`] as [string, string]] : []),
              ...(r.cancelled_at ? [["Cancelled", `${r.cancelled_by_name ?? "—"}${r.cancel_reason ? `: ${r.cancel_reason}` : ""}`] as [string, string]] : []),
            ]} />
          </Card>
          {can.approve || can.reject || can.cancel ? (
            <Card title="Decide">
              <div className="flex flex-wrap items-start gap-4">
                {can.approve ? (
                  <Form method="post" className="flex flex-col gap-2" aria-label="Approve">
                    <TextAreaField label="Comment (optional)" name="comment" rows={2} />
                    <Button type="submit" name="intent" value="approve">{can.approveLabel}</Button>
                  </Form>
                ) : null}
                {can.reject ? (
                  <Form method="post" className="flex flex-col gap-2" aria-label="Reject">
                    <TextAreaField label="Reason for rejecting" name="reason" rows={2} error={errors.reason} />
                    <Button type="submit" name="intent" value="reject" variant="danger">Reject</Button>
                  </Form>
                ) : null}
                {can.cancel ? (
                  <Form method="post" className="flex flex-col gap-2" aria-label="Cancel request">
                    <TextAreaField label="Why cancel? (optional)" name="reason" id="cancel-reason" rows={2} />
                    <Button type="submit" name="intent" value="cancel" variant="secondary">{r.status === "approved" ? "Cancel and reverse" : "Cancel request"}</Button>
                  </Form>
                ) : null}
              </div>
            </Card>
          ) : null}
          {overlaps.length ? (
            <Card title="What this absence overlaps">
              <div className="space-y-3" data-testid="overlaps">
                {overlaps.map((o) => (
                  <section key={o.key} aria-label={o.label}>
                    <h3 className="text-sm font-medium text-slate-800">{o.label}</h3>
                    {o.rows.length === 0 ? <p className="text-sm text-slate-500">{o.empty}</p> : (
                      <ul className="mt-1 space-y-0.5 text-sm">
                        {o.rows.map((row) => (
                          <li key={row.id}>{row.href ? <Link to={row.href} className="text-brand-700 underline">{row.title}</Link> : row.title}{row.detail ? <span className="text-slate-500"> · {row.detail}</span> : null}{row.date ? <span className="text-slate-500"> · {row.date}</span> : null}</li>
                        ))}
                      </ul>
                    )}
                  </section>
                ))}
              </div>
            </Card>
          ) : null}
          <section aria-label="History">
            <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">History</h2>
            <HistoryList entries={history} />
          </section>
        </div>
        <Card title="Integrations">
          {r.status !== "approved" && pushes.every((p) => !p.status) ? <p className="text-sm text-slate-600">Pushed to Xero, Productive, Google Calendar and Slack after final approval.</p> : (
            <ul className="space-y-2 text-sm" data-testid="integrations">
              {pushes.map((p) => (
                <li key={p.key} data-testid={`push-${p.key}`} className="rounded border border-slate-200 px-2 py-1.5">
                  <div className="flex items-center justify-between gap-2">
                    <span className="font-medium">{INTEGRATION_LABELS[p.key]}</span>
                    <span className={p.status === "failed" || p.status === "reverse_failed" ? "text-red-700" : "text-slate-600"}>{p.status ? PUSH_LABELS[p.status] ?? p.status : "Not pushed"}</span>
                  </div>
                  {p.id ? <p className="text-xs text-slate-500">Id: {p.id}</p> : null}
                  {p.error ? <p className="text-xs text-red-700" role={p.status === "failed" ? "alert" : undefined}>{p.error}</p> : null}
                  {can.retry && (p.status === "failed" || p.status === "not_configured") ? (
                    <Form method="post" className="mt-1">
                      <input type="hidden" name="integration" value={p.key} />
                      <Button type="submit" name="intent" value="retry" variant="secondary" className="text-xs">Retry {INTEGRATION_LABELS[p.key]}</Button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
