import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { useLoaderData } from "@remix-run/react";
import { databaseStatus } from "~/modules/platform/health.server";
import { RouteErrorBoundary } from "~/ui/error-boundary";

// The benchmark's floor: the cheapest server-rendered page (one trivial query).
export async function loader({ context }: LoaderFunctionArgs) {
  return { database: await databaseStatus(context.db) };
}

export default function Floor() {
  const { database } = useLoaderData<typeof loader>();
  return <p className="p-4">Database {database.reachable ? "reachable" : "unreachable"}.</p>;
}

export const ErrorBoundary = RouteErrorBoundary;
