import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { loadAgentsPage } from "~/modules/delivery/agents.server";
import { AGENT_FEATURE_LABELS, type AgentFeature } from "~/modules/delivery/schemas";
import { requireAccess } from "~/platform/access.server";
import { Table, td, th } from "~/ui/delivery";
import { RouteErrorBoundary } from "~/ui/error-boundary";
import { Card, EmptyState, PageHeader } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Agents · Nucleus" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAccess(args, "agents", "view");
  return loadAgentsPage(args.context.db, viewer);
}

export default function Agents() {
  const { configs, runs } = useLoaderData<typeof loader>();
  const features = (json: string) => {
    try {
      return (JSON.parse(json) as AgentFeature[]).map((f) => AGENT_FEATURE_LABELS[f] ?? f).join(", ");
    } catch {
      return "";
    }
  };
  return (
    <>
      <PageHeader title="Agents" description="Task agents configured per project (a project's Agents tab), and their latest runs. Without an AI provider, runs return a labelled rule-based answer." />
      <Card title="Projects" className="mb-4">
        {configs.length === 0 ? <p className="text-sm text-slate-500">No project has agent settings yet.</p> : (
          <ul className="divide-y divide-slate-100 text-sm">
            {configs.map((c) => (
              <li key={c.project_id} className="flex flex-wrap justify-between gap-2 py-1.5">
                <Link to={`/projects/${c.project_id}?tab=agents`} className="font-medium text-brand-700 hover:underline">{c.project_name}</Link>
                <span className="text-slate-600">{c.is_enabled ? "On" : "Off"} · {features(c.features)} · threshold {c.confidence_threshold}% · max {c.max_runs_per_task} runs/task</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {runs.length === 0 ? <EmptyState title="No runs yet">Start one from a task page on a project with agents enabled.</EmptyState> : (
        <Table label="Agent runs">
          <thead className="bg-slate-50 text-slate-600"><tr><th className={th}>Task</th><th className={th}>Project</th><th className={th}>Feature</th><th className={th}>Status</th><th className={th}>Source</th><th className={`${th} text-right`}>Duration</th><th className={th}>Started</th></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {runs.map((r) => (
              <tr key={r.id}>
                <td className={td}><Link to={`/tasks/${r.task_id}`} className="text-brand-700 hover:underline">{r.task_title}</Link></td>
                <td className={td}>{r.project_name ?? "—"}</td>
                <td className={td}>{AGENT_FEATURE_LABELS[r.feature as AgentFeature] ?? r.feature}</td>
                <td className={td}>{r.status}</td>
                <td className={td}>{r.source === "ai" ? "AI" : "Rule-based"}</td>
                <td className={`${td} text-right tabular-nums`}>{r.duration_ms} ms</td>
                <td className={`${td} tabular-nums`}>{r.started_at.slice(0, 16).replace("T", " ")} · {r.started_by_name ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
