// The tasks table with its filter form (used by /tasks and /tasks/mine).
import { Form, Link, useSearchParams } from "@remix-run/react";
import { Badge, BreachBadge, Pagination, Table, td, th, useWithParams } from "./delivery";
import { Button, EmptyState, Field, SelectField } from "./form";

interface Item { id: string; label: string; value: string }
export interface TaskListRow {
  id: string; title: string; project_id: string | null; project_name: string | null; resource_type: string; status_label: string | null;
  status_color: string | null; stage_type: string | null; priority_label: string | null; priority_color: string | null; type_label: string | null;
  assignee_name: string | null; due_date: string | null; updated_at: string; response_breached: number; resolution_breached: number; parent_task_id: string | null;
}

export function TaskFilters({
  filters, lists, projects, base, showAssignee = true,
}: {
  filters: { q?: string; status: string[]; priority?: string; type?: string; assignee?: string; project?: string; due?: string; open: boolean; sort: string };
  lists: { task_status: Item[]; task_priority: Item[]; task_type: Item[] };
  projects: { id: string; name: string }[];
  base: string;
  showAssignee?: boolean;
}) {
  const [params] = useSearchParams();
  return (
    <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter tasks">
      <Field label="Search" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="Title or description" className="w-56" />
      <SelectField label="Status" name="status" defaultValue={filters.status[0] ?? ""} options={[{ value: "", label: "Any status" }, ...lists.task_status.map((s) => ({ value: s.id, label: s.label }))]} />
      <SelectField label="Priority" name="priority" defaultValue={filters.priority ?? ""} options={[{ value: "", label: "Any priority" }, ...lists.task_priority.map((s) => ({ value: s.id, label: s.label }))]} />
      <SelectField label="Type" name="type" defaultValue={filters.type ?? ""} options={[{ value: "", label: "Any type" }, ...lists.task_type.filter((t) => t.value !== "phase").map((s) => ({ value: s.id, label: s.label }))]} />
      {showAssignee ? (
        <SelectField label="Assignee" name="assignee" defaultValue={filters.assignee ?? ""} options={[{ value: "", label: "Anyone" }, { value: "me", label: "Me" }, { value: "none", label: "Unassigned" }]} />
      ) : null}
      <SelectField label="Project" name="project" defaultValue={filters.project ?? ""} options={[{ value: "", label: "All projects" }, ...projects.map((p) => ({ value: p.id, label: p.name }))]} />
      <SelectField label="Due" name="due" defaultValue={filters.due ?? ""} options={[{ value: "", label: "Any time" }, { value: "overdue", label: "Overdue" }, { value: "today", label: "Today" }, { value: "upcoming", label: "Next 7 days" }]} />
      <SelectField label="Sort" name="sort" defaultValue={filters.sort} options={[{ value: "updated", label: "Recently updated" }, { value: "due", label: "Due date" }, { value: "priority", label: "Priority" }, { value: "title", label: "Title" }]} />
      <label className="flex items-center gap-1 pb-2 text-sm"><input type="checkbox" name="open" value="1" defaultChecked={filters.open} /> Open only</label>
      <Button type="submit" variant="secondary">Apply</Button>
      {[...params.keys()].some((k) => k !== "notice") ? <Link to={base} className="py-1.5 text-sm text-brand-600 underline">Clear</Link> : null}
    </Form>
  );
}

export function TaskTable({ rows, total, totalCapped, page, pageCount, today, emptyText }: { rows: TaskListRow[]; total: number; totalCapped?: boolean; page: number; pageCount: number; today: string; emptyText: string }) {
  const withParams = useWithParams();
  return (
    <>
      <p className="mb-2 text-sm text-slate-600" role="status">{total.toLocaleString("en-AU")}{totalCapped ? "+" : ""} {total === 1 ? "task" : "tasks"}</p>
      {rows.length === 0 ? <EmptyState title="No tasks match">{emptyText}</EmptyState> : (
        <Table label="Tasks">
          <thead className="bg-slate-50 text-slate-600">
            <tr><th className={th}>Task</th><th className={th}>Project</th><th className={th}>Status</th><th className={th}>Priority</th><th className={th}>Assignee</th><th className={th}>Due</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((t) => {
              const overdue = !!t.due_date && t.due_date < today && t.stage_type !== "done";
              return (
                <tr key={t.id} data-testid="task-row">
                  <td className={td}>
                    {t.parent_task_id ? <span aria-hidden="true" className="mr-1 text-slate-300">└</span> : null}
                    <Link to={`/tasks/${t.id}`} className="font-medium text-brand-700 hover:underline">{t.title}</Link>
                    {t.type_label ? <span className="ml-1 text-xs text-slate-500">{t.type_label}</span> : null}{" "}
                    <BreachBadge response={t.response_breached} resolution={t.resolution_breached} />
                  </td>
                  <td className={td}>{t.project_id ? <Link to={`/projects/${t.project_id}`} className="hover:underline">{t.project_name}</Link> : <span className="text-slate-500">{t.resource_type}</span>}</td>
                  <td className={td}><Badge label={t.status_label} color={t.status_color} /></td>
                  <td className={td}><Badge label={t.priority_label} color={t.priority_color} /></td>
                  <td className={td}>{t.assignee_name ?? "—"}</td>
                  <td className={`${td} tabular-nums ${overdue ? "font-medium text-red-700" : ""}`}>{t.due_date ?? "—"}{overdue ? " (overdue)" : ""}</td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <Pagination page={page} pageCount={pageCount} hrefFor={(n) => withParams({ page: String(n) })} />
    </>
  );
}
