// Productive.io (JSON:API) client: the active people, with their managers and squads.
// GET {base}/people?filter[status]=1&page[number]=N&page[size]=200, headers X-Auth-Token,
// X-Organization-Id, Content-Type application/vnd.api+json; pages until meta.total_pages.
//
// Field mapping (documented in FEATURES "people"):
//   id → people.productive_id; attributes.first_name/last_name/email/title/avatar_url → people;
//   relationships.manager.data.id → manager (resolved to people.manager_id by productive id);
//   squad ← attributes.custom_fields[PRODUCTIVE_SQUAD_FIELD_ID] when that field id is configured
//   (a text field holding the squad name; a list takes its first entry), else
//   attributes.department. When the payload has neither key the squad is left unchanged
//   (`undefined`); a present but empty value clears it (`null`).
import { z } from "zod";
import { getJson, IntegrationError, joinUrl, type RequestOptions } from "./json-http.server";

export const PRODUCTIVE_DEFAULT_URL = "https://api.productive.io/api/v2";
export const PRODUCTIVE_PAGE_SIZE = 200;
/** A runaway pagination guard: 200 pages × 200 people. */
const MAX_PAGES = 200;

export interface ProductiveConfig extends RequestOptions {
  baseUrl: string;
  token: string;
  orgId: string;
  squadFieldId?: string | null;
}

export interface ProductivePerson {
  productiveId: string;
  firstName: string;
  lastName: string;
  email: string;
  title: string | null;
  avatarUrl: string | null;
  managerProductiveId: string | null;
  /** undefined: Productive did not say (leave as is); null: no squad. */
  squad: string | null | undefined;
}

const id = z.union([z.string().min(1), z.number()]).transform(String);
const optionalText = z.string().nullish();

const personResource = z.object({
  id,
  attributes: z
    .object({
      first_name: optionalText,
      last_name: optionalText,
      email: optionalText,
      title: optionalText,
      avatar_url: optionalText,
      status: z.union([z.number(), z.string()]).nullish(),
      custom_fields: z.record(z.unknown()).nullish(),
    })
    .passthrough(),
  relationships: z
    .object({
      manager: z.object({ data: z.object({ id }).nullish() }).passthrough().nullish(),
    })
    .passthrough()
    .nullish(),
});

const pageSchema = z.object({
  data: z.array(personResource),
  meta: z
    .object({ total_pages: z.number().int().nonnegative().nullish(), current_page: z.number().int().nullish() })
    .passthrough()
    .nullish(),
});

function squadValue(raw: unknown): string | null {
  const value = Array.isArray(raw) ? raw.find((v) => typeof v === "string") : raw;
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed ? trimmed.slice(0, 80) : null;
}

function squadOf(attributes: Record<string, unknown>, squadFieldId: string | null | undefined): string | null | undefined {
  const custom = attributes.custom_fields as Record<string, unknown> | null | undefined;
  if (squadFieldId && custom && Object.prototype.hasOwnProperty.call(custom, squadFieldId)) return squadValue(custom[squadFieldId]);
  if (Object.prototype.hasOwnProperty.call(attributes, "department")) return squadValue(attributes.department);
  return undefined;
}

const clean = (value: string | null | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

export function toProductivePerson(resource: z.infer<typeof personResource>, squadFieldId?: string | null): ProductivePerson | null {
  const a = resource.attributes;
  const email = clean(a.email)?.toLowerCase();
  if (!email || !email.includes("@")) return null;
  return {
    productiveId: resource.id,
    firstName: clean(a.first_name) ?? email.split("@")[0]!,
    lastName: clean(a.last_name) ?? "",
    email,
    title: clean(a.title),
    avatarUrl: clean(a.avatar_url),
    managerProductiveId: resource.relationships?.manager?.data?.id ?? null,
    squad: squadOf(a as Record<string, unknown>, squadFieldId),
  };
}

export interface ProductiveFetchResult {
  people: ProductivePerson[];
  /** Resources without a usable email (cannot be a person row). */
  skipped: number;
  pages: number;
}

/** Every active person, all pages. Throws IntegrationError on any failure (nothing partial). */
export async function fetchActivePeople(config: ProductiveConfig): Promise<ProductiveFetchResult> {
  const headers = {
    "X-Auth-Token": config.token,
    "X-Organization-Id": config.orgId,
    "Content-Type": "application/vnd.api+json",
    Accept: "application/vnd.api+json",
  };
  const people: ProductivePerson[] = [];
  let skipped = 0;
  let totalPages = 1;
  let page = 1;
  for (; page <= totalPages; page++) {
    if (page > MAX_PAGES) throw new IntegrationError("Productive", `Productive returned more than ${MAX_PAGES} pages`);
    const url = joinUrl(config.baseUrl, `people?filter[status]=1&page[number]=${page}&page[size]=${PRODUCTIVE_PAGE_SIZE}`);
    const body = await getJson("Productive", url, headers, config);
    const parsed = pageSchema.safeParse(body);
    if (!parsed.success) throw new IntegrationError("Productive", `Productive page ${page} did not have the expected shape`);
    for (const resource of parsed.data.data) {
      const status = resource.attributes.status;
      if (status != null && Number(status) !== 1) continue;
      const person = toProductivePerson(resource, config.squadFieldId);
      if (person) people.push(person);
      else skipped++;
    }
    totalPages = parsed.data.meta?.total_pages ?? 1;
  }
  return { people, skipped, pages: page - 1 };
}
