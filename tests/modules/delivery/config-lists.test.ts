import { describe, expect, it } from "vitest";
import { action, loader } from "~/routes/_app+/settings+/config-lists";
import { loader as boardLoader } from "~/routes/_app+/projects+/$projectId";
import { setupTestDb } from "../../support/d1";
import { EXEC, get, HEAD, load, MANAGER, post } from "./helpers";

const db = setupTestDb({ seed: true });
const base = { label: "Blocked", value: "blocked", color: "#dc2626", position: "3", stage_type: "in_progress" };

describe("config lists", () => {
  it("only executives (config-lists grant) open and change them", async () => {
    const lists = await load<{ lists: { key: string; items: unknown[] }[] }>(loader, db.context(), EXEC, "/settings/config-lists");
    expect(lists.lists.map((l) => l.key).sort()).toEqual(["project_type", "task_priority", "task_status", "task_type"]);
    expect((await get(loader, db.context(), HEAD, "/settings/config-lists")).status).toBe(403);
    expect((await post(action, db.context(), MANAGER, "/settings/config-lists", { intent: "add", list_id: "cl-task-status", ...base })).status).toBe(403);
  });

  it("a new status becomes a board column in its position", async () => {
    const context = db.context();
    expect((await post(action, context, EXEC, "/settings/config-lists", { intent: "add", list_id: "cl-task-status", ...base })).status).toBe(302);
    expect((await post(action, context, EXEC, "/settings/config-lists", { intent: "add", list_id: "cl-task-status", ...base })).status).toBe(400); // same value
    const board = await load<{ data: { statuses: { label: string }[] } }>(boardLoader, db.context(), EXEC, "/projects/proj-kinetic-platform?tab=board", { projectId: "proj-kinetic-platform" });
    expect(board.data.statuses.map((s) => s.label)).toEqual(["To do", "In progress", "Blocked", "In review", "Done"]);
    const history = await context.db.query.selectFrom("history").select("action").where("resource_type", "=", "config_list").execute();
    expect(history.map((h) => h.action)).toEqual(["item_added"]);
  });

  it("system items keep their value and stay active; labels and defaults can change", async () => {
    const context = db.context();
    const changeValue = await post(action, context, EXEC, "/settings/config-lists", { intent: "update", item_id: "cli-status-done", label: "Done", value: "finished", position: "4", stage_type: "done" });
    expect(changeValue.status).toBe(400);
    expect((await post(action, context, EXEC, "/settings/config-lists", { intent: "toggle", item_id: "cli-status-done" })).status).toBe(400);
    const relabel = await post(action, context, EXEC, "/settings/config-lists", { intent: "update", item_id: "cli-priority-high", label: "High!", value: "high", color: "#ea580c", position: "3", is_default: "on" });
    expect(relabel.status).toBe(302);
    const defaults = await context.db.query.selectFrom("config_list_items").select("id").where("list_id", "=", "cl-task-priority").where("is_default", "=", 1).execute();
    expect(defaults.map((d) => d.id)).toEqual(["cli-priority-high"]);
    const bad = await post(action, context, EXEC, "/settings/config-lists", { intent: "add", list_id: "cl-task-type", label: "X", value: "Not Valid!", color: "red" });
    expect(Object.keys((bad.data as { errors: Record<string, string> }).errors).sort()).toEqual(["color", "value"]);
  });
});
