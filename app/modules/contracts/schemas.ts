// Client-safe constants, types and zod schemas for contracts and e-signing (ORIGINAL.md §9.2).
import { z } from "zod";

export const CONTRACT_RESOURCE = "contract";
export const TEMPLATE_RESOURCE = "contract_template";

export const CONTRACT_TYPES = ["msa", "sow", "nda", "npa", "employment_agreement", "other"] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const CONTRACT_TYPE_LABELS: Record<ContractType, string> = {
  msa: "Master services agreement (MSA)",
  sow: "Statement of work (SOW)",
  nda: "Non-disclosure agreement (NDA)",
  npa: "Non-poaching agreement (NPA)",
  employment_agreement: "Employment agreement",
  other: "Other",
};

export function typeLabel(type: string) {
  return CONTRACT_TYPE_LABELS[type as ContractType] ?? type;
}

export const CONTRACT_STATUSES = ["draft", "sent", "completed", "declined", "void"] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  draft: "Draft", sent: "Out for signature", completed: "Completed", declined: "Declined", void: "Void",
};

export const SIGNER_STATUSES = ["pending", "sent", "viewed", "signed", "declined"] as const;
export type SignerStatus = (typeof SIGNER_STATUSES)[number];

export const FIELD_TYPES = ["signature", "date", "checkbox", "text"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface SignerRole { id: string; label: string }
export interface FieldDef {
  id: string;
  type: FieldType;
  label: string;
  signer_role_id: string;
  page: number;
  x_pct: number;
  y_pct: number;
  w_pct: number;
  h_pct: number;
  required: boolean;
}
export type SignatureValue = { type: "typed" | "drawn"; value: string };
export type FieldValue = SignatureValue | string | boolean;

/** Signing links live this long. */
export const TOKEN_TTL_DAYS = 30;
/** Base PDFs up to 10 MB; drawn signatures up to 200 KB (as a data URL). */
export const MAX_PDF_BYTES = 10 * 1024 * 1024;
export const MAX_DRAWN_CHARS = 200_000;
export const PAGE_SIZE = 25;
export const DEFAULT_NOTICE_DAYS = 30;
/** Public signing: hits per IP per window. */
export const SIGN_RATE_LIMIT = { limit: 60, windowSeconds: 10 * 60 };

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blank, schema.optional());
const isoDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-31")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "Use a real date");
const id = (message: string) => z.string({ required_error: message }).trim().min(1, message).max(100);

export const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
export const idSchema = z.string().trim().min(1).max(100);

export const listFiltersSchema = z.object({
  status: z.enum(CONTRACT_STATUSES).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  mine: z.enum(["1"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type ListFilters = z.infer<typeof listFiltersSchema>;

/** Money typed as dollars ("12,500.00") → cents. */
const money = z.string().trim().transform((v, ctx) => {
  const clean = v.replace(/[$,\s]/g, "");
  if (!/^\d{1,10}(\.\d{1,2})?$/.test(clean)) {
    ctx.addIssue({ code: "custom", message: "Enter an amount like 12500 or 12,500.00" });
    return z.NEVER;
  }
  return Math.round(Number(clean) * 100);
});

export const contractCreateSchema = z
  .object({
    templateId: id("Choose a template"),
    title: z.string({ required_error: "Enter a title" }).trim().min(1, "Enter a title").max(200, "Keep the title under 200 characters"),
    companyId: id("Choose a company"),
    dealId: optional(z.string().trim().max(100)),
    value: optional(money),
    currency: z.preprocess(blank, z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "Use a 3-letter currency code").default("AUD")),
    startDate: optional(isoDate),
    endDate: optional(isoDate),
    renewalDate: optional(isoDate),
    noticeDays: z.preprocess(blank, z.coerce.number({ invalid_type_error: "Enter a number of days" }).int("Whole days only").min(0, "0 or more days").max(365, "At most 365 days").default(DEFAULT_NOTICE_DAYS)),
    terms: optional(z.string().trim().max(5000, "Keep the terms under 5,000 characters")),
    "signerName[]": z.array(z.string().trim().max(200, "Keep the name under 200 characters")).default([]),
    "signerEmail[]": z.array(z.string().trim().toLowerCase().max(254)).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.startDate && v.endDate && v.endDate < v.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "The end date is before the start date" });
    v["signerName[]"].forEach((name, i) => {
      if (!name) ctx.addIssue({ code: "custom", path: [`signerName.${i}`], message: "Enter the signer's name" });
    });
    v["signerEmail[]"].forEach((email, i) => {
      if (!z.string().email().safeParse(email).success) ctx.addIssue({ code: "custom", path: [`signerEmail.${i}`], message: "Enter a valid email address" });
    });
  });
export type ContractCreateInput = z.infer<typeof contractCreateSchema>;

export const contractActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("send") }),
  z.object({ intent: z.literal("resend") }),
  z.object({ intent: z.literal("void"), reason: optional(z.string().trim().max(500)) }),
  z.object({ intent: z.literal("delete") }),
]);

const rolesText = z.string({ required_error: "List the signer roles" }).transform((v, ctx) => {
  const labels = v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (labels.length === 0) ctx.addIssue({ code: "custom", message: "List at least one signer role, one per line" });
  if (labels.length > 10) ctx.addIssue({ code: "custom", message: "At most 10 signer roles" });
  if (labels.some((l) => l.length > 80)) ctx.addIssue({ code: "custom", message: "Keep each role under 80 characters" });
  if (new Set(labels.map((l) => l.toLowerCase())).size !== labels.length) ctx.addIssue({ code: "custom", message: "Each role must be different" });
  return labels;
});

export const templateFieldsSchema = z.object({
  name: z.string({ required_error: "Enter a name" }).trim().min(1, "Enter a name").max(200, "Keep the name under 200 characters"),
  description: optional(z.string().trim().max(2000, "Keep the description under 2,000 characters")),
  contractType: z.enum(CONTRACT_TYPES, { errorMap: () => ({ message: "Choose a contract type" }) }),
  roles: rolesText,
});
export type TemplateFieldsInput = z.infer<typeof templateFieldsSchema>;

const pct = (label: string) =>
  z.coerce.number({ invalid_type_error: `Enter ${label} as a number` }).min(0, `${label} is 0–100`).max(100, `${label} is 0–100`);

export const fieldDefSchema = z
  .object({
    label: z.string({ required_error: "Enter a label" }).trim().min(1, "Enter a label").max(80, "Keep the label under 80 characters"),
    type: z.enum(FIELD_TYPES, { errorMap: () => ({ message: "Choose a field type" }) }),
    roleId: id("Choose a signer role"),
    page: z.coerce.number({ invalid_type_error: "Enter a page number" }).int("Whole pages only").min(1, "Pages start at 1"),
    x: pct("X"),
    y: pct("Y"),
    w: pct("Width").refine((n) => n > 0, "Width must be above 0"),
    h: pct("Height").refine((n) => n > 0, "Height must be above 0"),
    required: z.preprocess((v) => v === "on" || v === "1" || v === "true", z.boolean()),
  })
  .superRefine((v, ctx) => {
    if (v.x + v.w > 100) ctx.addIssue({ code: "custom", path: ["w"], message: "The field runs off the right edge (x + width > 100)" });
    if (v.y + v.h > 100) ctx.addIssue({ code: "custom", path: ["h"], message: "The field runs off the bottom edge (y + height > 100)" });
  });

export const TEMPLATE_INTENTS = ["details", "addField", "removeField", "deactivate", "activate", "removePdf", "uploadPdf"] as const;
export const templateIntentSchema = z.object({ intent: z.enum(TEMPLATE_INTENTS) });
export const removeFieldSchema = z.object({ fieldId: id("Choose a field") });

export const declineSchema = z.object({
  intent: z.literal("decline"),
  reason: z.string({ required_error: "Tell the sender why you are declining" }).trim().min(2, "Tell the sender why you are declining").max(1000, "Keep the reason under 1,000 characters"),
});

export function parseRoles(json: string | null | undefined): SignerRole[] {
  try {
    const value = JSON.parse(json ?? "[]") as unknown;
    return Array.isArray(value) ? (value as SignerRole[]).filter((r) => r && typeof r.id === "string" && typeof r.label === "string") : [];
  } catch {
    return [];
  }
}

export function parseFields(json: string | null | undefined): FieldDef[] {
  try {
    const value = JSON.parse(json ?? "[]") as unknown;
    return Array.isArray(value) ? (value as FieldDef[]).filter((f) => f && typeof f.id === "string" && FIELD_TYPES.includes(f.type)) : [];
  } catch {
    return [];
  }
}

export function parseValues(json: string | null | undefined): Record<string, FieldValue> {
  try {
    const value = JSON.parse(json ?? "{}") as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, FieldValue>) : {};
  } catch {
    return {};
  }
}

export function formatMoney(cents: number | null | undefined, currency = "AUD") {
  if (cents === null || cents === undefined) return "—";
  return new Intl.NumberFormat("en-AU", { style: "currency", currency, maximumFractionDigits: 2 }).format(cents / 100);
}
