// Who sees which deals, as SQL conditions (ORIGINAL §3.4/§3.5 pattern; deals are not listed in
// §3.5, so they follow the delivery rule): executives and heads see every deal; everyone else
// sees deals where someone in their person scope (themself; a manager also everyone below them
// in people.manager_id) is the owner or on the deal team (deal_participants).
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { inPersonScope, personScope } from "~/platform/scope.server";
import type { Viewer } from "~/platform/session.server";

export type DealViewer = Pick<Viewer, "userId" | "personId" | "accessLevel">;

export const seesAllDeals = (viewer: Pick<Viewer, "accessLevel" | "personId">) => personScope(viewer).kind === "all";

/** `alias` (a deals row) is a deal the viewer may see. */
export function dealVisible(viewer: DealViewer, alias = "deals"): RawBuilder<SqlBool> {
  if (seesAllDeals(viewer)) return sql<SqlBool>`1 = 1`;
  if (!viewer.personId) return sql<SqlBool>`1 = 0`;
  // Non-correlated `in (...)` subqueries: SQLite evaluates each once per statement.
  return sql<SqlBool>`(${inPersonScope(`${alias}.owner_id`, viewer)}
    or ${sql.ref(`${alias}.id`)} in (select vis_dp.deal_id from deal_participants vis_dp where ${inPersonScope("vis_dp.person_id", viewer)}))`;
}

/** `(select id from deals where visible)`: for `deal_id in (...)`. */
export function visibleDealIds(viewer: DealViewer): RawBuilder<string> {
  return sql<string>`(select vis_d.id from deals vis_d where ${dealVisible(viewer, "vis_d")})`;
}
