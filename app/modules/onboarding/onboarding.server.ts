// People ▸ Onboarding: a person's checklist is the items of their user's onboarding template plus
// the Common template (tpl-onb-common), grouped into the five phases. Ticks are made by the
// person themself; managers and executives view the people in their scope (?userId=).
import { sql, type SqlBool } from "kysely";
import { COMMON_ONBOARDING_TEMPLATE_ID } from "~/modules/templates/schemas";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { contains } from "~/platform/like";
import { inPersonScope, personScope } from "~/platform/scope.server";
import type { Viewer } from "~/platform/session.server";
import { summarise, type ItemRow } from "./progress";

export const ONBOARDING_RESOURCE = "onboarding";
export const SELECTOR_LIMIT = 100;
export const TEAM_PAGE_SIZE = 25;

type ScopeViewer = Pick<Viewer, "accessLevel" | "personId">;

/** `(SELECT id FROM people WHERE (id = key OR user_id = key) AND <in scope> LIMIT 1)`. */
function subjectId(db: Db, viewer: ScopeViewer, key: string) {
  return db.query
    .selectFrom("people as sp")
    .select("sp.id")
    .where((eb) => eb.or([eb("sp.id", "=", key), eb("sp.user_id", "=", key)]))
    .where(inPersonScope("sp.id", viewer))
    .limit(1);
}

/** May the viewer look at people other than themself? (managers, heads, executives) */
export function canChoosePerson(viewer: ScopeViewer) {
  const scope = personScope(viewer);
  return scope.kind === "all" || scope.kind === "subtree";
}

/**
 * The onboarding page for the viewer, or for `requested` (a person id or a user id) when it is in
 * the viewer's scope — ONE batch. `null` when the requested person is unknown or out of scope;
 * `subject: null` when the viewer has no person record and asked for nobody.
 */
export async function loadOnboarding(db: Db, viewer: ScopeViewer, requested: string | undefined) {
  const key = requested ?? viewer.personId;
  const chooser = canChoosePerson(viewer);
  const subject = subjectId(db, viewer, key ?? "");
  const [people, phases, items, options] = await batch(db, [
    db.query
      .selectFrom("people as p")
      .leftJoin("users as u", "u.id", "p.user_id")
      .leftJoin("onboarding_templates as t", "t.id", "u.onboarding_template_id")
      .select([
        "p.id", "p.first_name", "p.last_name", "p.preferred_name", "p.title", "p.start_date", "p.user_id",
        "u.onboarding_template_id", "t.name as template_name",
      ])
      .where("p.id", "=", subject),
    db.query.selectFrom("onboarding_phases").select(["id", "name", "description", "timeframe"]).orderBy("sort_order"),
    db.query
      .selectFrom("onboarding_items as i")
      .innerJoin("onboarding_templates as t", "t.id", "i.template_id")
      .leftJoin("onboarding_progress as op", (join) => join.onRef("op.item_id", "=", "i.id").on("op.person_id", "=", subject))
      .select(["i.id", "i.phase_id", "i.title", "i.description", "i.template_id", "t.name as template_name", "op.completed_at"])
      .where((eb) =>
        eb.or([
          eb("i.template_id", "=", COMMON_ONBOARDING_TEMPLATE_ID),
          eb(
            "i.template_id", "=",
            eb.selectFrom("users as su").innerJoin("people as sp2", "sp2.user_id", "su.id").select("su.onboarding_template_id").where("sp2.id", "=", subject),
          ),
        ]),
      )
      .orderBy(sql`i.template_id = ${COMMON_ONBOARDING_TEMPLATE_ID}`, "desc")
      .orderBy("i.sort_order")
      .orderBy("i.id")
      .limit(500),
    db.query
      .selectFrom("people as p")
      .select(["p.id", "p.first_name", "p.last_name", "p.preferred_name", "p.start_date"])
      .where(inPersonScope("p.id", viewer))
      .where("p.employment_status", "!=", "terminated")
      .where(sql<SqlBool>`${chooser ? 1 : 0} = 1`)
      .orderBy("p.start_date", "desc")
      .orderBy("p.id")
      .limit(SELECTOR_LIMIT),
  ]);
  if (!key) return { subject: null, isSelf: true, phases: [], overall: null, options };
  const person = people[0];
  if (!person) return null;
  const summary = summarise(phases, items as ItemRow[]);
  return {
    subject: person,
    isSelf: person.id === viewer.personId,
    phases: summary.phases,
    overall: summary.overall,
    options,
  };
}

export type TickResult = { ok: true; changed: boolean } | { ok: false; status: 404 };

/**
 * Ticks (done = true) or unticks one of the viewer's own items: upserts the progress row
 * (completed_at, completed_by) with a history row, in ONE batch. Items outside the viewer's
 * checklist are not found.
 */
export async function setOnboardingItem(db: Db, viewer: Pick<Viewer, "personId" | "userId">, itemId: string, done: boolean): Promise<TickResult> {
  const personId = viewer.personId;
  if (!personId) return { ok: false, status: 404 };
  const item = await db.query
    .selectFrom("onboarding_items as i")
    .leftJoin("onboarding_progress as op", (join) => join.onRef("op.item_id", "=", "i.id").on("op.person_id", "=", personId))
    .select(["i.id", "i.title", "op.completed_at"])
    .where("i.id", "=", itemId)
    .where((eb) =>
      eb.or([
        eb("i.template_id", "=", COMMON_ONBOARDING_TEMPLATE_ID),
        eb("i.template_id", "=", eb.selectFrom("users").select("onboarding_template_id").where("id", "=", viewer.userId)),
      ]),
    )
    .executeTakeFirst();
  if (!item) return { ok: false, status: 404 };
  if (Boolean(item.completed_at) === done) return { ok: true, changed: false };
  const now = nowIso();
  const completedAt = done ? now : null;
  const completedBy = done ? viewer.userId : null;
  await batch(db, [
    db.query
      .insertInto("onboarding_progress")
      .values({ id: newId(), person_id: personId, item_id: itemId, completed_at: completedAt, completed_by: completedBy, updated_at: now })
      .onConflict((oc) => oc.columns(["person_id", "item_id"]).doUpdateSet({ completed_at: completedAt, completed_by: completedBy, updated_at: now })),
    historyEntry(db, {
      actorId: viewer.userId,
      resourceType: ONBOARDING_RESOURCE,
      resourceId: personId,
      action: done ? "item_completed" : "item_reopened",
      changes: { completed_at: { from: item.completed_at, to: completedAt } },
      details: { itemId, item: item.title },
    }),
  ]);
  return { ok: true, changed: true };
}

/**
 * The team view: every person in the viewer's scope (not terminated) with their overall progress,
 * newest starters first — one batch of two statements (the page and its count), each person's
 * totals computed by indexed subqueries over the page's rows only.
 */
export async function loadTeamProgress(db: Db, viewer: ScopeViewer, options: { q?: string; page: number }) {
  let base = db.query
    .selectFrom("people as p")
    .leftJoin("users as u", "u.id", "p.user_id")
    .where(inPersonScope("p.id", viewer))
    .where("p.employment_status", "!=", "terminated");
  if (options.q) {
    const q = options.q;
    base = base.where((eb) => eb.or([eb(sql`p.first_name || ' ' || p.last_name`, "like", contains(q)), eb("p.email", "like", contains(q))]));
  }
  const [rows, count] = await batch(db, [
    base
      .leftJoin("onboarding_templates as t", "t.id", "u.onboarding_template_id")
      .select([
        "p.id", "p.first_name", "p.last_name", "p.preferred_name", "p.title", "p.start_date", "t.name as template_name",
        sql<number>`(select count(*) from onboarding_items i where i.template_id in (${COMMON_ONBOARDING_TEMPLATE_ID}, u.onboarding_template_id))`.as("total"),
        sql<number>`(select count(*) from onboarding_progress op join onboarding_items i on i.id = op.item_id
          where op.person_id = p.id and op.completed_at is not null
            and i.template_id in (${COMMON_ONBOARDING_TEMPLATE_ID}, u.onboarding_template_id))`.as("done"),
      ])
      .orderBy("p.start_date", "desc")
      .orderBy("p.id")
      .limit(TEAM_PAGE_SIZE)
      .offset((options.page - 1) * TEAM_PAGE_SIZE),
    base.select((eb) => eb.fn.countAll<number>().as("n")),
  ]);
  return { rows, total: Number(count[0]?.n ?? 0) };
}
