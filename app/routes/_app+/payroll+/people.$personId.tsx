import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { data, redirect } from "@remix-run/cloudflare";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { formatPersonName } from "~/modules/payroll/format";
import { NO_STORE, loadPayrollPage, refreshNotice, requestRefresh } from "~/modules/payroll/payroll.server";
import { PayrollView } from "~/modules/payroll/PayrollView";
import { payrollQuerySchema, personIdSchema, refreshSchema } from "~/modules/payroll/schemas";
import { notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { withQuery } from "~/ui/crm";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Pay · Nucleus" }];
export const headers = () => NO_STORE;

/** Someone's payroll: only the person themself or an executive; anyone else gets 404. */
export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "payroll", "view");
  const personId = personIdSchema.safeParse(args.params.personId);
  if (!personId.success) throw notFound();
  const query = payrollQuerySchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const page = await loadPayrollPage(args.context, viewer, { personId: personId.data, page: query.page });
  if (!page) throw notFound();
  return { page, query, isSelf: page.person.id === viewer.personId };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "payroll", "view");
  const personId = personIdSchema.safeParse(args.params.personId);
  if (!personId.success) throw notFound();
  const form = await parseForm(args.request, refreshSchema);
  if (!form.ok) return invalid(form.errors);
  const result = await requestRefresh(args.context, viewer, personId.data);
  if (!result.ok && result.status === 429) return data({ ok: false as const, errors: result.errors }, { status: 429 });
  if (!result.ok) throw notFound();
  return redirect(`/payroll/people/${encodeURIComponent(personId.data)}?refresh=${refreshNotice(result.outcome)}`);
}

export default function PersonPayPage() {
  const { page, query, isSelf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { pathname, search } = useLocation();
  const name = formatPersonName(page.person);
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/payroll" className="text-brand-700 underline">← Payroll</Link></p>
      <PageHeader title={isSelf ? "My pay" : `Pay: ${name}`} description={[page.person.title, "Pay summary and payslips from Xero Payroll."].filter(Boolean).join(" · ")} />
      <PayrollView
        data={page} notice={query.refresh} refreshAction={pathname}
        refreshError={actionData ? actionData.errors.intent ?? actionData.errors.form : undefined}
        hrefForPage={(p) => `${pathname}${withQuery(search, { page: p, refresh: null })}`}
      />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
