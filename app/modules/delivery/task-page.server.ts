// The task page's one entry point for posts: agent runs go to the agents module, everything
// else to the tasks module.
import type { AppLoadContext } from "~/platform/context.server";
import type { Viewer } from "~/platform/session.server";
import { runTaskAgent } from "./agents.server";
import type { TaskIntent } from "./schemas";
import { applyTaskIntent, type TaskResult } from "./tasks.server";

export async function applyTaskPageIntent(context: AppLoadContext, viewer: Viewer, taskId: string, intent: TaskIntent): Promise<TaskResult> {
  if (intent.intent === "agent_run") {
    const result = await runTaskAgent(context, viewer, taskId, intent.feature);
    return result.ok ? { ok: true, message: result.message } : result;
  }
  return applyTaskIntent(context, viewer, taskId, intent);
}
