// Relationship nurturing on contacts (ORIGINAL §8.5): the communications log, relationship
// profiles, life events, partners, drafted messages, and the auto-actions (reconnect reminders
// from a cadence, birthday reminders, congratulations for life events) mirrored into the action
// centre (source_module 'relationships', source_id = the auto-action's id, so raising again
// updates the same item). Every write is ONE batch with its history rows (on the contact).
import { sql, type Compilable, type SqlBool } from "kysely";
import { raiseActionItem } from "~/modules/action-centre/action-items.server";
import { compilable, addDays, contactName, personName, todayIso } from "~/modules/crm/sql.server";
import { generateText } from "~/platform/ai.server";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Db } from "~/platform/db.server";
import type { FieldErrors } from "~/platform/forms.server";
import { diffFields, historyEntry, type FieldChanges } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import type { Viewer } from "~/platform/session.server";
import { ruleBasedDraft, type Draft } from "./drafts";
import {
  LIFE_EVENT_LABELS, RECURRING_EVENTS,
  type CommunicationInput, type ContactIntent, type LifeEventInput, type LifeEventType, type MessageChannel, type ProfileInput,
} from "./schemas";

export const RELATIONSHIPS_PAGE_SIZE = 25;
export const AUTO_ACTION_SOURCE = "relationships";

type Actor = Pick<Viewer, "userId" | "personId" | "name">;

// ---------------------------------------------------------------------------------------------
// Reads (query builders for the contact page's batch)

export function communicationsQuery(db: Db, contactId: string, limit: number, offset = 0) {
  return db.query
    .selectFrom("contact_communications as cc")
    .leftJoin("users as u", "u.id", "cc.logged_by")
    .select(["cc.id", "cc.type", "cc.direction", "cc.subject", "cc.summary", "cc.occurred_at", "cc.duration_minutes", "u.name as logged_by_name"])
    .where("cc.contact_id", "=", contactId)
    .orderBy("cc.occurred_at", "desc")
    .orderBy("cc.id", "desc")
    .limit(limit)
    .offset(offset);
}

export function communicationsCountQuery(db: Db, contactId: string) {
  return db.query.selectFrom("contact_communications").select((eb) => eb.fn.countAll<number>().as("n")).where("contact_id", "=", contactId);
}

export function profileQuery(db: Db, contactId: string) {
  return db.query
    .selectFrom("contact_relationship_profiles as p")
    .leftJoin("users as u", "u.id", "p.updated_by")
    .selectAll("p")
    .select("u.name as updated_by_name")
    .where("p.contact_id", "=", contactId);
}

export function lifeEventsQuery(db: Db, contactId: string, limit = 100) {
  return db.query
    .selectFrom("contact_life_events as le")
    .leftJoin("relationship_auto_actions as raa", "raa.life_event_id", "le.id")
    .select([
      "le.id", "le.event_type", "le.title", "le.event_date", "le.notes", "le.auto_action_enabled", "le.created_at",
      "raa.id as auto_action_id", "raa.due_date as auto_action_due", "raa.status as auto_action_status",
    ])
    .where("le.contact_id", "=", contactId)
    .orderBy("le.event_date", "desc")
    .orderBy("le.id", "desc")
    .limit(limit);
}

/** Partner links from both sides: `other_*` is always the contact at the far end. */
export function partnersQuery(db: Db, contactId: string) {
  const side = (mine: "p.contact_id" | "p.partner_contact_id", theirs: "p.contact_id" | "p.partner_contact_id", direction: string) =>
    db.query
      .selectFrom("contact_partners as p")
      .innerJoin("contacts as o", "o.id", theirs)
      .leftJoin("companies as oc", "oc.id", "o.company_id")
      .select([
        "p.id", "p.relationship", "p.notes", "p.created_at", "o.id as other_id", contactName("o").as("other_name"),
        "o.email as other_email", "o.role as other_role", "oc.name as other_company", sql<string>`${direction}`.as("direction"),
      ])
      .where(mine, "=", contactId);
  return db.query
    .selectFrom(side("p.contact_id", "p.partner_contact_id", "outgoing").unionAll(side("p.partner_contact_id", "p.contact_id", "incoming")).as("links"))
    .selectAll()
    .orderBy("links.other_name")
    .limit(200);
}

export function messagesQuery(db: Db, contactId: string, limit = 50) {
  return db.query
    .selectFrom("relationship_messages as m")
    .leftJoin("users as u", "u.id", "m.created_by")
    .leftJoin("users as s", "s.id", "m.sent_by")
    .select([
      "m.id", "m.channel", "m.subject", "m.body", "m.status", "m.drafted_by", "m.sent_at", "m.created_at", "m.auto_action_id",
      "u.name as created_by_name", "s.name as sent_by_name",
    ])
    .where("m.contact_id", "=", contactId)
    .orderBy("m.created_at", "desc")
    .orderBy("m.id", "desc")
    .limit(limit);
}

/** Open reminders for one contact, soonest first. */
export function contactAutoActionsQuery(db: Db, contactId: string, limit = 10) {
  return db.query
    .selectFrom("relationship_auto_actions as raa")
    .leftJoin("people as a", "a.id", "raa.assigned_person_id")
    .select(["raa.id", "raa.action_type", "raa.title", "raa.description", "raa.due_date", "raa.status", personName("a").as("assignee_name")])
    .where("raa.contact_id", "=", contactId)
    .where("raa.status", "=", "pending")
    .orderBy("raa.due_date")
    .orderBy("raa.id")
    .limit(limit);
}

// ---------------------------------------------------------------------------------------------
// Auto-actions

export interface AutoActionInput {
  id: string;
  contactId: string;
  companyId: string | null;
  lifeEventId: string | null;
  type: "reconnect" | "birthday" | "congratulate" | "anniversary";
  title: string;
  description: string | null;
  dueDate: string;
  assignee: string | null;
}

/**
 * Statements that raise (or refresh and reopen) a reminder and its action-centre item, for the
 * caller's batch. Idempotent: the same id updates the existing rows.
 */
export function raiseAutoAction(db: Db, actor: Actor, a: AutoActionInput) {
  const now = nowIso();
  return [
    db.query
      .insertInto("relationship_auto_actions")
      .values({
        id: a.id, contact_id: a.contactId, life_event_id: a.lifeEventId, action_type: a.type, title: a.title,
        description: a.description, due_date: a.dueDate, status: "pending", assigned_person_id: a.assignee,
        created_by: actor.userId, created_at: now, updated_at: now,
      })
      .onConflict((oc) =>
        oc.column("id").doUpdateSet({
          title: a.title, description: a.description, due_date: a.dueDate, assigned_person_id: a.assignee,
          status: "pending", completed_at: null, completed_by: null, updated_at: now,
        }),
      ),
    ...raiseActionItem(
      db,
      {
        sourceModule: AUTO_ACTION_SOURCE, sourceType: a.type, sourceId: a.id, title: a.title, description: a.description,
        assignedPersonId: a.assignee, dueDate: a.dueDate, companyId: a.companyId, contactId: a.contactId,
        createdBy: actor.userId, reopen: true,
      },
      actor.userId,
    ),
  ];
}

/**
 * History rows for the open relationship action-centre items of one reminder (or one contact),
 * found by SQL so they name the right item ids. Put it BEFORE the statement that changes them.
 */
export function actionItemHistory(
  db: Db, actorId: string, target: { sourceId: string } | { contactId: string }, action: string, details: Record<string, unknown>,
) {
  const now = nowIso();
  let items = db.query
    .selectFrom("action_items")
    .select([
      sql<string>`lower(hex(randomblob(16)))`.as("id"), sql<string>`'action_item'`.as("resource_type"), "action_items.id as resource_id",
      sql<string>`${actorId}`.as("actor_id"), sql<string>`${action}`.as("action"), sql<string>`${JSON.stringify(details)}`.as("details"),
      sql<string>`${now}`.as("created_at"),
    ])
    .where("source_module", "=", AUTO_ACTION_SOURCE)
    .where("is_completed", "=", 0);
  items = "sourceId" in target ? items.where("source_id", "=", target.sourceId) : items.where("contact_id", "=", target.contactId);
  return db.query.insertInto("history").columns(["id", "resource_type", "resource_id", "actor_id", "action", "details", "created_at"]).expression(items);
}

/** Closes a reminder (done or dismissed) and completes its action-centre item, with history. */
function closeAutoAction(db: Db, actor: Actor, action: { id: string; contact_id: string; title: string }, status: "done" | "dismissed") {
  const now = nowIso();
  return [
    db.query
      .updateTable("relationship_auto_actions")
      .set({ status, completed_at: now, completed_by: actor.userId, updated_at: now })
      .where("id", "=", action.id),
    actionItemHistory(db, actor.userId, { sourceId: action.id }, "completed", { changes: { is_completed: { from: false, to: true } }, via: "relationships" }),
    db.query
      .updateTable("action_items")
      .set({ is_completed: 1, completed_at: now, completed_by: actor.userId, updated_at: now })
      .where("source_module", "=", AUTO_ACTION_SOURCE)
      .where("source_id", "=", action.id)
      .where("is_completed", "=", 0),
    historyEntry(db, {
      actorId: actor.userId, resourceType: "contact", resourceId: action.contact_id,
      action: status === "done" ? "reminder_done" : "reminder_dismissed", details: { title: action.title },
    }),
  ];
}

/** The next yearly occurrence of `date`'s month and day on or after `today` (29 Feb → 28 Feb in other years). */
export function nextOccurrence(date: string, today = todayIso()) {
  const mmdd = date.length === 5 ? date : date.slice(5, 10);
  const year = Number(today.slice(0, 4));
  const on = (y: number) => {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return `${y}-${mmdd === "02-29" && !leap ? "02-28" : mmdd}`;
  };
  return on(year) >= today ? on(year) : on(year + 1);
}

function lifeEventAction(
  contact: ContactContext, actor: Actor, event: { id: string; event_type: LifeEventType; title: string; event_date: string },
): AutoActionInput {
  const today = todayIso();
  const recurring = RECURRING_EVENTS.includes(event.event_type);
  const due = recurring ? nextOccurrence(event.event_date, today) : event.event_date >= today ? event.event_date : today;
  const name = contact.name;
  const type = event.event_type === "birthday" ? "birthday" : event.event_type === "anniversary" ? "anniversary" : "congratulate";
  const title =
    type === "birthday" ? `Wish ${name} a happy birthday`
    : type === "anniversary" ? `Mark ${name}'s anniversary: ${event.title}`
    : `Congratulate ${name}: ${event.title}`;
  return {
    id: `rel-event-${event.id}`, contactId: contact.id, companyId: contact.company_id, lifeEventId: event.id, type,
    title, description: `${LIFE_EVENT_LABELS[event.event_type]} on ${event.event_date}`, dueDate: due,
    assignee: contact.account_manager_id ?? actor.personId,
  };
}

function reconnectAction(contact: ContactContext, actor: Actor, cadence: number, lastContact: string | null): AutoActionInput {
  const today = todayIso();
  return {
    id: `rel-reconnect-${contact.id}`, contactId: contact.id, companyId: contact.company_id, lifeEventId: null, type: "reconnect",
    title: `Reconnect with ${contact.name} (every ${cadence} days)`,
    description: lastContact ? `Last contact ${lastContact.slice(0, 10)}` : "No contact logged yet",
    dueDate: lastContact ? addDays(lastContact, cadence) : today,
    assignee: contact.account_manager_id ?? actor.personId,
  };
}

function birthdayAction(contact: ContactContext, actor: Actor, birthday: string): AutoActionInput {
  const due = nextOccurrence(birthday);
  return {
    id: `rel-birthday-${contact.id}-${due.slice(0, 4)}`, contactId: contact.id, companyId: contact.company_id, lifeEventId: null,
    type: "birthday", title: `Wish ${contact.name} a happy birthday`, description: `Birthday ${due}`, dueDate: due,
    assignee: contact.account_manager_id ?? actor.personId,
  };
}

// ---------------------------------------------------------------------------------------------
// Writes

interface ContactContext {
  id: string;
  name: string;
  first_name: string;
  email: string | null;
  company_id: string | null;
  company_name: string | null;
  account_manager_id: string | null;
}

function contactContextQuery(db: Db, contactId: string) {
  return db.query
    .selectFrom("contacts")
    .leftJoin("companies", "companies.id", "contacts.company_id")
    .select([
      "contacts.id", contactName("contacts").as("name"), "contacts.first_name", "contacts.email", "contacts.company_id",
      "companies.name as company_name", "companies.account_manager_id",
    ])
    .where("contacts.id", "=", contactId);
}

function lastContactQuery(db: Db, contactId: string) {
  return db.query
    .selectFrom("contact_communications")
    .select((eb) => eb.fn.max("occurred_at").as("last"))
    .where("contact_id", "=", contactId);
}

/** Messages the contact page shows after a redirect (?notice=<code>; codes, not text, in URLs). */
export const NOTICES = {
  communication_logged: "Communication logged.",
  profile_unchanged: "Nothing changed in the relationship profile.",
  profile_saved: "Relationship profile saved.",
  life_event_added: "Life event added.",
  life_event_added_action: "Life event added. Its reminder is on the Overview and in the action centre.",
  life_event_deleted: "Life event deleted, with its reminder.",
  partner_linked: "Contacts linked.",
  partner_removed: "Link removed.",
  draft_ready: "Draft ready — review and edit it, then save.",
  draft_saved: "Draft saved.",
  message_sent: "Marked as sent and logged in communications.",
  draft_deleted: "Draft deleted.",
  reminder_closed: "That reminder was already closed.",
  reminder_done: "Reminder done.",
  reminder_dismissed: "Reminder dismissed.",
} as const;
export type NoticeCode = keyof typeof NOTICES;

export type IntentResult =
  | { ok: true; code: NoticeCode; notice: string; tab: string; draft?: Draft & { channel: MessageChannel; drafted_by: "ai" | "rule_based"; auto_action_id: string | null; label: string } }
  | { ok: false; errors: FieldErrors; status?: number };

const fail = (errors: FieldErrors, status = 400): IntentResult => ({ ok: false, errors, status });

/**
 * Applies one form of the contact page. Null when the contact (or the row named) does not
 * exist — the route answers 404. The route has already checked the intent's tool grant.
 */
export async function applyContactIntent(context: Pick<AppLoadContext, "db" | "env">, viewer: Viewer, contactId: string, form: ContactIntent): Promise<IntentResult | null> {
  const { db } = context;
  switch (form.intent) {
    case "log_communication":
      return logCommunication(db, viewer, contactId, form);
    case "save_profile":
      return saveProfile(db, viewer, contactId, form);
    case "add_life_event":
      return addLifeEvent(db, viewer, contactId, form);
    case "delete_life_event":
      return deleteLifeEvent(db, viewer, contactId, form.life_event_id);
    case "add_partner":
      return addPartner(db, viewer, contactId, form.partner_email, form.relationship, form.notes);
    case "remove_partner":
      return removePartner(db, viewer, contactId, form.partner_link_id);
    case "draft_message":
      return draftMessage(context, viewer, contactId, form.channel, form.auto_action_id);
    case "save_message":
      return saveMessage(db, viewer, contactId, form);
    case "mark_sent":
      return markMessageSent(db, viewer, contactId, form.message_id);
    case "delete_message":
      return deleteMessage(db, viewer, contactId, form.message_id);
    case "complete_action":
      return completeAutoAction(db, viewer, form.auto_action_id, form.status, contactId);
  }
}

export async function logCommunication(db: Db, actor: Actor, contactId: string, input: CommunicationInput): Promise<IntentResult | null> {
  const [contacts, profiles, lasts] = await batch(db, [
    contactContextQuery(db, contactId),
    db.query.selectFrom("contact_relationship_profiles").select("reconnect_cadence_days").where("contact_id", "=", contactId),
    lastContactQuery(db, contactId),
  ]);
  const contact = contacts[0];
  if (!contact) return null;
  const id = newId();
  const now = nowIso();
  const occurredAt = input.occurred_at ?? now;
  if (occurredAt > addDays(now, 1)) return fail({ occurred_at: "When: a communication cannot be in the future" });
  const cadence = profiles[0]?.reconnect_cadence_days ?? null;
  const previous = (lasts[0]?.last as string | null) ?? null;
  const isLatest = !previous || occurredAt >= previous;
  await batch(db, [
    db.query.insertInto("contact_communications").values({
      id, contact_id: contactId, type: input.type, direction: input.direction, subject: input.subject, summary: input.summary,
      occurred_at: occurredAt, duration_minutes: input.duration_minutes, logged_by: actor.userId, created_at: now, updated_at: now,
    }),
    historyEntry(db, {
      actorId: actor.userId, resourceType: "contact", resourceId: contactId, action: "communication_logged",
      details: { type: input.type, direction: input.direction, ...(input.subject ? { subject: input.subject } : {}), occurred_at: occurredAt },
    }),
    ...(cadence && isLatest ? raiseAutoAction(db, actor, reconnectAction(contact, actor, cadence, occurredAt)) : []),
  ]);
  const label = { call: "Call", email: "Email", meeting: "Meeting", note: "Note" }[input.type];
  return { ok: true, code: "communication_logged", notice: `${label} logged`, tab: "communications" };
}

const PROFILE_KEYS = [
  "preferred_name", "communication_preference", "communication_notes", "personal_notes", "birthday", "birthday_year",
  "interests", "dietary_requirements", "assistant_name", "assistant_email", "reconnect_cadence_days",
] as const;

export async function saveProfile(db: Db, actor: Actor, contactId: string, input: ProfileInput): Promise<IntentResult | null> {
  const [contacts, profiles, lasts] = await batch(db, [
    contactContextQuery(db, contactId),
    db.query.selectFrom("contact_relationship_profiles").selectAll().where("contact_id", "=", contactId),
    lastContactQuery(db, contactId),
  ]);
  const contact = contacts[0];
  if (!contact) return null;
  const before = profiles[0] ?? null;
  const row = {
    preferred_name: input.preferred_name,
    communication_preference: input.communication_preference,
    communication_notes: input.communication_notes,
    personal_notes: input.personal_notes,
    birthday: input.birthday.birthday,
    birthday_year: input.birthday.birthday_year,
    interests: JSON.stringify(input.interests),
    dietary_requirements: input.dietary_requirements,
    assistant_name: input.assistant_name,
    assistant_email: input.assistant_email,
    reconnect_cadence_days: input.reconnect_cadence_days,
  };
  const previous = before ? Object.fromEntries(PROFILE_KEYS.map((k) => [k, before[k]])) : {};
  const changes: FieldChanges = diffFields(previous, row);
  if (before && Object.keys(changes).length === 0) return { ok: true, code: "profile_unchanged", notice: "No changes to save", tab: "relationship" };
  const now = nowIso();
  const statements: Compilable<unknown>[] = [
    db.query
      .insertInto("contact_relationship_profiles")
      .values({ id: newId(), contact_id: contactId, ...row, updated_by: actor.userId, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column("contact_id").doUpdateSet({ ...row, updated_by: actor.userId, updated_at: now })),
    historyEntry(db, {
      actorId: actor.userId, resourceType: "contact", resourceId: contactId,
      action: before ? "relationship_profile_updated" : "relationship_profile_created", changes,
    }),
  ];
  const last = (lasts[0]?.last as string | null) ?? null;
  const reconnectId = `rel-reconnect-${contactId}`;
  if (row.reconnect_cadence_days && "reconnect_cadence_days" in changes) {
    statements.push(...raiseAutoAction(db, actor, reconnectAction(contact, actor, row.reconnect_cadence_days, last)));
  } else if (!row.reconnect_cadence_days && before?.reconnect_cadence_days) {
    statements.push(...closeAutoAction(db, actor, { id: reconnectId, contact_id: contactId, title: `Reconnect with ${contact.name}` }, "dismissed"));
  }
  if (row.birthday && "birthday" in changes) {
    statements.push(...raiseAutoAction(db, actor, birthdayAction(contact, actor, row.birthday)));
  }
  await batch(db, statements);
  return { ok: true, code: "profile_saved", notice: "Relationship profile saved", tab: "relationship" };
}

export async function addLifeEvent(db: Db, actor: Actor, contactId: string, input: LifeEventInput): Promise<IntentResult | null> {
  const contact = await contactContextQuery(db, contactId).executeTakeFirst();
  if (!contact) return null;
  const id = newId();
  const now = nowIso();
  const event = { id, event_type: input.event_type, title: input.title, event_date: input.event_date };
  const action = input.auto_action ? lifeEventAction(contact, actor, event) : null;
  await batch(db, [
    db.query.insertInto("contact_life_events").values({
      ...event, contact_id: contactId, notes: input.notes, auto_action_enabled: input.auto_action, created_by: actor.userId, created_at: now, updated_at: now,
    }),
    historyEntry(db, {
      actorId: actor.userId, resourceType: "contact", resourceId: contactId, action: "life_event_added",
      details: { type: LIFE_EVENT_LABELS[input.event_type], title: input.title, date: input.event_date },
    }),
    ...(action ? raiseAutoAction(db, actor, action) : []),
  ]);
  return {
    ok: true,
    code: action ? "life_event_added_action" : "life_event_added",
    notice: action ? `Life event added; reminder "${action.title}" due ${action.dueDate} is in the action centre` : "Life event added",
    tab: "life-events",
  };
}

/** Deletes a life event, its reminder, and the reminder's open action-centre item. */
export async function deleteLifeEvent(db: Db, actor: Actor, contactId: string, eventId: string): Promise<IntentResult | null> {
  const event = await db.query.selectFrom("contact_life_events").selectAll().where("id", "=", eventId).where("contact_id", "=", contactId).executeTakeFirst();
  if (!event) return null;
  const actionId = `rel-event-${eventId}`;
  await batch(db, [
    actionItemHistory(db, actor.userId, { sourceId: actionId }, "deleted", { reason: "life event deleted" }),
    db.query.deleteFrom("action_items").where("source_module", "=", AUTO_ACTION_SOURCE).where("source_id", "=", actionId).where("is_completed", "=", 0),
    db.query.deleteFrom("contact_life_events").where("id", "=", eventId),
    historyEntry(db, {
      actorId: actor.userId, resourceType: "contact", resourceId: contactId, action: "life_event_deleted",
      details: { title: event.title, date: event.event_date },
    }),
  ]);
  return { ok: true, code: "life_event_deleted", notice: "Life event deleted", tab: "life-events" };
}

export async function addPartner(
  db: Db, actor: Actor, contactId: string, email: string, relationship: string, notes: string | null,
): Promise<IntentResult | null> {
  const [contacts, partners, links] = await batch(db, [
    contactContextQuery(db, contactId),
    db.query.selectFrom("contacts").select(["id", contactName("contacts").as("name")]).where("email", "=", email),
    db.query
      .selectFrom("contact_partners")
      .select("id")
      .where((eb) =>
        eb.or([
          eb.and([eb("contact_id", "=", contactId), eb("partner_contact_id", "=", eb.selectFrom("contacts").select("id").where("email", "=", email))]),
          eb.and([eb("partner_contact_id", "=", contactId), eb("contact_id", "=", eb.selectFrom("contacts").select("id").where("email", "=", email))]),
        ]),
      ),
  ]);
  const contact = contacts[0];
  if (!contact) return null;
  const partner = partners[0];
  if (!partner) return fail({ partner_email: "No contact has this email address. Add them as a contact first." });
  if (partner.id === contactId) return fail({ partner_email: "A contact cannot be linked to themself" });
  if (links.length) return fail({ partner_email: `${partner.name} is already linked to ${contact.name}` });
  const now = nowIso();
  await batch(db, [
    db.query.insertInto("contact_partners").values({
      id: newId(), contact_id: contactId, partner_contact_id: partner.id, relationship, notes, created_by: actor.userId, created_at: now,
    }),
    historyEntry(db, { actorId: actor.userId, resourceType: "contact", resourceId: contactId, action: "partner_linked", details: { partner: partner.name, relationship } }),
    historyEntry(db, { actorId: actor.userId, resourceType: "contact", resourceId: partner.id, action: "partner_linked", details: { partner: contact.name, relationship } }),
  ]);
  return { ok: true, code: "partner_linked", notice: `Linked to ${partner.name}`, tab: "partners" };
}

export async function removePartner(db: Db, actor: Actor, contactId: string, linkId: string): Promise<IntentResult | null> {
  const link = await db.query
    .selectFrom("contact_partners as p")
    .innerJoin("contacts as a", "a.id", "p.contact_id")
    .innerJoin("contacts as b", "b.id", "p.partner_contact_id")
    .select(["p.id", "p.contact_id", "p.partner_contact_id", "p.relationship", contactName("a").as("a_name"), contactName("b").as("b_name")])
    .where("p.id", "=", linkId)
    .where((eb) => eb.or([eb("p.contact_id", "=", contactId), eb("p.partner_contact_id", "=", contactId)]))
    .executeTakeFirst();
  if (!link) return null;
  await batch(db, [
    db.query.deleteFrom("contact_partners").where("id", "=", link.id),
    historyEntry(db, { actorId: actor.userId, resourceType: "contact", resourceId: link.contact_id, action: "partner_unlinked", details: { partner: link.b_name, relationship: link.relationship } }),
    historyEntry(db, { actorId: actor.userId, resourceType: "contact", resourceId: link.partner_contact_id, action: "partner_unlinked", details: { partner: link.a_name, relationship: link.relationship } }),
  ]);
  return { ok: true, code: "partner_removed", notice: "Link removed", tab: "partners" };
}

/**
 * A first draft for a relationship message from what Nucleus knows (company, interests, the
 * latest life event, the reminder being acted on — never the personal notes): written by the AI
 * provider when one is configured, else the rule-based draft; either way labelled. Nothing is
 * saved until the person saves it.
 */
export async function draftMessage(
  context: Pick<AppLoadContext, "db" | "env">, actor: Actor, contactId: string, channel: MessageChannel, autoActionId: string | null,
): Promise<IntentResult | null> {
  const { db } = context;
  const [contacts, profiles, events, actions, lasts] = await batch(db, [
    contactContextQuery(db, contactId),
    db.query.selectFrom("contact_relationship_profiles").select(["preferred_name", "interests"]).where("contact_id", "=", contactId),
    lifeEventsQuery(db, contactId, 1),
    db.query.selectFrom("relationship_auto_actions").select(["id", "action_type", "title"]).where("id", "=", autoActionId ?? "").where("contact_id", "=", contactId),
    lastContactQuery(db, contactId),
  ]);
  const contact = contacts[0];
  if (!contact) return null;
  let interests: string[] = [];
  try {
    const parsed = JSON.parse(profiles[0]?.interests ?? "[]") as unknown;
    if (Array.isArray(parsed)) interests = parsed.filter((v): v is string => typeof v === "string");
  } catch {
    interests = [];
  }
  const event = events[0];
  const last = (lasts[0]?.last as string | null) ?? null;
  const facts = {
    channel,
    firstName: contact.first_name,
    preferredName: profiles[0]?.preferred_name ?? null,
    companyName: contact.company_name,
    senderName: actor.name,
    reason: actions[0] ? { type: actions[0].action_type, title: actions[0].title } : null,
    lifeEvent: event ? { type: event.event_type as LifeEventType, title: event.title, date: event.event_date } : null,
    interests,
    daysSinceContact: last ? Math.floor((Date.now() - Date.parse(last)) / 86_400_000) : null,
  };
  const rules = ruleBasedDraft(facts);
  const channelName = { email: "an email", sms: "an SMS (under 300 characters)", linkedin: "a LinkedIn message" }[channel];
  const generated = await generateText(context, {
    system: "You write short, warm, professional relationship messages for an Australian digital agency's account managers. Plain text only, no subject line, no placeholders.",
    prompt: [
      `Write ${channelName} from ${actor.name} to ${facts.preferredName || facts.firstName}${facts.companyName ? ` at ${facts.companyName}` : ""}.`,
      facts.reason ? `Reason: ${facts.reason.title}.` : "Reason: keep in touch.",
      facts.lifeEvent ? `Recent life event: ${LIFE_EVENT_LABELS[facts.lifeEvent.type]} — ${facts.lifeEvent.title} (${facts.lifeEvent.date}).` : "",
      facts.interests.length ? `Their interests: ${facts.interests.join(", ")}.` : "",
      facts.daysSinceContact !== null ? `Days since we last spoke: ${facts.daysSinceContact}.` : "",
      "Sign off with the sender's first name.",
    ].filter(Boolean).join("\n"),
    maxTokens: 400,
    fallback: () => rules.body,
  });
  const ai = generated.source === "ai";
  return {
    ok: true,
    code: "draft_ready",
    notice: `${generated.label} ready — review and edit it, then save`,
    tab: "messages",
    draft: {
      subject: rules.subject, body: ai && channel === "sms" ? generated.text.slice(0, 480) : generated.text, channel,
      drafted_by: ai ? "ai" : "rule_based", auto_action_id: actions[0]?.id ?? null, label: generated.label,
    },
  };
}

export async function saveMessage(
  db: Db, actor: Actor, contactId: string, input: Omit<Extract<ContactIntent, { intent: "save_message" }>, "intent">,
): Promise<IntentResult | null> {
  const [contacts, actions] = await batch(db, [
    contactContextQuery(db, contactId),
    db.query.selectFrom("relationship_auto_actions").select("id").where("id", "=", input.auto_action_id ?? "").where("contact_id", "=", contactId),
  ]);
  if (!contacts[0]) return null;
  const id = newId();
  const now = nowIso();
  await batch(db, [
    db.query.insertInto("relationship_messages").values({
      id, contact_id: contactId, auto_action_id: actions[0]?.id ?? null, channel: input.channel,
      subject: input.channel === "email" ? input.subject : null, body: input.body, status: "draft", drafted_by: input.drafted_by,
      created_by: actor.userId, created_at: now, updated_at: now,
    }),
    historyEntry(db, { actorId: actor.userId, resourceType: "contact", resourceId: contactId, action: "message_drafted", details: { channel: input.channel, drafted_by: input.drafted_by } }),
  ]);
  return { ok: true, code: "draft_saved", notice: "Draft saved", tab: "messages" };
}

/**
 * Marks a draft as sent (the message itself goes out through the person's own email, SMS or
 * LinkedIn): records it in the communications log, closes the reminder it answered and moves
 * the reconnect reminder on.
 */
export async function markMessageSent(db: Db, actor: Actor, contactId: string, messageId: string): Promise<IntentResult | null> {
  const [contacts, messages, profiles] = await batch(db, [
    contactContextQuery(db, contactId),
    db.query
      .selectFrom("relationship_messages as m")
      .leftJoin("relationship_auto_actions as raa", "raa.id", "m.auto_action_id")
      .select(["m.id", "m.channel", "m.subject", "m.body", "m.status", "raa.id as action_id", "raa.title as action_title", "raa.status as action_status"])
      .where("m.id", "=", messageId)
      .where("m.contact_id", "=", contactId),
    db.query.selectFrom("contact_relationship_profiles").select("reconnect_cadence_days").where("contact_id", "=", contactId),
  ]);
  const contact = contacts[0];
  const message = messages[0];
  if (!contact || !message) return null;
  if (message.status === "sent") return fail({ form: "This message is already marked as sent" }, 409);
  const now = nowIso();
  const channelLabel = { email: "Email", sms: "SMS", linkedin: "LinkedIn message" }[message.channel as MessageChannel] ?? message.channel;
  const cadence = profiles[0]?.reconnect_cadence_days ?? null;
  await batch(db, [
    db.query.updateTable("relationship_messages").set({ status: "sent", sent_at: now, sent_by: actor.userId, updated_at: now }).where("id", "=", message.id),
    db.query.insertInto("contact_communications").values({
      id: newId(), contact_id: contactId, type: message.channel === "email" ? "email" : "note", direction: "outbound",
      subject: message.subject ?? `${channelLabel} sent`, summary: message.body.slice(0, 5000), occurred_at: now,
      logged_by: actor.userId, created_at: now, updated_at: now,
    }),
    historyEntry(db, { actorId: actor.userId, resourceType: "contact", resourceId: contactId, action: "message_sent", details: { channel: message.channel } }),
    ...(message.action_id && message.action_status === "pending"
      ? closeAutoAction(db, actor, { id: message.action_id, contact_id: contactId, title: message.action_title ?? "" }, "done")
      : []),
    ...(cadence && message.action_id !== `rel-reconnect-${contactId}` ? raiseAutoAction(db, actor, reconnectAction(contact, actor, cadence, now)) : []),
  ]);
  return { ok: true, code: "message_sent", notice: "Marked as sent and logged in communications", tab: "messages" };
}

export async function deleteMessage(db: Db, actor: Actor, contactId: string, messageId: string): Promise<IntentResult | null> {
  const message = await db.query.selectFrom("relationship_messages").select(["id", "status", "channel"]).where("id", "=", messageId).where("contact_id", "=", contactId).executeTakeFirst();
  if (!message) return null;
  if (message.status === "sent") return fail({ form: "Sent messages stay on record" }, 409);
  await batch(db, [
    db.query.deleteFrom("relationship_messages").where("id", "=", message.id),
    historyEntry(db, { actorId: actor.userId, resourceType: "contact", resourceId: contactId, action: "message_draft_deleted", details: { channel: message.channel } }),
  ]);
  return { ok: true, code: "draft_deleted", notice: "Draft deleted", tab: "messages" };
}

/** Done / dismissed from the contact page or /relationships (also completes the action-centre item). */
export async function completeAutoAction(
  db: Db, actor: Actor, id: string, status: "done" | "dismissed", contactId?: string,
): Promise<IntentResult | null> {
  let query = db.query.selectFrom("relationship_auto_actions").select(["id", "contact_id", "title", "status"]).where("id", "=", id);
  if (contactId) query = query.where("contact_id", "=", contactId);
  const action = await query.executeTakeFirst();
  if (!action) return null;
  if (action.status !== "pending") return { ok: true, code: "reminder_closed", notice: "Already closed", tab: "overview" };
  await batch(db, closeAutoAction(db, actor, action, status));
  return { ok: true, code: status === "done" ? "reminder_done" : "reminder_dismissed", notice: status === "done" ? "Reminder done" : "Reminder dismissed", tab: "overview" };
}

// ---------------------------------------------------------------------------------------------
// The /relationships page

function upcomingActions(db: Db) {
  return db.query.selectFrom("relationship_auto_actions as raa").where("raa.status", "=", "pending");
}

/** Upcoming reminders (soonest first) and recent life events across all contacts: ONE batch. */
export async function loadRelationshipsPage(db: Db, options: { page: number; events: number }) {
  const size = RELATIONSHIPS_PAGE_SIZE;
  const [actions, actionCount, events, eventCount, birthdays] = await batch(db, [
    upcomingActions(db)
      .innerJoin("contacts as c", "c.id", "raa.contact_id")
      .leftJoin("companies as co", "co.id", "c.company_id")
      .leftJoin("people as a", "a.id", "raa.assigned_person_id")
      .select([
        "raa.id", "raa.action_type", "raa.title", "raa.description", "raa.due_date", "c.id as contact_id",
        contactName("c").as("contact_name"), "co.id as company_id", "co.name as company_name", personName("a").as("assignee_name"),
      ])
      .orderBy("raa.due_date")
      .orderBy("raa.id")
      .limit(size)
      .offset((options.page - 1) * size),
    upcomingActions(db).select((eb) => eb.fn.countAll<number>().as("n")),
    db.query
      .selectFrom("contact_life_events as le")
      .innerJoin("contacts as c", "c.id", "le.contact_id")
      .leftJoin("companies as co", "co.id", "c.company_id")
      .select([
        "le.id", "le.event_type", "le.title", "le.event_date", "le.created_at", "c.id as contact_id", contactName("c").as("contact_name"),
        "co.name as company_name",
      ])
      .orderBy("le.created_at", "desc")
      .orderBy("le.id", "desc")
      .limit(size)
      .offset((options.events - 1) * size),
    db.query.selectFrom("contact_life_events").select((eb) => eb.fn.countAll<number>().as("n")),
    upcomingBirthdaysQuery(db),
  ]);
  const actionTotal = Number(actionCount[0]?.n ?? 0);
  const eventTotal = Number(eventCount[0]?.n ?? 0);
  return {
    actions, actionTotal, page: options.page, pageCount: Math.max(1, Math.ceil(actionTotal / size)),
    events, eventTotal, eventsPage: options.events, eventsPageCount: Math.max(1, Math.ceil(eventTotal / size)),
    birthdays, today: todayIso(),
  };
}

/** Contacts whose next yearly birthday falls in the next `days` days (for the relationships page). */
export function upcomingBirthdaysQuery(db: Db, days = 30) {
  const today = todayIso();
  const end = addDays(today, days);
  const from = today.slice(5);
  const to = end.slice(5);
  return compilable(
    db,
    sql<{ contact_id: string; name: string; birthday: string }>`select p.contact_id, trim(c.first_name || ' ' || c.last_name) as name, p.birthday
      from contact_relationship_profiles p join contacts c on c.id = p.contact_id
      where p.birthday is not null and ${from <= to ? sql<SqlBool>`p.birthday between ${from} and ${to}` : sql<SqlBool>`(p.birthday >= ${from} or p.birthday <= ${to})`}
      order by case when p.birthday >= ${from} then 0 else 1 end, p.birthday limit 20`,
  );
}
