import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { loadLeaveCalendar } from "~/modules/leave/leave.server";
import { monthSchema } from "~/modules/leave/schemas";
import { requireAccess } from "~/platform/access.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/form";
import { CacheNote, LeaveTabs } from "~/ui/leave";

export const meta: MetaFunction = () => [{ title: "Team leave calendar · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "leave", "view");
  const month = monthSchema.catch(undefined).parse(new URL(args.request.url).searchParams.get("month") ?? undefined) ?? new Date().toISOString().slice(0, 7);
  return { ...(await loadLeaveCalendar(args.context, viewer, month)), canApprove: ["manager", "head", "executive"].includes(viewer.accessLevel), pending: viewer.pendingLeaveApprovals };
}

export const ErrorBoundary = RouteErrorBoundary;

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function addDays(date: string, n: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export default function LeaveCalendar() {
  const { month, first, last, prev, next, leave, holidays, state, holidayCache, canApprove, pending } = useLoaderData<typeof loader>();
  const offset = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7;
  const days: (string | null)[] = [...Array.from({ length: offset }, () => null)];
  for (let d = first; d <= last; d = addDays(d, 1)) days.push(d);
  while (days.length % 7) days.push(null);
  const title = new Date(`${first}T00:00:00Z`).toLocaleDateString("en-AU", { month: "long", year: "numeric", timeZone: "UTC" });
  return (
    <>
      <PageHeader title="Team leave calendar" description={`Approved and pending leave of the people you can see, and ${state} public holidays.`} />
      <LeaveTabs current="calendar" pending={pending} canApprove={canApprove} />
      <nav aria-label="Month" className="mb-3 flex items-center gap-3 text-sm">
        <Link to={`/leave/calendar?month=${prev}`} className="rounded border border-slate-300 px-2 py-1" rel="prev">← Previous month</Link>
        <h2 className="font-semibold" data-testid="calendar-month">{title}</h2>
        <Link to={`/leave/calendar?month=${next}`} className="rounded border border-slate-300 px-2 py-1" rel="next">Next month →</Link>
      </nav>
      <table className="w-full table-fixed border-collapse text-xs" aria-label={`Leave in ${title}`} data-month={month}>
        <thead><tr>{WEEKDAYS.map((d) => <th key={d} className="border border-slate-200 bg-slate-50 py-1 font-medium text-slate-600">{d}</th>)}</tr></thead>
        <tbody>
          {Array.from({ length: days.length / 7 }, (_, w) => (
            <tr key={w}>
              {days.slice(w * 7, w * 7 + 7).map((day, i) => {
                if (!day) return <td key={i} className="h-24 border border-slate-200 bg-slate-50" />;
                const hols = holidays.filter((h) => h.date === day);
                const away = leave.filter((l) => l.start_date <= day && l.end_date >= day);
                const weekend = i >= 5;
                return (
                  <td key={day} className={`h-24 border border-slate-200 p-1 align-top ${weekend ? "bg-slate-50" : "bg-white"}`} data-date={day}>
                    <div className="text-right text-slate-500">{Number(day.slice(8))}</div>
                    {hols.map((h) => <div key={h.id} className="mb-0.5 rounded bg-violet-50 px-1 text-violet-800" data-testid="calendar-holiday">🎉 {h.local_name}</div>)}
                    {!weekend ? away.map((l) => (
                      <Link key={l.id} to={`/leave/requests/${l.id}`} data-testid="calendar-leave"
                        className={`mb-0.5 block truncate rounded px-1 ${l.status === "approved" ? "bg-emerald-50 text-emerald-800" : "border border-dashed border-amber-400 bg-amber-50 text-amber-900"}`}>
                        {l.person_name}{l.status === "approved" ? "" : " (pending)"}
                      </Link>
                    )) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-2 flex flex-wrap gap-4 text-xs text-slate-600">
        <span><span className="inline-block h-2 w-3 rounded bg-emerald-200" /> Approved</span>
        <span><span className="inline-block h-2 w-3 rounded border border-dashed border-amber-400" /> Pending</span>
        <span><span className="inline-block h-2 w-3 rounded bg-violet-200" /> Public holiday</span>
      </div>
      <div className="mt-1"><CacheNote label="Public holidays" {...holidayCache} /></div>
    </>
  );
}
