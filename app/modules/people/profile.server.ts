// The profile page (/people/:personId, ORIGINAL §5.1): the person row (scoped: out of scope is
// a 404) plus the selected tab's data, in ONE batch. Tabs and their rules: profile-access.ts.
import { sql } from "kysely";
import { linkedinForPerson, type ChangeAlertRow, type LinkedInActivityRow } from "~/modules/linkedin/linkedin.server";
import { documentsForPerson, type DocumentRow } from "~/modules/documents/documents.server";
import { mentionableUsersQuery, notesQuery } from "~/modules/records/notes.server";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { historyFor } from "~/platform/history.server";
import { personIdInScope, personScope } from "~/platform/scope.server";
import type { Viewer } from "~/platform/session.server";
import { canSeeRestrictedTabs, visibleTabs } from "./profile-access";
import type { ProfileTab } from "./schemas";

/** Tabs whose data comes from other areas' modules, present in this build. */
export const AVAILABLE_TABS: ReadonlySet<ProfileTab> = new Set(["details", "employment", "documents", "notes", "linkedin", "activity"]);

function personQuery(db: Db, viewer: Viewer, personId: string) {
  return db.query
    .selectFrom("people")
    .leftJoin("people as mgr", "mgr.id", "people.manager_id")
    .leftJoin("users", "users.id", "people.user_id")
    .select([
      "people.id", "people.first_name", "people.last_name", "people.preferred_name", "people.pronunciation",
      "people.email", "people.title", "people.avatar_url", "people.squad", "people.linkedin_url",
      "people.phone", "people.mobile", "people.personal_email", "people.home_address",
      "people.emergency_contact_name", "people.emergency_contact_phone", "people.gender", "people.date_of_birth",
      "people.start_date", "people.end_date", "people.employment_status", "people.employment_basis", "people.location",
      "people.super_fund_name", "people.super_fund_usi", "people.super_member_number",
      "people.weekly_capacity_hours", "people.billable_target_percent", "people.working_days",
      "people.productive_id", "people.xero_employee_id", "people.synced_at", "people.created_at", "people.updated_at",
      "users.id as user_id", "users.access_level", "users.last_login_at", "users.disabled_at",
      "mgr.id as manager_id", "mgr.first_name as manager_first_name", "mgr.last_name as manager_last_name",
      "mgr.preferred_name as manager_preferred_name", "mgr.pronunciation as manager_pronunciation",
      // In the viewer's sensitive scope too? (confidential notes: heads see only their subtree)
      sql<number>`${personIdInScope(personId, viewer, "sensitive")}`.as("in_sensitive_scope"),
    ])
    .where("people.id", "=", personId)
    .where(personIdInScope(personId, viewer));
}

export type ProfilePerson = Awaited<ReturnType<ReturnType<typeof personQuery>["executeTakeFirstOrThrow"]>>;

/** The person's current direct reports: visible whenever the person is (manager subtree or
 * everyone), none for an own-only scope — so no subtree listing is needed. */
function directReports(db: Db, viewer: Viewer, personId: string) {
  const kind = personScope(viewer).kind;
  return db.query
    .selectFrom("people")
    .select(["people.id", "people.first_name", "people.last_name", "people.preferred_name", "people.pronunciation", "people.title"])
    .where("people.manager_id", "=", personId)
    .where("people.employment_status", "!=", "terminated")
    .where(sql<boolean>`${kind === "all" || kind === "subtree" ? 1 : 0} = 1`)
    .orderBy("people.last_name")
    .orderBy("people.first_name")
    .limit(100);
}

const none = (db: Db) => db.query.selectFrom("people").select("people.id").where(sql<boolean>`1 = 0`);

export type ProfileData = {
  person: ProfilePerson;
  tab: ProfileTab;
  tabs: ProfileTab[];
  reports: Awaited<ReturnType<ReturnType<typeof directReports>["execute"]>>;
  history: Awaited<ReturnType<ReturnType<typeof historyFor>["execute"]>>;
  notes: Awaited<ReturnType<ReturnType<typeof notesQuery>["execute"]>>;
  mentionables: { id: string; name: string; handle: string }[];
  documents: DocumentRow[];
  linkedin: { activities: LinkedInActivityRow[]; alerts: ChangeAlertRow[] };
};

/**
 * The profile with the requested tab's data (ONE batch). Null when the person does not exist or
 * is outside the viewer's scope. A tab the viewer may not open falls back to Details.
 */
export async function loadProfile(db: Db, viewer: Viewer, personId: string, requested: ProfileTab): Promise<ProfileData | null> {
  const restricted = canSeeRestrictedTabs(viewer, personId);
  const self = viewer.personId === personId;
  const want = (tab: ProfileTab) => requested === tab;
  const linkedin = linkedinForPerson(db, viewer, personId);
  const [people, reports, history, notes, mentionables, documents, activities, alerts] = await batch(db, [
    personQuery(db, viewer, personId),
    directReports(db, viewer, personId),
    restricted && want("activity") ? historyFor(db, "person", personId) : historyFor(db, "person", ""),
    restricted && want("notes") ? notesQuery(db, viewer, "person", personId) : notesQuery(db, viewer, "person", "").where(sql<boolean>`1 = 0`),
    restricted && want("notes") ? mentionableUsersQuery(db) : mentionableUsersQuery(db, 0),
    restricted && want("documents") ? documentsForPerson(db, viewer, personId) : none(db),
    (restricted || self) && want("linkedin") ? linkedin.activities : none(db),
    (restricted || self) && want("linkedin") ? linkedin.alerts : none(db),
  ]);
  const person = people[0];
  if (!person) return null;
  const tabs = visibleTabs(viewer, personId, Boolean(person.in_sensitive_scope), AVAILABLE_TABS);
  const tab = tabs.includes(requested) ? requested : "details";
  return {
    person,
    tab,
    tabs,
    reports,
    history: tab === "activity" ? history : [],
    notes: tab === "notes" ? notes : [],
    mentionables: tab === "notes" ? mentionables.filter((u) => u.id !== viewer.userId) : [],
    documents: tab === "documents" ? (documents as unknown as DocumentRow[]) : [],
    linkedin: tab === "linkedin" ? { activities: activities as unknown as LinkedInActivityRow[], alerts: alerts as unknown as ChangeAlertRow[] } : { activities: [], alerts: [] },
  };
}

/** Whole years and months between two ISO dates ("3 years, 2 months"). */
export function tenure(start: string | null, end: string | null, today = new Date().toISOString().slice(0, 10)) {
  if (!start) return null;
  const until = end && end < today ? end : today;
  const [sy, sm, sd] = start.split("-").map(Number) as [number, number, number];
  const [ey, em, ed] = until.split("-").map(Number) as [number, number, number];
  let months = (ey - sy) * 12 + (em - sm) - (ed < sd ? 1 : 0);
  if (months < 0) return start > today ? "Starts on " + start : null;
  const years = Math.floor(months / 12);
  months -= years * 12;
  const parts = [];
  if (years) parts.push(`${years} ${years === 1 ? "year" : "years"}`);
  if (months || !years) parts.push(`${months} ${months === 1 ? "month" : "months"}`);
  return parts.join(", ");
}
