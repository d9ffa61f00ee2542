// /records/:type/:id — a generic record page (title, Notes and History tabs) for every type in
// the record registry; areas embed the same components in their own detail pages.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { loadRecordPage } from "~/modules/records/records.server";
import { notFound, requireSignedIn } from "~/platform/access.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { PageHeader, cx } from "~/ui/form";
import { HistoryList } from "~/ui/history-list";
import { NotesPanel } from "~/ui/notes-panel";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.record.title ?? "Record"} · Nucleus` }];

const params = z.object({ type: z.string().min(1).max(50), id: z.string().min(1).max(200) });
const tab = z.enum(["notes", "history"]).catch("notes");

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireSignedIn(args);
  const parsed = params.safeParse(args.params);
  if (!parsed.success) notFound();
  const selected = tab.parse(new URL(args.request.url).searchParams.get("tab") ?? "notes");
  return loadRecordPage(args.context.db, viewer, parsed.data.type, parsed.data.id, selected);
}

export default function RecordPage() {
  const { record, tab: current, notes, history, mentionables, noteLevels, canUseNotes } = useLoaderData<typeof loader>();
  const location = useLocation();
  const base = location.pathname;
  const tabs = [
    { key: "notes", label: "Notes" },
    { key: "history", label: "History" },
  ] as const;
  return (
    <>
      <PageHeader
        title={record.title}
        description={record.label}
        actions={record.url !== base ? <Link to={record.url} className="text-sm text-brand-600 underline">Open {record.label.toLowerCase()} page</Link> : undefined}
      />
      <nav aria-label="Record sections" className="mb-4 flex gap-1 border-b border-slate-200">
        {tabs.map((t) => (
          <Link
            key={t.key}
            to={`${base}?tab=${t.key}`}
            aria-current={current === t.key ? "page" : undefined}
            className={cx(
              "-mb-px border-b-2 px-3 py-1.5 text-sm",
              current === t.key ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {current === "notes" && !canUseNotes ? (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">Notes on a {record.label.toLowerCase()} are confidential: only managers, heads and executives can read or add them.</p>
      ) : current === "notes" ? (
        <NotesPanel resourceType={record.type} resourceId={record.id} notes={notes} mentionables={mentionables} levels={noteLevels} redirectTo={`${base}?tab=notes`} />
      ) : (
        <HistoryList entries={history} />
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
