// Client-safe: a person's HR documents (list, download, delete) and the upload form. Used by
// /documents?person= and by the person profile's Documents tab. Its forms post to /documents, so
// they work wherever the component is rendered; `redirectTo` brings the browser back.
import { Form } from "@remix-run/react";
import { ActionButton, Button, EmptyState, FormError, SelectField } from "~/ui/form";
import {
  ACCEPT_ATTRIBUTE, ALLOWED_LABEL, CATEGORY_LABELS, DOCUMENT_CATEGORIES, MAX_FILE_LABEL, formatBytes, type DocumentCategory,
} from "./schemas";

export interface DocumentView {
  id: string;
  category: string;
  name: string;
  file_name: string;
  file_size: number;
  expiry_date: string | null;
  uploaded_by_name: string | null;
  created_at: string;
}

/** Where the forms post (an index route, hence ?index). */
export const documentsActionUrl = (personId: string) => `/documents?index&person=${encodeURIComponent(personId)}`;

function expiryText(expiry: string | null, today: string) {
  if (!expiry) return null;
  const days = Math.round((Date.parse(`${expiry}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (days < 0) return { text: `Expired ${expiry}`, tone: "text-red-700" };
  if (days === 0) return { text: "Expires today", tone: "text-red-700" };
  if (days <= 30) return { text: `Expires in ${days} day${days === 1 ? "" : "s"} (${expiry})`, tone: "text-amber-700" };
  return { text: `Expires ${expiry}`, tone: "text-slate-600" };
}

export function DocumentsTab({
  personId, personName, documents, total, canUpdate, errors = {}, redirectTo, today = new Date().toISOString().slice(0, 10),
}: {
  personId: string;
  personName: string;
  documents: DocumentView[];
  total?: number;
  canUpdate: boolean;
  errors?: Record<string, string>;
  /** A same-site path to return to after an upload or delete (defaults to /documents?person=). */
  redirectTo?: string;
  today?: string;
}) {
  const action = documentsActionUrl(personId);
  return (
    <div className="space-y-4">
      {documents.length === 0 ? (
        <EmptyState title={`No documents for ${personName} yet`}>
          {canUpdate ? "Upload an employment agreement, visa or certificate below." : "People & Culture uploads employment documents here."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Documents for {personName}</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 text-left font-medium">Document</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Category</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Expiry</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Uploaded</th>
                <th scope="col" className="px-3 py-2 text-left font-medium"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {documents.map((d) => {
                const expiry = expiryText(d.expiry_date, today);
                return (
                  <tr key={d.id} data-testid="document-row">
                    <td className="px-3 py-1.5">
                      <span className="font-medium text-slate-900">{d.name}</span>
                      <span className="block text-xs text-slate-500">{d.file_name} · {formatBytes(d.file_size)}</span>
                    </td>
                    <td className="px-3 py-1.5">{CATEGORY_LABELS[d.category as DocumentCategory] ?? d.category}</td>
                    <td className="px-3 py-1.5">{expiry ? <span className={expiry.tone}>{expiry.text}</span> : <span className="text-slate-400">—</span>}</td>
                    <td className="px-3 py-1.5 text-xs text-slate-600">{d.created_at.slice(0, 10)}{d.uploaded_by_name ? ` by ${d.uploaded_by_name}` : ""}</td>
                    <td className="px-3 py-1.5">
                      <div className="flex justify-end gap-1">
                        <a href={`/documents/${encodeURIComponent(d.id)}/download`} className="rounded-md px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-slate-100" download>
                          Download<span className="sr-only"> {d.name}</span>
                        </a>
                        {canUpdate ? (
                          <ActionButton intent="delete" action={action} fields={{ document_id: d.id, ...(redirectTo ? { redirect_to: redirectTo } : {}) }} variant="ghost" confirm={`Delete "${d.name}"? The file is removed for good.`}>
                            Delete<span className="sr-only"> {d.name}</span>
                          </ActionButton>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {total !== undefined && total > documents.length ? <p className="px-3 py-2 text-xs text-slate-500">Showing the newest {documents.length} of {total}.</p> : null}
        </div>
      )}
      {canUpdate ? (
        <Form method="post" action={action} encType="multipart/form-data" className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="upload-heading">
          <h2 id="upload-heading" className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">Upload a document</h2>
          <FormError error={errors.form} />
          <input type="hidden" name="person_id" value={personId} />
          {redirectTo ? <input type="hidden" name="redirect_to" value={redirectTo} /> : null}
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="flex flex-col gap-1 sm:col-span-2">
              <label htmlFor="doc-file" className="text-sm font-medium text-slate-700">File</label>
              <input
                id="doc-file" name="file" type="file" required accept={ACCEPT_ATTRIBUTE}
                aria-invalid={errors.file ? true : undefined} aria-describedby={errors.file ? "doc-file-error" : "doc-file-hint"}
                className="text-sm"
              />
              {errors.file ? (
                <p id="doc-file-error" role="alert" className="text-xs text-red-600">{errors.file}</p>
              ) : (
                <p id="doc-file-hint" className="text-xs text-slate-500">{ALLOWED_LABEL}; up to {MAX_FILE_LABEL}.</p>
              )}
            </div>
            <SelectField
              id="doc-category" label="Category" name="category" error={errors.category} defaultValue="employment_agreement"
              options={DOCUMENT_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
            />
            <div className="flex flex-col gap-1">
              <label htmlFor="doc-name" className="text-sm font-medium text-slate-700">Name <span className="font-normal text-slate-500">(optional)</span></label>
              <input id="doc-name" name="name" maxLength={200} placeholder="Defaults to the file name" className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm" aria-invalid={errors.name ? true : undefined} />
              {errors.name ? <p role="alert" className="text-xs text-red-600">{errors.name}</p> : null}
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor="doc-expiry" className="text-sm font-medium text-slate-700">Expiry date <span className="font-normal text-slate-500">(visas, certificates)</span></label>
              <input id="doc-expiry" name="expiry_date" type="date" className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm" aria-invalid={errors.expiry_date ? true : undefined} />
              {errors.expiry_date ? <p role="alert" className="text-xs text-red-600">{errors.expiry_date}</p> : <p className="text-xs text-slate-500">Reminders go out 30 and 7 days before.</p>}
            </div>
          </div>
          <div className="mt-3"><Button type="submit" name="intent" value="upload">Upload</Button></div>
        </Form>
      ) : null}
    </div>
  );
}
