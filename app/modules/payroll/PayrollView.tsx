// Client-safe view of one person's payroll: cache banner, pay summary, payslip list and the
// "Refresh now" form (a real POST; works without JavaScript).
import { Form, Link, useNavigation } from "@remix-run/react";
import { Pagination } from "~/ui/crm";
import { Button, Card, EmptyState, FormError } from "~/ui/form";
import { formatMoney, frequencyLabel, payDate } from "./format";

export interface PayrollViewData {
  linked: boolean;
  summary: {
    annualSalaryCents: number | null;
    earningsYtdCents: number | null;
    ytdFrom: string | null;
    nextPayDate: string | null;
    payFrequency: string | null;
    payCalendarName: string | null;
    currency: string;
  } | null;
  cache: { fetchedAt: string | null; updatedAgo: string | null; stale: boolean; error: string | null; errorAgo: string | null; refreshing: boolean };
  payslips: { id: string; period_start: string; period_end: string; pay_date: string; currency: string; gross_cents: number; tax_cents: number; super_cents: number; deductions_cents: number; net_cents: number }[];
  page: number;
  pageCount: number;
  total: number;
}

const REFRESH_NOTICES = {
  done: "Payroll refreshed from Xero.",
  failed: "Xero could not be reached, so the figures below are the last ones we have.",
  not_linked: "This person is not linked to a Xero employee yet, so there is nothing to refresh. An executive can link them on their profile.",
  not_configured: "Xero is not configured: connect it in Settings ▸ Connections.",
} as const;

export type RefreshNotice = keyof typeof REFRESH_NOTICES;

export function RefreshForm({ action, error }: { action: string; error?: string }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formAction === action;
  return (
    <Form method="post" action={action} className="flex flex-col items-end gap-1">
      <Button type="submit" name="intent" value="refresh" variant="secondary" aria-disabled={busy}>
        {busy ? "Refreshing…" : "Refresh now"}
      </Button>
      <FormError error={error} />
    </Form>
  );
}

export function CacheBanner({ data, notice }: { data: PayrollViewData; notice?: RefreshNotice }) {
  const { cache } = data;
  return (
    <div className="mb-4 space-y-2">
      {notice === "done" ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{REFRESH_NOTICES.done}</p>
      ) : notice && notice !== "failed" ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">{REFRESH_NOTICES[notice]}</p>
      ) : null}
      {cache.error ? (
        <div role="alert" data-testid="payroll-error" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="font-medium">
            Xero is unavailable{cache.errorAgo ? ` (last tried ${cache.errorAgo})` : ""}: showing {cache.fetchedAt ? `cached figures from ${cache.updatedAgo}` : "no cached figures yet"}.
          </p>
          <p className="mt-0.5 text-amber-800">{cache.error}</p>
        </div>
      ) : null}
      <p className="text-xs text-slate-500" data-testid="payroll-age">
        {cache.fetchedAt ? `Updated ${cache.updatedAgo} from Xero Payroll.` : "Not fetched from Xero yet."}
        {cache.refreshing ? " Refreshing in the background — reload in a moment for the latest figures." : ""}
        {!data.linked ? " Not linked to a Xero employee." : ""}
      </p>
    </div>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold tabular-nums text-slate-900">{value}</dd>
      {hint ? <dd className="text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}

export function PaySummaryCard({ data }: { data: PayrollViewData }) {
  const s = data.summary;
  if (!s) {
    return (
      <EmptyState title="No pay summary yet">
        {data.linked ? "It is being fetched from Xero; reload in a moment or use Refresh now." : "Payroll appears here once this person is linked to a Xero employee."}
      </EmptyState>
    );
  }
  return (
    <Card title="Pay summary">
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4" data-testid="pay-summary">
        <Stat label="Annual salary" value={formatMoney(s.annualSalaryCents, s.currency)} />
        <Stat label="Earnings this financial year" value={formatMoney(s.earningsYtdCents, s.currency)} hint={s.ytdFrom ? `since ${payDate(s.ytdFrom)}` : undefined} />
        <Stat label="Next pay date" value={payDate(s.nextPayDate)} />
        <Stat label="Pay frequency" value={frequencyLabel(s.payFrequency)} hint={s.payCalendarName ?? undefined} />
      </dl>
    </Card>
  );
}

export function PayslipTable({ data, hrefForPage }: { data: PayrollViewData; hrefForPage: (page: number) => string }) {
  if (data.total === 0) {
    return <EmptyState title="No payslips yet">Payslips from posted Xero pay runs appear here.</EmptyState>;
  }
  const th = "px-3 py-2 text-left font-medium";
  const num = "px-3 py-1.5 text-right tabular-nums";
  return (
    <Card title={`Payslips (${data.total})`}>
      <div className="overflow-x-auto">
        <table className="w-full text-sm" aria-label="Payslips">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className={th}>Pay date</th>
              <th scope="col" className={th}>Period</th>
              <th scope="col" className={`${th} text-right`}>Gross</th>
              <th scope="col" className={`${th} text-right`}>Tax</th>
              <th scope="col" className={`${th} text-right`}>Super</th>
              <th scope="col" className={`${th} text-right`}>Net pay</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {data.payslips.map((p) => (
              <tr key={p.id} data-testid="payslip-row">
                <td className="px-3 py-1.5"><Link to={`/payroll/payslips/${p.id}`} className="text-brand-700 underline">{payDate(p.pay_date)}</Link></td>
                <td className="px-3 py-1.5 text-slate-600">{payDate(p.period_start)} – {payDate(p.period_end)}</td>
                <td className={num}>{formatMoney(p.gross_cents, p.currency)}</td>
                <td className={num}>{formatMoney(p.tax_cents, p.currency)}</td>
                <td className={num}>{formatMoney(p.super_cents, p.currency)}</td>
                <td className={`${num} font-medium`}>{formatMoney(p.net_cents, p.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={data.page} pageCount={data.pageCount} hrefFor={hrefForPage} label="Payslip pages" />
    </Card>
  );
}

export function PayrollView({ data, notice, refreshAction, refreshError, hrefForPage }: {
  data: PayrollViewData; notice?: RefreshNotice; refreshAction: string; refreshError?: string; hrefForPage: (page: number) => string;
}) {
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1"><CacheBanner data={data} notice={notice} /></div>
        {data.linked ? <RefreshForm action={refreshAction} error={refreshError} /> : null}
      </div>
      <PaySummaryCard data={data} />
      <PayslipTable data={data} hrefForPage={hrefForPage} />
    </div>
  );
}
