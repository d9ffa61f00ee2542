import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { loadHolidaysPage, refreshHolidaysNow } from "~/modules/holidays/page.server";
import { HOLIDAY_STATES, HOLIDAY_STATE_LABELS } from "~/modules/settings/schemas";
import { can, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, EmptyState, PageHeader } from "~/ui/form";
import { CacheNote } from "~/ui/leave";

export const meta: MetaFunction = () => [{ title: "Public holidays · Nucleus" }];

const query = z.object({
  year: z.coerce.number().int().min(2000).max(2100).catch(() => new Date().getUTCFullYear()),
  state: z.enum(HOLIDAY_STATES).nullable().catch(null),
});

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "holidays", "view");
  const url = new URL(args.request.url);
  const input = query.parse({ year: url.searchParams.get("year") ?? undefined, state: url.searchParams.get("state") });
  return { ...(await loadHolidaysPage(args.context, viewer, input)), canRefresh: can(viewer, "holidays", "update") };
}

export async function action(args: ActionFunctionArgs) {
  await requireAccess(args, "holidays", "update");
  const form = await parseForm(args.request, z.object({ year: z.coerce.number({ message: "Choose a year" }).int().min(2000, "Choose a year from 2000").max(2100, "Choose a year up to 2100") }));
  if (!form.ok) return invalid(form.errors);
  const result = await refreshHolidaysNow(args.context, form.data.year);
  return { ok: result.ok, message: result.ok ? `Refreshed: ${result.count} holidays from Nager.Date.` : `Nager.Date failed: ${result.error}. Showing the cached holidays.` };
}

export const ErrorBoundary = RouteErrorBoundary;

export default function Holidays() {
  const { year, state, effective, holidays, cache, canRefresh } = useLoaderData<typeof loader>();
  const action = useActionData<{ ok: boolean; message?: string }>();
  return (
    <>
      <PageHeader title="Public holidays" description={`Your holiday state is ${effective.effective}${effective.user ? " (your preference)" : " (organisation default)"}; change it in your preferences.`} />
      {action?.message ? <p role="status" className="mb-4 rounded-md bg-slate-50 px-3 py-2 text-sm" data-testid="notice">{action.message}</p> : null}
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col gap-1">Year<input name="year" type="number" defaultValue={year} className="w-24 rounded-md border border-slate-300 px-2 py-1" /></label>
        <label className="flex flex-col gap-1">State
          <select name="state" defaultValue={state} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
            {HOLIDAY_STATES.map((s) => <option key={s} value={s}>{HOLIDAY_STATE_LABELS[s]}</option>)}
          </select>
        </label>
        <Button type="submit" variant="secondary">Show</Button>
        <Link to={`/holidays?year=${year - 1}&state=${state}`} className="px-2 py-1.5 underline">{year - 1}</Link>
        <Link to={`/holidays?year=${year + 1}&state=${state}`} className="px-2 py-1.5 underline">{year + 1}</Link>
      </Form>
      <Card title={`${state} · ${year}`} actions={canRefresh ? (
        <Form method="post"><input type="hidden" name="year" value={year} /><Button type="submit" variant="ghost" className="text-xs">Refresh from Nager.Date</Button></Form>
      ) : null}>
        {holidays.length === 0 ? <EmptyState title="No holidays cached for this year">They are fetched from Nager.Date in the background; check back shortly.</EmptyState> : (
          <table className="w-full text-sm" aria-label="Public holidays">
            <thead className="text-left text-slate-500"><tr><th className="py-1.5">Date</th><th>Holiday</th><th>Applies to</th></tr></thead>
            <tbody className="divide-y divide-slate-100" data-testid="holiday-rows">
              {holidays.map((h) => (
                <tr key={h.id}><td className="py-1.5 tabular-nums">{h.date}</td><td>{h.local_name}</td><td>{h.counties ? (JSON.parse(h.counties) as string[]).join(", ") : "National"}</td></tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="mt-2"><CacheNote label="Holidays" {...cache} /></div>
      </Card>
    </>
  );
}
