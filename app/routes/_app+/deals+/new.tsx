import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DealForm, type DealFormValues } from "~/modules/deals/DealForm";
import { createDeal, loadDealForm } from "~/modules/deals/deals.server";
import { dealCreateSchema, dealFormValuesFrom } from "~/modules/deals/schemas";
import { requireAccess } from "~/platform/access.server";
import { invalid, parseFormData } from "~/platform/forms.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "New deal · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "deals", "update");
  const params = new URL(args.request.url).searchParams;
  const typed = dealFormValuesFrom(params);
  const preset = typed ?? { pipeline_id: params.get("pipeline"), company_id: params.get("company") };
  const form = (await loadDealForm(args.context.db, viewer, null, preset.company_id ?? null))!;
  return { ...form, preset };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "deals", "update");
  const body = await args.request.formData();
  const form = parseFormData(body, dealCreateSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await createDeal(args.context.db, viewer, form.data);
  if (!result.ok) return result.status === 400 ? invalid(result.errors, Object.fromEntries(body)) : new Response(null, { status: result.status });
  return redirect(`/deals/${result.id}?notice=${encodeURIComponent("Deal created")}`);
}

export default function NewDeal() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { errors?: Record<string, string>; values?: DealFormValues } | undefined;
  return (
    <>
      <PageHeader title="New deal" description="It starts in the first open stage of the pipeline unless you choose another." />
      <DealForm {...data} values={result?.values ?? data.preset} errors={result?.errors ?? {}} submitLabel="Create deal" cancelHref="/deals" showPipeline />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
