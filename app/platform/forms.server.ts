import { data } from "@remix-run/cloudflare";
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

/** The shape an action returns when input is bad: 400 with one message per field. */
export function invalid(errors: FieldErrors, values?: Record<string, unknown>) {
  return data({ ok: false as const, errors, values }, { status: 400 });
}

function flatten(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}

/** Parses a form body with a zod schema. Multi-value fields (checkboxes) arrive as arrays. */
export async function parseForm<S extends z.ZodTypeAny>(
  request: Request,
  schema: S,
): Promise<{ ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors; values: Record<string, unknown> }> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { ok: false, errors: { form: "The form could not be read." }, values: {} };
  }
  return parseFormData(form, schema);
}

export function parseFormData<S extends z.ZodTypeAny>(form: FormData, schema: S) {
  const values: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = key.endsWith("[]") || all.length > 1 ? all : all[0];
  }
  const result = schema.safeParse(values);
  if (result.success) return { ok: true as const, data: result.data as z.infer<S> };
  return { ok: false as const, errors: flatten(result.error), values };
}

/** Form data as a plain object (for schemas with an `intent` discriminator). */
export async function formValues(request: Request) {
  const form = await request.formData();
  return form;
}
