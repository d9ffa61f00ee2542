/**
 * CSV import of companies, or of contacts (whose company columns find — or create — their
 * company). Steps: upload (≤ 2 MB, UTF-8, RFC 4180) → map columns → preview (per-row status:
 * create / update / skip / error) → confirm.
 *
 * - Dedupe: companies by domain (rows without a domain by exact name), contacts by email;
 *   existing records are updated (mapped, non-empty cells only) or skipped, as chosen. A repeat
 *   of an earlier row in the same file is skipped.
 * - All or nothing: if ANY row has an error, nothing is written and the report says so.
 * - Writes: every new / changed record and one history row each, as INSERT … SELECT / UPDATE …
 *   FROM over `json_each(?)` (one bound parameter per statement, far under D1's 100), chunked
 *   by size, all sent as ONE atomic batch when it fits (it does for files within the limits);
 *   should a later batch ever fail, the result says exactly which part was written.
 * The file never touches storage: its text travels between steps in a hidden field.
 */
import { sql, type Compilable } from "kysely";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import type { FieldErrors } from "~/platform/forms.server";
import { diffFields, type FieldChanges } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import type { Viewer } from "~/platform/session.server";
import { CsvError, parseCsv, toCsv } from "./csv";
import {
  IMPORT_FIELDS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, IMPORT_PREVIEW_ROWS, guessMapping, importStepSchema, importUploadSchema,
  normaliseDomain, normaliseEmail, readMapping,
  type DuplicateMode, type ImportKind,
} from "./schemas";
import { compilable } from "./sql.server";

export type RowStatus = "create" | "update" | "skip" | "error";

export interface PlannedRow {
  /** Data row number (1 = the first row under the header). */
  row: number;
  /** Line in the file where the row starts. */
  line: number;
  status: RowStatus;
  label: string;
  reason: string | null;
  /** Extra effect worth showing, e.g. "new company: Acme". */
  note: string | null;
  cells: string[];
}

export interface ImportCounts {
  total: number;
  create: number;
  update: number;
  skip: number;
  error: number;
  /** Companies a contacts file creates along the way. */
  newCompanies: number;
}

interface CompanyRecord {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  website: string | null;
  phone: string | null;
  address: string | null;
  description: string | null;
  parent_id: string | null;
}

interface ContactRecord {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  role: string | null;
  linkedin_url: string | null;
  is_primary: number;
  company_id: string | null;
}

/** What confirming would write (built in full before anything is sent). */
interface WritePlan {
  companyInserts: CompanyRecord[];
  companyUpdates: { id: string; changes: FieldChanges; set: Partial<CompanyRecord> }[];
  contactInserts: ContactRecord[];
  contactUpdates: { id: string; changes: FieldChanges; set: Partial<ContactRecord> }[];
  /** Companies getting a new primary contact (others there lose the flag), and those contacts. */
  primaryCompanies: string[];
  primaryContacts: string[];
}

export interface ImportPlan {
  kind: ImportKind;
  duplicates: DuplicateMode;
  headers: string[];
  mapping: Record<string, number>;
  rows: PlannedRow[];
  counts: ImportCounts;
  write: WritePlan;
}

export type ImportStepResult =
  | { step: "upload"; errors: FieldErrors }
  | { step: "map"; kind: ImportKind; duplicates: DuplicateMode; csv: string; filename: string | null; headers: string[]; sample: string[][]; mapping: Record<string, number>; errors: FieldErrors }
  | {
      step: "preview"; kind: ImportKind; duplicates: DuplicateMode; csv: string; filename: string | null; headers: string[];
      mapping: Record<string, number>; preview: PlannedRow[]; problems: PlannedRow[]; counts: ImportCounts; errors: FieldErrors;
    }
  | { step: "done"; kind: ImportKind; counts: ImportCounts; batches: number; errors: FieldErrors; partial: string | null };

// ---------------------------------------------------------------------------------------------
// Reading the file

export interface CsvTable {
  headers: string[];
  rows: string[][];
  lines: number[];
}

/** Header + data rows, or a message saying why the text is not a usable CSV. */
export function readCsvTable(text: string): CsvTable | { error: string } {
  let parsed;
  try {
    parsed = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) return { error: `The file is not valid CSV: ${error.message}.` };
    throw error;
  }
  const [header, ...rows] = parsed.records;
  if (!header || header.every((h) => h.trim() === "")) return { error: "The file is empty." };
  if (rows.length === 0) return { error: "The file has a header row but no data rows." };
  if (rows.length > IMPORT_MAX_ROWS) return { error: `The file has ${rows.length} rows; import at most ${IMPORT_MAX_ROWS} at a time.` };
  const headers = header.map((h, i) => h.trim() || `Column ${i + 1}`);
  return { headers, rows, lines: parsed.lines.slice(1) };
}

/** The uploaded file's text: ≤ 2 MB and valid UTF-8. */
export async function readUpload(file: FormDataEntryValue | null): Promise<{ text: string; filename: string } | { error: string }> {
  if (!file || typeof file === "string" || file.size === 0) return { error: "Choose a CSV file to upload." };
  if (file.size > IMPORT_MAX_BYTES) return { error: "The file is larger than 2 MB. Split it and import the parts one by one." };
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    return { text, filename: file.name.slice(0, 200) };
  } catch {
    return { error: "The file is not UTF-8 text. Save it from your spreadsheet as \"CSV UTF-8\" and try again." };
  }
}

// ---------------------------------------------------------------------------------------------
// Row validation helpers

const YES = new Set(["yes", "y", "true", "1", "primary", "x"]);
const NO = new Set(["no", "n", "false", "0", ""]);

function cell(cells: string[], mapping: Record<string, number>, key: string): string {
  const index = mapping[key];
  return index === undefined ? "" : (cells[index] ?? "").trim();
}

function lenientUrl(value: string, label: string, problems: string[]): string | null {
  if (!value) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("scheme");
    if (withScheme.length > 500) throw new Error("long");
    return withScheme;
  } catch {
    problems.push(`${label} is not a web address`);
    return null;
  }
}

function limited(value: string, max: number, label: string, problems: string[]): string | null {
  if (!value) return null;
  if (value.length > max) {
    problems.push(`${label} is longer than ${max} characters`);
    return null;
  }
  return value;
}

/** Only the fields whose cell was mapped and non-empty take part in an update. */
function changedFields<T extends object>(existing: T, incoming: Partial<T>): { changes: FieldChanges; set: Partial<T> } {
  const set: Partial<T> = {};
  for (const [key, value] of Object.entries(incoming) as [keyof T, T[keyof T]][]) {
    if (value !== null && value !== undefined && value !== "") set[key] = value;
  }
  const changes = diffFields(existing as Record<string, unknown>, set as Record<string, unknown>);
  const changedSet = Object.fromEntries(Object.keys(changes).map((k) => [k, set[k as keyof T]])) as Partial<T>;
  return { changes, set: changedSet };
}

const json = (values: readonly unknown[]) => JSON.stringify(values);

// ---------------------------------------------------------------------------------------------
// Planning

interface ExistingLookup {
  companiesByDomain: Map<string, CompanyRecord>;
  companiesByName: Map<string, CompanyRecord[]>;
  contactsByEmail: Map<string, ContactRecord>;
  /** For existing companies named as parents: their own id and every ancestor id. */
  ancestors: Map<string, Set<string>>;
}

/** Everything the plan compares against, in ONE round trip (lists travel as one JSON parameter each). */
async function lookupExisting(db: Db, domains: string[], names: string[], emails: string[]): Promise<ExistingLookup> {
  const companyColumns = ["id", "name", "domain", "industry", "website", "phone", "address", "description", "parent_id"] as const;
  const [byDomain, byName, byEmail, chains] = await batch(db, [
    db.query.selectFrom("companies").select(companyColumns).where(sql<boolean>`domain in (select value from json_each(${json(domains)}))`),
    db.query.selectFrom("companies").select(companyColumns).where(sql<boolean>`lower(name) in (select value from json_each(${json(names)}))`).limit(10_000),
    db.query
      .selectFrom("contacts")
      .select(["id", "first_name", "last_name", "email", "phone", "role", "linkedin_url", "is_primary", "company_id"])
      .where(sql<boolean>`email in (select value from json_each(${json(emails)}))`),
    compilable(
      db,
      sql<{ domain: string; id: string }>`with recursive chain(domain, id) as (
          select c.domain, c.id from companies c where c.domain in (select value from json_each(${json(domains)}))
          union
          select chain.domain, p.parent_id from chain join companies p on p.id = chain.id where p.parent_id is not null
        ) select domain, id from chain`,
    ),
  ]);
  const companiesByName = new Map<string, CompanyRecord[]>();
  for (const c of byName) {
    const key = c.name.toLowerCase();
    companiesByName.set(key, [...(companiesByName.get(key) ?? []), c]);
  }
  const ancestors = new Map<string, Set<string>>();
  for (const link of chains) {
    const set = ancestors.get(link.domain.toLowerCase()) ?? new Set<string>();
    set.add(link.id);
    ancestors.set(link.domain.toLowerCase(), set);
  }
  return {
    companiesByDomain: new Map(byDomain.map((c) => [(c.domain ?? "").toLowerCase(), c])),
    companiesByName,
    contactsByEmail: new Map(byEmail.map((c) => [(c.email ?? "").toLowerCase(), c])),
    ancestors,
  };
}

function emptyWrite(): WritePlan {
  return { companyInserts: [], companyUpdates: [], contactInserts: [], contactUpdates: [], primaryCompanies: [], primaryContacts: [] };
}

function countRows(rows: PlannedRow[], newCompanies: number): ImportCounts {
  const counts: ImportCounts = { total: rows.length, create: 0, update: 0, skip: 0, error: 0, newCompanies };
  for (const r of rows) counts[r.status]++;
  return counts;
}

async function planCompanies(db: Db, table: CsvTable, mapping: Record<string, number>, duplicates: DuplicateMode): Promise<ImportPlan> {
  type Parsed = { problems: string[]; record: Omit<CompanyRecord, "id" | "parent_id">; parentDomain: string | null };
  const parsed: Parsed[] = table.rows.map((cells) => {
    const problems: string[] = [];
    const name = cell(cells, mapping, "name");
    if (!name) problems.push("Name is empty");
    if (name.length > 200) problems.push("Name is longer than 200 characters");
    const rawDomain = cell(cells, mapping, "domain");
    const domain = normaliseDomain(rawDomain);
    if (domain === false) problems.push(`"${rawDomain}" is not a domain`);
    const rawParent = cell(cells, mapping, "parent_domain");
    const parentDomain = normaliseDomain(rawParent);
    if (parentDomain === false) problems.push(`Parent domain "${rawParent}" is not a domain`);
    const record = {
      name: name.slice(0, 200),
      domain: domain || null,
      industry: limited(cell(cells, mapping, "industry"), 100, "Industry", problems),
      website: lenientUrl(cell(cells, mapping, "website"), "Website", problems),
      phone: limited(cell(cells, mapping, "phone"), 40, "Phone", problems),
      address: limited(cell(cells, mapping, "address"), 300, "Address", problems),
      description: limited(cell(cells, mapping, "description"), 2000, "Description", problems),
    };
    return { problems, record, parentDomain: parentDomain || null };
  });
  const domains = [...new Set(parsed.flatMap((p) => [p.record.domain, p.parentDomain]).filter((d): d is string => !!d))];
  const names = [...new Set(parsed.filter((p) => !p.record.domain && p.record.name).map((p) => p.record.name.toLowerCase()))];
  const existing = await lookupExisting(db, domains, names, []);

  const write = emptyWrite();
  const rows: PlannedRow[] = [];
  const seenDomain = new Map<string, number>();
  const seenName = new Map<string, number>();
  /** Domain → id of companies this file creates or updates (for parents later in the file). */
  const fileCompanies = new Map<string, { id: string; row: number; reparented: boolean }>();
  parsed.forEach((p, i) => {
    const rowNo = i + 1;
    const base = { row: rowNo, line: table.lines[i] ?? rowNo + 1, label: p.record.name || "(no name)", note: null as string | null, cells: table.rows[i]! };
    const problems = [...p.problems];
    const earlier = p.record.domain ? seenDomain.get(p.record.domain) : seenName.get(p.record.name.toLowerCase());
    if (problems.length === 0 && earlier !== undefined) {
      rows.push({ ...base, status: "skip", reason: `Duplicate of row ${earlier} in this file` });
      return;
    }
    if (p.record.domain) seenDomain.set(p.record.domain, rowNo);
    else if (p.record.name) seenName.set(p.record.name.toLowerCase(), rowNo);

    let match: CompanyRecord | null = null;
    if (p.record.domain) match = existing.companiesByDomain.get(p.record.domain) ?? null;
    else if (p.record.name) {
      const named = existing.companiesByName.get(p.record.name.toLowerCase()) ?? [];
      if (named.length > 1) problems.push(`${named.length} companies are called "${p.record.name}"; add a domain to say which`);
      match = named.length === 1 ? named[0]! : null;
    }

    // Parent: an existing company, or one created earlier in this file; never itself or below it.
    let parentId: string | null = null;
    if (p.parentDomain) {
      if (p.parentDomain === p.record.domain) problems.push("A company cannot be its own parent");
      else {
        const inFile = fileCompanies.get(p.parentDomain);
        const parent = existing.companiesByDomain.get(p.parentDomain);
        if (inFile) {
          parentId = inFile.id;
          if (inFile.reparented && match) problems.push(`Row ${inFile.row} also moves the parent company; import parent changes for a group in separate files`);
        } else if (parent) parentId = parent.id;
        else problems.push(`No company has the parent domain ${p.parentDomain} (add it above this row or create it first)`);
        if (match && parentId && existing.ancestors.get(p.parentDomain)?.has(match.id)) {
          problems.push("The parent sits below this company in its group; that would make a loop");
        }
      }
    }

    if (problems.length) {
      rows.push({ ...base, status: "error", reason: problems.join("; ") });
      return;
    }
    if (match) {
      if (duplicates === "skip") {
        rows.push({ ...base, status: "skip", reason: `Already exists (${match.name}${match.domain ? `, ${match.domain}` : ""})` });
        return;
      }
      const { changes, set } = changedFields<CompanyRecord>(match, { ...p.record, domain: match.domain ?? p.record.domain, parent_id: parentId });
      if (Object.keys(changes).length === 0) {
        rows.push({ ...base, status: "skip", reason: "Already up to date" });
        return;
      }
      if (set.domain && set.domain !== match.domain && existing.companiesByDomain.has(set.domain)) {
        rows.push({ ...base, status: "error", reason: "Another company already uses this domain" });
        return;
      }
      write.companyUpdates.push({ id: match.id, changes, set });
      if (p.record.domain) fileCompanies.set(p.record.domain, { id: match.id, row: rowNo, reparented: "parent_id" in changes });
      rows.push({ ...base, status: "update", reason: `Changes ${Object.keys(changes).join(", ").replace(/_/g, " ")}` });
      return;
    }
    const id = newId();
    write.companyInserts.push({ id, ...p.record, website: p.record.website ?? (p.record.domain ? `https://${p.record.domain}` : null), parent_id: parentId });
    if (p.record.domain) fileCompanies.set(p.record.domain, { id, row: rowNo, reparented: false });
    rows.push({ ...base, status: "create", reason: null, note: parentId ? `In the group of ${p.parentDomain}` : null });
  });
  return { kind: "companies", duplicates, headers: table.headers, mapping, rows, counts: countRows(rows, 0), write };
}

async function planContacts(db: Db, table: CsvTable, mapping: Record<string, number>, duplicates: DuplicateMode): Promise<ImportPlan> {
  type Parsed = {
    problems: string[];
    record: Omit<ContactRecord, "id" | "company_id" | "is_primary">;
    primary: 0 | 1 | null;
    companyDomain: string | null;
    companyName: string | null;
  };
  const parsed: Parsed[] = table.rows.map((cells) => {
    const problems: string[] = [];
    const first = cell(cells, mapping, "first_name");
    if (!first) problems.push("First name is empty");
    const rawEmail = cell(cells, mapping, "email");
    const email = normaliseEmail(rawEmail);
    if (email === false) problems.push(`"${rawEmail}" is not an email address`);
    const rawPrimary = cell(cells, mapping, "is_primary").toLowerCase();
    let primary: 0 | 1 | null = null;
    if (mapping.is_primary !== undefined && rawPrimary !== "") {
      if (YES.has(rawPrimary)) primary = 1;
      else if (NO.has(rawPrimary)) primary = 0;
      else problems.push(`Primary must be yes or no, not "${rawPrimary}"`);
    }
    const rawDomain = cell(cells, mapping, "company_domain");
    const companyDomain = normaliseDomain(rawDomain);
    if (companyDomain === false) problems.push(`Company domain "${rawDomain}" is not a domain`);
    const companyName = cell(cells, mapping, "company_name");
    if (companyName.length > 200) problems.push("Company name is longer than 200 characters");
    const linkedin = cell(cells, mapping, "linkedin_url");
    const record = {
      first_name: limited(first, 100, "First name", problems) ?? "",
      last_name: limited(cell(cells, mapping, "last_name"), 100, "Last name", problems) ?? "",
      email: email || null,
      phone: limited(cell(cells, mapping, "phone"), 40, "Phone", problems),
      role: limited(cell(cells, mapping, "role"), 100, "Role", problems),
      linkedin_url: lenientUrl(linkedin, "LinkedIn URL", problems),
    };
    return { problems, record, primary, companyDomain: companyDomain || null, companyName: companyName || null };
  });
  const domains = [...new Set(parsed.map((p) => p.companyDomain).filter((d): d is string => !!d))];
  const names = [...new Set(parsed.filter((p) => !p.companyDomain && p.companyName).map((p) => p.companyName!.toLowerCase()))];
  const emails = [...new Set(parsed.map((p) => p.record.email).filter((e): e is string => !!e))];
  const existing = await lookupExisting(db, domains, names, emails);

  const write = emptyWrite();
  const rows: PlannedRow[] = [];
  const seenEmail = new Map<string, number>();
  const newCompanies = new Map<string, CompanyRecord>();
  /** Company id → the row that makes a contact primary there. */
  const primaryRow = new Map<string, number>();

  parsed.forEach((p, i) => {
    const rowNo = i + 1;
    const label = `${p.record.first_name} ${p.record.last_name}`.trim() || "(no name)";
    const base = { row: rowNo, line: table.lines[i] ?? rowNo + 1, label, note: null as string | null, cells: table.rows[i]! };
    const problems = [...p.problems];
    if (problems.length === 0 && p.record.email && seenEmail.has(p.record.email)) {
      rows.push({ ...base, status: "skip", reason: `Duplicate of row ${seenEmail.get(p.record.email)} in this file` });
      return;
    }
    if (p.record.email) seenEmail.set(p.record.email, rowNo);

    // The company: by domain (existing or created by this file), else by exact name.
    let companyId: string | null = null;
    let companyLabel: string | null = null;
    let createsCompany: CompanyRecord | null = null;
    if (p.companyDomain) {
      const found = existing.companiesByDomain.get(p.companyDomain) ?? newCompanies.get(`domain:${p.companyDomain}`);
      if (found) {
        companyId = found.id;
        companyLabel = found.name;
      } else {
        createsCompany = { id: newId(), name: p.companyName || p.companyDomain, domain: p.companyDomain, industry: null, website: `https://${p.companyDomain}`, phone: null, address: null, description: null, parent_id: null };
      }
    } else if (p.companyName) {
      const named = existing.companiesByName.get(p.companyName.toLowerCase()) ?? [];
      const created = newCompanies.get(`name:${p.companyName.toLowerCase()}`);
      if (named.length > 1) problems.push(`${named.length} companies are called "${p.companyName}"; add the company domain to say which`);
      else if (named.length === 1) {
        companyId = named[0]!.id;
        companyLabel = named[0]!.name;
      } else if (created) {
        companyId = created.id;
        companyLabel = created.name;
      } else {
        createsCompany = { id: newId(), name: p.companyName, domain: null, industry: null, website: null, phone: null, address: null, description: null, parent_id: null };
      }
    }
    if (createsCompany) {
      companyId = createsCompany.id;
      companyLabel = createsCompany.name;
    }
    if (p.primary === 1) {
      if (!companyId) problems.push("A primary contact needs a company");
      else if (primaryRow.has(companyId)) problems.push(`Row ${primaryRow.get(companyId)} already makes a primary contact for ${companyLabel}`);
    }

    if (problems.length) {
      rows.push({ ...base, status: "error", reason: problems.join("; ") });
      return;
    }
    const match = p.record.email ? existing.contactsByEmail.get(p.record.email) ?? null : null;
    if (match && duplicates === "skip") {
      rows.push({ ...base, status: "skip", reason: `Already exists (${p.record.email})` });
      return;
    }
    // Only now (the row will be written) does a new company count.
    if (createsCompany) {
      newCompanies.set(createsCompany.domain ? `domain:${createsCompany.domain}` : `name:${createsCompany.name.toLowerCase()}`, createsCompany);
      write.companyInserts.push(createsCompany);
      base.note = `New company: ${createsCompany.name}`;
    } else if (companyLabel) base.note = companyLabel;

    if (match) {
      const incoming: Partial<ContactRecord> = { ...p.record, email: match.email, company_id: companyId };
      if (p.primary !== null) incoming.is_primary = p.primary;
      const { changes, set } = changedFields<ContactRecord>(match, incoming);
      if (Object.keys(changes).length === 0) {
        rows.push({ ...base, status: "skip", reason: "Already up to date" });
        return;
      }
      const finalCompany = set.company_id ?? match.company_id;
      const finalPrimary = set.is_primary ?? match.is_primary;
      if (finalPrimary === 1 && !finalCompany) {
        rows.push({ ...base, status: "error", reason: "A primary contact needs a company" });
        return;
      }
      const becomesPrimary = finalPrimary === 1 && ("is_primary" in changes || "company_id" in changes);
      // A row that says "primary" claims the company even when nothing changes for it.
      if (finalCompany && (becomesPrimary || p.primary === 1)) {
        if (primaryRow.has(finalCompany)) {
          rows.push({ ...base, status: "error", reason: `Row ${primaryRow.get(finalCompany)} already makes a primary contact for ${companyLabel ?? "this company"}` });
          return;
        }
        primaryRow.set(finalCompany, rowNo);
      }
      if (becomesPrimary && finalCompany) {
        write.primaryCompanies.push(finalCompany);
        write.primaryContacts.push(match.id);
      }
      write.contactUpdates.push({ id: match.id, changes, set });
      rows.push({ ...base, status: "update", reason: `Changes ${Object.keys(changes).join(", ").replace(/_/g, " ")}` });
      return;
    }
    const id = newId();
    write.contactInserts.push({ id, ...p.record, company_id: companyId, is_primary: p.primary ?? 0 });
    if (p.primary === 1 && companyId) {
      primaryRow.set(companyId, rowNo);
      write.primaryCompanies.push(companyId);
      write.primaryContacts.push(id);
    }
    rows.push({ ...base, status: "create", reason: null });
  });
  return { kind: "contacts", duplicates, headers: table.headers, mapping, rows, counts: countRows(rows, write.companyInserts.length), write };
}

/** Validates every row against the file and the database (ONE read batch). */
export async function planImport(db: Db, kind: ImportKind, duplicates: DuplicateMode, table: CsvTable, mapping: Record<string, number>) {
  return kind === "companies" ? planCompanies(db, table, mapping, duplicates) : planContacts(db, table, mapping, duplicates);
}

function mappingErrors(kind: ImportKind, mapping: Record<string, number>): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of IMPORT_FIELDS[kind]) {
    if (field.required && mapping[field.key] === undefined) errors[`map.${field.key}`] = `Choose the column that holds ${field.label.toLowerCase()}`;
  }
  const used = new Map<number, string>();
  for (const [key, index] of Object.entries(mapping)) {
    if (used.has(index)) errors[`map.${key}`] = `This column is already mapped to ${used.get(index)}`;
    else used.set(index, IMPORT_FIELDS[kind].find((f) => f.key === key)?.label ?? key);
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Chunks of rows whose JSON stays well under D1's 2 MB value limit (and ≤ 500 rows). */
function chunksOf<T>(rows: readonly T[], maxRows = 500, maxBytes = 400_000): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = JSON.stringify(row).length;
    if (current.length && (current.length >= maxRows || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

function historyRows(db: Db, rows: { resource_id: string; action: string; details: string }[], type: string, actorId: string, now: string) {
  return chunksOf(rows).map((chunk) =>
    compilable(
      db,
      sql`insert into history (id, resource_type, resource_id, actor_id, action, details, created_at)
        select lower(hex(randomblob(16))), ${type}, json_extract(value, '$.resource_id'), ${actorId}, json_extract(value, '$.action'),
          json_extract(value, '$.details'), ${now}
        from json_each(${JSON.stringify(chunk)})`,
    ),
  );
}

const COMPANY_COLUMNS = ["id", "name", "domain", "industry", "website", "phone", "address", "description", "parent_id"] as const;
const CONTACT_COLUMNS = ["id", "first_name", "last_name", "email", "phone", "role", "linkedin_url", "is_primary", "company_id"] as const;

function insertFromJson(db: Db, table: "companies" | "contacts", columns: readonly string[], rows: readonly object[], actorId: string, now: string) {
  return chunksOf(rows).map((chunk) =>
    compilable(
      db,
      sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}, created_by, created_at, updated_at)
        select ${sql.join(columns.map((c) => sql`json_extract(value, ${`$.${c}`})`))}, ${actorId}, ${now}, ${now}
        from json_each(${JSON.stringify(chunk)})`,
    ),
  );
}

/** UPDATE … FROM json_each: each row sets only the columns it carries. */
function updateFromJson(db: Db, table: "companies" | "contacts", columns: readonly string[], rows: readonly { id: string; set: object }[], now: string) {
  return chunksOf(rows.map((r) => ({ id: r.id, ...r.set }))).map((chunk) =>
    compilable(
      db,
      sql`update ${sql.table(table)} set
          ${sql.join(
            columns.filter((c) => c !== "id").map(
              (c) => sql`${sql.ref(c)} = case when json_type(j.value, ${`$.${c}`}) is null then ${sql.ref(`${table}.${c}`)} else json_extract(j.value, ${`$.${c}`}) end`,
            ),
          )},
          updated_at = ${now}
        from json_each(${JSON.stringify(chunk)}) as j
        where ${sql.ref(`${table}.id`)} = json_extract(j.value, '$.id')`,
    ),
  );
}

/** Every statement confirming writes, in order (primary flags cleared before new ones are set). */
export function importStatements(db: Db, viewer: Pick<Viewer, "userId">, plan: ImportPlan): Compilable<unknown>[] {
  const now = nowIso();
  const w = plan.write;
  const statements: Compilable<unknown>[] = [];
  const companyHistory = [
    ...w.companyInserts.map((c) => ({ resource_id: c.id, action: "created", details: JSON.stringify({ changes: diffFields({}, omitId(c)), via: "csv import" }) })),
    ...w.companyUpdates.map((u) => ({ resource_id: u.id, action: "updated", details: JSON.stringify({ changes: u.changes, via: "csv import" }) })),
  ];
  statements.push(...insertFromJson(db, "companies", COMPANY_COLUMNS, w.companyInserts, viewer.userId, now));
  statements.push(...updateFromJson(db, "companies", COMPANY_COLUMNS, w.companyUpdates, now));
  statements.push(...historyRows(db, companyHistory, "company", viewer.userId, now));

  if (w.primaryCompanies.length) {
    const companies = JSON.stringify(w.primaryCompanies);
    const keep = JSON.stringify(w.primaryContacts);
    statements.push(
      compilable(
        db,
        sql`insert into history (id, resource_type, resource_id, actor_id, action, details, created_at)
          select lower(hex(randomblob(16))), 'contact', id, ${viewer.userId}, 'updated',
            ${JSON.stringify({ changes: { is_primary: { from: 1, to: 0 } }, reason: "another contact became primary (csv import)" })}, ${now}
          from contacts where is_primary = 1 and company_id in (select value from json_each(${companies}))
            and id not in (select value from json_each(${keep}))`,
      ),
      compilable(
        db,
        sql`update contacts set is_primary = 0, updated_at = ${now}
          where is_primary = 1 and company_id in (select value from json_each(${companies})) and id not in (select value from json_each(${keep}))`,
      ),
    );
  }
  const contactHistory = [
    ...w.contactInserts.map((c) => ({ resource_id: c.id, action: "created", details: JSON.stringify({ changes: diffFields({}, omitId(c)), via: "csv import" }) })),
    ...w.contactUpdates.map((u) => ({ resource_id: u.id, action: "updated", details: JSON.stringify({ changes: u.changes, via: "csv import" }) })),
  ];
  statements.push(...insertFromJson(db, "contacts", CONTACT_COLUMNS, w.contactInserts, viewer.userId, now));
  statements.push(...updateFromJson(db, "contacts", CONTACT_COLUMNS, w.contactUpdates, now));
  statements.push(...historyRows(db, contactHistory, "contact", viewer.userId, now));
  return statements;
}

function omitId<T extends { id: string }>(row: T) {
  const { id: _id, ...rest } = row;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null && v !== "")) as Record<string, unknown>;
}

/** Statements per D1 batch. Files within the limits need far fewer, so the import is one atomic batch. */
export const STATEMENTS_PER_BATCH = 50;

// ---------------------------------------------------------------------------------------------
// The steps (one entry point for the route's action)

function values(form: FormData) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") out[key] = value;
  return out;
}

function firstIssue(issues: { path: (string | number)[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[issue.path.join(".") || "form"] ??= issue.message;
  return errors;
}

/** Runs one step of the import (upload / map / preview / confirm) from the posted form. */
export async function runImportStep(db: Db, viewer: Pick<Viewer, "userId">, form: FormData): Promise<{ status: number; result: ImportStepResult }> {
  const raw = values(form);
  if ((raw.intent ?? "upload") === "upload") {
    const base = importUploadSchema.safeParse(raw);
    if (!base.success) return { status: 400, result: { step: "upload", errors: firstIssue(base.error.issues) } };
    const upload = await readUpload(form.get("file"));
    if ("error" in upload) return { status: 400, result: { step: "upload", errors: { file: upload.error } } };
    const table = readCsvTable(upload.text);
    if ("error" in table) return { status: 400, result: { step: "upload", errors: { file: table.error } } };
    return {
      status: 200,
      result: {
        step: "map", ...base.data, csv: upload.text, filename: upload.filename, headers: table.headers,
        sample: table.rows.slice(0, 3), mapping: guessMapping(base.data.kind, table.headers), errors: {},
      },
    };
  }
  const parsed = importStepSchema.safeParse(raw);
  if (!parsed.success) return { status: 400, result: { step: "upload", errors: firstIssue(parsed.error.issues) } };
  const { kind, duplicates, csv, intent } = parsed.data;
  const filename = parsed.data.filename ?? null;
  const table = readCsvTable(csv);
  if ("error" in table) return { status: 400, result: { step: "upload", errors: { file: table.error } } };
  const posted = Object.keys(raw).some((k) => k.startsWith("map."));
  const mapping = intent === "map" && !posted ? guessMapping(kind, table.headers) : readMapping(kind, raw, table.headers.length);
  const mapState = { step: "map" as const, kind, duplicates, csv, filename, headers: table.headers, sample: table.rows.slice(0, 3), mapping };
  if (intent === "map") return { status: 200, result: { ...mapState, errors: {} } };
  const mapProblems = mappingErrors(kind, mapping);
  if (Object.keys(mapProblems).length) return { status: 400, result: { ...mapState, errors: mapProblems } };

  const plan = await planImport(db, kind, duplicates, table, mapping);
  const preview = {
    step: "preview" as const, kind, duplicates, csv, filename, headers: table.headers, mapping,
    preview: plan.rows.slice(0, IMPORT_PREVIEW_ROWS),
    problems: plan.rows.filter((r) => r.status === "error").slice(0, 200),
    counts: plan.counts,
  };
  if (intent === "preview") return { status: 200, result: { ...preview, errors: {} } };

  // Confirm: all or nothing.
  if (plan.counts.error > 0) {
    const n = plan.counts.error;
    return {
      status: 400,
      result: { ...preview, errors: { form: `Nothing was imported: ${n} ${n === 1 ? "row has an error" : "rows have errors"}. Fix ${n === 1 ? "it" : "them"} in the file (or download the error report) and upload it again.` } },
    };
  }
  const statements = importStatements(db, viewer, plan);
  const groups: Compilable<unknown>[][] = [];
  for (let i = 0; i < statements.length; i += STATEMENTS_PER_BATCH) groups.push(statements.slice(i, i + STATEMENTS_PER_BATCH));
  let written = 0;
  for (const group of groups) {
    try {
      await batch(db, group);
      written++;
    } catch (error) {
      const message = error instanceof Error ? error.message.replace(/^D1_ERROR:\s*/, "").slice(0, 200) : "unknown error";
      if (written === 0) {
        return {
          status: 409,
          result: { ...preview, errors: { form: `Nothing was imported: the database refused the import (${message}). Preview again — the data may have changed since.` } },
        };
      }
      return {
        status: 500,
        result: {
          step: "done", kind, counts: plan.counts, batches: written,
          errors: { form: `The import stopped part-way: ${message}.` },
          partial: `Batches 1–${written} of ${groups.length} were written before batch ${written + 1} failed; nothing after it was written. Preview the same file again to finish (rows already written now show as duplicates).`,
        },
      };
    }
  }
  return { status: 200, result: { step: "done", kind, counts: plan.counts, batches: groups.length, errors: {}, partial: null } };
}

/** The row-level report (errors and skips, with the original cells) as CSV. */
export async function importReportCsv(db: Db, form: FormData): Promise<string | null> {
  const raw = values(form);
  const parsed = importStepSchema.safeParse({ ...raw, intent: "preview" });
  if (!parsed.success) return null;
  const table = readCsvTable(parsed.data.csv);
  if ("error" in table) return toCsv(["Problem"], [[table.error]]);
  const mapping = readMapping(parsed.data.kind, raw, table.headers.length);
  const plan = await planImport(db, parsed.data.kind, parsed.data.duplicates, table, Object.keys(mapping).length ? mapping : guessMapping(parsed.data.kind, table.headers));
  const rows = plan.rows.filter((r) => r.status === "error" || r.status === "skip");
  return toCsv(
    ["Row", "Line", "Status", "Reason", ...table.headers],
    rows.map((r) => [r.row, r.line, r.status, r.reason ?? "", ...table.headers.map((_, i) => r.cells[i] ?? "")]),
  );
}
