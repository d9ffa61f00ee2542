// Productive → people (ORIGINAL §5.1 "Productive sync", §12):
//   1. fetch every active person (all pages) — any failure ends the run with nothing written;
//   2. upsert into people by productive_id (an unlinked row with the same email is adopted);
//   3. link app users by email (people.user_id) and refresh their job title and picture;
//   4. resolve managers (Productive manager id → people.id);
//   5. derive squads (missing squads are created by name);
//   6. people no longer active in Productive become employment_status 'terminated' with an
//      end_date — never deleted (HR documents and history cascade from people).
// Everything (rows, history, the run's summary) is written in ONE atomic batch, only after every
// page was fetched and the plan was built. Guards: an empty answer, or one that would terminate
// more than half of the synced people, is refused as suspicious (nothing written).
import { fetchActivePeople, type ProductiveConfig, type ProductivePerson } from "~/integrations/productive.server";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import { createDb, type Db } from "~/platform/db.server";
import { diffFields, type FieldChanges } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { jsonInsert, jsonUpdate } from "./bulk.server";
import { productiveConfig, type ClientOverrides } from "./sync-config.server";
import { runSync, type SyncOutcome, type SyncTrigger } from "./sync-runs.server";

export interface ExistingPerson {
  id: string;
  productive_id: string | null;
  user_id: string | null;
  first_name: string;
  last_name: string;
  email: string;
  title: string | null;
  avatar_url: string | null;
  manager_id: string | null;
  squad: string | null;
  pronunciation: string | null;
  employment_status: string;
  end_date: string | null;
  updated_at: string;
}

export interface ExistingUser {
  id: string;
  email: string;
  job_title: string | null;
  picture: string | null;
  pronunciation: string | null;
}

/** Names are listed (capped) so the result screen can say who changed. */
const NAME_LIST_CAP = 50;

export interface ProductiveSyncSummary {
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  matchedUsers: number;
  squadsCreated: number;
  skipped: number;
  createdNames: string[];
  updatedNames: string[];
  removedNames: string[];
  squadNames: string[];
}

type PersonRow = ExistingPerson & { synced_at: string; created_at?: string };

export interface ProductivePlan {
  upserts: PersonRow[];
  terminations: { id: string; end_date: string; changes: FieldChanges }[];
  userUpdates: { id: string; job_title: string | null; picture: string | null; updated_at: string }[];
  squadInserts: { id: string; name: string }[];
  history: { id: string; resource_type: string; resource_id: string; actor_id: string | null; action: string; details: string; created_at: string }[];
  summary: ProductiveSyncSummary;
  /** Set when the answer looks wrong and nothing should be written. */
  refusal: string | null;
}

const fullName = (p: { first_name: string; last_name: string }) => `${p.first_name} ${p.last_name}`.trim();
const pushName = (list: string[], name: string) => {
  if (list.length < NAME_LIST_CAP) list.push(name);
};

/** Managers before their reports (so each chunk's foreign keys hold); cycles are broken. */
function orderByDepth(rows: PersonRow[]) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const depth = new Map<string, number>();
  const depthOf = (row: PersonRow, seen: Set<string>): number => {
    const known = depth.get(row.id);
    if (known !== undefined) return known;
    const manager = row.manager_id ? byId.get(row.manager_id) : undefined;
    let d = 0;
    if (manager) {
      if (seen.has(manager.id)) {
        row.manager_id = null; // a reporting cycle in the source: cut it here
      } else {
        seen.add(row.id);
        d = depthOf(manager, seen) + 1;
      }
    }
    depth.set(row.id, d);
    return d;
  };
  for (const row of rows) depthOf(row, new Set([row.id]));
  return [...rows].sort((a, b) => depth.get(a.id)! - depth.get(b.id)!);
}

/**
 * The whole sync as data (pure): what to insert, update, terminate and record. `people`,
 * `users` and `squads` are the current rows; `fetched` is Productive's answer.
 */
export function planProductiveSync(input: {
  people: ExistingPerson[];
  users: ExistingUser[];
  squads: { name: string }[];
  fetched: ProductivePerson[];
  skipped: number;
  actorUserId: string | null;
  now?: Date;
}): ProductivePlan {
  const now = nowIso(input.now);
  const today = now.slice(0, 10);
  const summary: ProductiveSyncSummary = {
    fetched: input.fetched.length, created: 0, updated: 0, unchanged: 0, removed: 0, matchedUsers: 0, squadsCreated: 0,
    skipped: input.skipped, createdNames: [], updatedNames: [], removedNames: [], squadNames: [],
  };
  const plan: ProductivePlan = { upserts: [], terminations: [], userUpdates: [], squadInserts: [], history: [], summary, refusal: null };
  const historyRow = (personId: string, action: string, details: Record<string, unknown>) =>
    plan.history.push({
      id: newId(), resource_type: "person", resource_id: personId, actor_id: input.actorUserId, action,
      details: JSON.stringify({ via: "productive", ...details }), created_at: now,
    });

  const byProductive = new Map(input.people.filter((p) => p.productive_id).map((p) => [p.productive_id!, p]));
  const byEmail = new Map(input.people.map((p) => [p.email.toLowerCase(), p]));
  const usersByEmail = new Map(input.users.map((u) => [u.email.toLowerCase(), u]));
  const linkedUsers = new Set(input.people.map((p) => p.user_id).filter(Boolean) as string[]);
  const squadNames = new Map(input.squads.map((s) => [s.name.toLowerCase(), s.name]));

  // 1. Who is who: each fetched person gets the id of the row it updates, or a new id.
  const seenProductive = new Set<string>();
  const seenEmail = new Set<string>();
  const claimedRows = new Set<string>();
  const matched: { f: ProductivePerson; row: ExistingPerson | undefined; id: string }[] = [];
  for (const f of input.fetched) {
    if (seenProductive.has(f.productiveId) || seenEmail.has(f.email)) {
      summary.skipped++;
      continue;
    }
    seenProductive.add(f.productiveId);
    seenEmail.add(f.email);
    let row = byProductive.get(f.productiveId);
    if (!row) {
      const sameEmail = byEmail.get(f.email);
      // Adopt a row with the same email unless another active Productive person owns it.
      if (sameEmail && !(sameEmail.productive_id && input.fetched.some((o) => o.productiveId === sameEmail.productive_id))) row = sameEmail;
    }
    if (row && claimedRows.has(row.id)) {
      summary.skipped++;
      continue;
    }
    if (row) claimedRows.add(row.id);
    matched.push({ f, row, id: row?.id ?? newId() });
  }
  const idByProductive = new Map<string, string>();
  for (const p of input.people) if (p.productive_id) idByProductive.set(p.productive_id, p.id);
  for (const m of matched) idByProductive.set(m.f.productiveId, m.id);
  const emailOwner = new Map(input.people.map((p) => [p.email.toLowerCase(), p.id]));

  // 2. The rows as they should be.
  for (const { f, row, id } of matched) {
    let email = f.email;
    const owner = emailOwner.get(email);
    if (owner && owner !== id) email = row?.email ?? email; // another row has this email: keep ours
    if (!row && owner && owner !== id) {
      summary.skipped++;
      continue;
    }
    let managerId = f.managerProductiveId ? idByProductive.get(f.managerProductiveId) ?? null : null;
    if (managerId === id) managerId = null;
    let squad = f.squad === undefined ? row?.squad ?? null : f.squad;
    if (squad) {
      const known = squadNames.get(squad.toLowerCase());
      if (known) squad = known;
      else {
        squadNames.set(squad.toLowerCase(), squad);
        const squadId = newId();
        plan.squadInserts.push({ id: squadId, name: squad });
        plan.history.push({
          id: newId(), resource_type: "squad", resource_id: squadId, actor_id: input.actorUserId, action: "created",
          details: JSON.stringify({ via: "productive", name: squad }), created_at: now,
        });
        summary.squadsCreated++;
        summary.squadNames.push(squad);
      }
    }
    let userId = row?.user_id ?? null;
    const user = usersByEmail.get(f.email) ?? (row ? usersByEmail.get(row.email.toLowerCase()) : undefined);
    if (!userId && user && !linkedUsers.has(user.id)) {
      userId = user.id;
      linkedUsers.add(user.id);
      summary.matchedUsers++;
    }
    const linkedUser = userId ? input.users.find((u) => u.id === userId) : undefined;
    const reactivated = row?.employment_status === "terminated";
    const next: PersonRow = {
      id,
      productive_id: f.productiveId,
      user_id: userId,
      first_name: f.firstName,
      last_name: f.lastName,
      email,
      title: f.title,
      avatar_url: f.avatarUrl ?? row?.avatar_url ?? null,
      manager_id: managerId,
      squad,
      pronunciation: linkedUser?.pronunciation ?? row?.pronunciation ?? null,
      employment_status: reactivated ? "active" : row?.employment_status ?? "active",
      end_date: reactivated ? null : row?.end_date ?? null,
      synced_at: now,
      updated_at: now,
    };
    if (!row) {
      next.created_at = now;
      plan.upserts.push(next);
      summary.created++;
      pushName(summary.createdNames, fullName(next));
      historyRow(id, "created", { email, title: next.title, squad: next.squad });
    } else {
      const { synced_at: _synced, updated_at: _updated, ...comparable } = next;
      const changes = diffFields(row as unknown as Record<string, unknown>, comparable as unknown as Record<string, unknown>);
      if (Object.keys(changes).length === 0) {
        plan.upserts.push({ ...next, updated_at: row.updated_at });
        summary.unchanged++;
      } else {
        plan.upserts.push(next);
        summary.updated++;
        pushName(summary.updatedNames, fullName(next));
        historyRow(id, reactivated ? "reactivated" : "updated", { changes });
      }
    }
    // Matched users take Productive's title and picture.
    if (linkedUser && ((f.title && f.title !== linkedUser.job_title) || (f.avatarUrl && f.avatarUrl !== linkedUser.picture))) {
      plan.userUpdates.push({
        id: linkedUser.id,
        job_title: f.title ?? linkedUser.job_title,
        picture: f.avatarUrl ?? linkedUser.picture,
        updated_at: now,
      });
    }
  }

  // 3. Synced people Productive no longer lists as active.
  const active = new Set(matched.map((m) => m.id));
  const synced = input.people.filter((p) => p.productive_id && p.employment_status !== "terminated");
  for (const p of synced) {
    if (active.has(p.id)) continue;
    const endDate = p.end_date ?? today;
    const changes: FieldChanges = { employment_status: { from: p.employment_status, to: "terminated" } };
    if (!p.end_date) changes.end_date = { from: null, to: endDate };
    plan.terminations.push({ id: p.id, end_date: endDate, changes });
    summary.removed++;
    pushName(summary.removedNames, fullName(p));
    historyRow(p.id, "terminated", { changes, reason: "No longer active in Productive" });
  }

  if (input.fetched.length === 0 && synced.length > 0) {
    plan.refusal = "Productive returned no active people; nothing was changed (check the organisation id).";
  } else if (summary.removed > 5 && summary.removed > synced.length / 2) {
    plan.refusal = `Productive's answer would remove ${summary.removed} of ${synced.length} synced people; nothing was changed.`;
  }
  return plan;
}

const PERSON_COLUMNS = [
  "id", "productive_id", "user_id", "first_name", "last_name", "email", "title", "avatar_url", "manager_id", "squad",
  "pronunciation", "employment_status", "end_date", "synced_at", "updated_at", "created_at",
] as const;
const PERSON_UPDATE_COLUMNS = PERSON_COLUMNS.filter((c) => c !== "id" && c !== "created_at");

/** The plan as statements: squads, people (managers first), users, terminations, history. */
export function planStatements(db: Db, plan: ProductivePlan) {
  const now = nowIso();
  const upserts = orderByDepth(plan.upserts).map((r) => ({ ...r, created_at: r.created_at ?? now }));
  return [
    ...jsonInsert("squads", ["id", "name"], plan.squadInserts),
    ...jsonInsert("people", PERSON_COLUMNS, upserts, { upsertOn: "id", updateColumns: PERSON_UPDATE_COLUMNS }),
    ...jsonUpdate("users", "id", ["job_title", "picture", "updated_at"], plan.userUpdates),
    ...jsonUpdate(
      "people",
      "id",
      ["employment_status", "end_date", "synced_at", "updated_at"],
      plan.terminations.map((t) => ({ id: t.id, employment_status: "terminated", end_date: t.end_date, synced_at: now, updated_at: now })),
    ),
    ...jsonInsert("history", ["id", "resource_type", "resource_id", "actor_id", "action", "details", "created_at"], plan.history),
  ];
}

/**
 * Runs one Productive sync and records it in sync_runs. Returns the summary, or why nothing
 * changed. Never throws for an external failure.
 */
export function runProductiveSync(
  context: AppLoadContext,
  options: { trigger: SyncTrigger; actorUserId: string | null; clientOverrides?: ClientOverrides; now?: Date },
): Promise<SyncOutcome<ProductiveSyncSummary>> {
  const { db } = context;
  return runSync<ProductiveConfig, ProductiveSyncSummary>(
    db,
    { provider: "productive", trigger: options.trigger, actorUserId: options.actorUserId, now: options.now, notConfigured: "Productive is not configured: connect it in Settings ▸ Connections (or set PRODUCTIVE_API_TOKEN and PRODUCTIVE_ORG_ID)." },
    () => productiveConfig(context, options.clientOverrides),
    async (config) => {
      const fetched = await fetchActivePeople(config);
      const [people, users, squads] = await batch(db, [
        db.query
          .selectFrom("people")
          .select([
            "id", "productive_id", "user_id", "first_name", "last_name", "email", "title", "avatar_url", "manager_id", "squad",
            "pronunciation", "employment_status", "end_date", "updated_at",
          ]),
        db.query.selectFrom("users").select(["id", "email", "job_title", "picture", "pronunciation"]),
        db.query.selectFrom("squads").select(["name"]),
      ]);
      const plan = planProductiveSync({ people, users, squads, fetched: fetched.people, skipped: fetched.skipped, actorUserId: options.actorUserId, now: options.now });
      if (plan.refusal) return { refusal: plan.refusal };
      return { statements: planStatements(db, plan), summary: plan.summary };
    },
  );
}

/**
 * Stale-while-refresh: when the people data is older than the TTL, the page is served as is
 * and a sync runs after the response (its own database handle, so the page's round-trip count
 * is untouched). Only when Productive is configured.
 */
export function refreshProductiveInBackground(context: AppLoadContext) {
  const background: AppLoadContext = { ...context, db: createDb(context.env.DB), viewer: undefined, portalViewer: undefined };
  context.waitUntil(
    runProductiveSync(background, { trigger: "background", actorUserId: null }).catch((e: unknown) => {
      console.error("background Productive sync failed:", e instanceof Error ? e.message : "unknown error");
    }),
  );
}
