// Contract PDFs with pdf-lib (runs on Workers): a generated base document for templates without
// an uploaded PDF, field stamping at % positions, and the signing certificate (audit) page.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { CONTRACT_TYPE_LABELS, type ContractType, type FieldDef, type FieldValue, type SignerRole } from "./schemas";

const A4: [number, number] = [595.28, 841.89];
const INK = rgb(0.1, 0.12, 0.18);
const MUTED = rgb(0.4, 0.43, 0.5);
const SIGNATURE_INK = rgb(0.05, 0.15, 0.45);

/** Standard fonts encode WinAnsi only: anything else becomes "?" instead of throwing. */
export function ansi(text: string) {
  return text.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, "?");
}

function wrap(text: string, font: PDFFont, size: number, width: number) {
  const lines: string[] = [];
  for (const paragraph of ansi(text).split(/\n/)) {
    let line = "";
    for (const word of paragraph.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > width && line) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}

function fitText(text: string, font: PDFFont, size: number, width: number) {
  let out = ansi(text);
  while (out.length > 1 && font.widthOfTextAtSize(out, size) > width) out = out.slice(0, -1);
  return out;
}

/** Where the generated document puts each role's signature block (page 2), in % of the page. */
export function generatedSignatureBlock(index: number) {
  const top = 20 + index * 24;
  return {
    signature: { page: 2, x_pct: 10, y_pct: top, w_pct: 45, h_pct: 8 },
    date: { page: 2, x_pct: 62, y_pct: top + 3, w_pct: 25, h_pct: 5 },
  };
}
export const GENERATED_PAGE_COUNT = 2;

const CLAUSES = [
  ["Services", "The Agency will provide the services described in each statement of work agreed in writing by both parties, with due care, skill and diligence, and in line with good industry practice."],
  ["Fees and payment", "The Client will pay the fees set out in each statement of work. Invoices are payable within 14 days of issue. Amounts are in Australian dollars and exclude GST unless stated otherwise."],
  ["Intellectual property", "On payment in full, the Client owns the deliverables created specifically for it. The Agency keeps its pre-existing tools, know-how and materials and grants the Client a licence to use them as part of the deliverables."],
  ["Confidentiality", "Each party keeps the other's confidential information confidential and uses it only for the purposes of this agreement. This obligation survives termination."],
  ["Term and termination", "This agreement starts on the start date and continues until the end date, renewing on the renewal date unless either party gives 30 days' written notice. Either party may terminate for material breach not remedied within 14 days of notice."],
  ["Liability", "Neither party is liable for indirect or consequential loss. Each party's total liability is limited to the fees paid in the 12 months before the claim."],
];

/**
 * A plain two-page contract: title, parties and clauses on page 1, one signature block per role
 * on page 2 (at `generatedSignatureBlock` positions). Dates are fixed so the bytes are stable.
 */
export async function generateBasePdf(input: {
  title: string; contractType: ContractType | string; roles: SignerRole[]; companyName?: string | null; terms?: string | null; createdAt?: string;
}) {
  const doc = await PDFDocument.create();
  const stamp = new Date(input.createdAt ?? "2026-01-01T00:00:00Z");
  doc.setTitle(ansi(input.title));
  doc.setCreator("Nucleus");
  doc.setProducer("Nucleus contracts");
  doc.setCreationDate(stamp);
  doc.setModificationDate(stamp);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const [w, h] = A4;
  const margin = 60;
  const page1 = doc.addPage(A4);
  let y = h - margin;
  page1.drawText(fitText(input.title, bold, 18, w - 2 * margin), { x: margin, y, size: 18, font: bold, color: INK });
  y -= 22;
  const typeLabel = CONTRACT_TYPE_LABELS[input.contractType as ContractType] ?? String(input.contractType);
  page1.drawText(ansi(typeLabel), { x: margin, y, size: 10, font: regular, color: MUTED });
  y -= 28;
  const parties = `This agreement is between DotCollective Pty Ltd (the Agency) and ${input.companyName ?? "the Client"} (the Client).`;
  const body: [string, string][] = [["Parties", parties], ...(CLAUSES as [string, string][])];
  if (input.terms) body.push(["Special terms", input.terms]);
  body.forEach(([heading, text], i) => {
    if (y < margin + 40) return;
    page1.drawText(`${i + 1}. ${ansi(heading)}`, { x: margin, y, size: 11, font: bold, color: INK });
    y -= 15;
    for (const line of wrap(text, regular, 10, w - 2 * margin)) {
      if (y < margin) break;
      page1.drawText(line, { x: margin, y, size: 10, font: regular, color: INK });
      y -= 13;
    }
    y -= 8;
  });
  const page2 = doc.addPage(A4);
  page2.drawText("Signatures", { x: margin, y: h - margin, size: 16, font: bold, color: INK });
  page2.drawText("Each party signs below. Signed electronically through Nucleus.", { x: margin, y: h - margin - 18, size: 10, font: regular, color: MUTED });
  input.roles.slice(0, 3).forEach((role, i) => {
    const block = generatedSignatureBlock(i);
    const sigBottom = h - ((block.signature.y_pct + block.signature.h_pct) / 100) * h;
    page2.drawText(fitText(role.label, bold, 11, w - 2 * margin), { x: margin, y: h - (block.signature.y_pct / 100) * h + 6, size: 11, font: bold, color: INK });
    page2.drawLine({ start: { x: (block.signature.x_pct / 100) * w, y: sigBottom }, end: { x: ((block.signature.x_pct + block.signature.w_pct) / 100) * w, y: sigBottom }, thickness: 0.7, color: MUTED });
    page2.drawText("Signature", { x: (block.signature.x_pct / 100) * w, y: sigBottom - 12, size: 8, font: regular, color: MUTED });
    const dateBottom = h - ((block.date.y_pct + block.date.h_pct) / 100) * h;
    page2.drawLine({ start: { x: (block.date.x_pct / 100) * w, y: dateBottom }, end: { x: ((block.date.x_pct + block.date.w_pct) / 100) * w, y: dateBottom }, thickness: 0.7, color: MUTED });
    page2.drawText("Date", { x: (block.date.x_pct / 100) * w, y: dateBottom - 12, size: 8, font: regular, color: MUTED });
  });
  return doc.save();
}

/** The page count of an uploaded PDF, or null when pdf-lib cannot read it (corrupt, encrypted). */
export async function pdfPageCount(bytes: Uint8Array): Promise<number | null> {
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    return doc.getPageCount();
  } catch {
    return null;
  }
}

function dataUrlBytes(value: string): Uint8Array | null {
  const match = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(value);
  if (!match) return null;
  try {
    return Uint8Array.from(atob(match[1]!), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** A drawn signature must decode to a real PNG. */
export function isPngDataUrl(value: string) {
  const bytes = dataUrlBytes(value);
  return Boolean(bytes && bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47);
}

export interface StampSigner {
  role_id: string;
  role_label: string;
  name: string;
  email: string;
  status: string;
  sign_order: number;
  sent_at: string | null;
  viewed_at: string | null;
  signed_at: string | null;
  declined_at: string | null;
  ip: string | null;
  user_agent: string | null;
  values: Record<string, FieldValue>;
}

async function stampField(doc: PDFDocument, page: PDFPage, field: FieldDef, value: FieldValue, fonts: { regular: PDFFont; script: PDFFont }) {
  const { width, height } = page.getSize();
  const x = (field.x_pct / 100) * width;
  const boxW = (field.w_pct / 100) * width;
  const boxH = (field.h_pct / 100) * height;
  const bottom = height - ((field.y_pct + field.h_pct) / 100) * height;
  if (field.type === "signature" && typeof value === "object") {
    if (value.type === "drawn") {
      const bytes = dataUrlBytes(value.value);
      if (!bytes) return;
      const image = await doc.embedPng(bytes);
      const scale = Math.min(boxW / image.width, boxH / image.height);
      page.drawImage(image, { x, y: bottom, width: image.width * scale, height: image.height * scale });
    } else {
      const size = Math.max(8, Math.min(boxH * 0.6, 26));
      page.drawText(fitText(value.value, fonts.script, size, boxW), { x, y: bottom + boxH * 0.25, size, font: fonts.script, color: SIGNATURE_INK });
    }
    return;
  }
  if (field.type === "checkbox") {
    const side = Math.min(boxW, boxH, 14);
    page.drawRectangle({ x, y: bottom, width: side, height: side, borderColor: INK, borderWidth: 0.8 });
    if (value === true) page.drawText("X", { x: x + side * 0.2, y: bottom + side * 0.18, size: side * 0.85, font: fonts.regular, color: INK });
    return;
  }
  if (typeof value === "string" && value) {
    const size = Math.max(7, Math.min(boxH * 0.6, 11));
    page.drawText(fitText(value, fonts.regular, size, boxW), { x, y: bottom + boxH * 0.25, size, font: fonts.regular, color: INK });
  }
}

async function sha256Hex(bytes: Uint8Array) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

export interface AuditInfo {
  contractId: string;
  title: string;
  completedAt: string;
}

/**
 * The base PDF with every signed signer's values stamped at their fields; with `audit`, a
 * signing certificate page is appended (signers, order, IP, user agent, timestamps, the base
 * document's SHA-256).
 */
export async function renderContractPdf(base: Uint8Array, fields: FieldDef[], signers: StampSigner[], audit?: AuditInfo) {
  const doc = await PDFDocument.load(base, { updateMetadata: false });
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const script = await doc.embedFont(StandardFonts.TimesRomanItalic);
  const pages = doc.getPages();
  for (const signer of signers) {
    if (signer.status !== "signed") continue;
    for (const field of fields.filter((f) => f.signer_role_id === signer.role_id)) {
      const page = pages[field.page - 1];
      const value = signer.values[field.id];
      if (!page || value === undefined || value === null || value === "") continue;
      await stampField(doc, page, field, value, { regular, script });
    }
  }
  if (audit) {
    const [w, h] = A4;
    const margin = 50;
    let page = doc.addPage(A4);
    let y = h - margin;
    const line = (text: string, font = regular, size = 9, color = INK) => {
      for (const part of wrap(text, font, size, w - 2 * margin)) {
        if (y < margin) {
          page = doc.addPage(A4);
          y = h - margin;
        }
        page.drawText(part, { x: margin, y, size, font, color });
        y -= size + 4;
      }
    };
    line("Signing certificate", bold, 16);
    y -= 4;
    line(audit.title, bold, 11);
    line(`Contract ${audit.contractId}`, regular, 9, MUTED);
    line(`Completed ${audit.completedAt}`, regular, 9, MUTED);
    line(`Original document SHA-256 ${await sha256Hex(base)}`, regular, 8, MUTED);
    y -= 10;
    for (const s of [...signers].sort((a, b) => a.sign_order - b.sign_order)) {
      line(`${s.sign_order}. ${s.role_label}: ${s.name} <${s.email}>`, bold, 10);
      line(`Status: ${s.status}`);
      line(`Link emailed: ${s.sent_at ?? "-"}    Viewed: ${s.viewed_at ?? "-"}`);
      if (s.signed_at) line(`Signed: ${s.signed_at}`);
      if (s.declined_at) line(`Declined: ${s.declined_at}`);
      const methods = Object.values(s.values).filter((v): v is { type: "typed" | "drawn"; value: string } => typeof v === "object" && v !== null);
      if (methods.length) line(`Signature: ${methods.map((m) => (m.type === "drawn" ? "drawn" : `typed "${m.value}"`)).join(", ")}`);
      line(`IP address: ${s.ip ?? "-"}`);
      line(`User agent: ${s.user_agent ?? "-"}`, regular, 8, MUTED);
      y -= 8;
    }
    doc.setSubject(`Signed contract ${audit.contractId}`);
    doc.setKeywords(["nucleus", "signed", audit.contractId]);
  }
  return doc.save();
}
