// Drag-and-drop between board columns, shared by the task board and the deal pipeline. Cards stay
// real forms (select + Move) for no-JS; with JavaScript a drop posts the same intent and fields
// through a fetcher, and cards show in their new column optimistically while it is in flight.
import { useFetcher, useFetchers } from "@remix-run/react";
import { useState, type DragEvent } from "react";

interface MoveForm {
  /** The form's `intent` value for a move (e.g. "move_task"). */
  intent: string;
  /** Field carrying the card id, and the one carrying the target column id. */
  cardField: string;
  columnField: string;
}

export function useBoardMoves<C extends { id: string }>(
  cards: C[], columnOf: (card: C) => string | null, action: string, form: MoveForm,
) {
  const fetcher = useFetcher();
  const fetchers = useFetchers();
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  // Moves still in flight win over the loader's data.
  const pending = new Map<string, string>();
  for (const f of fetchers) {
    if (f.formData?.get("intent") === form.intent) pending.set(String(f.formData.get(form.cardField)), String(f.formData.get(form.columnField)));
  }
  const placeOf = (card: C) => pending.get(card.id) ?? columnOf(card);
  const fetchAction = `${action}${action.includes("?") ? "&" : "?"}fetch=1`;

  const onDrop = (event: DragEvent, columnId: string) => {
    event.preventDefault();
    const cardId = event.dataTransfer.getData("text/plain") || dragging;
    setDragging(null);
    setOver(null);
    const card = cards.find((c) => c.id === cardId);
    if (card && placeOf(card) !== columnId) {
      fetcher.submit({ intent: form.intent, [form.cardField]: card.id, [form.columnField]: columnId }, { method: "post", action: fetchAction });
    }
  };

  return {
    fetcher,
    placeOf,
    isOver: (columnId: string) => over === columnId,
    isDragging: (cardId: string) => dragging === cardId,
    /** Spread on a column element (nothing when moves are not allowed). */
    columnProps: (columnId: string, enabled: boolean) =>
      enabled
        ? {
            onDragOver: (e: DragEvent) => { e.preventDefault(); setOver(columnId); },
            onDragLeave: () => setOver((o) => (o === columnId ? null : o)),
            onDrop: (e: DragEvent) => onDrop(e, columnId),
          }
        : {},
    /** Spread on a card element. */
    cardProps: (cardId: string, enabled: boolean) => ({
      draggable: enabled,
      onDragStart: (e: DragEvent) => { e.dataTransfer.setData("text/plain", cardId); e.dataTransfer.effectAllowed = "move"; setDragging(cardId); },
      onDragEnd: () => { setDragging(null); setOver(null); },
    }),
  };
}
