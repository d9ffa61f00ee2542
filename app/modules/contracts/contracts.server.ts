// Sales ▸ contracts (employee side): list, create from a template, send for sequential signing,
// resend, void, delete drafts, PDFs and renewal reminders. Scope follows the owner
// (contracts.owner_id): executives and heads see every contract, managers their own and their
// reporting subtree's. An out-of-scope id is simply not found.
import { sql, type SqlBool } from "kysely";
import { raiseActionItem } from "~/modules/action-centre/action-items.server";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import { randomToken, sha256 } from "~/platform/crypto.server";
import type { Db } from "~/platform/db.server";
import { historyEntry, historyFor } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { sendMail } from "~/platform/mail.server";
import { inPersonScope } from "~/platform/scope.server";
import type { Viewer } from "~/platform/session.server";
import { closeChaseStatements, sweepSignerChasers } from "./follow-ups.server";
import { generateBasePdf, renderContractPdf, type StampSigner } from "./pdf.server";
import {
  CONTRACT_RESOURCE, PAGE_SIZE, TOKEN_TTL_DAYS, parseFields, parseRoles, parseValues,
  type ContractCreateInput, type ContractType, type ListFilters,
} from "./schemas";

export type ScopeViewer = Pick<Viewer, "accessLevel" | "personId" | "userId">;
type Actor = ScopeViewer & Pick<Viewer, "name">;

export const personName = sql<string>`coalesce(people.preferred_name, people.first_name) || ' ' || people.last_name`;

export function contractScope(viewer: Pick<Viewer, "accessLevel" | "personId">) {
  return inPersonScope("contracts.owner_id", viewer);
}

/** The origin signing links point at (APP_URL when set, else this request's). */
export function appOrigin(env: AppLoadContext["env"], request: Request) {
  return (env.APP_URL || new URL(request.url).origin).replace(/\/+$/, "");
}

export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

/** One page of contracts with status counts, in ONE batch. */
export async function listContracts(db: Db, viewer: ScopeViewer, filters: ListFilters) {
  const page = Math.max(1, filters.page);
  const scoped = () => {
    let q = db.query
      .selectFrom("contracts")
      .leftJoin("companies", "companies.id", "contracts.company_id")
      .where(contractScope(viewer));
    if (filters.q) {
      const like = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where(sql<SqlBool>`(contracts.title LIKE ${like} ESCAPE '\\' OR companies.name LIKE ${like} ESCAPE '\\')`);
    }
    if (filters.mine) q = q.where("contracts.owner_id", "=", viewer.personId ?? "");
    return q;
  };
  const withStatus = filters.status ? scoped().where("contracts.status", "=", filters.status) : scoped();
  const [rows, totals, counts] = await batch(db, [
    withStatus
      .leftJoin("people", "people.id", "contracts.owner_id")
      .select([
        "contracts.id", "contracts.title", "contracts.contract_type", "contracts.status", "contracts.value_cents",
        "contracts.currency", "contracts.renewal_date", "contracts.updated_at", "contracts.sent_at", "contracts.completed_at",
        "companies.name as company_name", personName.as("owner_name"),
        sql<string | null>`(SELECT s.name FROM contract_signers s WHERE s.contract_id = contracts.id AND s.status IN ('sent','viewed') ORDER BY s.sign_order LIMIT 1)`.as("awaiting"),
      ])
      .orderBy("contracts.updated_at", "desc")
      .orderBy("contracts.id", "desc")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    withStatus.select((eb) => eb.fn.countAll<number>().as("n")),
    scoped().select(["contracts.status", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("contracts.status"),
  ]);
  const total = Number(totals[0]?.n ?? 0);
  return {
    rows,
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) as Record<string, number>,
  };
}

/** The contract, its signers (with audit trail) and history — ONE batch; null when out of scope. */
export async function loadContract(db: Db, viewer: ScopeViewer, id: string) {
  const [contracts, signers, history] = await batch(db, [
    db.query
      .selectFrom("contracts")
      .leftJoin("companies", "companies.id", "contracts.company_id")
      .leftJoin("deals", "deals.id", "contracts.deal_id")
      .leftJoin("people", "people.id", "contracts.owner_id")
      .leftJoin("contract_templates", "contract_templates.id", "contracts.template_id")
      .selectAll("contracts")
      .select(["companies.name as company_name", "deals.title as deal_title", personName.as("owner_name"), "contract_templates.name as template_name"])
      .where("contracts.id", "=", id)
      .where(contractScope(viewer)),
    db.query
      .selectFrom("contract_signers")
      .select([
        "id", "role_id", "role_label", "name", "email", "sign_order", "status", "sent_at", "viewed_at", "signed_at",
        "declined_at", "decline_reason", "ip", "user_agent", "token_expires_at",
      ])
      .where("contract_id", "=", id)
      .where("contract_id", "in", db.query.selectFrom("contracts").select("contracts.id").where("contracts.id", "=", id).where(contractScope(viewer)))
      .orderBy("sign_order"),
    historyFor(db, CONTRACT_RESOURCE, id, 100),
  ]);
  const contract = contracts[0];
  if (!contract) return null;
  return { contract, signers, history, fields: parseFields(contract.fields_schema), roles: parseRoles(contract.signer_roles) };
}

/** Choices for the "new contract" form (and the chosen template's roles), in ONE batch. */
export async function loadNewContractForm(db: Db, viewer: ScopeViewer, templateId: string | undefined) {
  const [templates, companies, deals, chosen] = await batch(db, [
    db.query.selectFrom("contract_templates").select(["id", "name", "contract_type"]).where("is_active", "=", 1).orderBy("name").limit(200),
    db.query.selectFrom("companies").select(["id", "name"]).orderBy("name").limit(1000),
    db.query
      .selectFrom("deals")
      .leftJoin("companies", "companies.id", "deals.company_id")
      .select(["deals.id", "deals.title", "companies.name as company_name"])
      .where("deals.status", "!=", "lost")
      .where(inPersonScope("deals.owner_id", viewer))
      .orderBy("deals.updated_at", "desc")
      .limit(200),
    db.query
      .selectFrom("contract_templates")
      .select(["id", "name", "contract_type", "signer_roles", "fields_schema", "page_count", "pdf_key"])
      .where("id", "=", templateId ?? "")
      .where("is_active", "=", 1),
  ]);
  const template = chosen[0] ? { ...chosen[0], roles: parseRoles(chosen[0].signer_roles), fieldCount: parseFields(chosen[0].fields_schema).length } : null;
  return { templates, companies, deals, template };
}

export type CreateResult = { ok: true; id: string } | { ok: false; errors: Record<string, string> };

/** A draft from a template: snapshots its roles, fields and base PDF; one signer per role. */
export async function createContract(db: Db, viewer: Actor, input: ContractCreateInput): Promise<CreateResult> {
  const [templates, companies, deals] = await batch(db, [
    db.query
      .selectFrom("contract_templates")
      .select(["id", "contract_type", "signer_roles", "fields_schema", "page_count", "pdf_key"])
      .where("id", "=", input.templateId)
      .where("is_active", "=", 1),
    db.query.selectFrom("companies").select(["id"]).where("id", "=", input.companyId),
    db.query.selectFrom("deals").select(["id", "company_id"]).where("id", "=", input.dealId ?? "").where(inPersonScope("deals.owner_id", viewer)),
  ]);
  const template = templates[0];
  if (!template) return { ok: false, errors: { templateId: "Choose an active template" } };
  if (!companies[0]) return { ok: false, errors: { companyId: "Choose a company" } };
  if (input.dealId && !deals[0]) return { ok: false, errors: { dealId: "Choose one of your deals" } };
  const roles = parseRoles(template.signer_roles);
  const names = input["signerName[]"];
  const emails = input["signerEmail[]"];
  if (names.length !== roles.length || emails.length !== roles.length) {
    return { ok: false, errors: { form: "Enter a signer for every role of the template" } };
  }
  const id = newId();
  const now = nowIso();
  await batch(db, [
    db.query.insertInto("contracts").values({
      id, template_id: template.id, title: input.title, contract_type: template.contract_type,
      company_id: input.companyId, deal_id: input.dealId ?? null, owner_id: viewer.personId,
      status: "draft", value_cents: input.value ?? null, currency: input.currency,
      start_date: input.startDate ?? null, end_date: input.endDate ?? null, renewal_date: input.renewalDate ?? null,
      renewal_notice_days: input.noticeDays, terms: input.terms ?? null, page_count: template.page_count,
      signer_roles: template.signer_roles, fields_schema: template.fields_schema, base_pdf_key: template.pdf_key,
      created_by: viewer.userId, created_at: now, updated_at: now,
    }),
    db.query.insertInto("contract_signers").values(
      roles.map((role, i) => ({
        id: newId(), contract_id: id, role_id: role.id, role_label: role.label, name: names[i]!, email: emails[i]!,
        sign_order: i + 1, status: "pending", created_at: now, updated_at: now,
      })),
    ),
    historyEntry(db, {
      actorId: viewer.userId, resourceType: CONTRACT_RESOURCE, resourceId: id, action: "created",
      details: { title: input.title, templateId: template.id, companyId: input.companyId, dealId: input.dealId ?? null, signers: roles.length },
    }),
  ]);
  return { ok: true, id };
}

interface SigningMail {
  to: string;
  name: string;
  roleLabel: string;
  title: string;
  senderName: string;
  token: string;
  origin: string;
}

export function signingMail(m: SigningMail) {
  return {
    to: m.to,
    subject: `Please sign: ${m.title}`,
    text: [
      `Hello ${m.name},`,
      "",
      `${m.senderName} at DotCollective has sent you "${m.title}" to sign as ${m.roleLabel}.`,
      "",
      `Review and sign: ${m.origin}/sign/${m.token}`,
      "",
      `The link is personal to you and expires in ${TOKEN_TTL_DAYS} days. If you were not expecting this, you can ignore this email.`,
    ].join("\n"),
  };
}

/** A fresh single-purpose token for one signer: the raw value (for the email) and what is stored. */
export async function issueToken(now: Date) {
  const token = randomToken(32);
  return { token, hash: await sha256(token), expiresAt: nowIso(addDays(now, TOKEN_TTL_DAYS)) };
}

type ActionResult = { ok: true; message: string } | { ok: false; status: 400 | 404 | 409; message: string };

async function contractForAction(db: Db, viewer: ScopeViewer, id: string) {
  const [contracts, signers] = await batch(db, [
    db.query
      .selectFrom("contracts")
      .select(["id", "title", "status", "fields_schema", "signer_roles"])
      .where("id", "=", id)
      .where(contractScope(viewer)),
    db.query
      .selectFrom("contract_signers")
      .select(["id", "name", "email", "role_id", "role_label", "sign_order", "status"])
      .where("contract_id", "=", id)
      .orderBy("sign_order"),
  ]);
  return contracts[0] ? { contract: contracts[0], signers } : null;
}

/** Draft → sent: only the FIRST signer gets a link; the rest wait their turn. */
export async function sendContract(context: AppLoadContext, viewer: Actor, id: string, origin: string): Promise<ActionResult> {
  const { db } = context;
  const found = await contractForAction(db, viewer, id);
  if (!found) return { ok: false, status: 404, message: "Not found" };
  const { contract, signers } = found;
  if (contract.status !== "draft") return { ok: false, status: 409, message: "Only a draft can be sent." };
  const first = signers[0];
  if (!first) return { ok: false, status: 400, message: "Add a signer before sending." };
  const fields = parseFields(contract.fields_schema);
  const unsigned = parseRoles(contract.signer_roles).filter((r) => !fields.some((f) => f.signer_role_id === r.id && f.type === "signature"));
  if (unsigned.length) {
    return { ok: false, status: 400, message: `The template has no signature field for ${unsigned.map((r) => r.label).join(", ")}. Place one on the template first.` };
  }
  const now = new Date();
  const at = nowIso(now);
  const issued = await issueToken(now);
  await batch(db, [
    db.query.updateTable("contracts").set({ status: "sent", sent_at: at, updated_at: at }).where("id", "=", id).where("status", "=", "draft"),
    db.query.updateTable("contract_signers")
      .set({ status: "sent", token_hash: issued.hash, token_expires_at: issued.expiresAt, sent_at: at, updated_at: at })
      .where("id", "=", first.id),
    historyEntry(db, {
      actorId: viewer.userId, resourceType: CONTRACT_RESOURCE, resourceId: id, action: "sent",
      changes: { status: { from: "draft", to: "sent" } },
      details: { emailedSigner: `${first.name} <${first.email}>`, role: first.role_label },
    }),
  ]);
  await sendMail(context, signingMail({ to: first.email, name: first.name, roleLabel: first.role_label, title: contract.title, senderName: viewer.name, token: issued.token, origin }));
  return { ok: true, message: `Sent. ${first.name} has been emailed a signing link.` };
}

/** A new link for the signer whose turn it is (the old link stops working). */
export async function resendLink(context: AppLoadContext, viewer: Actor, id: string, origin: string): Promise<ActionResult> {
  const { db } = context;
  const found = await contractForAction(db, viewer, id);
  if (!found) return { ok: false, status: 404, message: "Not found" };
  const current = found.signers.find((s) => s.status === "sent" || s.status === "viewed");
  if (found.contract.status !== "sent" || !current) return { ok: false, status: 409, message: "Nobody is waiting to sign this contract." };
  const now = new Date();
  const at = nowIso(now);
  const issued = await issueToken(now);
  await batch(db, [
    db.query.updateTable("contract_signers")
      .set({ token_hash: issued.hash, token_expires_at: issued.expiresAt, sent_at: at, updated_at: at })
      .where("id", "=", current.id),
    historyEntry(db, {
      actorId: viewer.userId, resourceType: CONTRACT_RESOURCE, resourceId: id, action: "link_resent",
      details: { signer: `${current.name} <${current.email}>`, role: current.role_label },
    }),
  ]);
  await sendMail(context, signingMail({ to: current.email, name: current.name, roleLabel: current.role_label, title: found.contract.title, senderName: viewer.name, token: issued.token, origin }));
  return { ok: true, message: `A new signing link was emailed to ${current.name}.` };
}

/** Draft or sent → void: every signing link stops working. */
export async function voidContract(db: Db, viewer: ScopeViewer, id: string, reason: string | undefined): Promise<ActionResult> {
  const found = await contractForAction(db, viewer, id);
  if (!found) return { ok: false, status: 404, message: "Not found" };
  if (found.contract.status !== "draft" && found.contract.status !== "sent") {
    return { ok: false, status: 409, message: "Only a draft or a contract out for signature can be voided." };
  }
  const at = nowIso();
  await batch(db, [
    db.query.updateTable("contracts").set({ status: "void", voided_at: at, updated_at: at }).where("id", "=", id),
    db.query.updateTable("contract_signers").set({ token_hash: null, token_expires_at: null, updated_at: at }).where("contract_id", "=", id),
    historyEntry(db, {
      actorId: viewer.userId, resourceType: CONTRACT_RESOURCE, resourceId: id, action: "voided",
      changes: { status: { from: found.contract.status, to: "void" } },
      details: reason ? { reason } : undefined,
    }),
    // Nobody needs chasing on a voided contract.
    ...closeChaseStatements(db, at, id),
  ]);
  return { ok: true, message: "Contract voided. Its signing links no longer work." };
}

export async function deleteDraft(db: Db, viewer: ScopeViewer, id: string): Promise<ActionResult> {
  const found = await contractForAction(db, viewer, id);
  if (!found) return { ok: false, status: 404, message: "Not found" };
  if (found.contract.status !== "draft") return { ok: false, status: 409, message: "Only drafts can be deleted; void a sent contract instead." };
  await batch(db, [
    db.query.deleteFrom("contracts").where("id", "=", id),
    historyEntry(db, { actorId: viewer.userId, resourceType: CONTRACT_RESOURCE, resourceId: id, action: "deleted", details: { title: found.contract.title } }),
  ]);
  return { ok: true, message: "Draft deleted." };
}

export interface PdfSource {
  id: string;
  title: string;
  contract_type: string;
  base_pdf_key: string | null;
  signer_roles: string;
  terms: string | null;
  created_at: string;
  company_name: string | null;
}

/** The contract's base PDF: its R2 object, or (none uploaded, or the object is gone) the generated document. */
export async function basePdfBytes(env: AppLoadContext["env"], c: PdfSource): Promise<Uint8Array> {
  if (c.base_pdf_key) {
    const object = await env.FILES.get(c.base_pdf_key);
    if (object) return new Uint8Array(await object.arrayBuffer());
  }
  return generateBasePdf({
    title: c.title, contractType: c.contract_type as ContractType, roles: parseRoles(c.signer_roles),
    companyName: c.company_name, terms: c.terms, createdAt: c.created_at,
  });
}

export function stampSigners(rows: (Omit<StampSigner, "values"> & { field_values: string | null })[]): StampSigner[] {
  return rows.map(({ field_values, ...s }) => ({ ...s, values: parseValues(field_values) }));
}

export function completedKey(contractId: string) {
  return `contracts/${contractId}/completed-${newId()}.pdf`;
}

export function pdfResponse(bytes: Uint8Array | ReadableStream, fileName: string, disposition: "attachment" | "inline", size?: number) {
  const safe = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\/]/g, "_");
  const headers: Record<string, string> = {
    "Content-Type": "application/pdf",
    "Content-Disposition": `${disposition}; filename="${safe}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
    "Content-Security-Policy": "default-src 'none'; sandbox",
  };
  const length = size ?? (bytes instanceof Uint8Array ? bytes.byteLength : undefined);
  if (length !== undefined) headers["Content-Length"] = String(length);
  return new Response(bytes instanceof Uint8Array ? (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer) : bytes, { headers });
}

function fileStem(title: string) {
  return title.replace(/[^A-Za-z0-9 ._-]+/g, "").trim().replace(/\s+/g, "-").slice(0, 80) || "contract";
}

/**
 * The original (base) or completed PDF as an attachment; null when out of scope or (completed)
 * not completed. A completed PDF whose R2 object went missing is rebuilt from the stored values.
 */
export async function contractPdf(context: AppLoadContext, viewer: ScopeViewer, id: string, version: "original" | "completed") {
  const { db, env } = context;
  const [contracts, signers] = await batch(db, [
    db.query
      .selectFrom("contracts")
      .leftJoin("companies", "companies.id", "contracts.company_id")
      .select([
        "contracts.id", "contracts.title", "contracts.contract_type", "contracts.base_pdf_key", "contracts.signer_roles",
        "contracts.fields_schema", "contracts.terms", "contracts.created_at", "contracts.status", "contracts.completed_pdf_key",
        "contracts.completed_at", "companies.name as company_name",
      ])
      .where("contracts.id", "=", id)
      .where(contractScope(viewer)),
    db.query
      .selectFrom("contract_signers")
      .select(["role_id", "role_label", "name", "email", "status", "sign_order", "sent_at", "viewed_at", "signed_at", "declined_at", "ip", "user_agent", "field_values"])
      .where("contract_id", "=", id)
      .orderBy("sign_order"),
  ]);
  const c = contracts[0];
  if (!c) return null;
  const stem = fileStem(c.title);
  if (version === "original") return pdfResponse(await basePdfBytes(env, c), `${stem}.pdf`, "attachment");
  if (c.status !== "completed") return null;
  if (c.completed_pdf_key) {
    const object = await env.FILES.get(c.completed_pdf_key);
    if (object) return pdfResponse(object.body, `${stem}-signed.pdf`, "attachment", object.size);
  }
  const bytes = await renderContractPdf(await basePdfBytes(env, c), parseFields(c.fields_schema), stampSigners(signers), {
    contractId: c.id, title: c.title, completedAt: c.completed_at ?? nowIso(),
  });
  return pdfResponse(bytes, `${stem}-signed.pdf`, "attachment");
}

export const RENEWAL_SOURCE_TYPE = "contract_renewal";
const REMINDERS_PER_RUN = 20;

/**
 * Raises one action item for the owner of each completed contract whose renewal date is within
 * its notice period (renewal_notice_days, 30 by default). Idempotent: the item's source id is
 * "<contract id>:<renewal date>", and contracts that already have one are skipped in SQL, so
 * a run with nothing new costs one read and no writes. Returns how many were raised.
 */
export async function raiseRenewalReminders(db: Db, now: Date = new Date()) {
  const today = nowIso(now).slice(0, 10);
  const due = await db.query
    .selectFrom("contracts")
    .select(["contracts.id", "contracts.title", "contracts.renewal_date", "contracts.owner_id", "contracts.company_id", "contracts.deal_id", "contracts.created_by"])
    .where("contracts.status", "=", "completed")
    .where("contracts.renewal_date", "is not", null)
    .where("contracts.renewal_date", ">=", today)
    .where("contracts.owner_id", "is not", null)
    .where(sql<SqlBool>`date(contracts.renewal_date, '-' || contracts.renewal_notice_days || ' days') <= ${today}`)
    .where(({ not, exists, selectFrom }) =>
      not(exists(
        selectFrom("action_items")
          .select("action_items.id")
          .where("action_items.source_module", "=", "contracts")
          .where("action_items.source_type", "=", RENEWAL_SOURCE_TYPE)
          .whereRef("action_items.source_id", "=", sql`contracts.id || ':' || contracts.renewal_date`),
      )),
    )
    .orderBy("contracts.renewal_date")
    .limit(REMINDERS_PER_RUN)
    .execute();
  if (due.length === 0) return 0;
  await batch(db, due.flatMap((c) =>
    raiseActionItem(db, {
      title: `Contract renewal due ${c.renewal_date}: ${c.title}`,
      description: `"${c.title}" renews on ${c.renewal_date}. Review the terms with the client, then renew or give notice.`,
      sourceModule: "contracts",
      sourceType: RENEWAL_SOURCE_TYPE,
      sourceId: `${c.id}:${c.renewal_date}`,
      companyId: c.company_id,
      dealId: c.deal_id,
      assignedPersonId: c.owner_id,
      dueDate: c.renewal_date,
      createdBy: null,
    }, null),
  ));
  return due.length;
}

/**
 * For waitUntil from a loader: the renewal reminders, then the signer chasers (follow-ups.server.ts).
 * Failures are logged, never thrown.
 */
export function renewalRemindersInBackground(db: Db) {
  return raiseRenewalReminders(db)
    .catch((e: unknown) => {
      console.error("contract renewal reminders failed:", e instanceof Error ? e.message : "unknown error");
    })
    .then(() => sweepSignerChasers(db))
    .catch((e: unknown) => {
      console.error("contract signer chasers failed:", e instanceof Error ? e.message : "unknown error");
    });
}
