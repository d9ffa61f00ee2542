// Who sees which squad, and who may edit (ORIGINAL §7.4): executives and heads see every
// squad; everyone else the squads they belong to (people.squad) or lead (delivery manager, tech
// lead, or a squad_leads role). Employees see general squad info; managers and up also the 4P
// sessions. Editing needs the squads or people update grant.
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { can } from "~/platform/access.server";
import type { Viewer } from "~/platform/session.server";

type SquadViewer = Pick<Viewer, "accessLevel" | "personId">;

/** SQL over `squads`: the squad is visible to the viewer. */
export function squadVisible(viewer: SquadViewer): RawBuilder<SqlBool> {
  if (viewer.accessLevel === "executive" || viewer.accessLevel === "head") return sql<SqlBool>`1 = 1`;
  if (!viewer.personId) return sql<SqlBool>`1 = 0`;
  const me = viewer.personId;
  return sql<SqlBool>`(squads.dm_person_id = ${me} OR squads.tech_lead_person_id = ${me}
    OR squads.name = (SELECT squad FROM people WHERE id = ${me})
    OR EXISTS (SELECT 1 FROM squad_leads WHERE squad_leads.squad_id = squads.id AND squad_leads.person_id = ${me}))`;
}

export function canEditSquads(viewer: Pick<Viewer, "permissions">) {
  return can(viewer, "squads", "update") || can(viewer, "people", "update");
}

/** Managers and up read the 4P sessions; so does anyone who may edit squads. */
export function canSeeSessions(viewer: Pick<Viewer, "accessLevel" | "permissions">) {
  return ["manager", "head", "executive"].includes(viewer.accessLevel) || canEditSquads(viewer);
}
