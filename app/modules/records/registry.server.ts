/**
 * The record registry: every record type that has a Notes and a History tab.
 *
 * HOW TO REGISTER YOUR RECORD TYPE (one entry per type, in RECORD_TYPES below):
 *
 *   my_type: {
 *     tool: "deals",                 // permission key whose VIEW grant governs notes + history (ORIGINAL §13.1/13.2)
 *     sensitivity: "default",        // "sensitive" when notes follow the hierarchy (person notes)
 *     label: "Deal",
 *     url: (id) => `/deals/${id}`,   // the record's detail page (deep links from notifications)
 *     visible: (db, viewer, id) =>   // ONE query: a row { id, title } only when the record exists
 *       db.query.selectFrom("deals") //   AND is in `viewer`'s scope (scope in SQL, never id lists)
 *         .select(["deals.id", "deals.name as title"])
 *         .where("deals.id", "=", id)
 *         .where(<your scope condition>),
 *   },
 *
 * `viewer` may be a user other than the signed-in one (mention checks build it from the mentioned
 * user's row), so use only `userId`, `personId` and `accessLevel`. The tool's view permission is
 * checked by the notes/history module, not by `visible`. Detail pages then embed
 * `notesQuery`/`historyFor` (app/modules/records/*.server.ts) in their own page batch and render
 * `<NotesPanel>` (app/ui/notes-panel.tsx) and `<HistoryList>` (app/ui/history-list.tsx) in
 * tabs; `?tab=notes|history` is the URL convention notification deep links use.
 */
import { sql, type Compilable, type Expression } from "kysely";
import { projectVisible, taskVisible } from "~/modules/delivery/scope.server";
import { dealVisible } from "~/modules/deals/scope.server";
import type { Db } from "~/platform/db.server";
import { inPersonScope, type Sensitivity } from "~/platform/scope.server";
import type { Viewer } from "~/platform/session.server";
import type { AccessLevel, ToolKey } from "~/platform/tools";
import { CONFIDENTIAL_NOTE_LEVELS } from "./levels";

/** Who is looking: the signed-in viewer, or a mentioned user being checked. */
export type ScopeViewer = Pick<Viewer, "userId" | "personId" | "accessLevel">;

export interface RecordRow {
  id: string;
  title: string;
}

/** A select query (usable in a batch, and as a subquery in `exists (...)`). */
export type RecordQuery = Compilable<RecordRow> & Expression<RecordRow>;

export interface RecordType {
  tool: ToolKey;
  sensitivity: Sensitivity;
  label: string;
  url: (id: string) => string;
  visible: (db: Db, viewer: ScopeViewer, id: string) => RecordQuery;
  /**
   * Access levels that may read or write notes on this type at all (default: every level).
   * Person notes are confidential: managers, heads and executives only (ORIGINAL §3.5).
   */
  noteLevels?: readonly AccessLevel[];
}

/** The generic record page; for types whose own detail page does not exist yet. */
const genericUrl = (type: string) => (id: string) => `/records/${type}/${encodeURIComponent(id)}`;

export const RECORD_TYPES: Record<string, RecordType> = {
  person: {
    tool: "people",
    sensitivity: "sensitive",
    label: "Person",
    url: (id) => `/people/${encodeURIComponent(id)}`,
    noteLevels: CONFIDENTIAL_NOTE_LEVELS,
    visible: (db, viewer, id) =>
      db.query
        .selectFrom("people")
        .select(["people.id", sql<string>`people.first_name || ' ' || people.last_name`.as("title")])
        .where("people.id", "=", id)
        .where(inPersonScope("people.id", viewer, "sensitive")),
  },
  user: {
    tool: "admin",
    sensitivity: "default",
    label: "User",
    url: (id) => `/admin/users/${encodeURIComponent(id)}`,
    visible: (db, _viewer, id) => db.query.selectFrom("users").select(["users.id", "users.name as title"]).where("users.id", "=", id),
  },
  company: {
    tool: "companies",
    sensitivity: "default",
    label: "Company",
    url: (id) => `/companies/${encodeURIComponent(id)}`,
    visible: (db, _viewer, id) =>
      db.query.selectFrom("companies").select(["companies.id", "companies.name as title"]).where("companies.id", "=", id),
  },
  contact: {
    tool: "contacts",
    sensitivity: "default",
    label: "Contact",
    url: (id) => `/contacts/${encodeURIComponent(id)}`,
    visible: (db, _viewer, id) =>
      db.query
        .selectFrom("contacts")
        .select(["contacts.id", sql<string>`trim(contacts.first_name || ' ' || contacts.last_name)`.as("title")])
        .where("contacts.id", "=", id),
  },
  action_item: {
    tool: "action-centre",
    sensitivity: "default",
    label: "Action item",
    url: genericUrl("action_item"),
    // ORIGINAL §7.5: executives and heads see all items; everyone else only those assigned to them.
    visible: (db, viewer, id) => {
      const query = db.query
        .selectFrom("action_items")
        .select(["action_items.id", "action_items.title"])
        .where("action_items.id", "=", id);
      if (viewer.accessLevel === "executive" || viewer.accessLevel === "head") return query;
      return query.where("action_items.assigned_person_id", "=", viewer.personId ?? "");
    },
  },
  // Delivery (app/modules/delivery/scope.server.ts decides who sees which project / task).
  project: {
    tool: "projects",
    sensitivity: "default",
    label: "Project",
    url: (id) => `/projects/${encodeURIComponent(id)}`,
    visible: (db, viewer, id) =>
      db.query.selectFrom("projects").select(["projects.id", "projects.name as title"]).where("projects.id", "=", id).where(projectVisible(viewer, "projects")),
  },
  task: {
    tool: "tasks",
    sensitivity: "default",
    label: "Task",
    url: (id) => `/tasks/${encodeURIComponent(id)}`,
    visible: (db, viewer, id) =>
      db.query.selectFrom("tasks").select(["tasks.id", "tasks.title"]).where("tasks.id", "=", id).where(taskVisible(viewer, "tasks")),
  },
  // Sales (app/modules/deals/scope.server.ts: owner or deal team in the viewer's person scope).
  deal: {
    tool: "deals",
    sensitivity: "default",
    label: "Deal",
    url: (id) => `/deals/${encodeURIComponent(id)}`,
    visible: (db, viewer, id) =>
      db.query.selectFrom("deals").select(["deals.id", "deals.title"]).where("deals.id", "=", id).where(dealVisible(viewer, "deals")),
  },
};

export type RecordTypeKey = keyof typeof RECORD_TYPES;

export function recordType(type: string): RecordType | null {
  return Object.prototype.hasOwnProperty.call(RECORD_TYPES, type) ? RECORD_TYPES[type]! : null;
}

export const isRecordType = (type: string) => recordType(type) !== null;
