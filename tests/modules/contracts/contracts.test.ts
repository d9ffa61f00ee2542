import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, PDFRef, type PDFPage } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { raiseRenewalReminders } from "~/modules/contracts/contracts.server";
import { generateBasePdf } from "~/modules/contracts/pdf.server";
import { globalSearch } from "~/modules/search/search.server";
import { sha256 } from "~/platform/crypto.server";
import { getViewer } from "~/platform/session.server";
import type { AppLoadContext } from "~/platform/context.server";
import { action as detailAction, loader as detailLoader } from "~/routes/_app+/contracts+/$contractId";
import { loader as downloadLoader } from "~/routes/_app+/contracts+/$contractId_.document[.pdf]";
import { loader as listLoader } from "~/routes/_app+/contracts+/_index";
import { action as newAction, loader as newLoader } from "~/routes/_app+/contracts+/new";
import { action as templatesAction, loader as templatesLoader } from "~/routes/_app+/contracts+/templates._index";
import { action as templateAction } from "~/routes/_app+/contracts+/templates.$templateId";
import { action as signAction, loader as signLoader } from "~/routes/sign+/$token";
import { loader as signDocLoader } from "~/routes/sign+/$token_.document[.pdf]";
import { setupTestDb } from "../../support/d1";
import { getAs, ORIGIN, postAs, sessionCookie, statusOf } from "../../support/requests";

const db = setupTestDb({ seed: true });
const EXEC = "user-olivia-bennett";
const MANAGER = "user-daniel-costa";
const EMPLOYEE = "user-ethan-brown";
const CLIENT = "client.signer@harbourco.com.au";
const AGENCY = "agency.signer@dotcollective.com.au";
// A valid 1×1 PNG (what a canvas' toDataURL gives, only smaller).
const DRAWN = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

function tracked() {
  const pending: Promise<unknown>[] = [];
  const context: AppLoadContext = { ...db.context(), waitUntil: (p) => void pending.push(p) };
  return { context, settle: () => Promise.all(pending) };
}

async function run<T>(fn: () => Promise<T>): Promise<{ status: number; body: unknown; location: string | null; text?: string }> {
  try {
    const result = await fn();
    if (result instanceof Response) return { status: result.status, body: null, location: result.headers.get("Location") };
    const init = (result as { init?: { status?: number } } | null)?.init;
    const body = (result as { data?: unknown } | null)?.data ?? result;
    return { status: init?.status ?? 200, body, location: null };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: null, location: thrown.headers.get("Location"), text: await thrown.text() };
    throw thrown;
  }
}

const q = () => db.context().db.query;
const mailTo = (to: string) => q().selectFrom("mail_outbox").selectAll().where("to_address", "=", to).orderBy("created_at").execute();
const tokenIn = (text: string) => /\/sign\/([A-Za-z0-9_-]{43})\b/.exec(text)?.[1] ?? null;

async function createContract(userId = EXEC, overrides: Record<string, string | string[]> = {}) {
  const context = db.context();
  const request = await postAs(context, userId, "/contracts/new", {
    templateId: "ctpl-msa", title: "Harbour & Co website MSA", companyId: "co-harbour-co", value: "24,000.00",
    renewalDate: "2027-06-30", "signerName[]": ["Casey Client", "Alex Agency"], "signerEmail[]": [CLIENT, AGENCY], ...overrides,
  });
  const result = await run(() => newAction({ request, context, params: {} }));
  const id = result.location?.match(/^\/contracts\/([^?]+)/)?.[1];
  return { ...result, id };
}

async function contractAction(userId: string, id: string, fields: Record<string, string>) {
  const context = db.context();
  const request = await postAs(context, userId, `/contracts/${id}`, fields);
  return run(() => detailAction({ request, context, params: { contractId: id } }));
}

function publicRequest(path: string, fields?: Record<string, string>, ip = "203.0.113.5") {
  const headers = new Headers({ "CF-Connecting-IP": ip, "User-Agent": "Vitest signer browser" });
  if (!fields) return new Request(ORIGIN + path, { headers });
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  headers.set("Origin", ORIGIN);
  return new Request(ORIGIN + path, { method: "POST", headers, body: new URLSearchParams(fields) });
}

const viewSigning = (token: string, context = db.context(), ip?: string) =>
  run(() => signLoader({ request: publicRequest(`/sign/${token}`, undefined, ip), context, params: { token } }));
const postSigning = (token: string, fields: Record<string, string>, context: AppLoadContext = db.context()) =>
  run(() => signAction({ request: publicRequest(`/sign/${token}`, fields), context, params: { token } }));

const CLIENT_FIELDS = {
  intent: "sign", "sig_mode_fld-client-sig": "typed", "sig_typed_fld-client-sig": "Casey Client",
  "date_fld-client-date": "2026-11-20", "check_fld-client-authority": "on", consent: "on",
};
const AGENCY_DRAWN = {
  intent: "sign", "sig_mode_fld-agency-sig": "drawn", "sig_drawn_fld-agency-sig": DRAWN, "date_fld-agency-date": "2026-11-21", consent: "on",
};

async function sentContract() {
  const created = await createContract();
  expect(created.status).toBe(302);
  const sent = await contractAction(EXEC, created.id!, { intent: "send" });
  expect(sent.status).toBe(200);
  const [mail] = await mailTo(CLIENT);
  const token = tokenIn(mail!.text_body)!;
  expect(token).toBeTruthy();
  return { id: created.id!, token };
}

/** The text drawn on a page: pdf-lib writes standard-font text as hex strings in content streams. */
function pageText(doc: PDFDocument, page: PDFPage) {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  let out = "";
  for (const item of streams) {
    const stream = item instanceof PDFRef ? doc.context.lookup(item) : item;
    if (!(stream instanceof PDFRawStream)) continue;
    const raw = new TextDecoder("latin1").decode(decodePDFRawStream(stream).decode());
    for (const m of raw.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) out += Buffer.from(m[1]!, "hex").toString("latin1") + "\n";
  }
  return out;
}

describe("sequential signing by token", () => {
  it("emails only the first signer, then the next after the first signs, then completes with a stamped PDF", async () => {
    const { id, token } = await sentContract();
    // Stored hashed, never raw; the second signer has no link and no email yet.
    const signers = await q().selectFrom("contract_signers").selectAll().where("contract_id", "=", id).orderBy("sign_order").execute();
    expect(signers[0]!.token_hash).toBe(await sha256(token));
    expect(JSON.stringify(signers)).not.toContain(token);
    expect(signers[0]!.status).toBe("sent");
    expect(signers[1]!.token_hash).toBeNull();
    expect(await mailTo(AGENCY)).toHaveLength(0);

    const page = await viewSigning(token);
    expect(page.status).toBe(200);
    expect((page.body as { signer: { roleLabel: string } }).signer.roleLabel).toBe("Client signatory");
    expect((await postSigning(token, { intent: "view" })).status).toBe(200);
    expect((await q().selectFrom("contract_signers").select(["status", "viewed_at"]).where("id", "=", signers[0]!.id).executeTakeFirstOrThrow()).status).toBe("viewed");

    const first = await postSigning(token, CLIENT_FIELDS);
    expect(first).toMatchObject({ status: 302, location: "/sign/done?outcome=signed" });
    // Used: the same link is now a 404; only now is the second signer emailed.
    expect((await viewSigning(token)).status).toBe(404);
    const agencyMail = await mailTo(AGENCY);
    expect(agencyMail).toHaveLength(1);
    const second = tokenIn(agencyMail[0]!.text_body)!;
    expect(second).not.toBe(token);
    const afterFirst = await q().selectFrom("contracts").select(["status"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(afterFirst.status).toBe("sent");

    // The second signer's view of the document has the first signature stamped already.
    const doc = await run(() => signDocLoader({ request: publicRequest(`/sign/${second}/document.pdf`), context: db.context(), params: { token: second } }));
    expect(doc.status).toBe(200);

    const { context, settle } = tracked();
    const last = await postSigning(second, AGENCY_DRAWN, context);
    expect(last).toMatchObject({ status: 302, location: "/sign/done?outcome=completed" });
    await settle();

    const contract = await q().selectFrom("contracts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(contract.status).toBe("completed");
    expect(contract.completed_pdf_key).toMatch(/^contracts\//);
    const object = await db.env.FILES.get(contract.completed_pdf_key!);
    const bytes = new Uint8Array(await object!.arrayBuffer());
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(3); // two generated pages + the signing certificate
    const signaturePage = pageText(pdf, pdf.getPage(1));
    expect(signaturePage).toContain("Casey Client");
    expect(signaturePage).toContain("2026-11-21");
    const certificate = pageText(pdf, pdf.getPage(2));
    expect(certificate).toContain("Signing certificate");
    expect(certificate).toContain("Vitest signer browser");
    expect(certificate).toContain("203.0.113.5");
    expect(certificate).toContain("Signature: drawn");

    const signed = await q().selectFrom("contract_signers").selectAll().where("contract_id", "=", id).orderBy("sign_order").execute();
    expect(signed.map((s) => s.status)).toEqual(["signed", "signed"]);
    expect(signed.every((s) => s.token_hash === null && s.ip === "203.0.113.5" && s.signed_at)).toBe(true);
    const notes = await q().selectFrom("notifications").select(["type", "user_id"]).where("resource_id", "=", id).execute();
    expect(notes).toEqual([{ type: "contract_completed", user_id: EXEC }]);
    const actions = await q().selectFrom("history").select("action").where("resource_id", "=", id).execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["created", "sent", "signer_viewed", "signer_signed", "next_signer_emailed", "completed"]));

    // The owner downloads the completed PDF.
    const dl = db.context();
    const response = await downloadLoader({ request: await getAs(dl, EXEC, `/contracts/${id}/document.pdf?version=completed`), context: dl, params: { contractId: id } });
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment/);
    const downloaded = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(downloaded.slice(0, 5))).toBe("%PDF-");
    expect(downloaded.byteLength).toBe(bytes.byteLength);
  });

  it("answers every unusable token with the same 404", async () => {
    const { id, token } = await sentContract();
    const flip = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    const answers = [await viewSigning(flip), await viewSigning("not-a-token"), await viewSigning("A".repeat(43))];
    await db.context().db.query.updateTable("contract_signers").set({ token_expires_at: "2020-01-01T00:00:00Z" }).where("contract_id", "=", id).where("sign_order", "=", 1).execute();
    answers.push(await viewSigning(token));
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    // Posting with a bad token changes nothing.
    expect((await postSigning(flip, CLIENT_FIELDS)).status).toBe(404);
    expect((await q().selectFrom("contract_signers").select("status").where("contract_id", "=", id).where("sign_order", "=", 1).executeTakeFirstOrThrow()).status).toBe("sent");
  });

  it("a link works once even when submitted twice at the same time", async () => {
    const { token } = await sentContract();
    const results = await Promise.all([postSigning(token, CLIENT_FIELDS), postSigning(token, CLIENT_FIELDS)]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 404]);
    expect(await mailTo(AGENCY)).toHaveLength(1);
    const rows = await q().selectFrom("history").select("action").where("action", "=", "signer_signed").execute();
    expect(rows).toHaveLength(1);
  });

  it("voiding kills the live link", async () => {
    const { id, token } = await sentContract();
    expect((await contractAction(EXEC, id, { intent: "void" })).status).toBe(200);
    expect((await viewSigning(token)).status).toBe(404);
    const row = await q().selectFrom("contract_signers").select("token_hash").where("contract_id", "=", id).where("sign_order", "=", 1).executeTakeFirstOrThrow();
    expect(row.token_hash).toBeNull();
  });

  it("a decline with a reason declines the contract, tells the owner and emails nobody else", async () => {
    const { id, token } = await sentContract();
    expect((await postSigning(token, { intent: "decline", reason: "" })).status).toBe(400);
    const { context, settle } = tracked();
    const declined = await postSigning(token, { intent: "decline", reason: "Liability cap is too low" }, context);
    expect(declined).toMatchObject({ status: 302, location: "/sign/done?outcome=declined" });
    await settle();
    const contract = await q().selectFrom("contracts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(contract).toMatchObject({ status: "declined", decline_reason: "Liability cap is too low" });
    expect(await mailTo(AGENCY)).toHaveLength(0);
    expect((await viewSigning(token)).status).toBe(404);
    const notes = await q().selectFrom("notifications").select(["type", "user_id"]).where("resource_id", "=", id).execute();
    expect(notes).toEqual([{ type: "contract_declined", user_id: EXEC }]);
  });

  it("validates the signer's fields and consent without signing", async () => {
    const { id, token } = await sentContract();
    const bad = await postSigning(token, {
      intent: "sign", "sig_mode_fld-client-sig": "drawn", "sig_drawn_fld-client-sig": "data:image/png;base64,AAAA",
      "date_fld-client-date": "2999-01-01",
    });
    expect(bad.status).toBe(400);
    const errors = (bad.body as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(["check_fld-client-authority", "consent", "date_fld-client-date", "sig_typed_fld-client-sig"]);
    const empty = await postSigning(token, { intent: "sign", consent: "on", "check_fld-client-authority": "on", "date_fld-client-date": "2026-11-20" });
    expect((empty.body as { errors: Record<string, string> }).errors["sig_typed_fld-client-sig"]).toMatch(/Type your full name/);
    const signer = await q().selectFrom("contract_signers").select(["status", "token_hash"]).where("contract_id", "=", id).where("sign_order", "=", 1).executeTakeFirstOrThrow();
    expect(signer.status).toBe("sent");
    expect(signer.token_hash).not.toBeNull();
    expect(await mailTo(AGENCY)).toHaveLength(0);
  });

  it("rate-limits the public routes per IP", async () => {
    const context = db.context();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await viewSigning("B".repeat(43), context, "198.51.100.99")).status);
    expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    expect(statuses[60]).toBe(429);
    expect((await viewSigning("B".repeat(43), context, "198.51.100.100")).status).toBe(404);
  });
});

describe("employee side", () => {
  it("validates the new-contract form (400 with field messages, nothing written)", async () => {
    const before = await q().selectFrom("contracts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const bad = await createContract(EXEC, { title: "", companyId: "", value: "lots", "signerEmail[]": ["nope", AGENCY] });
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.body as { errors: Record<string, string> }).errors)).toEqual(expect.arrayContaining(["title", "companyId", "value", "signerEmail.0"]));
    const after = await q().selectFrom("contracts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("scopes contracts by owner: managers see their subtree's, others are a 404; employees have no access", async () => {
    const context = db.context();
    const list = await run(() => listLoader({ request: new Request(ORIGIN + "/contracts"), context, params: {} }).catch((e) => { throw e; }));
    expect(list.status).toBe(302); // anonymous → sign-in
    const asManager = db.context();
    const mine = await run(async () => listLoader({ request: await getAs(asManager, MANAGER, "/contracts"), context: asManager, params: {} }));
    const ids = (mine.body as { rows: { id: string }[] }).rows.map((r) => r.id);
    expect(ids).toEqual(["contract-harbour-loyalty-msa"]);
    const detail = async (userId: string, id: string) => {
      const c = db.context();
      return (await run(async () => detailLoader({ request: await getAs(c, userId, `/contracts/${id}`), context: c, params: { contractId: id } }))).status;
    };
    expect(await detail(MANAGER, "contract-harbour-loyalty-msa")).toBe(200);
    expect(await detail(MANAGER, "contract-greenleaf-msa")).toBe(404);
    expect(await detail(MANAGER, "no-such-contract")).toBe(404);
    expect(await detail(EXEC, "contract-greenleaf-msa")).toBe(200);
    expect(await detail(EMPLOYEE, "contract-harbour-loyalty-msa")).toBe(403);
    const dl = db.context();
    expect(await statusOf(async () => downloadLoader({ request: await getAs(dl, MANAGER, "/contracts/contract-harbour-retainer/document.pdf?version=completed"), context: dl, params: { contractId: "contract-harbour-retainer" } }))).toBe(404);
    // Acting on an out-of-scope contract is a 404 too.
    expect((await contractAction(MANAGER, "contract-greenleaf-msa", { intent: "void" })).status).toBe(404);
  });

  it("global search finds contracts in scope only", async () => {
    const c = db.context();
    const manager = (await getViewer(await getAs(c, MANAGER, "/"), c))!;
    const groups = await globalSearch(c.db, manager, "MSA");
    const hits = groups.find((g) => g.type === "contract")?.hits.map((h) => h.url) ?? [];
    expect(hits).toEqual(["/contracts/contract-harbour-loyalty-msa"]);
  });

  it("rebuilds a seeded completed contract's PDF when it has no stored object", async () => {
    const c = db.context();
    const response = await downloadLoader({ request: await getAs(c, EXEC, "/contracts/contract-harbour-retainer/document.pdf?version=completed"), context: c, params: { contractId: "contract-harbour-retainer" } });
    const pdf = await PDFDocument.load(new Uint8Array(await response.arrayBuffer()));
    expect(pdf.getPageCount()).toBe(3);
    expect(pageText(pdf, pdf.getPage(1))).toContain("Rachel Green");
  });

  it("raises one renewal reminder per contract and renewal date (idempotent)", async () => {
    const now = new Date("2026-11-25T00:00:00Z");
    expect(await raiseRenewalReminders(db.context().db, now)).toBe(1);
    expect(await raiseRenewalReminders(db.context().db, now)).toBe(0);
    const items = await q().selectFrom("action_items").selectAll().where("source_module", "=", "contracts").execute();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ assigned_person_id: "olivia-bennett", source_id: "contract-harbour-retainer:2026-12-15", due_date: "2026-12-15", company_id: "co-harbour-co" });
    // Too early for the others (renewals in late 2027).
    expect(await raiseRenewalReminders(db.context().db, new Date("2026-10-01T00:00:00Z"))).toBe(0);
  });

  it("refuses to send when a role has no signature field", async () => {
    await db.exec(`UPDATE contract_templates SET fields_schema = '[]' WHERE id = 'ctpl-msa';`);
    const created = await createContract();
    const sent = await contractAction(EXEC, created.id!, { intent: "send" });
    expect(sent.status).toBe(400);
    expect(await mailTo(CLIENT)).toHaveLength(0);
    const c = db.context();
    const form = await run(async () => newLoader({ request: await getAs(c, EXEC, "/contracts/new?template=ctpl-msa"), context: c, params: {} }));
    expect((form.body as { template: { roles: unknown[] } }).template.roles).toHaveLength(2);
  });
});

describe("templates", () => {
  async function postTemplate(userId: string, path: string, fields: Record<string, string>, file?: { bytes: Uint8Array; name: string; type: string }, templateId?: string) {
    const context = db.context();
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    if (file) form.set("pdf", new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type }));
    const request = new Request(ORIGIN + path, { method: "POST", body: form, headers: { Origin: ORIGIN, Cookie: await sessionCookie(context, userId) } });
    return run((): Promise<unknown> => (templateId ? templateAction({ request, context, params: { templateId } }) : templatesAction({ request, context, params: {} })));
  }

  it("creates a template with an uploaded PDF (checked by magic bytes) and places fields with validation", async () => {
    const base = await generateBasePdf({ title: "Statement of work", contractType: "sow", roles: [{ id: "a", label: "Client" }] });
    const fakePdf = { bytes: new TextEncoder().encode("hello, not a pdf"), name: "sow.pdf", type: "application/pdf" };
    const rejected = await postTemplate(EXEC, "/contracts/templates", { name: "SOW", contractType: "sow", roles: "Client signatory\nAgency signatory" }, fakePdf);
    expect(rejected.status).toBe(400);
    expect((rejected.body as { errors: Record<string, string> }).errors.pdf).toMatch(/not a PDF/);

    const created = await postTemplate(EXEC, "/contracts/templates", { name: "SOW", contractType: "sow", roles: "Client signatory\nAgency signatory" }, { bytes: base, name: "sow.pdf", type: "application/pdf" });
    expect(created.status).toBe(302);
    const id = created.location!.split("/")[3]!.split("?")[0]!;
    const row = await q().selectFrom("contract_templates").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ page_count: 2, pdf_file_name: "sow.pdf", fields_schema: "[]" });
    expect(await db.env.FILES.head(row.pdf_key!)).not.toBeNull();
    const roleId = (JSON.parse(row.signer_roles) as { id: string }[])[0]!.id;

    const offPage = await postTemplate(EXEC, `/contracts/templates/${id}`, { intent: "addField", label: "Sig", type: "signature", roleId, page: "1", x: "80", y: "10", w: "30", h: "5", required: "on" }, undefined, id);
    expect(offPage.status).toBe(400);
    expect((offPage.body as { errors: Record<string, string> }).errors.w).toMatch(/right edge/);
    const noPage = await postTemplate(EXEC, `/contracts/templates/${id}`, { intent: "addField", label: "Sig", type: "signature", roleId, page: "9", x: "10", y: "10", w: "30", h: "5" }, undefined, id);
    expect((noPage.body as { errors: Record<string, string> }).errors.page).toMatch(/2 page/);
    const placed = await postTemplate(EXEC, `/contracts/templates/${id}`, { intent: "addField", label: "Client signature", type: "signature", roleId, page: "2", x: "10", y: "20", w: "40", h: "8", required: "on" }, undefined, id);
    expect(placed.status).toBe(200);
    const fields = JSON.parse((await q().selectFrom("contract_templates").select("fields_schema").where("id", "=", id).executeTakeFirstOrThrow()).fields_schema) as { page: number; x_pct: number; signer_role_id: string }[];
    expect(fields).toEqual([expect.objectContaining({ page: 2, x_pct: 10, signer_role_id: roleId })]);
    const history = await q().selectFrom("history").select("action").where("resource_id", "=", id).execute();
    expect(history.map((h) => h.action).sort()).toEqual(["created", "field_added"]);
  });

  it("is for managers of the tool only", async () => {
    const c = db.context();
    expect(await statusOf(async () => templatesLoader({ request: await getAs(c, MANAGER, "/contracts/templates"), context: c, params: {} }))).toBe(403);
    const denied = await postTemplate(MANAGER, "/contracts/templates", { name: "X", contractType: "nda", roles: "Client" });
    expect(denied.status).toBe(403);
  });
});
