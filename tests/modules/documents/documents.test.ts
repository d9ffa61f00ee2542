import { describe, expect, it } from "vitest";
import { raiseDocumentExpiryReminders } from "~/modules/documents/documents.server";
import { magicMatches } from "~/modules/documents/files.server";
import type { AppLoadContext } from "~/platform/context.server";
import { loader as downloadLoader } from "~/routes/_app+/documents+/$documentId.download";
import { action as documentsAction, loader as documentsLoader } from "~/routes/_app+/documents+/_index";
import { setupTestDb } from "../../support/d1";
import { getAs, ORIGIN, postAs, sessionCookie, statusOf } from "../../support/requests";

const db = setupTestDb({ seed: true });
const EXEC = "user-olivia-bennett";

const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

/** A context whose background work (notification delivery) the test can wait for. */
function trackedContext() {
  const pending: Promise<unknown>[] = [];
  const context: AppLoadContext = { ...db.context(), waitUntil: (p) => void pending.push(p) };
  return { context, settle: () => Promise.all(pending) };
}

async function upload(
  userId: string,
  file: { bytes: Uint8Array; name: string; type: string },
  fields: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  const context = db.context();
  const form = new FormData();
  form.set("intent", "upload");
  form.set("person_id", fields.person_id ?? "kai-robinson");
  form.set("category", fields.category ?? "visa");
  if (fields.expiry_date) form.set("expiry_date", fields.expiry_date);
  if (fields.name) form.set("name", fields.name);
  form.set("file", new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type }));
  const request = new Request(`${ORIGIN}/documents?index`, {
    method: "POST",
    body: form,
    headers: { Origin: ORIGIN, Cookie: await sessionCookie(context, userId), ...headers },
  });
  let result: unknown;
  try {
    result = await documentsAction({ request, context, params: {} });
  } catch (thrown) {
    result = thrown;
  }
  const status = result instanceof Response ? result.status : ((result as { init?: { status?: number } }).init?.status ?? 200);
  const errors = (result as { data?: { errors?: Record<string, string> } }).data?.errors ?? {};
  return { status, errors, location: result instanceof Response ? result.headers.get("Location") : null };
}

const q = () => db.context().db.query;
const documentRows = () => q().selectFrom("documents").selectAll().execute();
async function r2Keys() {
  const listed = await db.env.FILES.list({ prefix: "documents/" });
  return listed.objects.map((o) => o.key);
}

async function download(userId: string, documentId: string) {
  const context = db.context();
  const request = await getAs(context, userId, `/documents/${documentId}/download`);
  try {
    return await downloadLoader({ request, context, params: { documentId } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("HR documents: upload", () => {
  it("stores the file in R2 under documents/<person>/<uuid>.<ext> with a metadata row and history", async () => {
    const result = await upload(EXEC, { bytes: PDF, name: "Kai visa.pdf", type: "application/pdf" }, { expiry_date: "2027-03-01" });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/documents?person=kai-robinson&notice=uploaded");
    const [row] = await documentRows();
    expect(row).toMatchObject({ person_id: "kai-robinson", category: "visa", name: "Kai visa", file_name: "Kai visa.pdf", file_size: PDF.byteLength, content_type: "application/pdf", expiry_date: "2027-03-01", uploaded_by: EXEC });
    expect(row.file_key).toMatch(/^documents\/kai-robinson\/[0-9a-f-]{36}\.pdf$/);
    expect(await r2Keys()).toEqual([row.file_key]);
    const history = await q().selectFrom("history").select("action").where("resource_type", "=", "document").where("resource_id", "=", row.id).execute();
    expect(history.map((h) => h.action)).toEqual(["uploaded"]);
  });

  it("refuses a file over 10 MB with 413 and writes nothing (by Content-Length, and by the bytes themselves)", async () => {
    const big = new Uint8Array(11 * 1024 * 1024);
    big.set(PDF);
    const early = await upload(EXEC, { bytes: big, name: "big.pdf", type: "application/pdf" }, {}, { "Content-Length": String(big.byteLength + 500) });
    expect(early.status).toBe(413);
    expect(early.errors.file).toMatch(/10 MB/);
    const streamed = await upload(EXEC, { bytes: big, name: "big.pdf", type: "application/pdf" });
    expect(streamed.status).toBe(413);
    const justOver = new Uint8Array(10 * 1024 * 1024 + 1);
    justOver.set(PDF);
    const file = await upload(EXEC, { bytes: justOver, name: "just-over.pdf", type: "application/pdf" });
    expect(file.status).toBe(413);
    expect(file.errors.file).toMatch(/limit is 10 MB/);
    expect(await documentRows()).toHaveLength(0);
    expect(await r2Keys()).toEqual([]);
  });

  it("refuses disallowed types (extension, declared type, contents) with 400 and writes nothing", async () => {
    const exe = await upload(EXEC, { bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0]), name: "setup.exe", type: "application/x-msdownload" });
    expect(exe.status).toBe(400);
    expect(exe.errors.file).toMatch(/Only PDF, DOC, DOCX, XLS, XLSX, JPEG or PNG/);
    const fakePdf = await upload(EXEC, { bytes: new TextEncoder().encode("<html>hi</html>"), name: "invoice.pdf", type: "application/pdf" });
    expect(fakePdf.status).toBe(400);
    expect(fakePdf.errors.file).toMatch(/not a valid \.pdf/);
    const mismatched = await upload(EXEC, { bytes: PDF, name: "scan.pdf", type: "text/html" });
    expect(mismatched.status).toBe(400);
    const noCategory = await upload(EXEC, { bytes: PDF, name: "a.pdf", type: "application/pdf" }, { category: "secret" });
    expect(noCategory.status).toBe(400);
    expect(noCategory.errors.category).toBe("Choose a category");
    expect(await documentRows()).toHaveLength(0);
    expect(await r2Keys()).toEqual([]);
  });

  it("checks magic bytes per type", () => {
    expect(magicMatches("png", PNG)).toBe(true);
    expect(magicMatches("jpg", PNG)).toBe(false);
    expect(magicMatches("docx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode("word/document.xml")]))).toBe(true);
    expect(magicMatches("xlsx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode("word/document.xml")]))).toBe(false);
    expect(magicMatches("doc", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe(true);
  });

  it("needs documents:update (an employee gets 403) and the person in scope (a manager gets 404 outside it)", async () => {
    expect((await upload("user-ethan-brown", { bytes: PDF, name: "a.pdf", type: "application/pdf" }, { person_id: "ethan-brown" })).status).toBe(403);
    expect((await upload("user-daniel-costa", { bytes: PDF, name: "a.pdf", type: "application/pdf" }, { person_id: "ava-jones" })).status).toBe(404);
    expect((await upload("user-daniel-costa", { bytes: PNG, name: "cert.png", type: "image/png" }, { person_id: "zara-ahmed", category: "certificate" })).status).toBe(302);
    expect((await documentRows()).map((d) => d.person_id)).toEqual(["zara-ahmed"]);
  });
});

describe("HR documents: download, list, delete", () => {
  it("downloads as an attachment with the stored type, and the same bytes", async () => {
    await upload(EXEC, { bytes: PDF, name: "Offer letter.pdf", type: "application/pdf" }, { category: "employment_agreement" });
    const [row] = await documentRows();
    const response = await download(EXEC, row.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="Offer letter.pdf"/);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(PDF);
    expect((await download("user-daniel-costa", row.id)).status).toBe(200); // Kai is in Daniel's subtree
  });

  it("is a 404 out of scope: another manager's report, an employee, a head outside their subtree", async () => {
    await upload(EXEC, { bytes: PDF, name: "Kai.pdf", type: "application/pdf" });
    const [row] = await documentRows();
    expect((await download("user-tom-fletcher", row.id)).status).toBe(404);
    expect((await download("user-ethan-brown", row.id)).status).toBe(404);
    expect((await download("user-marcus-lee", row.id)).status).toBe(404);
    expect((await download("user-priya-raman", row.id)).status).toBe(200);
    expect((await download(EXEC, "no-such-document")).status).toBe(404);
  });

  it("lists a person's documents in scope in ≤ 2 round trips; out of scope is a 404", async () => {
    await upload(EXEC, { bytes: PDF, name: "Kai.pdf", type: "application/pdf" });
    const context = db.context();
    const request = await getAs(context, "user-daniel-costa", "/documents?person=kai-robinson");
    const before = context.db.stats.roundTrips;
    const page = await documentsLoader({ request, context, params: {} });
    expect(context.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
    expect(page.documents.map((d) => d.file_name)).toEqual(["Kai.pdf"]);
    expect(page.canUpdate).toBe(true);
    const other = db.context();
    expect(await statusOf(async () => documentsLoader({ request: await getAs(other, "user-tom-fletcher", "/documents?person=kai-robinson"), context: other, params: {} }))).toBe(404);
  });

  it("delete removes the R2 object and the row, with history", async () => {
    await upload(EXEC, { bytes: PDF, name: "Kai.pdf", type: "application/pdf" });
    const [row] = await documentRows();
    const context = db.context();
    const outsider = await postAs(context, "user-tom-fletcher", "/documents?index", { intent: "delete", document_id: row.id });
    expect(await statusOf(() => documentsAction({ request: outsider, context, params: {} }))).toBe(404);
    expect(await r2Keys()).toEqual([row.file_key]);

    const next = db.context();
    const request = await postAs(next, EXEC, "/documents?index", { intent: "delete", document_id: row.id, redirect_to: "/people/kai-robinson" });
    const response = (await documentsAction({ request, context: next, params: {} })) as Response;
    expect(response.headers.get("Location")).toBe("/people/kai-robinson");
    expect(await db.env.FILES.head(row.file_key)).toBeNull();
    expect(await documentRows()).toHaveLength(0);
    const history = await q().selectFrom("history").select("action").where("resource_type", "=", "document").where("resource_id", "=", row.id).orderBy("action").execute();
    expect(history.map((h) => h.action)).toEqual(["deleted", "uploaded"]);
  });
});

describe("HR documents: expiry reminders", () => {
  const insertDoc = (id: string, personId: string, expiry: string) =>
    `INSERT INTO documents (id, person_id, category, name, file_key, file_name, file_size, content_type, expiry_date)
     VALUES ('${id}','${personId}','visa','Visa','documents/${personId}/${id}.pdf','visa.pdf',10,'application/pdf','${expiry}');`;
  const notifications = () =>
    q().selectFrom("notifications").select(["user_id", "resource_id", "title"]).where("type", "=", "document_expiring").orderBy("user_id").execute();

  it("notifies the person and their manager at 30 and at 7 days, never twice", async () => {
    await db.exec([
      insertDoc("doc-kai", "kai-robinson", "2026-12-25"), // 24 days away: the 30-day reminder
      insertDoc("doc-ethan", "ethan-brown", "2026-12-05"), // 4 days away: only the 7-day reminder
      insertDoc("doc-far", "zara-ahmed", "2027-06-01"), // not yet
      insertDoc("doc-past", "zara-ahmed", "2026-11-01"), // already expired
    ].join("\n"));
    const first = trackedContext();
    expect(await raiseDocumentExpiryReminders(first.context, "2026-12-01")).toEqual({ reminded: 2, notifications: 3, more: false });
    await first.settle();
    const sent = await notifications();
    // Kai has no account: only the manager (Daniel); Ethan and his manager (Liam) both.
    expect(sent.map((n) => `${n.user_id}:${n.resource_id}`).sort()).toEqual(["user-daniel-costa:doc-kai", "user-ethan-brown:doc-ethan", "user-liam-murphy:doc-ethan"]);
    expect(sent.find((n) => n.resource_id === "doc-ethan")?.title).toBe("Visa for Ethan Brown expires in 4 days");

    const again = trackedContext();
    expect(await raiseDocumentExpiryReminders(again.context, "2026-12-01")).toEqual({ reminded: 0, notifications: 0, more: false });
    expect(await raiseDocumentExpiryReminders(again.context, "2026-12-02")).toEqual({ reminded: 0, notifications: 0, more: false });

    const weekBefore = trackedContext();
    expect(await raiseDocumentExpiryReminders(weekBefore.context, "2026-12-19")).toEqual({ reminded: 1, notifications: 1, more: false });
    expect(await raiseDocumentExpiryReminders(weekBefore.context, "2026-12-19")).toEqual({ reminded: 0, notifications: 0, more: false });
    await weekBefore.settle();
    const rows = await q().selectFrom("documents").select(["id", "reminded_30_at", "reminded_7_at"]).orderBy("id").execute();
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId["doc-kai"].reminded_30_at && byId["doc-kai"].reminded_7_at).toBeTruthy();
    expect(byId["doc-ethan"].reminded_7_at && byId["doc-ethan"].reminded_30_at).toBeTruthy();
    expect(byId["doc-far"].reminded_30_at).toBeNull();
    expect(byId["doc-past"].reminded_30_at).toBeNull();
    expect(await notifications()).toHaveLength(4);
  });

  it("the \"Check expiring documents\" button is for documents:manage (executives)", async () => {
    const context = db.context();
    const manager = await postAs(context, "user-daniel-costa", "/documents?index", { intent: "check_expiring" });
    expect(await statusOf(() => documentsAction({ request: manager, context, params: {} }))).toBe(403);
    const { context: execContext, settle } = trackedContext();
    const request = await postAs(execContext, EXEC, "/documents?index", { intent: "check_expiring" });
    const response = (await documentsAction({ request, context: execContext, params: {} })) as Response;
    await settle();
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/documents?reminded=0&notified=0");
  });
});
