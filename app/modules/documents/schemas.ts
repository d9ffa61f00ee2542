// Client-safe: HR document categories, allowed file types and the upload form.
import { z } from "zod";

export const DOCUMENT_CATEGORIES = ["employment_agreement", "superannuation", "visa", "certificate", "policy", "other"] as const;
export type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number];
export const CATEGORY_LABELS: Record<DocumentCategory, string> = {
  employment_agreement: "Employment agreement",
  superannuation: "Superannuation",
  visa: "Visa",
  certificate: "Certificate",
  policy: "Policy",
  other: "Other",
};
/** Categories whose documents usually expire (the form suggests an expiry date for these). */
export const EXPIRING_CATEGORIES: readonly DocumentCategory[] = ["visa", "certificate"];

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILE_LABEL = "10 MB";
export const DOCUMENTS_PAGE_SIZE = 50;

/**
 * Allowed types by extension: the type we store and serve, and the types a browser may declare
 * for it (an empty or generic declared type is accepted when the file's bytes match).
 */
export const ALLOWED_TYPES = {
  pdf: { contentType: "application/pdf", declared: ["application/pdf", "application/x-pdf"] },
  doc: { contentType: "application/msword", declared: ["application/msword"] },
  docx: {
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    declared: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  },
  xls: { contentType: "application/vnd.ms-excel", declared: ["application/vnd.ms-excel", "application/msexcel", "application/x-msexcel"] },
  xlsx: {
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    declared: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  },
  jpg: { contentType: "image/jpeg", declared: ["image/jpeg", "image/pjpeg"] },
  jpeg: { contentType: "image/jpeg", declared: ["image/jpeg", "image/pjpeg"] },
  png: { contentType: "image/png", declared: ["image/png"] },
} as const;
export type AllowedExtension = keyof typeof ALLOWED_TYPES;
export const ACCEPT_ATTRIBUTE = Object.keys(ALLOWED_TYPES).map((e) => `.${e}`).join(",");
export const ALLOWED_LABEL = "PDF, DOC, DOCX, XLS, XLSX, JPEG or PNG";

function isRealDate(value: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The text fields of the upload form (the file itself is checked in documents.server.ts). */
export const uploadFieldsSchema = z.object({
  intent: z.literal("upload"),
  person_id: z.string().trim().min(1, "Choose a person").max(100),
  category: z.enum(DOCUMENT_CATEGORIES, { errorMap: () => ({ message: "Choose a category" }) }),
  name: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || null : null),
    z.string().max(200, "Name: 200 characters at most").nullable(),
  ),
  expiry_date: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || null : null),
    z.string().refine(isRealDate, "Expiry date: enter a real date (YYYY-MM-DD)").nullable(),
  ),
  redirect_to: z.string().optional(),
});
export type UploadFields = z.infer<typeof uploadFieldsSchema>;

export const documentActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("delete"), document_id: z.string().trim().min(1).max(100), redirect_to: z.string().optional() }),
  z.object({ intent: z.literal("check_expiring") }),
]);

export function formatBytes(bytes: number) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
