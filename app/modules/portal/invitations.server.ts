// Portal invitations (employee side: invite, list, revoke; portal users: disable/enable) and
// accepting an invitation (portal side). Tokens are emailed once and stored only as SHA-256.
import { sql, type SqlBool } from "kysely";
import type { AppLoadContext } from "~/platform/context.server";
import { batch } from "~/platform/batch.server";
import { randomToken, sha256 } from "~/platform/crypto.server";
import type { Db } from "~/platform/db.server";
import type { FieldErrors } from "~/platform/forms.server";
import { diffFields, historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { sendMail } from "~/platform/mail.server";
import { notificationInserts } from "~/platform/notify.server";
import { portalSessionCookie, portalSessionWrites } from "~/platform/portal-session.server";
import type { Viewer } from "~/platform/session.server";
import { INVITATION_TTL_DAYS, type AdminAction, type InvitationStatus, type InviteInput } from "./schemas";

export const PAGE_SIZE = 25;
const COMPANY_OPTIONS_LIMIT = 500;
const CONTACT_OPTIONS_LIMIT = 200;


/** The public origin for emailed links: APP_URL when configured, else the request's own. */
export function appOrigin(env: AppLoadContext["env"], request: Request) {
  return (env.APP_URL || new URL(request.url).origin).replace(/\/+$/, "");
}

const never = sql<SqlBool>`0 = 1`;

function invitationStatus(now: string) {
  return sql<InvitationStatus>`CASE
    WHEN portal_invitations.accepted_at IS NOT NULL THEN 'accepted'
    WHEN portal_invitations.revoked_at IS NOT NULL THEN 'revoked'
    WHEN portal_invitations.expires_at <= ${now} THEN 'expired'
    ELSE 'pending' END`;
}

function statusCondition(status: InvitationStatus, now: string) {
  switch (status) {
    case "accepted":
      return sql<SqlBool>`portal_invitations.accepted_at IS NOT NULL`;
    case "revoked":
      return sql<SqlBool>`portal_invitations.accepted_at IS NULL AND portal_invitations.revoked_at IS NOT NULL`;
    case "expired":
      return sql<SqlBool>`portal_invitations.accepted_at IS NULL AND portal_invitations.revoked_at IS NULL AND portal_invitations.expires_at <= ${now}`;
    case "pending":
      return sql<SqlBool>`portal_invitations.accepted_at IS NULL AND portal_invitations.revoked_at IS NULL AND portal_invitations.expires_at > ${now}`;
  }
}

export interface AdminListOptions {
  companyId?: string;
  status?: InvitationStatus;
  usersPage: number;
  invitationsPage: number;
}

/**
 * Everything /admin/portal shows, in ONE round trip: company options (bounded), the chosen
 * company's contacts, a page of portal users and a page of invitations (newest first).
 */
export async function loadPortalAdmin(db: Db, options: AdminListOptions) {
  const now = nowIso();
  const { companyId } = options;
  const [companies, selected, contacts, users, invitations] = await batch(db, [
    db.query.selectFrom("companies").select(["id", "name"]).orderBy("name").orderBy("id").limit(COMPANY_OPTIONS_LIMIT),
    db.query.selectFrom("companies").select(["id", "name"]).where(companyId ? sql<SqlBool>`companies.id = ${companyId}` : never),
    db.query
      .selectFrom("contacts")
      .select(["id", "first_name", "last_name", "email", "role"])
      .where(companyId ? sql<SqlBool>`contacts.company_id = ${companyId}` : never)
      .orderBy("last_name")
      .orderBy("first_name")
      .limit(CONTACT_OPTIONS_LIMIT),
    db.query
      .selectFrom("portal_users")
      .innerJoin("companies", "companies.id", "portal_users.company_id")
      .leftJoin("users as inviter", "inviter.id", "portal_users.invited_by")
      .select([
        "portal_users.id", "portal_users.name", "portal_users.email", "portal_users.status",
        "portal_users.last_login_at", "portal_users.created_at", "companies.id as company_id",
        "companies.name as company_name", "inviter.name as invited_by_name",
      ])
      .$if(Boolean(companyId), (q) => q.where("portal_users.company_id", "=", companyId!))
      .orderBy("portal_users.created_at", "desc")
      .orderBy("portal_users.id", "desc")
      .limit(PAGE_SIZE + 1)
      .offset((options.usersPage - 1) * PAGE_SIZE),
    db.query
      .selectFrom("portal_invitations")
      .innerJoin("companies", "companies.id", "portal_invitations.company_id")
      .leftJoin("users as inviter", "inviter.id", "portal_invitations.invited_by")
      .select([
        "portal_invitations.id", "portal_invitations.name", "portal_invitations.email",
        "portal_invitations.expires_at", "portal_invitations.accepted_at", "portal_invitations.revoked_at",
        "portal_invitations.created_at", "companies.id as company_id", "companies.name as company_name",
        "inviter.name as invited_by_name", invitationStatus(now).as("status"),
      ])
      .$if(Boolean(companyId), (q) => q.where("portal_invitations.company_id", "=", companyId!))
      .$if(Boolean(options.status), (q) => q.where(statusCondition(options.status!, now)))
      .orderBy("portal_invitations.created_at", "desc")
      .orderBy("portal_invitations.id", "desc")
      .limit(PAGE_SIZE + 1)
      .offset((options.invitationsPage - 1) * PAGE_SIZE),
  ]);
  const companyOptions = [...companies];
  if (selected[0] && !companyOptions.some((c) => c.id === selected[0]!.id)) companyOptions.unshift(selected[0]);
  return {
    companies: companyOptions,
    company: selected[0] ?? null,
    contacts,
    users: { rows: users.slice(0, PAGE_SIZE), hasNext: users.length > PAGE_SIZE, page: options.usersPage },
    invitations: { rows: invitations.slice(0, PAGE_SIZE), hasNext: invitations.length > PAGE_SIZE, page: options.invitationsPage },
  };
}

export type CreateInvitationResult =
  | { ok: true; invitationId: string; email: string; mailStatus: "sent" | "failed" | "captured" }
  | { ok: false; errors: FieldErrors };

/**
 * Invites a client contact to the portal: a pending invitation (7 days, single use) whose
 * token is emailed and stored only as its hash. A newer invitation supersedes (revokes) any
 * pending one for the same address. Someone who already has active access is not invited.
 */
export async function createInvitation(
  context: AppLoadContext,
  viewer: Pick<Viewer, "userId" | "name">,
  input: InviteInput,
  origin: string,
): Promise<CreateInvitationResult> {
  const { db } = context;
  const contactEmail = db.query
    .selectFrom("contacts")
    .select("email")
    .where("id", "=", input.contactId ?? "")
    .where("company_id", "=", input.companyId);
  const [companies, contacts, activeUsers] = await batch(db, [
    db.query.selectFrom("companies").select(["id", "name"]).where("id", "=", input.companyId),
    db.query
      .selectFrom("contacts")
      .select(["id", "first_name", "last_name", "email"])
      .where("id", "=", input.contactId ?? "")
      .where("company_id", "=", input.companyId),
    db.query
      .selectFrom("portal_users")
      .select(["id", "email"])
      .where("status", "=", "active")
      .where((eb) => (input.contactId ? eb("email", "=", contactEmail) : eb("email", "=", input.email ?? ""))),
  ]);
  const company = companies[0];
  if (!company) return { ok: false, errors: { companyId: "Choose a company" } };
  let name = input.name ?? "";
  let email = input.email ?? "";
  let contactId: string | null = null;
  if (input.contactId) {
    const contact = contacts[0];
    if (!contact) return { ok: false, errors: { contactId: "That contact does not belong to this company" } };
    if (!contact.email) return { ok: false, errors: { contactId: "This contact has no email address: add one, or enter a name and email instead" } };
    name = `${contact.first_name} ${contact.last_name}`.trim();
    email = contact.email.toLowerCase();
    contactId = contact.id;
  }
  if (activeUsers[0]) {
    return { ok: false, errors: { [input.contactId ? "contactId" : "email"]: `${email} already has portal access` } };
  }

  const token = randomToken();
  const now = new Date();
  const stamp = nowIso(now);
  const invitationId = newId();
  const pendingForEmail = db.query
    .selectFrom("portal_invitations")
    .where("email", "=", email)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null);
  await batch(db, [
    // History for every pending invitation this one supersedes, then the supersede itself.
    db.query
      .insertInto("history")
      .columns(["id", "resource_type", "resource_id", "actor_id", "action", "details", "created_at"])
      .expression(
        pendingForEmail.select([
          sql<string>`lower(hex(randomblob(16)))`.as("id"),
          sql<string>`'portal_invitation'`.as("resource_type"),
          "portal_invitations.id as resource_id",
          sql<string>`${viewer.userId}`.as("actor_id"),
          sql<string>`'revoked'`.as("action"),
          sql<string>`${JSON.stringify({ reason: "superseded", by: invitationId })}`.as("details"),
          sql<string>`${stamp}`.as("created_at"),
        ]),
      ),
    db.query
      .updateTable("portal_invitations")
      .set({ revoked_at: stamp })
      .where("email", "=", email)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null),
    db.query.insertInto("portal_invitations").values({
      id: invitationId,
      company_id: company.id,
      contact_id: contactId,
      email,
      name,
      token_hash: await sha256(token),
      expires_at: nowIso(new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000)),
      invited_by: viewer.userId,
      created_at: stamp,
    }),
    historyEntry(db, {
      actorId: viewer.userId,
      resourceType: "portal_invitation",
      resourceId: invitationId,
      action: "created",
      details: { companyId: company.id, contactId, email, name },
    }),
  ]);
  const link = `${origin}/portal/accept/${token}`;
  const mail = await sendMail(context, {
    to: email,
    subject: `${viewer.name} invited you to the ${company.name} client portal`,
    text: [
      `Hello ${name},`,
      "",
      `${viewer.name} has invited you to the ${company.name} client portal at DotCollective.`,
      "",
      "Accept the invitation:",
      link,
      "",
      `The link works once and expires in ${INVITATION_TTL_DAYS} days. If you were not expecting it, ignore this email.`,
    ].join("\n"),
  });
  return { ok: true, invitationId, email, mailStatus: mail.status };
}

/** Revokes a pending invitation. Null when there is no pending invitation with that id. */
export async function revokeInvitation(db: Db, viewer: Pick<Viewer, "userId">, invitationId: string) {
  const now = nowIso();
  const invitation = await db.query
    .selectFrom("portal_invitations")
    .select(["id", "email"])
    .where("id", "=", invitationId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (!invitation) return null;
  await batch(db, [
    db.query
      .updateTable("portal_invitations")
      .set({ revoked_at: now })
      .where("id", "=", invitation.id)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null),
    historyEntry(db, {
      actorId: viewer.userId,
      resourceType: "portal_invitation",
      resourceId: invitation.id,
      action: "revoked",
      changes: { revoked_at: { from: null, to: now } },
    }),
  ]);
  return { id: invitation.id, email: invitation.email };
}

/** Disables (ending every portal session at once) or re-enables a portal user. Null if unknown. */
export async function setPortalUserStatus(
  db: Db,
  viewer: Pick<Viewer, "userId">,
  portalUserId: string,
  status: "active" | "disabled",
) {
  const user = await db.query
    .selectFrom("portal_users")
    .select(["id", "email", "status"])
    .where("id", "=", portalUserId)
    .executeTakeFirst();
  if (!user) return null;
  if (user.status === status) return { id: user.id, email: user.email, changed: false };
  const now = nowIso();
  await batch(db, [
    db.query.updateTable("portal_users").set({ status, updated_at: now }).where("id", "=", user.id),
    ...(status === "disabled"
      ? [
          db.query
            .updateTable("portal_sessions")
            .set({ revoked_at: now })
            .where("portal_user_id", "=", user.id)
            .where("revoked_at", "is", null),
        ]
      : []),
    historyEntry(db, {
      actorId: viewer.userId,
      resourceType: "portal_user",
      resourceId: user.id,
      action: status === "disabled" ? "disabled" : "enabled",
      changes: diffFields({ status: user.status }, { status }),
    }),
  ]);
  return { id: user.id, email: user.email, changed: true };
}

/** A pending, unexpired, unrevoked invitation for a token (what the accept page shows), or null. */
export async function findInvitationByToken(db: Db, token: string) {
  const row = await db.query
    .selectFrom("portal_invitations")
    .innerJoin("companies", "companies.id", "portal_invitations.company_id")
    .select(["portal_invitations.id", "portal_invitations.name", "portal_invitations.email", "companies.name as company_name"])
    .where("portal_invitations.token_hash", "=", await sha256(token))
    .where("portal_invitations.accepted_at", "is", null)
    .where("portal_invitations.revoked_at", "is", null)
    .where("portal_invitations.expires_at", ">", nowIso())
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Accepts an invitation: creates the portal user (or reactivates the one with that email, moving
 * it to the inviting company), marks the invitation accepted, notifies the inviter and opens a
 * portal session — all in ONE atomic batch with history rows. Single use: the batch's first
 * statement consumes the invitation under the same guard as the read, and the next statement
 * aborts the whole batch (NOT NULL on history.resource_id) unless exactly that row changed,
 * so a second, concurrent accept writes nothing. Returns the portal Set-Cookie value, or null
 * when the token is not usable (unknown, expired, revoked, used).
 */
export async function acceptInvitation(context: AppLoadContext, request: Request, token: string) {
  const { db } = context;
  const now = new Date();
  const stamp = nowIso(now);
  const tokenHash = await sha256(token);
  const usable = db.query
    .selectFrom("portal_invitations")
    .where("token_hash", "=", tokenHash)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", stamp);
  const [invitations, existingUsers] = await batch(db, [
    db.query
      .selectFrom("portal_invitations")
      .innerJoin("companies", "companies.id", "portal_invitations.company_id")
      .select([
        "portal_invitations.id", "portal_invitations.company_id", "portal_invitations.contact_id",
        "portal_invitations.email", "portal_invitations.name", "portal_invitations.invited_by",
        "companies.name as company_name",
      ])
      .where("portal_invitations.token_hash", "=", tokenHash)
      .where("portal_invitations.accepted_at", "is", null)
      .where("portal_invitations.revoked_at", "is", null)
      .where("portal_invitations.expires_at", ">", stamp),
    db.query
      .selectFrom("portal_users")
      .select(["id", "company_id", "contact_id", "name", "status"])
      .where("email", "=", usable.select("email")),
  ]);
  const invitation = invitations[0];
  if (!invitation) return null;
  const existing = existingUsers[0];
  const portalUserId = existing?.id ?? newId();
  const userFields = { company_id: invitation.company_id, contact_id: invitation.contact_id, name: invitation.name, status: "active" };
  const session = portalSessionWrites(context, portalUserId, now);
  try {
    await batch(db, [
      db.query
        .updateTable("portal_invitations")
        .set({ accepted_at: stamp })
        .where("id", "=", invitation.id)
        .where("accepted_at", "is", null)
        .where("revoked_at", "is", null)
        .where("expires_at", ">", stamp),
      db.query.insertInto("history").values({
        id: newId(),
        resource_type: "portal_invitation",
        // NULL (so the batch fails) unless the UPDATE above changed exactly one row.
        resource_id: sql<string>`(SELECT ${invitation.id} WHERE changes() = 1)`,
        actor_id: null,
        action: "accepted",
        details: JSON.stringify({ portalUserId, changes: { accepted_at: { from: null, to: stamp } } }),
        created_at: stamp,
      }),
      existing
        ? db.query
            .updateTable("portal_users")
            .set({ ...userFields, invited_by: invitation.invited_by, updated_at: stamp })
            .where("id", "=", existing.id)
        : db.query.insertInto("portal_users").values({
            id: portalUserId,
            email: invitation.email.toLowerCase(),
            invited_by: invitation.invited_by,
            created_at: stamp,
            updated_at: stamp,
            ...userFields,
          }),
      historyEntry(db, {
        actorId: null,
        resourceType: "portal_user",
        resourceId: portalUserId,
        action: existing ? "reactivated" : "created",
        ...(existing
          ? { changes: diffFields(existing, userFields) }
          : { details: { via: "invitation", invitationId: invitation.id, companyId: invitation.company_id } }),
      }),
      ...notificationInserts(db, {
        userIds: invitation.invited_by ? [invitation.invited_by] : [],
        type: "portal_invitation_accepted",
        title: `${invitation.name} accepted the portal invitation`,
        body: `${invitation.email} can now sign in to the ${invitation.company_name} client portal.`,
        actionUrl: `/admin/portal?company=${encodeURIComponent(invitation.company_id)}`,
        resourceType: "portal_user",
        resourceId: portalUserId,
      }),
      ...session.statements,
    ]);
  } catch (error) {
    if (error instanceof Error && /constraint/i.test(error.message)) return null;
    throw error;
  }
  return portalSessionCookie(context, request, session.sessionId);
}

export type AdminActionResult = { ok: true; message: string; id: string } | { ok: false; errors: FieldErrors } | null;

/** The one entry point for /admin/portal's forms. Null when the target record does not exist (→ 404). */
export async function runPortalAdminAction(
  context: AppLoadContext,
  viewer: Pick<Viewer, "userId" | "name">,
  action: AdminAction,
  origin: string,
): Promise<AdminActionResult> {
  switch (action.intent) {
    case "invite": {
      const result = await createInvitation(context, viewer, action, origin);
      if (!result.ok) return result;
      const note = result.mailStatus === "failed" ? " but the email could not be sent: revoke it and invite again" : "";
      return { ok: true, id: result.invitationId, message: `Invitation created for ${result.email}${note}.` };
    }
    case "revoke": {
      const revoked = await revokeInvitation(context.db, viewer, action.invitationId);
      return revoked && { ok: true, id: revoked.id, message: `Invitation for ${revoked.email} revoked.` };
    }
    case "disable":
    case "enable": {
      const status = action.intent === "disable" ? "disabled" : "active";
      const user = await setPortalUserStatus(context.db, viewer, action.portalUserId, status);
      return user && {
        ok: true,
        id: user.id,
        message: `${user.email} ${action.intent === "disable" ? "can no longer sign in; their sessions have ended" : "can sign in again"}.`,
      };
    }
  }
}
