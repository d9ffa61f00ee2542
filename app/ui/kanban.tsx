// The task board: one column per status. Without JavaScript every card is its own form (status
// select + Move button, a real POST). With JavaScript, cards can also be dragged between columns
// (and moved with the keyboard through the same select); the move is posted by a fetcher and
// shown optimistically until the page data catches up.
import { Form, Link } from "@remix-run/react";
import { useBoardMoves } from "./board-moves";
import { BreachBadge } from "./delivery";
import { cx } from "./form";

export interface BoardCard {
  id: string;
  title: string;
  status_id: string | null;
  due_date: string | null;
  priority_label: string | null;
  priority_color: string | null;
  assignee_name: string | null;
  response_breached: number;
  resolution_breached: number;
}
export interface BoardColumn { id: string; label: string; color: string | null }

export function TaskBoard({
  columns, cards, counts, canMove, action, today,
}: {
  columns: BoardColumn[]; cards: BoardCard[]; counts: Record<string, number>; canMove: boolean; action: string; today: string;
}) {
  const fallback = columns[0]?.id ?? null;
  const board = useBoardMoves(cards, (card) => card.status_id ?? fallback, action, { intent: "move_task", cardField: "task_id", columnField: "status_id" });
  const statusOf = board.placeOf;

  return (
    <div className="flex gap-3 overflow-x-auto pb-2" data-testid="task-board">
      {columns.map((column) => {
        const columnCards = cards.filter((c) => statusOf(c) === column.id);
        const total = counts[column.id] ?? columnCards.length;
        return (
          <section
            key={column.id}
            aria-labelledby={`col-${column.id}`}
            data-testid={`board-column-${column.id}`}
            data-status-label={column.label}
            {...board.columnProps(column.id, canMove)}
            className={cx("flex w-72 shrink-0 flex-col rounded-lg border bg-slate-50 p-2", board.isOver(column.id) ? "border-brand-500 bg-brand-50" : "border-slate-200")}
          >
            <h3 id={`col-${column.id}`} className="mb-2 flex items-center justify-between px-1 text-sm font-semibold text-slate-700">
              <span className="flex items-center gap-1.5">
                {column.color ? <span aria-hidden="true" className="inline-block h-2 w-2 rounded-full" style={{ backgroundColor: column.color }} /> : null}
                {column.label}
              </span>
              <span className="text-xs font-normal text-slate-500">{total > columnCards.length ? `${columnCards.length} of ${total}` : columnCards.length}</span>
            </h3>
            <ul className="flex min-h-16 flex-col gap-2">
              {columnCards.map((card) => (
                <li
                  key={card.id}
                  {...board.cardProps(card.id, canMove)}
                  data-testid="board-card"
                  data-task-id={card.id}
                  className={cx("rounded-md border border-slate-200 bg-white p-2 text-sm shadow-sm", canMove && "cursor-grab", board.isDragging(card.id) && "opacity-50")}
                >
                  <Link to={`/tasks/${card.id}`} className="font-medium text-slate-900 hover:underline">{card.title}</Link>
                  <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
                    {card.priority_label ? (
                      <span className="inline-flex items-center gap-1"><span aria-hidden="true" className="inline-block h-2 w-2 rounded-full" style={{ backgroundColor: card.priority_color ?? "#94a3b8" }} />{card.priority_label}</span>
                    ) : null}
                    {card.assignee_name ? <span>· {card.assignee_name}</span> : <span>· Unassigned</span>}
                    {card.due_date ? <span className={card.due_date < today ? "font-medium text-red-700" : undefined}>· Due {card.due_date}{card.due_date < today ? " (overdue)" : ""}</span> : null}
                    <BreachBadge response={card.response_breached} resolution={card.resolution_breached} />
                  </div>
                  {canMove ? (
                    <Form method="post" action={action} className="mt-2 flex items-center gap-1" aria-label={`Move ${card.title}`}>
                      <input type="hidden" name="intent" value="move_task" />
                      <input type="hidden" name="task_id" value={card.id} />
                      <label htmlFor={`move-${card.id}`} className="sr-only">Status of {card.title}</label>
                      <select
                        id={`move-${card.id}`}
                        name="status_id"
                        defaultValue={statusOf(card) ?? ""}
                        key={statusOf(card) ?? ""}
                        className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
                      >
                        {columns.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
                      </select>
                      <button type="submit" className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50">Move</button>
                    </Form>
                  ) : null}
                </li>
              ))}
              {columnCards.length === 0 ? <li className="px-1 py-3 text-center text-xs text-slate-400">{canMove ? "Drop a card here" : "Nothing here"}</li> : null}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
