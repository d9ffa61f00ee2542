// Upload plumbing for HR documents: a size-capped body reader (nothing larger is ever buffered)
// and the file checks (extension, declared content type, magic bytes).
import { ALLOWED_LABEL, ALLOWED_TYPES, MAX_FILE_BYTES, MAX_FILE_LABEL, formatBytes, type AllowedExtension } from "./schemas";

/** The multipart body may exceed the file limit by this much (the other form fields, boundaries). */
export const FORM_OVERHEAD_BYTES = 64 * 1024;

export type FileProblem = { status: 400 | 413; message: string };
export type FormBody = { ok: true; form: FormData } | ({ ok: false } & FileProblem);

export const tooLargeMessage = (size?: number) =>
  size !== undefined
    ? `The file is ${formatBytes(size)}; the limit is ${MAX_FILE_LABEL}. Nothing was uploaded.`
    : `The file is larger than the ${MAX_FILE_LABEL} limit. Nothing was uploaded.`;

/**
 * Reads a form body of at most `maxBytes`: refused at once when Content-Length says it is
 * larger, and stopped as soon as the streamed bytes pass the limit otherwise (413).
 */
/**
 * Reads a request body of at most `maxBytes`: refused at once when Content-Length says it is
 * larger, and stopped as soon as the streamed bytes pass the limit otherwise (null).
 */
export async function readBytesWithLimit(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  const declared = request.headers.get("Content-Length");
  if (declared !== null && Number(declared) > maxBytes) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** A multipart (or urlencoded) form of at most `maxBytes`; larger bodies are never buffered (413). */
export async function readFormWithLimit(request: Request, maxBytes = MAX_FILE_BYTES + FORM_OVERHEAD_BYTES): Promise<FormBody> {
  const body = await readBytesWithLimit(request, maxBytes);
  if (!body) return { ok: false, status: 413, message: tooLargeMessage() };
  if (body.byteLength === 0) return { ok: false, status: 400, message: "The form was empty." };
  try {
    const form = await new Response(body.buffer as ArrayBuffer, { headers: { "Content-Type": request.headers.get("Content-Type") ?? "" } }).formData();
    return { ok: true, form };
  } catch {
    return { ok: false, status: 400, message: "The form could not be read. Choose the file again and retry." };
  }
}

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

function containsAscii(bytes: Uint8Array, needle: string, from: number, to: number) {
  const n = Array.from(needle, (c) => c.charCodeAt(0));
  const end = Math.min(to, bytes.length) - n.length;
  outer: for (let i = Math.max(0, from); i <= end; i++) {
    for (let j = 0; j < n.length; j++) if (bytes[i + j] !== n[j]) continue outer;
    return true;
  }
  return false;
}

/** An Office Open XML zip names its parts (word/…, xl/…) in the central directory at the end. */
function zipHasPart(bytes: Uint8Array, prefix: string) {
  const window = 256 * 1024;
  return containsAscii(bytes, prefix, bytes.length - window, bytes.length) || containsAscii(bytes, prefix, 0, window);
}

/** Do the file's first bytes match what its extension promises? */
export function magicMatches(ext: AllowedExtension, bytes: Uint8Array): boolean {
  switch (ext) {
    case "pdf":
      return startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]); // %PDF-
    case "doc":
    case "xls":
      return startsWith(bytes, OLE2);
    case "docx":
      return startsWith(bytes, ZIP) && zipHasPart(bytes, "word/");
    case "xlsx":
      return startsWith(bytes, ZIP) && zipHasPart(bytes, "xl/");
    case "jpg":
    case "jpeg":
      return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case "png":
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  }
}

export function extensionOf(fileName: string) {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName.trim());
  return match ? match[1].toLowerCase() : "";
}

/** Keeps the last path segment, drops control characters, caps the length. */
export function cleanFileName(name: string) {
  const base = name.split(/[\\/]/).pop() ?? "file";
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, "").trim();
  return (cleaned || "file").slice(-200);
}

export type CheckedFile = { ok: true; ext: AllowedExtension; contentType: string; bytes: Uint8Array; fileName: string };

/** Size, extension, declared content type and magic bytes, in that order. */
export async function checkUpload(value: FormDataEntryValue | null): Promise<CheckedFile | ({ ok: false } & FileProblem)> {
  if (!value || typeof value === "string" || value.size === 0) {
    return { ok: false, status: 400, message: "Choose a file to upload." };
  }
  const file = value as File;
  if (file.size > MAX_FILE_BYTES) return { ok: false, status: 413, message: tooLargeMessage(file.size) };
  const fileName = cleanFileName(file.name || "file");
  const ext = extensionOf(fileName);
  if (!(ext in ALLOWED_TYPES)) {
    return { ok: false, status: 400, message: `Only ${ALLOWED_LABEL} files can be uploaded${ext ? ` (this one is .${ext})` : ""}.` };
  }
  const allowed = ALLOWED_TYPES[ext as AllowedExtension];
  const declared = (file.type || "").split(";")[0].trim().toLowerCase();
  if (declared && declared !== "application/octet-stream" && !(allowed.declared as readonly string[]).includes(declared)) {
    return { ok: false, status: 400, message: `The file says it is ${declared}, which does not match its .${ext} extension.` };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength > MAX_FILE_BYTES) return { ok: false, status: 413, message: tooLargeMessage(bytes.byteLength) };
  if (!magicMatches(ext as AllowedExtension, bytes)) {
    return { ok: false, status: 400, message: `The file's contents are not a valid .${ext} file.` };
  }
  return { ok: true, ext: ext as AllowedExtension, contentType: allowed.contentType, bytes, fileName };
}
