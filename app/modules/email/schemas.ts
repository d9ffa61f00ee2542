// Client-safe zod schemas for the email pages (one per form / query string).
import { z } from "zod";

export const THREAD_PAGE_SIZE = 25;
export const MAX_PAGE = 400;

const noNewlines = (label: string) => (v: string) => !/[\r\n]/.test(v) || `${label} must be on one line`;

export const threadIdSchema = z.string().trim().regex(/^[A-Za-z0-9_-]{1,100}$/, "Not a thread id");

export const threadFiltersSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  company: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).optional().catch(undefined),
});
export type ThreadFilters = z.infer<typeof threadFiltersSchema>;

const subject = z
  .string({ required_error: "Enter a subject" })
  .trim()
  .min(1, "Enter a subject")
  .max(200, "Keep the subject under 200 characters")
  .refine((v) => noNewlines("The subject")(v) === true, "The subject must be on one line");
const body = z.string({ required_error: "Write a message" }).trim().min(1, "Write a message").max(20_000, "The message is too long (20,000 characters at most)");

export const composeSchema = z.object({
  contactId: z.string({ required_error: "Choose a contact" }).trim().min(1, "Choose a contact").max(100),
  subject,
  body,
});
export type ComposeInput = z.infer<typeof composeSchema>;

export const replySchema = z.object({ intent: z.literal("reply"), body });
export type ReplyInput = z.infer<typeof replySchema>;

export const emailsActionSchema = z.object({ intent: z.literal("sync", { message: "Unknown action" }) });

/** Free-mail domains: a sender there says nothing about their company. */
export const FREE_MAIL_DOMAINS = new Set([
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "live.com.au", "msn.com",
  "yahoo.com", "yahoo.com.au", "yahoo.co.uk", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com",
  "gmx.com", "gmx.net", "zoho.com", "yandex.com", "mail.com", "bigpond.com", "bigpond.net.au", "optusnet.com.au", "fastmail.com",
]);

export const isFreeMailDomain = (domain: string) => FREE_MAIL_DOMAINS.has(domain.trim().toLowerCase());
