// Squads (ORIGINAL §7.4): the list, a squad's page (members from people.squad, DM, tech lead,
// leads, notification routing, kickoff schedule, focus note, 4P sessions) and its edits. Every
// page is ONE batch; every edit ONE batch with its history row.
import { sql } from "kysely";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { diffFields, historyEntry, historyFor } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import type { Viewer } from "~/platform/session.server";
import { canEditSquads, canSeeSessions, squadVisible } from "./access.server";
import { LEAD_ROLE_LABELS, type SquadForm } from "./schemas";

export const SQUAD_RESOURCE = "squad";


/** The squads the viewer may see, with DM, tech lead, member and open-action counts. */
export async function loadSquadList(db: Db, viewer: Viewer) {
  const [squads] = await batch(db, [
    db.query
      .selectFrom("squads")
      .leftJoin("people as dm", "dm.id", "squads.dm_person_id")
      .leftJoin("people as tl", "tl.id", "squads.tech_lead_person_id")
      .select([
        "squads.id", "squads.name", "squads.color", "squads.kickoff_day", "squads.kickoff_time", "squads.focus_note",
        "dm.id as dm_id", "dm.first_name as dm_first_name", "dm.last_name as dm_last_name", "dm.preferred_name as dm_preferred_name", "dm.pronunciation as dm_pronunciation",
        "tl.id as tl_id", "tl.first_name as tl_first_name", "tl.last_name as tl_last_name", "tl.preferred_name as tl_preferred_name", "tl.pronunciation as tl_pronunciation",
        sql<number>`(SELECT count(*) FROM people WHERE people.squad = squads.name AND people.employment_status != 'terminated')`.as("members"),
        sql<number>`(SELECT count(*) FROM squad_actions WHERE squad_actions.squad_id = squads.id AND squad_actions.status = 'open')`.as("open_actions"),
      ])
      .where("squads.is_active", "=", 1)
      .where(squadVisible(viewer))
      .orderBy("squads.name")
      .limit(200),
  ]);
  return { squads, canEdit: canEditSquads(viewer) };
}

function squadRow(db: Db, viewer: Viewer, squadId: string) {
  return db.query
    .selectFrom("squads")
    .leftJoin("people as dm", "dm.id", "squads.dm_person_id")
    .leftJoin("people as tl", "tl.id", "squads.tech_lead_person_id")
    .select([
      "squads.id", "squads.name", "squads.color", "squads.kickoff_day", "squads.kickoff_time", "squads.focus_note",
      "squads.dm_person_id", "squads.tech_lead_person_id", "squads.updated_at",
      "dm.first_name as dm_first_name", "dm.last_name as dm_last_name", "dm.preferred_name as dm_preferred_name", "dm.pronunciation as dm_pronunciation",
      "tl.first_name as tl_first_name", "tl.last_name as tl_last_name", "tl.preferred_name as tl_preferred_name", "tl.pronunciation as tl_pronunciation",
    ])
    .where("squads.id", "=", squadId)
    .where(squadVisible(viewer));
}

/** The squad's page (ONE batch). Null when unknown or not visible. */
export async function loadSquadPage(db: Db, viewer: Viewer, squadId: string) {
  const canEdit = canEditSquads(viewer);
  const sessionsVisible = canSeeSessions(viewer);
  const visibleSquad = db.query.selectFrom("squads").select("squads.name").where("squads.id", "=", squadId).where(squadVisible(viewer));
  const [squads, members, leads, config, sessions, actions, options, history] = await batch(db, [
    squadRow(db, viewer, squadId),
    db.query
      .selectFrom("people")
      .select(["people.id", "people.first_name", "people.last_name", "people.preferred_name", "people.pronunciation", "people.title", "people.avatar_url", "people.employment_status"])
      .where("people.squad", "=", visibleSquad)
      .where("people.employment_status", "!=", "terminated")
      .orderBy("people.last_name")
      .orderBy("people.first_name")
      .limit(300),
    db.query
      .selectFrom("squad_leads")
      .innerJoin("people", "people.id", "squad_leads.person_id")
      .select(["squad_leads.id", "squad_leads.role", "people.id as person_id", "people.first_name", "people.last_name", "people.preferred_name", "people.pronunciation"])
      .where("squad_leads.squad_id", "=", squadId)
      .where(({ exists }) => exists(visibleSquad))
      .orderBy("squad_leads.role")
      .orderBy("people.last_name"),
    db.query
      .selectFrom("squad_notification_config")
      .select(["slack_channel", "notify_members_on_session", "notify_leads_on_session", "notify_assignee_on_action", "updated_at"])
      .where("squad_id", "=", squadId),
    db.query
      .selectFrom("squad_sessions")
      .select([
        "squad_sessions.id", "squad_sessions.week_start", "squad_sessions.status", "squad_sessions.brief_source", "squad_sessions.completed_at",
        sql<number>`(SELECT count(*) FROM squad_actions WHERE squad_actions.session_id = squad_sessions.id)`.as("actions"),
      ])
      .where("squad_sessions.squad_id", "=", squadId)
      .where(sql<boolean>`${sessionsVisible ? 1 : 0} = 1`)
      .where(({ exists }) => exists(visibleSquad))
      .orderBy("squad_sessions.week_start", "desc")
      .limit(12),
    db.query
      .selectFrom("squad_actions")
      .leftJoin("people", "people.id", "squad_actions.assignee_person_id")
      .select([
        "squad_actions.id", "squad_actions.title", "squad_actions.due_date", "squad_actions.session_id",
        "people.first_name", "people.last_name", "people.preferred_name", "people.pronunciation",
      ])
      .where("squad_actions.squad_id", "=", squadId)
      .where("squad_actions.status", "=", "open")
      .where(sql<boolean>`${sessionsVisible ? 1 : 0} = 1`)
      .where(({ exists }) => exists(visibleSquad))
      .orderBy(sql`squad_actions.due_date is null`)
      .orderBy("squad_actions.due_date")
      .limit(50),
    // People to choose as DM, tech lead or lead (editors are executives and heads: they see everyone).
    db.query
      .selectFrom("people")
      .select(["people.id", "people.first_name", "people.last_name", "people.preferred_name", "people.pronunciation"])
      .where("people.employment_status", "!=", "terminated")
      .where(sql<boolean>`${canEdit ? 1 : 0} = 1`)
      .orderBy("people.last_name")
      .orderBy("people.first_name")
      .limit(1000),
    historyFor(db, SQUAD_RESOURCE, sessionsVisible ? squadId : "", 20),
  ]);
  const squad = squads[0];
  if (!squad) return null;
  return { squad, members, leads, config: config[0] ?? null, sessions, actions, options, history, canEdit, sessionsVisible };
}

export type SquadResult = { ok: true; redirect?: string } | { ok: false; status: 403 | 404 } | { ok: false; status: 400; errors: Record<string, string> };

/** The squad-page forms other than opening a session (see sessions.server.ts). */
export async function updateSquad(db: Db, viewer: Viewer, squadId: string, form: Exclude<SquadForm, { intent: "open-session" }>): Promise<SquadResult> {
  if (!canEditSquads(viewer)) return { ok: false, status: 403 };
  const personIds = form.intent === "save-squad" ? [form.dm_person_id, form.tech_lead_person_id] : form.intent === "add-lead" ? [form.person_id] : [];
  const [squads, people, config, leads] = await batch(db, [
    db.query.selectFrom("squads").selectAll().where("id", "=", squadId).where(squadVisible(viewer)),
    db.query.selectFrom("people").select(["id", "first_name", "last_name"]).where("id", "in", personIds.filter((p): p is string => Boolean(p)).concat([""])),
    db.query.selectFrom("squad_notification_config").selectAll().where("squad_id", "=", squadId),
    db.query.selectFrom("squad_leads").selectAll().where("squad_id", "=", squadId),
  ]);
  const squad = squads[0];
  if (!squad) return { ok: false, status: 404 };
  const known = new Set(people.map((p) => p.id));
  const now = nowIso();
  const history = (action: string, details: Parameters<typeof historyEntry>[1]["details"], changes?: ReturnType<typeof diffFields>) =>
    historyEntry(db, { actorId: viewer.userId, resourceType: SQUAD_RESOURCE, resourceId: squadId, action, details, changes });

  switch (form.intent) {
    case "save-squad": {
      const errors: Record<string, string> = {};
      if (form.dm_person_id && !known.has(form.dm_person_id)) errors.dm_person_id = "Choose someone from the list";
      if (form.tech_lead_person_id && !known.has(form.tech_lead_person_id)) errors.tech_lead_person_id = "Choose someone from the list";
      if (Object.keys(errors).length) return { ok: false, status: 400, errors };
      const next = {
        color: form.color.toLowerCase(), dm_person_id: form.dm_person_id, tech_lead_person_id: form.tech_lead_person_id,
        kickoff_day: form.kickoff_day, kickoff_time: form.kickoff_time, focus_note: form.focus_note,
      };
      const changes = diffFields(squad, next);
      if (Object.keys(changes).length === 0) return { ok: true };
      await batch(db, [db.query.updateTable("squads").set({ ...next, updated_at: now }).where("id", "=", squadId), history("updated", undefined, changes)]);
      return { ok: true };
    }
    case "add-lead": {
      if (!known.has(form.person_id)) return { ok: false, status: 400, errors: { person_id: "Choose someone from the list" } };
      if (leads.some((l) => l.person_id === form.person_id && l.role === form.role)) {
        return { ok: false, status: 400, errors: { person_id: "They already hold that role in this squad" } };
      }
      const person = people.find((p) => p.id === form.person_id)!;
      await batch(db, [
        db.query.insertInto("squad_leads").values({ id: newId(), squad_id: squadId, person_id: form.person_id, role: form.role, created_by: viewer.userId, created_at: now }),
        history("lead_added", { person_id: form.person_id, person: `${person.first_name} ${person.last_name}`, role: LEAD_ROLE_LABELS[form.role] }),
      ]);
      return { ok: true };
    }
    case "remove-lead": {
      const lead = leads.find((l) => l.id === form.lead_id);
      if (!lead) return { ok: false, status: 404 };
      await batch(db, [
        db.query.deleteFrom("squad_leads").where("id", "=", lead.id).where("squad_id", "=", squadId),
        history("lead_removed", { person_id: lead.person_id, role: LEAD_ROLE_LABELS[lead.role as keyof typeof LEAD_ROLE_LABELS] ?? lead.role }),
      ]);
      return { ok: true };
    }
    case "save-notifications": {
      const next = {
        slack_channel: form.slack_channel,
        notify_members_on_session: form.notify_members_on_session,
        notify_leads_on_session: form.notify_leads_on_session,
        notify_assignee_on_action: form.notify_assignee_on_action,
      };
      const before = config[0] ?? { slack_channel: null, notify_members_on_session: 1, notify_leads_on_session: 1, notify_assignee_on_action: 1 };
      const changes = diffFields(before, next);
      if (config[0] && Object.keys(changes).length === 0) return { ok: true };
      await batch(db, [
        db.query
          .insertInto("squad_notification_config")
          .values({ id: newId(), squad_id: squadId, ...next, updated_by: viewer.userId, created_at: now, updated_at: now })
          .onConflict((oc) => oc.column("squad_id").doUpdateSet({ ...next, updated_by: viewer.userId, updated_at: now })),
        history("notifications_updated", undefined, changes),
      ]);
      return { ok: true };
    }
  }
}

