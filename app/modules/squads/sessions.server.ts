// Weekly 4P kickoff sessions (ORIGINAL §7.4): opened for the current week with the four
// sections pre-filled from Nucleus data (brief.ts) and member snapshots saved; editable until
// completed; an AI brief on request (rule-based fallback, labelled); actions raised in a session
// become action-centre items (source_module 'squads'). Each step is ONE read batch and ONE write
// batch (with history and notifications).
import { sql } from "kysely";
import { raiseActionItem } from "~/modules/action-centre/action-items.server";
import { DEFAULT_TIMEZONE, localDate } from "~/modules/action-centre/urgency";
import { generateText } from "~/platform/ai.server";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Db } from "~/platform/db.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { deliverInBackground, prepareNotifications } from "~/platform/notify.server";
import type { Viewer } from "~/platform/session.server";
import { canEditSquads, canSeeSessions, squadVisible } from "./access.server";
import { briefPrompt, buildBrief, mondayOf, parseBrief, type MemberSnapshot } from "./brief";
import { SECTIONS, type SessionForm } from "./schemas";
import { SQUAD_RESOURCE } from "./squads.server";

export const SESSION_RESOURCE = "squad_session";
export const ACTION_RESOURCE = "squad_action";

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** This week's Monday in the organisation's time zone. */
export function currentWeekStart(now = new Date()) {
  return mondayOf(localDate(now, DEFAULT_TIMEZONE));
}

const sessionUrl = (squadId: string, sessionId: string) => `/squads/${encodeURIComponent(squadId)}/sessions/${encodeURIComponent(sessionId)}`;

/** Everything the brief is built from, for a squad and week (queries for one batch). */
function briefQueries(db: Db, squadId: string, weekStart: string) {
  const squadName = db.query.selectFrom("squads").select("name").where("id", "=", squadId);
  const memberIds = db.query.selectFrom("people").select("id").where("squad", "=", squadName).where("employment_status", "!=", "terminated");
  const lastWeek = addDays(weekStart, -7);
  return [
    db.query
      .selectFrom("people")
      .select(["id", "first_name", "last_name", "preferred_name", "pronunciation", "start_date", "employment_status", "weekly_capacity_hours", "user_id"])
      .where("squad", "=", squadName)
      .where("employment_status", "!=", "terminated")
      .orderBy("last_name")
      .limit(300),
    db.query
      .selectFrom("action_items")
      .select(["title", "due_date", "assigned_person_id"])
      .where("is_completed", "=", 0)
      .where("assigned_person_id", "in", memberIds)
      .orderBy(sql`due_date is null`)
      .orderBy("due_date")
      .limit(200),
    db.query
      .selectFrom("action_items")
      .select(["title", "due_date", "assigned_person_id"])
      .where("is_completed", "=", 1)
      .where("completed_at", ">=", lastWeek)
      .where("completed_at", "<", weekStart)
      .where("assigned_person_id", "in", memberIds)
      .orderBy("completed_at", "desc")
      .limit(200),
    db.query
      .selectFrom("squad_actions")
      .select(["title", "due_date", "assignee_person_id"])
      .where("squad_id", "=", squadId)
      .where("status", "=", "open")
      .orderBy("created_at")
      .limit(50),
    db.query
      .selectFrom("squad_actions")
      .select(["title", "due_date", "assignee_person_id"])
      .where("squad_id", "=", squadId)
      .where("status", "=", "done")
      .where("completed_at", ">=", lastWeek)
      .orderBy("completed_at", "desc")
      .limit(50),
    db.query
      .selectFrom("history")
      .select(["resource_id", "details", "created_at"])
      .where("resource_type", "=", "person")
      .where("resource_id", "in", memberIds)
      .where("created_at", ">=", addDays(weekStart, -14))
      .where("details", "like", '%"title"%')
      .orderBy("created_at", "desc")
      .limit(50),
  ] as const;
}

type BriefRows = Awaited<ReturnType<typeof batch<ReturnType<typeof briefQueries>>>>;

function briefFrom(squadName: string, weekStart: string, rows: BriefRows) {
  const [members, openItems, completedItems, openSquadActions, doneSquadActions, memberChanges] = rows;
  return buildBrief({ squadName, weekStart, members, openItems, completedItems, openSquadActions, doneSquadActions, memberChanges });
}

export type SessionResult =
  | { ok: true; redirect: string }
  | { ok: false; status: 403 | 404 }
  | { ok: false; status: 400; errors: Record<string, string> };

/**
 * Opens this week's session for the squad (or returns the one already open): sections
 * pre-filled, member snapshot saved, history and notifications in the same batch.
 */
export async function openSession(context: AppLoadContext, viewer: Viewer, squadId: string, now = new Date()): Promise<SessionResult> {
  const { db } = context;
  if (!canEditSquads(viewer)) return { ok: false, status: 403 };
  const weekStart = currentWeekStart(now);
  const [squads, existing, config, leads, ...rows] = await batch(db, [
    db.query.selectFrom("squads").select(["id", "name"]).where("id", "=", squadId).where(squadVisible(viewer)),
    db.query.selectFrom("squad_sessions").select("id").where("squad_id", "=", squadId).where("week_start", "=", weekStart),
    db.query.selectFrom("squad_notification_config").selectAll().where("squad_id", "=", squadId),
    // The DM, tech lead and squad leads' user accounts.
    db.query
      .selectFrom("people")
      .select("user_id")
      .where("user_id", "is not", null)
      .where((eb) =>
        eb.or([
          eb("id", "in", eb.selectFrom("squads").select("dm_person_id").where("id", "=", squadId)),
          eb("id", "in", eb.selectFrom("squads").select("tech_lead_person_id").where("id", "=", squadId)),
          eb("id", "in", eb.selectFrom("squad_leads").select("person_id").where("squad_id", "=", squadId)),
        ]),
      ),
    ...briefQueries(db, squadId, weekStart),
  ]);
  const squad = squads[0];
  if (!squad) return { ok: false, status: 404 };
  if (existing[0]) return { ok: true, redirect: sessionUrl(squadId, existing[0].id) };
  const brief = briefFrom(squad.name, weekStart, rows as unknown as BriefRows);
  const id = newId();
  const at = nowIso(now);
  const members = (rows as unknown as BriefRows)[0];
  const settings = config[0] ?? { notify_members_on_session: 1, notify_leads_on_session: 1 };
  const recipients: string[] = settings.notify_leads_on_session === 1 ? leads.map((l) => l.user_id).filter((u): u is string => Boolean(u)) : [];
  if (settings.notify_members_on_session === 1) recipients.push(...members.map((m) => m.user_id).filter((u): u is string => Boolean(u)));
  const notifications = prepareNotifications(db, {
    userIds: [...new Set(recipients)].filter((u) => u !== viewer.userId),
    type: "squad_session",
    title: `${squad.name} kickoff for the week of ${weekStart} is open`,
    body: "Progress, Plans, Problems and Promotions are pre-filled from this week's data.",
    actionUrl: sessionUrl(squadId, id),
    resourceType: SESSION_RESOURCE,
    resourceId: id,
  });
  try {
    await batch(db, [
      db.query.insertInto("squad_sessions").values({
        id, squad_id: squadId, week_start: weekStart, status: "draft", ...brief.sections, brief_source: "rules",
        snapshot: JSON.stringify(brief.snapshot), created_by: viewer.userId, facilitator_person_id: viewer.personId, created_at: at, updated_at: at,
      }),
      historyEntry(db, { actorId: viewer.userId, resourceType: SQUAD_RESOURCE, resourceId: squadId, action: "session_opened", details: { session_id: id, week_start: weekStart } }),
      historyEntry(db, { actorId: viewer.userId, resourceType: SESSION_RESOURCE, resourceId: id, action: "created", details: { week_start: weekStart, members: brief.snapshot.length } }),
      ...notifications.inserts,
    ]);
  } catch (e) {
    // Someone opened it at the same moment (UNIQUE squad_id + week_start): go to theirs.
    const raced = await db.query.selectFrom("squad_sessions").select("id").where("squad_id", "=", squadId).where("week_start", "=", weekStart).executeTakeFirst();
    if (raced) return { ok: true, redirect: sessionUrl(squadId, raced.id) };
    throw e;
  }
  context.waitUntil(deliverInBackground(context, notifications.ids));
  return { ok: true, redirect: sessionUrl(squadId, id) };
}

function sessionRow(db: Db, viewer: Viewer, squadId: string, sessionId: string) {
  return db.query
    .selectFrom("squad_sessions")
    .innerJoin("squads", "squads.id", "squad_sessions.squad_id")
    .leftJoin("users", "users.id", "squad_sessions.created_by")
    .select([
      "squad_sessions.id", "squad_sessions.week_start", "squad_sessions.status", "squad_sessions.progress", "squad_sessions.plans",
      "squad_sessions.problems", "squad_sessions.promotions", "squad_sessions.brief_source", "squad_sessions.snapshot",
      "squad_sessions.completed_at", "squad_sessions.created_at", "squad_sessions.updated_at",
      "squads.id as squad_id", "squads.name as squad_name", "squads.color as squad_color", "users.name as created_by_name",
    ])
    .where("squad_sessions.id", "=", sessionId)
    .where("squad_sessions.squad_id", "=", squadId)
    .where(squadVisible(viewer));
}

/** The session page (ONE batch). Null when unknown, not visible, or sessions are not for this viewer. */
export async function loadSession(db: Db, viewer: Viewer, squadId: string, sessionId: string) {
  if (!canSeeSessions(viewer)) return null;
  const [sessions, actions, members] = await batch(db, [
    sessionRow(db, viewer, squadId, sessionId),
    db.query
      .selectFrom("squad_actions")
      .leftJoin("people", "people.id", "squad_actions.assignee_person_id")
      .leftJoin("action_items", (join) =>
        join.onRef("action_items.source_id", "=", "squad_actions.id").on("action_items.source_module", "=", "squads").on("action_items.source_type", "=", "squad_action"),
      )
      .select([
        "squad_actions.id", "squad_actions.title", "squad_actions.due_date", "squad_actions.status", "squad_actions.completed_at",
        "people.id as assignee_id", "people.first_name", "people.last_name", "people.preferred_name", "people.pronunciation",
        "action_items.id as action_item_id", "action_items.is_completed as item_completed",
      ])
      .where("squad_actions.session_id", "=", sessionId)
      .where("squad_actions.squad_id", "=", squadId)
      .orderBy("squad_actions.created_at")
      .limit(100),
    db.query
      .selectFrom("people")
      .select(["people.id", "people.first_name", "people.last_name", "people.preferred_name", "people.pronunciation"])
      .where("people.squad", "=", db.query.selectFrom("squads").select("name").where("id", "=", squadId))
      .where("people.employment_status", "!=", "terminated")
      .orderBy("people.last_name")
      .limit(300),
  ]);
  const session = sessions[0];
  if (!session) return null;
  let snapshot: MemberSnapshot[] = [];
  try {
    snapshot = JSON.parse(session.snapshot) as MemberSnapshot[];
  } catch {
    snapshot = [];
  }
  return {
    session: { ...session, snapshot },
    actions: actions.map((a) => ({ ...a, done: a.status === "done" || a.item_completed === 1 })),
    members,
    canEdit: canEditSquads(viewer),
  };
}

/** Save, AI brief, complete/reopen, and actions on a session. */
export async function updateSession(context: AppLoadContext, viewer: Viewer, squadId: string, sessionId: string, form: SessionForm): Promise<SessionResult> {
  const { db } = context;
  if (!canEditSquads(viewer)) return { ok: false, status: 403 };
  const [sessions, config, assignees, actions] = await batch(db, [
    sessionRow(db, viewer, squadId, sessionId),
    db.query.selectFrom("squad_notification_config").selectAll().where("squad_id", "=", squadId),
    db.query
      .selectFrom("people")
      .select(["id", "user_id", "first_name", "last_name", "squad"])
      .where("id", "=", form.intent === "add-action" ? form.assignee_person_id ?? "" : ""),
    db.query
      .selectFrom("squad_actions")
      .select(["id", "title", "status", "assignee_person_id", "due_date"])
      .where("session_id", "=", sessionId)
      .where("id", "=", "action_id" in form ? form.action_id : ""),
  ]);
  const session = sessions[0];
  if (!session) return { ok: false, status: 404 };
  const here = sessionUrl(squadId, sessionId);
  const now = nowIso();
  const locked = session.status === "completed";
  const lockedError = { ok: false as const, status: 400 as const, errors: { form: "This session is completed. Reopen it to change it." } };
  const sessionHistory = (action: string, details?: Record<string, unknown>) =>
    historyEntry(db, { actorId: viewer.userId, resourceType: SESSION_RESOURCE, resourceId: sessionId, action, details });

  switch (form.intent) {
    case "save": {
      if (locked) return lockedError;
      const changed = SECTIONS.filter((s) => session[s] !== form[s]);
      if (changed.length === 0) return { ok: true, redirect: here };
      await batch(db, [
        db.query.updateTable("squad_sessions").set({ progress: form.progress, plans: form.plans, problems: form.problems, promotions: form.promotions, updated_at: now }).where("id", "=", sessionId),
        // Which sections changed, not their text (history has no per-note visibility).
        sessionHistory("updated", { sections: changed.join(", ") }),
      ]);
      return { ok: true, redirect: here };
    }
    case "brief": {
      if (locked) return lockedError;
      const rows = (await batch(db, briefQueries(db, squadId, session.week_start))) as unknown as BriefRows;
      const draft = briefFrom(session.squad_name, session.week_start, rows);
      const generated = await generateText(context, {
        system: "You help an agency director run a 20-minute weekly squad kickoff. Be concise and factual.",
        prompt: briefPrompt(session.squad_name, session.week_start, draft),
        maxTokens: 1200,
        fallback: () => JSON.stringify(draft.sections),
      });
      const parsed = generated.source === "ai" ? parseBrief(generated.text) : null;
      const sections = parsed ?? draft.sections;
      const source = parsed ? "ai" : "rules";
      await batch(db, [
        db.query.updateTable("squad_sessions").set({ ...sections, brief_source: source, snapshot: JSON.stringify(draft.snapshot), updated_at: now }).where("id", "=", sessionId),
        sessionHistory("brief_generated", { source, label: parsed ? generated.label : "Rule-based draft" }),
      ]);
      return { ok: true, redirect: here };
    }
    case "complete":
    case "reopen": {
      const completing = form.intent === "complete";
      if (locked === completing) return { ok: true, redirect: here };
      await batch(db, [
        db.query.updateTable("squad_sessions").set({ status: completing ? "completed" : "draft", completed_at: completing ? now : null, updated_at: now }).where("id", "=", sessionId),
        sessionHistory(completing ? "completed" : "reopened"),
      ]);
      return { ok: true, redirect: here };
    }
    case "add-action": {
      const assignee = assignees[0];
      if (form.assignee_person_id && (!assignee || assignee.squad !== session.squad_name)) {
        return { ok: false, status: 400, errors: { assignee_person_id: "Choose a member of the squad" } };
      }
      const id = newId();
      const notify = (config[0]?.notify_assignee_on_action ?? 1) === 1 && assignee?.user_id && assignee.user_id !== viewer.userId;
      const notifications = prepareNotifications(db, {
        userIds: notify ? [assignee!.user_id!] : [],
        type: "squad_action_assigned",
        title: `New ${session.squad_name} action: ${form.title}`,
        body: form.due_date ? `Due ${form.due_date}` : null,
        actionUrl: here,
        resourceType: ACTION_RESOURCE,
        resourceId: id,
      });
      await batch(db, [
        db.query.insertInto("squad_actions").values({
          id, session_id: sessionId, squad_id: squadId, title: form.title, assignee_person_id: form.assignee_person_id,
          due_date: form.due_date, status: "open", created_by: viewer.userId, created_at: now, updated_at: now,
        }),
        historyEntry(db, { actorId: viewer.userId, resourceType: ACTION_RESOURCE, resourceId: id, action: "created", details: { session_id: sessionId, title: form.title, assignee_person_id: form.assignee_person_id, due_date: form.due_date } }),
        ...raiseActionItem(db, {
          sourceModule: "squads", sourceType: "squad_action", sourceId: id, title: form.title,
          description: `From the ${session.squad_name} kickoff, week of ${session.week_start}`,
          assignedPersonId: form.assignee_person_id, dueDate: form.due_date, createdBy: viewer.userId,
        }),
        ...notifications.inserts,
      ]);
      context.waitUntil(deliverInBackground(context, notifications.ids));
      return { ok: true, redirect: here };
    }
    case "action-done":
    case "action-reopen": {
      const action = actions[0];
      if (!action) return { ok: false, status: 404 };
      const done = form.intent === "action-done";
      await batch(db, [
        db.query.updateTable("squad_actions").set({ status: done ? "done" : "open", completed_at: done ? now : null, updated_at: now }).where("id", "=", action.id),
        db.query
          .updateTable("action_items")
          .set({ is_completed: done ? 1 : 0, completed_at: done ? now : null, completed_by: done ? viewer.userId : null, updated_at: now })
          .where("source_module", "=", "squads")
          .where("source_type", "=", "squad_action")
          .where("source_id", "=", action.id),
        historyEntry(db, { actorId: viewer.userId, resourceType: ACTION_RESOURCE, resourceId: action.id, action: done ? "completed" : "reopened", changes: { status: { from: action.status, to: done ? "done" : "open" } } }),
      ]);
      return { ok: true, redirect: here };
    }
  }
}
