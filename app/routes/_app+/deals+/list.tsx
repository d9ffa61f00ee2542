import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { listDeals } from "~/modules/deals/deals.server";
import { DEAL_STATUSES, DEAL_STATUS_LABELS, daysSince, formatMoney, parseDealListParams, type DealSort } from "~/modules/deals/schemas";
import { can, requireAccess } from "~/platform/access.server";
import { Notice, Pagination, Table, td, th, useWithParams } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { FilterChip, FilterLink } from "~/ui/filter-chip";
import { Button, EmptyState, Field, PageHeader, SelectField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Deal list · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "deals", "view");
  const filters = parseDealListParams(new URL(args.request.url).searchParams);
  return { filters, ...(await listDeals(args.context.db, viewer, filters)), canCreate: can(viewer, "deals", "update"), now: new Date().toISOString() };
}

export default function DealList() {
  const { filters, rows, total, valueCents, weightedCents, page, pageCount, pipelines, stages, chosenOwner, chosenCompany, canCreate, now } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const withParams = useWithParams();
  const exportParams = new URLSearchParams(params);
  exportParams.delete("page");
  exportParams.delete("notice");
  const sortHeader = (key: DealSort, label: string, right = false) => {
    const active = filters.sort === key;
    const dir = active && filters.dir === "asc" ? "desc" : "asc";
    return (
      <th scope="col" className={`${th}${right ? " text-right" : ""}`} aria-sort={active ? (filters.dir === "asc" ? "ascending" : "descending") : undefined}>
        <Link to={withParams({ sort: key, dir, page: null })} className="hover:underline">{label}{active ? <span aria-hidden="true">{filters.dir === "asc" ? " ▲" : " ▼"}</span> : null}</Link>
      </th>
    );
  };
  return (
    <>
      <PageHeader
        title="Deal list"
        description="Every deal you own or work on (managers also see their team's)."
        actions={
          <>
            <Link to="/deals" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Board</Link>
            <a href={`/deals/export.csv${exportParams.toString() ? `?${exportParams}` : ""}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50" download>Export CSV</a>
            {canCreate ? <Link to="/deals/new" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">New deal</Link> : null}
          </>
        }
      />
      <Notice />
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter deals">
        <Field label="Search" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="Deal or company" className="w-52" />
        <SelectField label="Pipeline" name="pipeline" defaultValue={filters.pipeline ?? ""} options={[{ value: "", label: "All pipelines" }, ...pipelines.map((p) => ({ value: p.id, label: p.name }))]} />
        <SelectField label="Stage" name="stage" defaultValue={filters.stage ?? ""} options={[{ value: "", label: "Any stage" }, ...stages.map((s) => ({ value: s.id, label: pipelines.length > 1 ? `${s.pipeline_name}: ${s.name}` : s.name }))]} />
        <SelectField label="Status" name="status" defaultValue={filters.status ?? ""} options={[{ value: "", label: "Any status" }, ...DEAL_STATUSES.map((s) => ({ value: s, label: DEAL_STATUS_LABELS[s] }))]} />
        <SelectField label="Owner" name="owner" defaultValue={filters.owner ?? ""} options={[{ value: "", label: "Anyone" }, { value: "me", label: "Me" }, ...(chosenOwner ? [{ value: chosenOwner.id, label: chosenOwner.name ?? chosenOwner.id }] : [])]} />
        {filters.company ? <FilterChip name="company" value={filters.company} label="Company" text={chosenCompany?.name} clearHref={withParams({ company: null, page: null })} /> : null}
        <label className="flex items-center gap-1.5 pb-1.5 text-sm"><input type="checkbox" name="rotting" value="1" defaultChecked={filters.rotting} /> Rotting only</label>
        <input type="hidden" name="sort" value={filters.sort} />
        <input type="hidden" name="dir" value={filters.dir} />
        <Button type="submit" variant="secondary">Apply</Button>
        {[...params.keys()].some((k) => k !== "notice") ? <Link to="/deals/list" className="py-1.5 text-sm text-brand-600 underline">Clear</Link> : null}
      </Form>
      <p className="mb-2 text-sm text-slate-600" role="status" data-testid="list-summary">
        {total} {total === 1 ? "deal" : "deals"} · value {formatMoney(valueCents)} · weighted {formatMoney(weightedCents)}
      </p>
      {rows.length === 0 ? (
        <EmptyState title="No deals match">{canCreate ? "Try other filters, or create a deal." : "Try other filters. Deals appear here when you own them or are on the deal team."}</EmptyState>
      ) : (
        <Table label="Deals">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              {sortHeader("title", "Deal")}
              {sortHeader("company", "Company")}
              {sortHeader("stage", "Stage")}
              {sortHeader("owner", "Owner")}
              {sortHeader("value", "Value", true)}
              {sortHeader("weighted", "Weighted", true)}
              {sortHeader("close", "Expected close")}
              <th scope="col" className={th}>Days in stage</th>
              {sortHeader("updated", "Updated")}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((d) => (
              <tr key={d.id} data-testid="deal-row">
                <td className={td}>
                  <Link to={`/deals/${d.id}`} className="font-medium text-brand-700 hover:underline">{d.title}</Link>
                  {d.status !== "open" ? <span className="ml-2 rounded bg-slate-100 px-1 text-xs">{DEAL_STATUS_LABELS[d.status]}</span> : null}
                  {d.rotting ? <span className="ml-2 rounded bg-amber-100 px-1 text-xs font-semibold text-amber-900">Rotting</span> : null}
                </td>
                <td className={td}>
                  {d.company_id ? <FilterLink to={withParams({ company: d.company_id, page: null })} text={d.company_name} title={`Only deals with ${d.company_name}`} /> : "—"}
                </td>
                <td className={td}>{d.stage_name} <span className="text-xs text-slate-500">{d.probability}%</span></td>
                <td className={td}>
                  {d.owner_id ? <FilterLink to={withParams({ owner: d.owner_id, page: null })} text={d.owner_name} title={`Only ${d.owner_name}'s deals`} /> : "—"}
                </td>
                <td className={`${td} text-right tabular-nums`}>{formatMoney(d.value_cents, d.currency)}</td>
                <td className={`${td} text-right tabular-nums`}>{formatMoney(d.weighted_cents, d.currency)}</td>
                <td className={`${td} tabular-nums`}>{d.expected_close_date ?? "—"}</td>
                <td className={`${td} tabular-nums`}>{daysSince(d.stage_entered_at, new Date(now))}</td>
                <td className={`${td} tabular-nums`}>{d.updated_at.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination page={page} pageCount={pageCount} hrefFor={(n) => withParams({ page: String(n) })} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
