import { sql } from "kysely";
import { navItems, type NavItem } from "~/modules/shell/nav";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { newId } from "~/platform/ids";
import type { Viewer } from "~/platform/session.server";

/** The shell loads at most this many pins (session.server.ts), so that is the cap. */
export const MAX_PINS = 20;

export const FAVORITE_INTENTS = ["pin", "unpin", "up", "down"] as const;
export type FavoriteIntent = (typeof FAVORITE_INTENTS)[number];

/** The /favorites page: every tool the viewer may open, and their pins in order (no query: the viewer carries both). */
export function favoritesPage(viewer: Pick<Viewer, "permissions" | "favorites">) {
  const items = navItems(viewer.permissions);
  const pinned = viewer.favorites
    .map((key) => items.find((i) => i.key === key))
    .filter((i): i is NavItem => i !== undefined);
  return { items: items.map((i) => ({ ...i, pinned: viewer.favorites.includes(i.key) })), pinned, max: MAX_PINS };
}

export type FavoriteResult = { ok: true; message: string } | { ok: false; status: 400; error: string };

/**
 * Pin, unpin or move a tool in the viewer's sidebar favourites. Only tools the viewer may view
 * are accepted. Positions are rewritten 0..n-1 on every move (≤ 20 rows, one batch).
 */
export async function updateFavorite(db: Db, viewer: Viewer, intent: FavoriteIntent, key: string): Promise<FavoriteResult> {
  const item = navItems(viewer.permissions).find((i) => i.key === key);
  if (!item) return { ok: false, status: 400, error: "That is not a tool you can pin." };
  const order = [...viewer.favorites];
  const index = order.indexOf(key);
  switch (intent) {
    case "pin": {
      if (index >= 0) return { ok: true, message: `${item.label} is already pinned.` };
      if (order.length >= MAX_PINS) return { ok: false, status: 400, error: `You can pin up to ${MAX_PINS} tools. Unpin one first.` };
      await db.query
        .insertInto("sidebar_favorites")
        .values({
          id: newId(),
          user_id: viewer.userId,
          item_key: key,
          position: sql<number>`(SELECT coalesce(max(position), -1) + 1 FROM sidebar_favorites WHERE user_id = ${viewer.userId})`,
        })
        .onConflict((oc) => oc.columns(["user_id", "item_key"]).doNothing())
        .execute();
      return { ok: true, message: `Pinned ${item.label}.` };
    }
    case "unpin":
      await db.query.deleteFrom("sidebar_favorites").where("user_id", "=", viewer.userId).where("item_key", "=", key).execute();
      return { ok: true, message: `Unpinned ${item.label}.` };
    case "up":
    case "down": {
      if (index < 0) return { ok: false, status: 400, error: `${item.label} is not pinned.` };
      const target = intent === "up" ? index - 1 : index + 1;
      if (target < 0 || target >= order.length) return { ok: true, message: `${item.label} is already ${intent === "up" ? "first" : "last"}.` };
      [order[index], order[target]] = [order[target], order[index]];
      await batch(
        db,
        order.map((k, position) =>
          db.query.updateTable("sidebar_favorites").set({ position }).where("user_id", "=", viewer.userId).where("item_key", "=", k),
        ),
      );
      return { ok: true, message: `Moved ${item.label} ${intent}.` };
    }
  }
}
