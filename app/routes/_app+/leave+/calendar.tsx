import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { CSSProperties } from "react";
import { loadLeaveCalendar } from "~/modules/leave/leave.server";
import { calendarQuerySchema } from "~/modules/leave/schemas";
import { requireAccess } from "~/platform/access.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, EmptyState, PageHeader } from "~/ui/form";
import { CacheNote, LeaveTabs } from "~/ui/leave";
import { Pagination } from "~/ui/pagination";

export const meta: MetaFunction = () => [{ title: "Team leave calendar · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "leave", "view");
  const query = calendarQuerySchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const month = query.month ?? new Date().toISOString().slice(0, 7);
  const data = await loadLeaveCalendar(args.context, viewer, { month, squad: query.squad, page: query.page });
  return { ...data, canApprove: ["manager", "head", "executive"].includes(viewer.accessLevel), pending: viewer.pendingLeaveApprovals };
}

export const ErrorBoundary = RouteErrorBoundary;

const WEEKDAY_INITIALS = ["S", "M", "T", "W", "T", "F", "S"];
const WEEKEND = "#f1f5f9"; // slate-100
const HOLIDAY = "#f5f3ff"; // violet-50

function addDays(date: string, n: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "8–12 Feb", "30 Jan–3 Feb", "9 Feb (½)": short enough for a bar, exact enough for a label. */
function shortRange(start: string, end: string, startHalf: number, endHalf: number) {
  const d = (iso: string) => `${Number(iso.slice(8))} ${MONTHS[Number(iso.slice(5, 7)) - 1]}${iso.slice(0, 4) === end.slice(0, 4) ? "" : ` ${iso.slice(0, 4)}`}`;
  const half = (v: number) => (v ? " (½)" : "");
  if (start === end) return `${d(start)}${half(startHalf || endHalf)}`;
  const sameMonth = start.slice(0, 7) === end.slice(0, 7);
  return `${sameMonth ? Number(start.slice(8)) : d(start)}${half(startHalf)}–${d(end)}${half(endHalf)}`;
}

/** One background for every person row: weekend and holiday columns shaded (no per-day cells). */
function columnShading(days: { date: string; weekend: boolean; holiday: boolean }[]) {
  const w = 100 / days.length;
  const stops = days.flatMap((d, i) => {
    const colour = d.holiday ? HOLIDAY : d.weekend ? WEEKEND : null;
    return colour ? [`transparent ${i * w}%`, `${colour} ${i * w}%`, `${colour} ${(i + 1) * w}%`, `transparent ${(i + 1) * w}%`] : [];
  });
  return stops.length ? `linear-gradient(to right, ${stops.join(", ")})` : "none";
}

export default function LeaveCalendar() {
  const { month, first, last, prev, next, people, total, page, pastEnd, pageSize, pageCount, squad, squads, holidays, state, holidayCache, canApprove, pending } = useLoaderData<typeof loader>();
  const holidayNames = new Map<string, string>();
  for (const h of holidays) holidayNames.set(h.date, holidayNames.has(h.date) ? `${holidayNames.get(h.date)}, ${h.local_name}` : h.local_name);
  const days: { date: string; n: number; initial: string; weekend: boolean; holiday: boolean }[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    days.push({ date: d, n: Number(d.slice(8)), initial: WEEKDAY_INITIALS[wd]!, weekend: wd === 0 || wd === 6, holiday: holidayNames.has(d) });
  }
  const col = (date: string) => (date < first ? 1 : date > last ? days.length : Number(date.slice(8)));
  const title = new Date(`${first}T00:00:00Z`).toLocaleDateString("en-AU", { month: "long", year: "numeric", timeZone: "UTC" });
  const href = (over: { month?: string; page?: number }) => {
    const params = new URLSearchParams({ month: over.month ?? month });
    if (squad) params.set("squad", squad);
    if (over.page && over.page > 1) params.set("page", String(over.page));
    return `/leave/calendar?${params}`;
  };
  const vars = { "--cal-cols": `repeat(${days.length}, minmax(0, 1fr))`, "--cal-bg": columnShading(days) } as CSSProperties;
  const from = (page - 1) * pageSize + 1;
  return (
    <>
      <PageHeader title="Team leave calendar" description={`Approved and pending leave of the people you can see, and ${state} public holidays.`} />
      <LeaveTabs current="calendar" pending={pending} canApprove={canApprove} />
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3 text-sm">
        <nav aria-label="Month" className="flex items-center gap-3">
          <Link to={href({ month: prev })} className="rounded border border-slate-300 px-2 py-1" rel="prev">← Previous month</Link>
          <h2 className="font-semibold" data-testid="calendar-month">{title}</h2>
          <Link to={href({ month: next })} className="rounded border border-slate-300 px-2 py-1" rel="next">Next month →</Link>
        </nav>
        <Form method="get" className="flex items-center gap-2" aria-label="Filter the calendar">
          <input type="hidden" name="month" value={month} />
          <label className="flex items-center gap-1.5">Squad
            <select name="squad" defaultValue={squad ?? ""} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
              <option value="">All squads</option>
              {squads.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </label>
          <Button type="submit" variant="secondary" className="text-xs">Filter</Button>
        </Form>
      </div>
      <p className="mb-2 text-sm text-slate-600" data-testid="calendar-summary" hidden={pastEnd}>
        {total === 0 ? "Nobody" : `${total} ${total === 1 ? "person" : "people"}`}{squad ? ` in ${squad}` : ""} with leave in {title}
        {pageCount > 1 ? ` · showing ${from}–${from + people.length - 1}` : ""}.
      </p>
      {pastEnd ? (
        <EmptyState title="This page is past the end of the list"><Link to={href({})} className="text-brand-700 underline">Go to the first page</Link></EmptyState>
      ) : people.length === 0 ? (
        <EmptyState title={`No leave in ${title}`}>{squad ? `Nobody in ${squad} you can see is away this month.` : "Nobody you can see is away this month."}</EmptyState>
      ) : (
        // Shared cell and bar styles sit on the table (arbitrary child variants), so each of the
        // up to 50 rows and their bars carry only what differs: HTML stays small at any scale.
        <div className="overflow-x-auto">
          <table style={vars} aria-label={`Leave in ${title}`} data-month={month}
            className="w-full min-w-[48rem] table-fixed border-collapse text-xs [&_tbody_th]:truncate [&_tbody_th]:py-1 [&_tbody_th]:pr-2 [&_tbody_th]:text-left [&_tbody_th]:font-medium [&_tbody_th]:text-slate-800 [&_tbody_td]:py-0.5 [&_tbody_td>div]:grid [&_tbody_td>div]:auto-rows-[1.25rem] [&_tbody_td>div]:gap-y-0.5 [&_tbody_td>div]:[grid-template-columns:var(--cal-cols)] [&_tbody_td>div]:[background-image:var(--cal-bg)] [&_tbody_a]:truncate [&_tbody_a]:rounded [&_tbody_a]:px-1 [&_tbody_a]:leading-5">
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="w-40 py-1 pr-2 text-left font-medium text-slate-600">Person</th>
                <th scope="col" className="py-1 font-normal">
                  <div className="grid [grid-template-columns:var(--cal-cols)] text-center text-slate-500" aria-hidden="true">
                    {days.map((d) => (
                      <span key={d.date} data-date={d.date} title={holidayNames.get(d.date)}
                        className={d.holiday ? "rounded bg-violet-100 font-semibold text-violet-800" : d.weekend ? "bg-slate-100" : undefined}>
                        {d.n}<br />{d.holiday ? "★" : d.initial}
                      </span>
                    ))}
                  </div>
                  <span className="sr-only">Days 1 to {days.length}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {people.map((p) => (
                <tr key={p.id} data-testid="calendar-person">
                  <th scope="row">{p.name}</th>
                  <td>
                    <div>
                      {p.leave.map((l) => {
                        const approved = l.status === "approved";
                        const span = shortRange(l.start_date, l.end_date, l.start_half, l.end_half);
                        return (
                          <Link key={l.id} to={`/leave/requests/${l.id}`} data-testid="calendar-leave" data-start={l.start_date}
                            style={{ gridColumn: `${col(l.start_date)}/${col(l.end_date) + 1}` }} title={`${p.name}: ${l.type_name}, ${span}${approved ? "" : " (pending)"}`}
                            className={approved ? "bg-emerald-100 text-emerald-900" : "border border-dashed border-amber-500 bg-amber-50 text-amber-900"}>
                            {approved ? "" : "Pending · "}{l.type_name}<span className="sr-only">, {span}</span>
                          </Link>
                        );
                      })}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => href({ page: p })} label="Calendar pages" />
      <div className="mt-2 flex flex-wrap gap-4 text-xs text-slate-600">
        <span><span className="inline-block h-2 w-3 rounded bg-emerald-200" /> Approved</span>
        <span><span className="inline-block h-2 w-3 rounded border border-dashed border-amber-400" /> Pending</span>
        <span><span className="inline-block h-2 w-3 rounded bg-violet-200" /> ★ Public holiday</span>
        <span><span className="inline-block h-2 w-3 rounded bg-slate-200" /> Weekend</span>
      </div>
      {holidays.length ? (
        <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-violet-800" aria-label="Public holidays">
          {holidays.map((h) => <li key={h.id} data-testid="calendar-holiday">{h.date}: {h.local_name}</li>)}
        </ul>
      ) : null}
      <div className="mt-1"><CacheNote label="Public holidays" {...holidayCache} /></div>
    </>
  );
}
