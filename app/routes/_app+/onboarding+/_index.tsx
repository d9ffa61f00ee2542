import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { z } from "zod";
import { canChoosePerson, loadOnboarding, setOnboardingItem } from "~/modules/onboarding/onboarding.server";
import { ProgressBar } from "~/modules/onboarding/ProgressBar";
import { can, notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseForm } from "~/platform/forms.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Button, Card, EmptyState, PageHeader, cx } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Onboarding · Nucleus" }];

const querySchema = z.object({ userId: z.string().trim().min(1).max(100).optional().catch(undefined) });

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "onboarding", "view");
  const { userId } = querySchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const page = await loadOnboarding(args.context.db, viewer, userId);
  if (!page) throw notFound();
  return { ...page, canTick: page.isSelf && can(viewer, "onboarding", "update"), chooser: canChoosePerson(viewer), viewerPersonId: viewer.personId };
}

const tickSchema = z.object({
  intent: z.enum(["complete", "reopen"], { errorMap: () => ({ message: "Unknown action" }) }),
  itemId: z.string().trim().min(1, "Missing item").max(100),
});

/** Ticks are made by the person themself (managers and executives view). */
export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "onboarding", "update");
  const form = await parseForm(args.request, tickSchema);
  if (!form.ok) return invalid(form.errors);
  const result = await setOnboardingItem(args.context.db, viewer, form.data.itemId, form.data.intent === "complete");
  if (!result.ok) throw notFound();
  return redirect("/onboarding");
}

const displayName = (p: { first_name: string; last_name: string; preferred_name?: string | null }) =>
  `${p.preferred_name || p.first_name} ${p.last_name}`;
const formatDate = (iso: string) =>
  new Date(iso).toLocaleDateString("en-AU", { day: "numeric", month: "short", year: "numeric", timeZone: "Australia/Melbourne" });

export default function OnboardingPage() {
  const { subject, isSelf, phases, overall, options, canTick, chooser, viewerPersonId } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const selector = chooser ? (
    <Form method="get" className="flex items-end gap-2" aria-label="Choose whose onboarding to view" onChange={(e) => submit(e.currentTarget)}>
      <div className="flex flex-col gap-1">
        <label htmlFor="userId" className="text-sm font-medium text-slate-700">Person</label>
        <select id="userId" name="userId" defaultValue={subject?.id ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
          {viewerPersonId ? <option value={viewerPersonId}>Me</option> : null}
          {options.filter((o) => o.id !== viewerPersonId).map((o) => (
            <option key={o.id} value={o.id}>{displayName(o)}{o.start_date ? ` (started ${o.start_date})` : ""}</option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary">View</Button>
      <Link to="/onboarding/team" className="py-1.5 text-sm text-brand-700 underline">Team progress</Link>
    </Form>
  ) : null;

  if (!subject || !overall) {
    return (
      <>
        <PageHeader title="Onboarding" actions={selector} />
        <EmptyState title="Your account is not linked to a person record yet">
          Onboarding checklists belong to people. Ask People &amp; Culture to link your account.
        </EmptyState>
      </>
    );
  }
  const templateNames = ["Common", subject.template_name].filter((n, i, all) => n && all.indexOf(n) === i).join(" + ");
  return (
    <>
      <PageHeader
        title={isSelf ? "My onboarding" : `Onboarding: ${displayName(subject)}`}
        description={`${subject.title ?? "No title"}${subject.start_date ? ` · started ${subject.start_date}` : ""} · checklist: ${templateNames}`}
        actions={selector}
      />
      <Card className="mb-4" title="Overall progress">
        <ProgressBar progress={overall} label="Overall onboarding progress" />
        {!isSelf ? <p className="mt-2 text-xs text-slate-500">View only: items are ticked by the person themself.</p> : null}
      </Card>
      <div className="space-y-3">
        {phases.map((phase, index) => (
          <details key={phase.id} open={phase.progress.done < phase.progress.total || phase.items.length === 0} className="rounded-lg border border-slate-200 bg-white shadow-sm" id={`phase-${phase.id}`}>
            <summary className="flex cursor-pointer flex-wrap items-center justify-between gap-3 px-4 py-3">
              <span>
                <span className="text-xs font-semibold uppercase tracking-wide text-slate-400">Phase {index + 1}{phase.timeframe ? ` · ${phase.timeframe}` : ""}</span>
                <span className="block font-medium text-slate-900">{phase.name}</span>
                {phase.description ? <span className="block text-xs text-slate-500">{phase.description}</span> : null}
              </span>
              <ProgressBar progress={phase.progress} label={`${phase.name} progress`} size="sm" />
            </summary>
            {phase.items.length === 0 ? (
              <p className="border-t border-slate-100 px-4 py-3 text-sm text-slate-500">No items in this phase.</p>
            ) : (
              <ul className="divide-y divide-slate-100 border-t border-slate-100">
                {phase.items.map((item) => {
                  const done = Boolean(item.completed_at);
                  return (
                    <li key={item.id} id={`item-${item.id}`} className="flex items-start gap-3 px-4 py-2">
                      {canTick ? (
                        <Form method="post" preventScrollReset className="pt-0.5">
                          <input type="hidden" name="itemId" value={item.id} />
                          <button
                            type="submit"
                            name="intent"
                            value={done ? "reopen" : "complete"}
                            role="checkbox"
                            aria-checked={done}
                            aria-label={item.title}
                            title={done ? "Mark as not done" : "Mark as done"}
                            className={cx(
                              "flex h-5 w-5 items-center justify-center rounded border text-xs font-bold focus:outline-none focus:ring-2 focus:ring-brand-500",
                              done ? "border-emerald-600 bg-emerald-600 text-white" : "border-slate-400 bg-white text-transparent hover:border-brand-600",
                            )}
                          >
                            ✓
                          </button>
                        </Form>
                      ) : (
                        <span aria-hidden="true" className={cx("mt-0.5 flex h-5 w-5 items-center justify-center rounded border text-xs font-bold", done ? "border-emerald-600 bg-emerald-600 text-white" : "border-slate-300 text-transparent")}>✓</span>
                      )}
                      <div className="min-w-0 flex-1">
                        <p className={cx("text-sm", done ? "text-slate-500 line-through" : "text-slate-900")}>{item.title}</p>
                        {item.description ? <p className="text-xs text-slate-500">{item.description}</p> : null}
                      </div>
                      <span className={cx("whitespace-nowrap text-xs", done ? "text-emerald-700" : "text-slate-500")} data-testid="item-status">
                        {done && item.completed_at ? `Done ${formatDate(item.completed_at)}` : "To do"}
                      </span>
                      <span className="hidden whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600 sm:inline">{item.template_name}</span>
                    </li>
                  );
                })}
              </ul>
            )}
          </details>
        ))}
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
