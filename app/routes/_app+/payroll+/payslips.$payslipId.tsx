import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { formatMoney, formatPersonName, parseLines, payDate, type PayLineView } from "~/modules/payroll/format";
import { NO_STORE, loadPayslip } from "~/modules/payroll/payroll.server";
import { personIdSchema } from "~/modules/payroll/schemas";
import { notFound, requireAccess } from "~/platform/access.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Card, PageHeader } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Payslip · Nucleus" }];
export const headers = () => NO_STORE;

/** One payslip: the person's own, or anyone's for executives; otherwise 404. */
export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "payroll", "view");
  const id = personIdSchema.safeParse(args.params.payslipId);
  if (!id.success) throw notFound();
  const payslip = await loadPayslip(args.context.db, viewer, id.data);
  if (!payslip) throw notFound();
  return { payslip, isSelf: payslip.person_id === viewer.personId };
}

function Lines({ title, lines, currency, showUnits }: { title: string; lines: PayLineView[] | null; currency: string; showUnits?: boolean }) {
  return (
    <Card title={title}>
      {lines === null ? (
        <p className="text-sm text-slate-500">Line items are kept for the most recent payslips only; the totals above are complete.</p>
      ) : lines.length === 0 ? (
        <p className="text-sm text-slate-500">None.</p>
      ) : (
        <table className="w-full text-sm" aria-label={title}>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="py-1 text-left font-medium">Item</th>
              {showUnits ? <th scope="col" className="py-1 text-right font-medium">Units</th> : null}
              {showUnits ? <th scope="col" className="py-1 text-right font-medium">Rate</th> : null}
              <th scope="col" className="py-1 text-right font-medium">Amount</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {lines.map((l, i) => (
              <tr key={i}>
                <td className="py-1">{l.name}</td>
                {showUnits ? <td className="py-1 text-right tabular-nums">{l.units ?? "—"}</td> : null}
                {showUnits ? <td className="py-1 text-right tabular-nums">{l.rate_cents === null ? "—" : formatMoney(l.rate_cents, currency)}</td> : null}
                <td className="py-1 text-right tabular-nums">{formatMoney(l.amount_cents, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

export default function PayslipPage() {
  const { payslip: p, isSelf } = useLoaderData<typeof loader>();
  const back = isSelf ? "/payroll" : `/payroll/people/${p.person_id}`;
  const totals: [string, number][] = [
    ["Gross earnings", p.gross_cents], ["Tax (PAYG)", p.tax_cents], ["Deductions", p.deductions_cents],
    ["Reimbursements", p.reimbursements_cents], ["Net pay", p.net_cents], ["Superannuation", p.super_cents],
  ];
  return (
    <>
      <p className="mb-2 text-sm"><Link to={back} className="text-brand-700 underline">← Payslips</Link></p>
      <PageHeader
        title={`Payslip ${payDate(p.pay_date)}`}
        description={`${isSelf ? "" : `${formatPersonName(p)} · `}Pay period ${payDate(p.period_start)} – ${payDate(p.period_end)} · from Xero Payroll, cached ${p.fetched_at.slice(0, 10)}`}
      />
      <div className="space-y-4">
        <Card title="Totals">
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3" data-testid="payslip-totals">
            {totals.map(([label, value]) => (
              <div key={label}>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
                <dd className="mt-0.5 text-base font-semibold tabular-nums text-slate-900">{formatMoney(value, p.currency)}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <div className="grid gap-4 lg:grid-cols-2">
          <Lines title="Earnings" lines={parseLines(p.earnings_lines)} currency={p.currency} showUnits />
          <Lines title="Deductions" lines={parseLines(p.deduction_lines)} currency={p.currency} />
          <Lines title="Tax" lines={parseLines(p.tax_lines)} currency={p.currency} />
          <Lines title="Superannuation" lines={parseLines(p.super_lines)} currency={p.currency} />
        </div>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
