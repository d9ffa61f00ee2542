import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DealForm, type DealFormValues } from "~/modules/deals/DealForm";
import { loadDealForm, updateDeal } from "~/modules/deals/deals.server";
import { dealFieldsSchema, dealFormValuesFrom } from "~/modules/deals/schemas";
import { notFound, requireAccess } from "~/platform/access.server";
import { invalid, parseFormData } from "~/platform/forms.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { PageHeader } from "~/ui/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.deal?.title ?? "deal"} · Nucleus` }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "deals", "update");
  const typed = dealFormValuesFrom(new URL(args.request.url).searchParams);
  const form = await loadDealForm(args.context.db, viewer, args.params.dealId ?? "", typed?.company_id ?? null);
  if (!form?.deal) notFound();
  return { ...form, typed };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAccess(args, "deals", "update");
  const body = await args.request.formData();
  const form = parseFormData(body, dealFieldsSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await updateDeal(args.context.db, viewer, args.params.dealId ?? "", form.data);
  if (!result.ok) {
    if (result.status === 400) return invalid(result.errors, Object.fromEntries(body));
    notFound();
  }
  return redirect(`/deals/${args.params.dealId}?notice=${encodeURIComponent(result.message ?? "Deal saved")}`);
}

export default function EditDeal() {
  const { deal, typed, ...options } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { errors?: Record<string, string>; values?: DealFormValues } | undefined;
  const values: DealFormValues = result?.values ?? typed ?? {
    ...deal!, value: (deal!.value_cents / 100).toFixed(2).replace(/\.00$/, ""), probability_override: deal!.probability_override,
  };
  return (
    <>
      <PageHeader title={`Edit ${deal!.title}`} description="Stage and status change from the deal page or the board." />
      <DealForm {...options} values={values} errors={result?.errors ?? {}} submitLabel="Save deal" cancelHref={`/deals/${deal!.id}`} showPipeline={false} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
