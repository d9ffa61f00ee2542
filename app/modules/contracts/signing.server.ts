// Public e-signing by per-signer token (ORIGINAL.md §9.2). A token is 32 random bytes
// (base64url), stored only as its SHA-256, good for one signer of one contract, for
// TOKEN_TTL_DAYS, and cleared when used, declined or voided. Unknown, tampered, expired, used or
// voided tokens all get the same 404. Every public hit counts against a per-IP rate limit in
// the same round trip as the token lookup.
import { sql } from "kysely";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import { sha256 } from "~/platform/crypto.server";
import type { Db } from "~/platform/db.server";
import { historyEntry } from "~/platform/history.server";
import { nowIso } from "~/platform/ids";
import { sendMail } from "~/platform/mail.server";
import { deliverInBackground, prepareNotifications } from "~/platform/notify.server";
import { pruneRateLimits, rateLimitHit, rateLimitResult } from "~/platform/rate-limit.server";
import { basePdfBytes, completedKey, issueToken, pdfResponse, signingMail, stampSigners } from "./contracts.server";
import { closeChaseStatements } from "./follow-ups.server";
import { isPngDataUrl, renderContractPdf } from "./pdf.server";
import {
  CONTRACT_RESOURCE, MAX_DRAWN_CHARS, SIGN_RATE_LIMIT, parseFields, parseRoles, tokenSchema,
  type FieldDef, type FieldValue,
} from "./schemas";

export class RateLimited extends Error {
  constructor(public retryAfterSeconds: number) {
    super("Too many requests");
  }
}

export interface Visitor {
  ip: string;
  userAgent: string | null;
}

export function visitorOf(request: Request): Visitor {
  return {
    ip: request.headers.get("CF-Connecting-IP")?.trim() || "unknown",
    userAgent: request.headers.get("User-Agent")?.slice(0, 300) ?? null,
  };
}

/**
 * Looks a token up (with the rate-limit hit) in ONE batch: the live signer, the contract, its
 * company and every signer of the contract. Null for anything not usable right now.
 */
async function lookup(db: Db, rawToken: string | undefined, visitor: Visitor, now = new Date()) {
  const token = tokenSchema.safeParse(rawToken);
  const hash = token.success ? await sha256(token.data) : "invalid";
  const at = nowIso(now);
  const ofToken = db.query.selectFrom("contract_signers").select("contract_id").where("token_hash", "=", hash);
  const [hits, found, all] = await batch(db, [
    rateLimitHit(db, `contract-sign:ip:${visitor.ip}`, SIGN_RATE_LIMIT, now),
    db.query
      .selectFrom("contract_signers as s")
      .innerJoin("contracts", "contracts.id", "s.contract_id")
      .leftJoin("companies", "companies.id", "contracts.company_id")
      .leftJoin("people", "people.id", "contracts.owner_id")
      .select([
        "s.id as signer_id", "s.name", "s.email", "s.role_id", "s.role_label", "s.sign_order", "s.status as signer_status", "s.viewed_at",
        "contracts.id", "contracts.title", "contracts.contract_type", "contracts.status", "contracts.fields_schema", "contracts.signer_roles",
        "contracts.page_count", "contracts.base_pdf_key", "contracts.terms", "contracts.created_at", "contracts.created_by",
        "companies.name as company_name", "people.user_id as owner_user_id",
        sql<string | null>`(SELECT name FROM users WHERE users.id = contracts.created_by)`.as("sender_name"),
      ])
      .where("s.token_hash", "=", hash)
      .where("s.token_expires_at", ">", at)
      .where("s.status", "in", ["sent", "viewed"])
      .where("contracts.status", "=", "sent"),
    db.query
      .selectFrom("contract_signers")
      .select(["id", "role_id", "role_label", "name", "email", "status", "sign_order", "sent_at", "viewed_at", "signed_at", "declined_at", "ip", "user_agent", "field_values"])
      .where("contract_id", "in", ofToken)
      .orderBy("sign_order"),
  ]);
  if (Math.random() < 0.01) await pruneRateLimits(db).execute().catch(() => {});
  const limit = rateLimitResult(hits, SIGN_RATE_LIMIT, now);
  if (!limit.allowed) throw new RateLimited(limit.retryAfterSeconds);
  const row = found[0];
  if (!row || !token.success) return null;
  return { ...row, hash, signers: all, fields: parseFields(row.fields_schema), roles: parseRoles(row.signer_roles) };
}

/**
 * The first statement of every signing write: a no-op while this signer still holds this token,
 * and a CHECK-constraint failure (sign_order >= 1) once a concurrent request has used or
 * replaced it — which makes D1 roll the whole batch back, so a link can never be used twice.
 */
function tokenStillLive(db: Db, signerId: string, hash: string) {
  return db.query
    .updateTable("contract_signers")
    .set({ sign_order: 0 })
    .where("id", "=", signerId)
    .where((eb) => eb.or([eb("token_hash", "is", null), eb("token_hash", "!=", hash)]));
}

const isGuardFailure = (e: unknown) => e instanceof Error && /CHECK constraint failed/i.test(e.message);

/** What the signing page shows: the contract, this signer, their fields, the signing order. */
export async function loadSigning(db: Db, token: string | undefined, visitor: Visitor) {
  const found = await lookup(db, token, visitor);
  if (!found) return null;
  return {
    contract: { title: found.title, type: found.contract_type, companyName: found.company_name, pageCount: found.page_count, senderName: found.sender_name },
    signer: { name: found.name, email: found.email, roleId: found.role_id, roleLabel: found.role_label, order: found.sign_order },
    fields: found.fields,
    roles: found.roles,
    order: found.signers.map((s) => ({ roleLabel: s.role_label, name: s.name, status: s.status, order: s.sign_order })),
  };
}

/** Records the first view (POSTed by the page once it has loaded; never on GET). */
export async function recordView(db: Db, token: string | undefined, visitor: Visitor) {
  const found = await lookup(db, token, visitor);
  if (!found) return false;
  if (found.viewed_at) return true;
  const at = nowIso();
  await batch(db, [
    db.query.updateTable("contract_signers")
      .set({ status: "viewed", viewed_at: at, ip: visitor.ip, user_agent: visitor.userAgent, updated_at: at })
      .where("id", "=", found.signer_id)
      .where("viewed_at", "is", null),
    historyEntry(db, {
      actorId: null, resourceType: CONTRACT_RESOURCE, resourceId: found.id, action: "signer_viewed",
      details: { signer: found.name, role: found.role_label, ip: visitor.ip },
    }),
  ]);
  return true;
}

export type SubmitErrors = Record<string, string>;

/** Reads this signer's field values from the form; errors are keyed by input name. */
export function readFieldValues(fields: FieldDef[], form: FormData, today: string) {
  const values: Record<string, FieldValue> = {};
  const errors: SubmitErrors = {};
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v.trim() : "";
  };
  for (const field of fields) {
    switch (field.type) {
      case "signature": {
        const mode = text(`sig_mode_${field.id}`);
        const drawn = text(`sig_drawn_${field.id}`);
        const typed = text(`sig_typed_${field.id}`);
        if (mode === "drawn" && drawn) {
          if (drawn.length > MAX_DRAWN_CHARS || !isPngDataUrl(drawn)) errors[`sig_typed_${field.id}`] = "The drawn signature could not be read. Draw it again or type your name.";
          else values[field.id] = { type: "drawn", value: drawn };
        } else if (typed) {
          if (typed.length < 2 || typed.length > 100) errors[`sig_typed_${field.id}`] = "Type your full name (2–100 characters).";
          else values[field.id] = { type: "typed", value: typed };
        } else if (field.required) {
          errors[`sig_typed_${field.id}`] = "Type your full name or draw your signature.";
        }
        break;
      }
      case "date": {
        const v = text(`date_${field.id}`);
        if (!v) {
          if (field.required) errors[`date_${field.id}`] = "Enter the date.";
        } else if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
          errors[`date_${field.id}`] = "Use a date like 2026-12-31.";
        } else if (v > today) {
          errors[`date_${field.id}`] = "The date cannot be in the future.";
        } else values[field.id] = v;
        break;
      }
      case "checkbox": {
        const on = text(`check_${field.id}`) === "on";
        if (!on && field.required) errors[`check_${field.id}`] = "Tick this box to continue.";
        values[field.id] = on;
        break;
      }
      case "text": {
        const v = text(`text_${field.id}`);
        if (!v && field.required) errors[`text_${field.id}`] = "Fill in this field.";
        else if (v.length > 200) errors[`text_${field.id}`] = "Keep it under 200 characters.";
        else if (v) values[field.id] = v;
        break;
      }
    }
  }
  if (text("consent") !== "on") errors.consent = "Confirm that you agree to sign electronically.";
  return { values, errors };
}

export type SubmitResult =
  | { ok: true; outcome: "next" | "completed" }
  | { ok: false; errors: SubmitErrors }
  | null;

/**
 * Signs for this signer. If someone is next in sign_order, they get a fresh token and the
 * email now (never earlier); if this was the last signer, the completed PDF (stamped fields
 * + signing certificate) is stored in R2, the contract completes and the owner is notified.
 */
export async function submitSignature(context: AppLoadContext, token: string | undefined, visitor: Visitor, form: FormData, origin: string): Promise<SubmitResult> {
  const { db, env } = context;
  const found = await lookup(db, token, visitor);
  if (!found) return null;
  const now = new Date();
  const at = nowIso(now);
  const mine = found.fields.filter((f) => f.signer_role_id === found.role_id);
  const { values, errors } = readFieldValues(mine, form, at.slice(0, 10));
  if (Object.keys(errors).length) return { ok: false, errors };
  const signerUpdate = db.query.updateTable("contract_signers")
    .set({
      status: "signed", signed_at: at, viewed_at: sql`coalesce(viewed_at, ${at})`, token_hash: null, token_expires_at: null,
      ip: visitor.ip, user_agent: visitor.userAgent, field_values: JSON.stringify(values), updated_at: at,
    })
    .where("id", "=", found.signer_id)
    .where("token_hash", "=", found.hash);
  const signedHistory = historyEntry(db, {
    actorId: null, resourceType: CONTRACT_RESOURCE, resourceId: found.id, action: "signer_signed",
    details: {
      signer: `${found.name} <${found.email}>`, role: found.role_label, ip: visitor.ip, userAgent: visitor.userAgent,
      methods: Object.values(values).filter((v) => typeof v === "object").map((v) => (v as { type: string }).type),
    },
  });
  const next = found.signers.find((s) => s.sign_order > found.sign_order && s.status === "pending");
  if (next) {
    const issued = await issueToken(now);
    try {
      await batch(db, [
        tokenStillLive(db, found.signer_id, found.hash),
        signerUpdate,
        db.query.updateTable("contract_signers")
          .set({ status: "sent", token_hash: issued.hash, token_expires_at: issued.expiresAt, sent_at: at, updated_at: at })
          .where("id", "=", next.id),
        db.query.updateTable("contracts").set({ updated_at: at }).where("id", "=", found.id),
        signedHistory,
        historyEntry(db, {
          actorId: null, resourceType: CONTRACT_RESOURCE, resourceId: found.id, action: "next_signer_emailed",
          details: { signer: `${next.name} <${next.email}>`, role: next.role_label },
        }),
        // This signer no longer needs chasing.
        ...closeChaseStatements(db, at, found.id),
      ]);
    } catch (error) {
      if (isGuardFailure(error)) return null;
      throw error;
    }
    await sendMail(context, signingMail({
      to: next.email, name: next.name, roleLabel: next.role_label, title: found.title,
      senderName: found.sender_name ?? "DotCollective", token: issued.token, origin,
    }));
    return { ok: true, outcome: "next" };
  }

  // Last signer: build and store the completed PDF before the status changes.
  const signers = stampSigners(found.signers.map((s) =>
    s.id === found.signer_id
      ? { ...s, status: "signed", signed_at: at, viewed_at: s.viewed_at ?? at, ip: visitor.ip, user_agent: visitor.userAgent, field_values: JSON.stringify(values) }
      : s,
  ));
  const bytes = await renderContractPdf(await basePdfBytes(env, found), found.fields, signers, { contractId: found.id, title: found.title, completedAt: at });
  const key = completedKey(found.id);
  await env.FILES.put(key, bytes, { httpMetadata: { contentType: "application/pdf" }, customMetadata: { contractId: found.id } });
  const ownerUserId = found.owner_user_id ?? found.created_by;
  const notice = prepareNotifications(db, {
    userIds: ownerUserId ? [ownerUserId] : [],
    type: "contract_completed",
    title: `Signed by everyone: ${found.title}`,
    body: `${found.signers.length} signer${found.signers.length === 1 ? "" : "s"} signed. The completed PDF is ready to download.`,
    actionUrl: `/contracts/${found.id}`,
    resourceType: CONTRACT_RESOURCE,
    resourceId: found.id,
  });
  try {
    await batch(db, [
      tokenStillLive(db, found.signer_id, found.hash),
      signerUpdate,
      db.query.updateTable("contracts")
        .set({ status: "completed", completed_at: at, completed_pdf_key: key, updated_at: at })
        .where("id", "=", found.id)
        .where("status", "=", "sent"),
      signedHistory,
      historyEntry(db, {
        actorId: null, resourceType: CONTRACT_RESOURCE, resourceId: found.id, action: "completed",
        changes: { status: { from: "sent", to: "completed" } }, details: { pdfBytes: bytes.byteLength },
      }),
      ...notice.inserts,
      ...closeChaseStatements(db, at, found.id),
    ]);
  } catch (error) {
    await env.FILES.delete(key).catch(() => {});
    if (isGuardFailure(error)) return null;
    throw error;
  }
  context.waitUntil(deliverInBackground(context, notice.ids));
  return { ok: true, outcome: "completed" };
}

/** Declines for this signer: the contract is declined, every link dies, the owner is told, nobody else is emailed. */
export async function declineSigning(context: AppLoadContext, token: string | undefined, visitor: Visitor, reason: string) {
  const { db } = context;
  const found = await lookup(db, token, visitor);
  if (!found) return false;
  const at = nowIso();
  const ownerUserId = found.owner_user_id ?? found.created_by;
  const notice = prepareNotifications(db, {
    userIds: ownerUserId ? [ownerUserId] : [],
    type: "contract_declined",
    title: `Declined: ${found.title}`,
    body: `${found.name} (${found.role_label}) declined to sign: ${reason}`,
    actionUrl: `/contracts/${found.id}`,
    resourceType: CONTRACT_RESOURCE,
    resourceId: found.id,
  });
  try {
    await batch(db, [
      tokenStillLive(db, found.signer_id, found.hash),
      db.query.updateTable("contract_signers")
        .set({
          status: "declined", declined_at: at, decline_reason: reason, viewed_at: sql`coalesce(viewed_at, ${at})`,
          ip: visitor.ip, user_agent: visitor.userAgent, updated_at: at,
        })
        .where("id", "=", found.signer_id),
      db.query.updateTable("contract_signers").set({ token_hash: null, token_expires_at: null }).where("contract_id", "=", found.id),
      db.query.updateTable("contracts")
        .set({ status: "declined", declined_at: at, decline_reason: reason, updated_at: at })
        .where("id", "=", found.id),
      historyEntry(db, {
        actorId: null, resourceType: CONTRACT_RESOURCE, resourceId: found.id, action: "signer_declined",
        changes: { status: { from: "sent", to: "declined" } },
        details: { signer: `${found.name} <${found.email}>`, role: found.role_label, reason, ip: visitor.ip, userAgent: visitor.userAgent },
      }),
      ...notice.inserts,
      ...closeChaseStatements(db, at, found.id),
    ]);
  } catch (error) {
    if (isGuardFailure(error)) return false;
    throw error;
  }
  context.waitUntil(deliverInBackground(context, notice.ids));
  return true;
}

/** The document as this signer sees it: the base PDF with earlier signers' values stamped. */
export async function signingDocument(context: AppLoadContext, token: string | undefined, visitor: Visitor) {
  const found = await lookup(context.db, token, visitor);
  if (!found) return null;
  const signers = stampSigners(found.signers);
  const bytes = signers.some((s) => s.status === "signed")
    ? await renderContractPdf(await basePdfBytes(context.env, found), found.fields, signers)
    : await basePdfBytes(context.env, found);
  return pdfResponse(bytes, `${found.title.replace(/[^A-Za-z0-9 ._-]+/g, "").trim() || "contract"}.pdf`, "inline");
}

