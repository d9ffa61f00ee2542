// Client-safe zod schemas for the client portal forms (employee side and portal side).
import { z } from "zod";

export const pageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);

/** Form fields arrive as "" when left empty; treat that as absent. */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const email = z
  .string({ required_error: "Enter an email address" })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long")
  .email("Enter a valid email address");

const id = (message: string) => z.string({ required_error: message }).trim().min(1, message).max(100);

/** Invite a client contact: an existing contact of the company, or a name and email. */
const inviteObject = z.object({
  intent: z.literal("invite"),
  companyId: id("Choose a company"),
  contactId: optional(z.string().trim().max(100)),
  name: optional(z.string().trim().max(200, "Keep the name under 200 characters")),
  email: optional(email),
});

function refineInvite(value: z.infer<typeof inviteObject>, ctx: z.RefinementCtx) {
  if (value.contactId) return;
  if (!value.name) ctx.addIssue({ code: "custom", path: ["name"], message: "Choose a contact, or enter the person's name" });
  if (!value.email) ctx.addIssue({ code: "custom", path: ["email"], message: "Choose a contact, or enter their email address" });
}

export const inviteSchema = inviteObject.superRefine(refineInvite);
export type InviteInput = z.infer<typeof inviteObject>;

/** Every form on /admin/portal, told apart by `intent`. */
export const adminActionSchema = z
  .discriminatedUnion("intent", [
    inviteObject,
    z.object({ intent: z.literal("revoke"), invitationId: id("Missing invitation") }),
    z.object({ intent: z.literal("disable"), portalUserId: id("Missing portal user") }),
    z.object({ intent: z.literal("enable"), portalUserId: id("Missing portal user") }),
  ], { errorMap: () => ({ message: "Unknown action" }) })
  .superRefine((value, ctx) => {
    if (value.intent === "invite") refineInvite(value, ctx);
  });
export type AdminAction = z.infer<typeof adminActionSchema>;

/** The portal sign-in form: only an email address. */
export const magicLinkRequestSchema = z.object({ email });

/** Tokens are 43-character base64url strings; anything else is simply not found. */
export const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);


export const INVITATION_TTL_DAYS = 7;
export const MAGIC_LINK_TTL_MINUTES = 15;
export const MAGIC_LINK_LIMITS = {
  perEmail: { limit: 5, windowSeconds: 15 * 60 },
  perIp: { limit: 30, windowSeconds: 15 * 60 },
} as const;

export const INVITATION_STATUSES = ["pending", "accepted", "revoked", "expired"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** /admin/portal query string: company filter, invitation status filter, one page per list. */
export const adminListQuerySchema = z.object({
  company: z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined),
  status: z.enum(INVITATION_STATUSES).optional().catch(undefined),
  upage: pageSchema,
  ipage: pageSchema,
});

export function parseAdminListQuery(params: URLSearchParams) {
  const query = adminListQuerySchema.parse(Object.fromEntries(params));
  return { companyId: query.company, status: query.status, usersPage: query.upage, invitationsPage: query.ipage };
}
