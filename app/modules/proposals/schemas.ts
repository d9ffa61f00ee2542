// Client-safe: proposal statuses, labels and the zod schemas shared by routes and module.
import { z } from "zod";

export const PROPOSAL_STATUSES = ["draft", "for_approval", "sent", "viewed", "accepted", "declined", "expired"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const STATUS_LABELS: Record<ProposalStatus, string> = {
  draft: "Draft",
  for_approval: "For approval",
  sent: "Sent",
  viewed: "Viewed",
  accepted: "Accepted",
  declined: "Declined",
  expired: "Expired",
};
export const STATUS_TONES: Record<ProposalStatus, "slate" | "green" | "amber" | "red" | "blue" | "violet"> = {
  draft: "slate", for_approval: "amber", sent: "blue", viewed: "violet", accepted: "green", declined: "red", expired: "slate",
};

/** Statuses in which the pages and pricing may still be edited by the team. */
export const EDITABLE_STATUSES: readonly ProposalStatus[] = ["draft", "for_approval"];
/** Statuses in which the client link is live. */
export const LIVE_STATUSES: readonly ProposalStatus[] = ["sent", "viewed"];

export const PROPOSAL_TABS = ["overview", "pages", "pricing", "analytics", "history"] as const;
export type ProposalTab = (typeof PROPOSAL_TABS)[number];

export const PAGE_SIZE = 25;
export const BOARD_COLUMN_LIMIT = 20;
/** Per page timing cap (30 minutes): longer is an idle tab, not reading. */
export const MAX_PAGE_MS = 30 * 60 * 1000;
/** A visit (one proposal_views row) lasts while pages keep loading within this window. */
export const VISIT_IDLE_MS = 30 * 60 * 1000;
export const MAX_PAGES = 40;
export const MAX_ITEMS = 80;

/** 32 random bytes in base64url = 43 characters. */
export const shareTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

const id = z.string().trim().min(1).max(100);
const optionalId = z.string().trim().max(100).optional().transform((v) => (v ? v : null));
const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);

/** "1,234.50" or "1234.5" dollars → cents. */
export const money = z
  .string()
  .trim()
  .transform((v) => v.replace(/[$,\s]/g, ""))
  .pipe(z.string().regex(/^\d{1,9}(\.\d{1,2})?$/, "Enter an amount like 1500 or 1500.50"))
  .transform((v) => Math.round(Number(v) * 100));

export const quantity = z.coerce.number({ invalid_type_error: "Enter a number" }).positive("Must be more than 0").max(100000, "Too large");
export const percent = z.coerce.number({ invalid_type_error: "Enter a percentage" }).min(0).max(100).transform((v) => Math.round(v * 100));
export const isoDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD");
const checkbox = z.union([z.literal("on"), z.literal("1"), z.literal("true")]).optional().transform((v) => Boolean(v));

export const newProposalSchema = z.object({
  title: text(200).min(1, "Give the proposal a title"),
  templateId: optionalId,
  dealId: optionalId,
  companyId: optionalId,
  contactId: optionalId,
  validUntil: isoDate.optional().or(z.literal("")).transform((v) => v || null),
});
export type NewProposalInput = z.infer<typeof newProposalSchema>;

/** The new-proposal fields echoed in a GET (the form re-rendered with another company's contacts). */
export function newProposalValuesFrom(params: URLSearchParams): Record<"title" | "templateId" | "dealId" | "companyId" | "contactId" | "validUntil", string> | null {
  if (!params.has("companyId")) return null;
  const get = (k: string) => (params.get(k) ?? "").slice(0, 200);
  return { title: get("title"), templateId: get("templateId"), dealId: get("dealId"), companyId: get("companyId"), contactId: get("contactId"), validUntil: get("validUntil") };
}

export const detailsSchema = z.object({
  intent: z.literal("details"),
  title: text(200).min(1, "Give the proposal a title"),
  companyId: optionalId,
  contactId: optionalId,
  validUntil: isoDate.optional().or(z.literal("")).transform((v) => v || null),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "Three-letter currency code"),
  taxPercent: percent,
  internalNotes: text(5000).optional().transform((v) => v || null),
});

export const pageSchema = z.object({ intent: z.literal("save-page"), pageId: id, title: text(200).min(1, "A page needs a title"), body: text(20000) });
export const addPageSchema = z.object({ intent: z.literal("add-page"), title: text(200).min(1, "A page needs a title"), body: text(20000).default("") });
export const movePageSchema = z.object({ intent: z.literal("move-page"), pageId: id, direction: z.enum(["up", "down"]) });
export const deletePageSchema = z.object({ intent: z.literal("delete-page"), pageId: id });
export const addSectionSchema = z.object({ intent: z.literal("add-section"), title: text(200).min(1, "A section needs a title") });
export const deleteSectionSchema = z.object({ intent: z.literal("delete-section"), sectionId: id });
export const addItemSchema = z.object({
  intent: z.literal("add-item"),
  sectionId: id,
  description: text(300).min(1, "Describe the item"),
  quantity,
  rate: money,
  optional: checkbox,
});
export const deleteItemSchema = z.object({ intent: z.literal("delete-item"), itemId: id });
export const addMemberSchema = z.object({ intent: z.literal("add-member"), personId: id, role: text(100).optional().transform((v) => v || null) });
export const removeMemberSchema = z.object({ intent: z.literal("remove-member"), memberId: id });
export const requestApprovalSchema = z.object({ intent: z.literal("request-approval") });
export const decideSchema = z.object({
  intent: z.enum(["approve", "reject"]),
  comment: text(1000).optional().transform((v) => v || null),
});
export const sendSchema = z.object({ intent: z.literal("send") });
export const relinkSchema = z.object({ intent: z.literal("regenerate-link") });

export const PROPOSAL_INTENTS = [
  "details", "save-page", "add-page", "move-page", "delete-page", "add-section", "delete-section", "add-item", "delete-item",
  "add-member", "remove-member", "request-approval", "approve", "reject", "send", "regenerate-link",
] as const;
export type ProposalIntent = (typeof PROPOSAL_INTENTS)[number];

// ---- public (client) forms --------------------------------------------------------------
export const optionsSchema = z.object({
  intent: z.literal("options"),
  "item[]": z.union([z.string().max(100), z.array(z.string().max(100)).max(MAX_ITEMS)]).optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});
export const acceptSchema = z.object({
  intent: z.literal("accept"),
  name: text(120).min(2, "Type your full name to sign"),
  agree: z.literal("on", { errorMap: () => ({ message: "Tick the box to confirm you accept" }) }),
  signature: z
    .string()
    .max(200_000, "The drawn signature is too large")
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, "Unreadable drawn signature")
    .optional()
    .or(z.literal(""))
    .transform((v) => v || null),
});
export const declineSchema = z.object({ intent: z.literal("decline"), reason: text(1000).optional().transform((v) => v || null) });

/** The page-timing beacon: {pageId, ms}; ms is clamped, never trusted. */
export const beaconSchema = z.object({
  pageId: z.string().trim().min(1).max(100),
  ms: z.coerce.number().finite().transform((v) => Math.max(0, Math.min(MAX_PAGE_MS, Math.round(v)))),
});

// ---- templates ----------------------------------------------------------------------------
export const templateSchema = z.object({
  intent: z.literal("template"),
  name: text(200).min(1, "Name the template"),
  description: text(1000).optional().transform((v) => v || null),
  category: text(100).optional().transform((v) => v || null),
  taxPercent: percent,
  pricing: text(10000).default(""),
});
export const newTemplateSchema = z.object({
  intent: z.literal("create"),
  name: text(200).min(1, "Name the template"),
  description: text(1000).optional().transform((v) => v || null),
  category: text(100).optional().transform((v) => v || null),
});
export const settingsSchema = z.object({
  intent: z.literal("settings"),
  threshold: money,
  validDays: z.coerce.number().int().min(1, "At least 1 day").max(365, "At most 365 days"),
  followUpDays: z.coerce.number({ invalid_type_error: "Enter a number of days" }).int("Whole days only").min(1, "At least 1 day").max(90, "At most 90 days").optional(),
});

export interface PricingOutlineItem { description: string; quantity: number; rate_cents: number; optional: boolean }
export interface PricingOutlineSection { title: string; items: PricingOutlineItem[] }

export const pricingOutlineSchema = z.array(
  z.object({
    title: z.string().min(1).max(200),
    items: z.array(z.object({
      description: z.string().min(1).max(300),
      quantity: z.number().positive().max(100000),
      rate_cents: z.number().int().min(0),
      optional: z.boolean(),
    })).max(MAX_ITEMS),
  }),
).max(20);

/**
 * The template pricing editor is a textarea, one item per line:
 *   `Section | Item description | quantity | rate | optional`   (optional: "optional" or empty)
 * Lines with the same section text group together, in order.
 */
export function parsePricingLines(input: string): { ok: true; sections: PricingOutlineSection[] } | { ok: false; error: string } {
  const sections: PricingOutlineSection[] = [];
  const lines = input.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  for (const [i, line] of lines.entries()) {
    const [section, description, qty, rate, flag] = line.split("|").map((p) => p.trim());
    const q = Number(qty);
    const r = Number((rate ?? "").replace(/[$,]/g, ""));
    if (!section || !description || !Number.isFinite(q) || q <= 0 || !Number.isFinite(r) || r < 0) {
      return { ok: false, error: `Line ${i + 1}: use "Section | Item | quantity | rate | optional"` };
    }
    let target = sections.find((s) => s.title === section);
    if (!target) sections.push((target = { title: section.slice(0, 200), items: [] }));
    target.items.push({ description: description.slice(0, 300), quantity: q, rate_cents: Math.round(r * 100), optional: /^opt/i.test(flag ?? "") });
  }
  if (lines.length > MAX_ITEMS) return { ok: false, error: `At most ${MAX_ITEMS} items` };
  return { ok: true, sections };
}

export function pricingLines(sections: PricingOutlineSection[]) {
  return sections
    .flatMap((s) => s.items.map((i) => [s.title, i.description, i.quantity, (i.rate_cents / 100).toFixed(2), i.optional ? "optional" : ""].join(" | ")))
    .join("\n");
}
