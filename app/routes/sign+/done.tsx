// /sign/done — where the public signing page lands after signing or declining (the token no
// longer works by then, so this page carries no contract details).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = () => [{ title: "Thank you · DotCollective" }, { name: "robots", content: "noindex" }];

const outcomeSchema = z.enum(["signed", "completed", "declined"]).catch("signed");

export function loader({ request }: LoaderFunctionArgs) {
  return { outcome: outcomeSchema.parse(new URL(request.url).searchParams.get("outcome")) };
}

const TEXT = {
  signed: ["Thank you for signing", "Your signature is recorded. The next signer has been emailed; everyone gets the outcome from the sender."],
  completed: ["Everyone has signed", "Your signature completed the document. The sender will share the signed copy with you."],
  declined: ["You declined to sign", "The sender has been told, with your reason. Nobody else will be asked to sign this version."],
} as const;

export default function SignDone() {
  const { outcome } = useLoaderData<typeof loader>();
  const [title, body] = TEXT[outcome];
  return (
    <main className="mx-auto mt-20 max-w-md px-4">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">DotCollective · Secure e-signature</p>
      <section className="mt-3 rounded-xl border border-slate-200 bg-white p-8 shadow-sm" role="status">
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        <p className="mt-3 text-sm text-slate-700">{body}</p>
        <p className="mt-4 text-xs text-slate-500">You can close this page.</p>
      </section>
    </main>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
