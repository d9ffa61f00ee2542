// /sign/:token — the public signing page (no employee shell, no session). The page by page
// field layout, this signer's fields (date, checkbox, text) and a typed or drawn signature;
// decline with a reason. Unknown, tampered, expired, used or voided tokens are all a 404;
// every hit counts against a per-IP rate limit (429).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, useActionData, useFetcher, useLoaderData, useParams } from "@remix-run/react";
import { useEffect } from "react";
import { PagePreview, SignatureInput, SignerStatusBadge } from "~/modules/contracts/components";
import { appOrigin } from "~/modules/contracts/contracts.server";
import { declineSchema, typeLabel } from "~/modules/contracts/schemas";
import { RateLimited, declineSigning, loadSigning, recordView, submitSignature, visitorOf } from "~/modules/contracts/signing.server";
import { readFormWithLimit } from "~/modules/documents/files.server";
import { notFound } from "~/platform/access.server";
import { parseFormData } from "~/platform/forms.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Field, FormError, SubmitButton, TextAreaField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Review and sign · DotCollective" }, { name: "robots", content: "noindex" }];

function limited(e: unknown): never {
  if (e instanceof RateLimited) throw new Response("Too many requests. Try again later.", { status: 429, headers: { "Retry-After": String(e.retryAfterSeconds) } });
  throw e;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const signing = await loadSigning(context.db, params.token, visitorOf(request)).catch(limited);
  if (!signing) notFound();
  return { ...signing, today: new Date().toISOString().slice(0, 10) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const body = await readFormWithLimit(request, 512 * 1024);
  if (!body.ok) return data({ ok: false as const, errors: { form: "The form was too large. Draw a simpler signature or type your name." } as Record<string, string> }, { status: body.status });
  const intent = body.form.get("intent");
  const visitor = visitorOf(request);
  if (intent === "view") {
    if (!(await recordView(context.db, params.token, visitor).catch(limited))) notFound();
    return { ok: true as const, viewed: true };
  }
  if (intent === "decline") {
    const parsed = parseFormData(body.form, declineSchema);
    if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors }, { status: 400 });
    if (!(await declineSigning(context, params.token, visitor, parsed.data.reason).catch(limited))) notFound();
    return redirect("/sign/done?outcome=declined");
  }
  const result = await submitSignature(context, params.token, visitor, body.form, appOrigin(context.env, request)).catch(limited);
  if (!result) notFound();
  if (!result.ok) return data({ ok: false as const, errors: result.errors }, { status: 400 });
  return redirect(`/sign/done?outcome=${result.outcome === "completed" ? "completed" : "signed"}`);
}

export default function SignContract() {
  const { contract, signer, fields, roles, order, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { token } = useParams();
  const viewed = useFetcher();
  const errors: Record<string, string | undefined> = result && !result.ok ? result.errors : {};
  const mine = fields.filter((f) => f.signer_role_id === signer.roleId);
  useEffect(() => {
    if (viewed.state === "idle" && !viewed.data) viewed.submit({ intent: "view" }, { method: "post" });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">DotCollective · Secure e-signature</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">{contract.title}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {typeLabel(contract.type)}{contract.companyName ? ` · ${contract.companyName}` : ""}{contract.senderName ? ` · sent by ${contract.senderName}` : ""}
      </p>
      <p className="mt-3 text-sm text-slate-700">
        You are signing as <strong>{signer.roleLabel}</strong> ({signer.name}, {signer.email}).
      </p>
      <section className="mt-4 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="order-h">
        <h2 id="order-h" className="text-sm font-semibold uppercase tracking-wide text-slate-500">Signing order</h2>
        <ol className="mt-2 flex flex-wrap gap-3 text-sm">
          {order.map((o) => (
            <li key={o.order} className="flex items-center gap-2">{o.order}. {o.roleLabel}: {o.name} <SignerStatusBadge status={o.status} /></li>
          ))}
        </ol>
      </section>
      <section className="mt-4 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="doc-h">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id="doc-h" className="text-sm font-semibold uppercase tracking-wide text-slate-500">Document</h2>
          <a href={`/sign/${token}/document.pdf`} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50" target="_blank" rel="noreferrer">Read the full document (PDF)</a>
        </div>
        <p className="mb-3 text-sm text-slate-600">Your fields are highlighted on each page; other signers' fields are faded.</p>
        <PagePreview pageCount={contract.pageCount} fields={fields} roles={roles} highlightRoleId={signer.roleId} maxPages={12} />
      </section>
      <section className="mt-4 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="sign-h">
        <h2 id="sign-h" className="text-lg font-semibold text-slate-900">Sign</h2>
        <Form method="post" className="mt-3 flex flex-col gap-4" noValidate>
          <FormError error={errors.form} />
          <input type="hidden" name="intent" value="sign" />
          {mine.map((f) => {
            if (f.type === "signature") return <SignatureInput key={f.id} field={f} error={errors[`sig_typed_${f.id}`]} />;
            if (f.type === "date") return <Field key={f.id} label={`${f.label}${f.required ? " (required)" : ""}`} name={`date_${f.id}`} type="date" max={today} defaultValue={today} error={errors[`date_${f.id}`]} />;
            if (f.type === "checkbox") {
              return (
                <div key={f.id} className="flex flex-col gap-1">
                  <label className="flex items-center gap-2 text-sm text-slate-800"><input type="checkbox" name={`check_${f.id}`} aria-invalid={errors[`check_${f.id}`] ? true : undefined} /> {f.label}{f.required ? " (required)" : ""}</label>
                  {errors[`check_${f.id}`] ? <p className="text-xs text-red-600" role="alert">{errors[`check_${f.id}`]}</p> : null}
                </div>
              );
            }
            return <Field key={f.id} label={`${f.label}${f.required ? " (required)" : ""}`} name={`text_${f.id}`} maxLength={200} error={errors[`text_${f.id}`]} />;
          })}
          <div className="flex flex-col gap-1">
            <label className="flex items-start gap-2 text-sm text-slate-800">
              <input type="checkbox" name="consent" className="mt-1" aria-invalid={errors.consent ? true : undefined} />
              I have read the document and agree to sign it electronically. My electronic signature is as binding as a handwritten one.
            </label>
            {errors.consent ? <p className="text-xs text-red-600" role="alert">{errors.consent}</p> : null}
          </div>
          <div><SubmitButton>Sign the document</SubmitButton></div>
        </Form>
      </section>
      <details className="mt-4 rounded-lg border border-slate-200 bg-white p-4" open={Boolean(errors.reason)}>
        <summary className="cursor-pointer text-sm font-medium text-slate-800">Decline to sign</summary>
        <Form method="post" className="mt-3 flex flex-col gap-3" noValidate>
          <input type="hidden" name="intent" value="decline" />
          <TextAreaField label="Reason (the sender will see it)" name="reason" rows={3} error={errors.reason} />
          <div><Button type="submit" variant="danger">Decline</Button></div>
        </Form>
      </details>
    </main>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
