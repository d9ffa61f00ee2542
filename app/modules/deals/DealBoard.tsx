// The pipeline board: one column per stage with its deal cards and totals (value and weighted
// value). Without JavaScript every card is its own form (stage select + Move button, a real POST).
// With JavaScript cards can also be dragged between columns; the move is posted by a fetcher (the
// same intent and fields) and shown optimistically until the page data catches up.
import { Form, Link } from "@remix-run/react";
import { useBoardMoves } from "~/ui/board-moves";
import { cx } from "~/ui/form";
import { formatMoney, STAGE_TYPE_LABELS, type StageType } from "./schemas";

export interface DealCard {
  id: string;
  title: string;
  stage_id: string;
  value_cents: number;
  currency: string;
  company_name: string | null;
  owner_name: string | null;
  days_in_stage: number;
  rotting: number;
}
export interface DealColumn {
  id: string;
  name: string;
  probability: number;
  stage_type: string;
  rotting_days: number | null;
  count: number;
  valueCents: number;
  weightedCents: number;
}

export function DealBoard({ columns, cards, canMove, action }: { columns: DealColumn[]; cards: DealCard[]; canMove: boolean; action: string }) {
  const board = useBoardMoves(cards, (card) => card.stage_id, action, { intent: "move", cardField: "deal_id", columnField: "stage_id" });
  const stageOf = (card: DealCard) => board.placeOf(card) ?? card.stage_id;
  const error = (board.fetcher.data as { errors?: Record<string, string> } | undefined)?.errors;

  return (
    <>
      {error ? <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="board-error">{Object.values(error).join(" ")}</p> : null}
      <div className="flex gap-3 overflow-x-auto pb-2" data-testid="deal-board">
        {columns.map((column) => {
          const columnCards = cards.filter((c) => stageOf(c) === column.id);
          return (
            <section
              key={column.id}
              aria-labelledby={`col-${column.id}`}
              data-testid="deal-column"
              data-stage-name={column.name}
              {...board.columnProps(column.id, canMove)}
              className={cx("flex w-64 shrink-0 flex-col rounded-lg border bg-slate-50 p-2", board.isOver(column.id) ? "border-brand-500 bg-brand-50" : "border-slate-200")}
            >
              <header className="mb-2 px-1">
                <h3 id={`col-${column.id}`} className="flex items-center justify-between text-sm font-semibold text-slate-700">
                  <span>{column.name}</span>
                  <span className="text-xs font-normal text-slate-500">
                    {column.count > columnCards.length ? `${columnCards.length} of ${column.count}` : column.count} · {column.probability}%
                  </span>
                </h3>
                <p className="text-xs text-slate-600">
                  <span data-testid="column-value">{formatMoney(column.valueCents)}</span>
                  {column.stage_type === "open" ? <> · weighted <span data-testid="column-weighted">{formatMoney(column.weightedCents)}</span></> : <> · {STAGE_TYPE_LABELS[column.stage_type as StageType] ?? column.stage_type} (last 30 days)</>}
                </p>
              </header>
              <ul className="flex min-h-16 flex-col gap-2">
                {columnCards.map((card) => (
                  <li
                    key={card.id}
                    {...board.cardProps(card.id, canMove)}
                    data-testid="deal-card"
                    data-deal-id={card.id}
                    className={cx("deal-card", card.rotting ? "border-amber-400" : "border-slate-200", canMove && "cursor-grab", board.isDragging(card.id) && "opacity-50")}
                  >
                    <Link to={`/deals/${card.id}`} className="font-medium text-slate-900 hover:underline">{card.title}</Link>
                    <p className="text-xs text-slate-600">{card.company_name ?? "No company"}</p>
                    <p className="deal-card-facts">
                      <b>{formatMoney(card.value_cents, card.currency)}</b>
                      {` · ${card.owner_name ?? "No owner"} · ${card.days_in_stage} ${card.days_in_stage === 1 ? "day" : "days"} in stage`}
                      {card.rotting ? <span className="rounded bg-amber-100 px-1 font-semibold text-amber-900" data-testid="rotting-flag">Rotting</span> : null}
                    </p>
                    {canMove ? (
                      <Form method="post" action={action} className="deal-card-move" aria-label={`Move ${card.title}`}>
                        <input type="hidden" name="intent" value="move" />
                        <input type="hidden" name="deal_id" value={card.id} />
                        <select name="stage_id" aria-label={`Stage of ${card.title}`} defaultValue={stageOf(card)} key={stageOf(card)}>
                          {columns.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
                        </select>
                        <button type="submit">Move</button>
                      </Form>
                    ) : null}
                  </li>
                ))}
                {columnCards.length === 0 ? <li className="px-1 py-3 text-center text-xs text-slate-400">{canMove ? "Drop a deal here" : "No deals"}</li> : null}
                {column.count > columnCards.length ? (
                  <li className="px-1 text-center text-xs">
                    <Link to={`/deals/list?stage=${encodeURIComponent(column.id)}${column.stage_type === "open" ? "&status=open" : ""}`} className="text-brand-700 underline">
                      All {column.count} in {column.name}
                    </Link>
                  </li>
                ) : null}
              </ul>
            </section>
          );
        })}
      </div>
    </>
  );
}
