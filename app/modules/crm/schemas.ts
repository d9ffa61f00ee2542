// Client-safe: the CRM's forms and list filters (companies, contacts, import), one zod schema each.
import { z } from "zod";

export const COMPANY_PAGE_SIZE = 25;
export const CONTACT_PAGE_SIZE = 25;
/** CSV exports stop here (a header says when they did). */
export const EXPORT_CAP = 5000;

// ---------------------------------------------------------------------------------------------
// Helpers

const trimmed = (max: number, label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || null : v ?? null),
    z.string().max(max, `${label}: ${max} characters at most`).nullable(),
  );

const optionalId = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() || null : v ?? null),
  z.string().max(200).nullable(),
);

const checkbox = z.preprocess((v) => (v === "on" || v === "1" || v === "true" || v === 1 || v === true ? 1 : 0), z.union([z.literal(0), z.literal(1)]));

export function isRealDate(value: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * A company domain as stored: lower-case, no scheme, no "www.", no path, port or trailing dot
 * ("https://www.Example.com/about" → "example.com"). Null for blank; `false` when it is not a
 * domain at all.
 */
export function normaliseDomain(value: string | null | undefined): string | null | false {
  if (value == null) return null;
  let text = value.trim().toLowerCase();
  if (!text) return null;
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, "");
  text = text.replace(/^[^@/]*@/, ""); // user@ in a URL
  text = text.split(/[/?#]/)[0]!;
  text = text.replace(/:\d+$/, "").replace(/\.$/, "").replace(/^www\./, "");
  return HOSTNAME.test(text) ? text : false;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(value: string | null | undefined): string | null | false {
  if (value == null) return null;
  const text = value.trim().toLowerCase();
  if (!text) return null;
  return text.length <= 254 && EMAIL.test(text) ? text : false;
}

const domainField = z.preprocess(
  (v) => (typeof v === "string" ? v : null),
  z
    .string()
    .nullable()
    .transform((v, ctx) => {
      const result = normaliseDomain(v);
      if (result === false) {
        ctx.addIssue({ code: "custom", message: "Enter a domain like example.com.au" });
        return z.NEVER;
      }
      return result;
    }),
);

const emailField = (label = "Email") =>
  z.preprocess(
    (v) => (typeof v === "string" ? v : null),
    z
      .string()
      .nullable()
      .transform((v, ctx) => {
        const result = normaliseEmail(v);
        if (result === false) {
          ctx.addIssue({ code: "custom", message: `${label}: enter an address like name@example.com` });
          return z.NEVER;
        }
        return result;
      }),
  );

const urlField = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || null : v ?? null),
    z
      .string()
      .max(500, `${label}: 500 characters at most`)
      .refine((v) => {
        try {
          const url = new URL(v);
          return url.protocol === "https:" || url.protocol === "http:";
        } catch {
          return false;
        }
      }, `${label}: enter a full address starting with https://`)
      .nullable(),
  );

// ---------------------------------------------------------------------------------------------
// Companies

export const COMPANY_FIELDS = [
  "name", "domain", "industry", "website", "logo_url", "pronunciation", "phone", "address", "description",
  "parent_id", "account_manager_id", "productive_id", "stripe_customer_id",
] as const;

export const companyFormSchema = z.object({
  name: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : ""),
    z.string().min(1, "Enter the company name").max(200, "Name: 200 characters at most"),
  ),
  domain: domainField,
  industry: trimmed(100, "Industry"),
  website: urlField("Website"),
  logo_url: urlField("Logo URL"),
  pronunciation: trimmed(100, "Pronunciation"),
  phone: trimmed(40, "Phone"),
  address: trimmed(300, "Address"),
  description: trimmed(2000, "Description"),
  parent_id: optionalId,
  account_manager_id: optionalId,
  productive_id: trimmed(100, "Productive id"),
  stripe_customer_id: trimmed(100, "Stripe customer id"),
});
export type CompanyInput = z.infer<typeof companyFormSchema>;

export const COMPANY_SORTS = ["name", "created"] as const;

const optionalText = (max = 100) => z.string().trim().max(max).optional().catch(undefined).transform((v) => v || undefined);
const page = z.coerce.number().int().min(1).max(100_000).catch(1).default(1);

export const companyListSchema = z.object({
  q: optionalText(),
  industry: optionalText(),
  parent: z.enum(["yes", "no"]).optional().catch(undefined),
  manager: optionalText(200),
  sort: z.enum(COMPANY_SORTS).catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page,
});
export type CompanyListFilters = z.infer<typeof companyListSchema>;

export function parseCompanyListParams(params: URLSearchParams): CompanyListFilters {
  return companyListSchema.parse(Object.fromEntries(params));
}

/** Name sorts ascending by default, dates newest first. */
export function companySortDir(f: Pick<CompanyListFilters, "sort" | "dir">) {
  return f.dir ?? (f.sort === "created" ? "desc" : "asc");
}

export const COMPANY_TABS = ["overview", "contacts", "communications", "emails", "meetings", "notes", "history", "timeline"] as const;
export type CompanyTab = (typeof COMPANY_TABS)[number];

// ---------------------------------------------------------------------------------------------
// Contacts

export const contactFormSchema = z
  .object({
    first_name: z.preprocess(
      (v) => (typeof v === "string" ? v.trim() : ""),
      z.string().min(1, "Enter the first name").max(100, "First name: 100 characters at most"),
    ),
    last_name: z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string().max(100, "Last name: 100 characters at most")),
    email: emailField(),
    phone: trimmed(40, "Phone"),
    role: trimmed(100, "Role"),
    pronunciation: trimmed(100, "Pronunciation"),
    linkedin_url: urlField("LinkedIn"),
    company_id: optionalId,
    is_primary: checkbox,
  })
  .superRefine((v, ctx) => {
    if (v.is_primary === 1 && !v.company_id) {
      ctx.addIssue({ code: "custom", path: ["is_primary"], message: "Choose a company before making this the primary contact" });
    }
  });
export type ContactInput = z.infer<typeof contactFormSchema>;

export const CONTACT_SORTS = ["name", "created", "company"] as const;

export const contactListSchema = z.object({
  q: optionalText(),
  /** A company id (links from a company page). */
  company: optionalText(200),
  /** Company name or domain contains this. */
  company_q: optionalText(),
  primary: z.enum(["yes", "no"]).optional().catch(undefined),
  sort: z.enum(CONTACT_SORTS).catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page,
});
export type ContactListFilters = z.infer<typeof contactListSchema>;

export function parseContactListParams(params: URLSearchParams): ContactListFilters {
  return contactListSchema.parse(Object.fromEntries(params));
}

export function contactSortDir(f: Pick<ContactListFilters, "sort" | "dir">) {
  return f.dir ?? (f.sort === "created" ? "desc" : "asc");
}

export const CONTACT_TABS = [
  "overview", "communications", "emails", "meetings", "relationship", "life-events", "partners", "messages", "notes", "history", "timeline",
] as const;
export type ContactTab = (typeof CONTACT_TABS)[number];

/** Tabs that belong to the relationships tool (hidden without its view grant). */
export const RELATIONSHIP_TABS: readonly ContactTab[] = ["relationship", "life-events", "partners", "messages"];

// ---------------------------------------------------------------------------------------------
// Import

export const IMPORT_KINDS = ["companies", "contacts"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const DUPLICATE_MODES = ["update", "skip"] as const;
export type DuplicateMode = (typeof DUPLICATE_MODES)[number];

/** The fields a CSV column can be mapped to, per kind (the first listed keys identify the record). */
export const IMPORT_FIELDS = {
  companies: [
    { key: "name", label: "Name", required: true, aliases: ["company", "company name", "organisation", "organization"] },
    { key: "domain", label: "Domain (dedupe key)", required: false, aliases: ["website domain", "company domain", "url", "website"] },
    { key: "industry", label: "Industry", required: false, aliases: ["sector"] },
    { key: "website", label: "Website", required: false, aliases: ["homepage", "web"] },
    { key: "phone", label: "Phone", required: false, aliases: ["telephone", "phone number"] },
    { key: "address", label: "Address", required: false, aliases: ["street address", "location"] },
    { key: "description", label: "Description", required: false, aliases: ["notes", "about"] },
    { key: "parent_domain", label: "Parent company domain", required: false, aliases: ["parent", "parent domain", "group domain"] },
  ],
  contacts: [
    { key: "email", label: "Email (dedupe key)", required: false, aliases: ["email address", "e-mail", "mail"] },
    { key: "first_name", label: "First name", required: true, aliases: ["first", "given name", "firstname", "first name"] },
    { key: "last_name", label: "Last name", required: false, aliases: ["last", "surname", "family name", "lastname", "last name"] },
    { key: "phone", label: "Phone", required: false, aliases: ["mobile", "telephone", "phone number"] },
    { key: "role", label: "Role", required: false, aliases: ["title", "job title", "position"] },
    { key: "linkedin_url", label: "LinkedIn URL", required: false, aliases: ["linkedin", "linkedin profile"] },
    { key: "is_primary", label: "Primary contact (yes/no)", required: false, aliases: ["primary", "main contact"] },
    { key: "company_domain", label: "Company domain", required: false, aliases: ["domain", "website", "company website"] },
    { key: "company_name", label: "Company name", required: false, aliases: ["company", "organisation", "organization", "account"] },
  ],
} as const satisfies Record<ImportKind, readonly { key: string; label: string; required: boolean; aliases: readonly string[] }[]>;

export type ImportFieldKey<K extends ImportKind = ImportKind> = (typeof IMPORT_FIELDS)[K][number]["key"];

/** Largest upload accepted (bytes) and most data rows per file. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;
export const IMPORT_PREVIEW_ROWS = 20;

const importBase = {
  kind: z.enum(IMPORT_KINDS, { errorMap: () => ({ message: "Choose what the file holds" }) }),
  duplicates: z.enum(DUPLICATE_MODES, { errorMap: () => ({ message: "Choose what to do with duplicates" }) }),
};

/** The mapping step onwards: the file's text travels in a hidden field with the mapping. */
export const importStepSchema = z.object({
  ...importBase,
  intent: z.enum(["map", "preview", "confirm"], { errorMap: () => ({ message: "Unknown step" }) }),
  csv: z.string({ required_error: "The file's content is missing; upload it again" }).min(1, "The file's content is missing; upload it again").max(IMPORT_MAX_BYTES * 2, "The file is larger than 2 MB"),
  filename: z.string().max(200).optional().catch(undefined),
});
export type ImportStep = z.infer<typeof importStepSchema>;

export const importUploadSchema = z.object(importBase);

/** `map.<field>` form values: a header index as a string, or "" for "not imported". */
export function readMapping(kind: ImportKind, values: Record<string, unknown>, headerCount: number): Record<string, number> {
  const mapping: Record<string, number> = {};
  for (const field of IMPORT_FIELDS[kind]) {
    const raw = values[`map.${field.key}`];
    if (typeof raw !== "string" || raw === "") continue;
    const index = Number(raw);
    if (Number.isInteger(index) && index >= 0 && index < headerCount) mapping[field.key] = index;
  }
  return mapping;
}

function normHeader(text: string) {
  return text.trim().toLowerCase().replace(/[_\-.]+/g, " ").replace(/\s+/g, " ");
}

/** Suggested mapping from header names (exact key, label or an alias; case-insensitive). */
export function guessMapping(kind: ImportKind, headers: readonly string[]): Record<string, number> {
  const normalised = headers.map(normHeader);
  const mapping: Record<string, number> = {};
  const used = new Set<number>();
  const candidates = (field: (typeof IMPORT_FIELDS)[ImportKind][number]) => [
    normHeader(field.key), normHeader(field.label.replace(/\s*\(.*\)$/, "")), ...field.aliases.map(normHeader),
  ];
  // Exact key/label matches first, then aliases, so "company" prefers company_name over domain.
  for (const pass of [0, 1] as const) {
    for (const field of IMPORT_FIELDS[kind]) {
      if (field.key in mapping) continue;
      const names = pass === 0 ? candidates(field).slice(0, 2) : candidates(field).slice(2);
      const index = normalised.findIndex((h, i) => !used.has(i) && names.includes(h));
      if (index >= 0) {
        mapping[field.key] = index;
        used.add(index);
      }
    }
  }
  return mapping;
}
