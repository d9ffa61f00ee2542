import type { Db } from "~/platform/db.server";
import { batch } from "~/platform/batch.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";

export interface SignInProfile {
  email: string;
  name: string;
  picture?: string | null;
  jobTitle?: string | null;
  googleSub?: string | null;
}

export function emailDomain(email: string) {
  return email.split("@")[1]?.toLowerCase() ?? "";
}

/** Google sign-in is for the workspace domain only; both the `hd` claim and the address must match. */
export function isWorkspaceAccount(domain: string, profile: { email: string; hd?: string | null; emailVerified?: boolean }) {
  const wanted = domain.toLowerCase();
  return (
    profile.emailVerified !== false &&
    emailDomain(profile.email) === wanted &&
    (profile.hd == null || profile.hd.toLowerCase() === wanted)
  );
}

/**
 * First sign-in creates the user and links the person with the same email; later sign-ins
 * refresh name, picture and title. Returns the user id, or null when the user is disabled.
 * One round trip to read, one atomic batch to write.
 */
export async function upsertUserOnSignIn(db: Db, profile: SignInProfile): Promise<{ userId: string } | { disabled: true }> {
  const email = profile.email.toLowerCase();
  const [users, people] = await batch(db, [
    db.query.selectFrom("users").select(["id", "disabled_at"]).where("email", "=", email),
    db.query.selectFrom("people").select(["id", "user_id", "title", "avatar_url"]).where("email", "=", email),
  ]);
  const existing = users[0];
  const person = people[0];
  if (existing?.disabled_at) return { disabled: true };
  const now = nowIso();
  const userId = existing?.id ?? newId();
  const writes = [];
  if (existing) {
    writes.push(
      db.query
        .updateTable("users")
        .set({
          name: profile.name,
          ...(profile.picture ? { picture: profile.picture } : {}),
          ...(profile.jobTitle ? { job_title: profile.jobTitle } : {}),
          ...(profile.googleSub ? { google_sub: profile.googleSub } : {}),
          updated_at: now,
        })
        .where("id", "=", userId),
    );
  } else {
    writes.push(
      db.query.insertInto("users").values({
        id: userId,
        email,
        name: profile.name,
        picture: profile.picture ?? person?.avatar_url ?? null,
        job_title: profile.jobTitle ?? person?.title ?? null,
        google_sub: profile.googleSub ?? null,
        access_level: "employee",
        onboarding_template_id: "tpl-onb-common",
      }),
      historyEntry(db, { actorId: userId, resourceType: "user", resourceId: userId, action: "created", details: { via: "sign-in" } }),
    );
  }
  if (person && !person.user_id) {
    writes.push(db.query.updateTable("people").set({ user_id: userId, updated_at: now }).where("id", "=", person.id));
  }
  await batch(db, writes);
  return { userId };
}

/** Seeded people the development sign-in offers (local and tests only). */
export function listSignInCandidates(db: Db) {
  return db.query
    .selectFrom("people")
    .leftJoin("users", "users.id", "people.user_id")
    .select([
      "people.id", "people.first_name", "people.last_name", "people.email", "people.title",
      "users.access_level", "users.disabled_at",
    ])
    .where("people.employment_status", "!=", "terminated")
    .orderBy("people.last_name")
    .orderBy("people.first_name")
    .limit(100)
    .execute();
}

export function findPersonForSignIn(db: Db, personId: string) {
  return db.query
    .selectFrom("people")
    .select(["id", "email", "first_name", "last_name", "title", "avatar_url"])
    .where("id", "=", personId)
    .executeTakeFirst();
}
