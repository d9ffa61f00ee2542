// Google Workspace directory → users (ORIGINAL §5.2 "sync-google"): refresh the name, picture
// and job title of existing users, create the user for a person who has none yet (same email;
// access level employee, as a first sign-in would), and link people to users by email.
// Directory accounts that are neither a user nor a person are ignored; suspended accounts are
// skipped. Fetch everything first; write everything in ONE batch with the run's summary.
import { fetchDirectoryUsers, type DirectoryUser } from "~/integrations/google-directory.server";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import { diffFields } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { jsonInsert, jsonUpdate } from "./bulk.server";
import { googleDirectoryConfig, type ClientOverrides } from "./sync-config.server";
import { runSync, type SyncOutcome } from "./sync-runs.server";

export interface GoogleSyncSummary {
  total: number;
  created: number;
  updated: number;
  linked: number;
  skipped: number;
}

export function runGoogleDirectorySync(
  context: AppLoadContext,
  options: { actorUserId: string | null; actorEmail: string | null; clientOverrides?: ClientOverrides },
): Promise<SyncOutcome<GoogleSyncSummary>> {
  const { db } = context;
  return runSync(
    db,
    { provider: "google", trigger: "manual", actorUserId: options.actorUserId, notConfigured: "The Google directory is not configured: connect Google Workspace in Settings ▸ Connections (or set GOOGLE_DIRECTORY_TOKEN)." },
    () => googleDirectoryConfig(context, options.actorEmail, options.clientOverrides),
    async (config) => {
      const directory = await fetchDirectoryUsers(config);
      const [users, people] = await batch(db, [
        db.query.selectFrom("users").select(["id", "email", "name", "picture", "job_title"]),
        db.query.selectFrom("people").select(["id", "email", "user_id"]),
      ]);
      const plan = planGoogleSync({ directory, users, people, actorUserId: options.actorUserId });
      return {
        statements: [
          ...jsonInsert("users", ["id", "email", "name", "picture", "job_title", "access_level", "onboarding_template_id", "created_at", "updated_at"], plan.inserts),
          ...jsonUpdate("users", "id", ["name", "picture", "job_title", "updated_at"], plan.updates),
          ...jsonUpdate("people", "id", ["user_id", "updated_at"], plan.links),
          ...jsonInsert("history", ["id", "resource_type", "resource_id", "actor_id", "action", "details", "created_at"], plan.history),
        ],
        summary: plan.summary,
      };
    },
  );
}

/** The Google sync as data (pure). */
export function planGoogleSync(input: {
  directory: DirectoryUser[];
  users: { id: string; email: string; name: string; picture: string | null; job_title: string | null }[];
  people: { id: string; email: string; user_id: string | null }[];
  actorUserId: string | null;
}) {
  const now = nowIso();
  const usersByEmail = new Map(input.users.map((u) => [u.email.toLowerCase(), u]));
  const peopleByEmail = new Map(input.people.map((p) => [p.email.toLowerCase(), p]));
  const linkedUsers = new Set(input.people.map((p) => p.user_id).filter(Boolean) as string[]);
  const summary: GoogleSyncSummary = { total: input.directory.length, created: 0, updated: 0, linked: 0, skipped: 0 };
  const inserts: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  const links: Record<string, unknown>[] = [];
  const history: Record<string, unknown>[] = [];
  const record = (resourceType: string, resourceId: string, action: string, details: Record<string, unknown>) =>
    history.push({
      id: newId(), resource_type: resourceType, resource_id: resourceId, actor_id: input.actorUserId, action,
      details: JSON.stringify({ via: "google_directory", ...details }), created_at: now,
    });
  const seen = new Set<string>();
  for (const d of input.directory) {
    if (d.suspended || seen.has(d.email)) {
      summary.skipped++;
      continue;
    }
    seen.add(d.email);
    const person = peopleByEmail.get(d.email);
    let user = usersByEmail.get(d.email);
    if (user) {
      const next = { name: d.name, picture: d.picture ?? user.picture, job_title: d.title ?? user.job_title };
      const changes = diffFields(user, next);
      if (Object.keys(changes).length) {
        updates.push({ id: user.id, ...next, updated_at: now });
        record("user", user.id, "updated", { changes });
        summary.updated++;
      }
    } else if (person && !person.user_id) {
      const id = newId();
      user = { id, email: d.email, name: d.name, picture: d.picture, job_title: d.title };
      inserts.push({ ...user, access_level: "employee", onboarding_template_id: "tpl-onb-common", created_at: now, updated_at: now });
      record("user", id, "created", { email: d.email });
      summary.created++;
    } else {
      summary.skipped++;
      continue;
    }
    if (person && !person.user_id && !linkedUsers.has(user.id)) {
      links.push({ id: person.id, user_id: user.id, updated_at: now });
      linkedUsers.add(user.id);
      record("person", person.id, "updated", { changes: { user_id: { from: null, to: user.id } } });
      summary.linked++;
    }
  }
  return { inserts, updates, links, history, summary };
}
