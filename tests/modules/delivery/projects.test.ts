import { describe, expect, it } from "vitest";
import { PROJECT_TABS } from "~/modules/delivery/schemas";
import { loader as listLoader } from "~/routes/_app+/projects+/_index";
import { loader as csvLoader } from "~/routes/_app+/projects+/export[.csv]";
import { action as newAction, loader as newLoader } from "~/routes/_app+/projects+/new";
import { action as projectAction, loader as projectLoader } from "~/routes/_app+/projects+/$projectId";
import { action as editAction } from "~/routes/_app+/projects+/$projectId_.edit";
import { globalSearch } from "~/modules/search/search.server";
import { getViewer } from "~/platform/session.server";
import { setupTestDb } from "../../support/d1";
import { getAs } from "../../support/requests";
import { EMPLOYEE, EXEC, get, HEAD, load, MANAGER, OUTSIDER, post, roundTrips, TOM } from "./helpers";

const db = setupTestDb({ seed: true });

type ListData = { rows: { id: string; name: string }[]; total: number };
const ids = (data: ListData) => data.rows.map((r) => r.id).sort();

describe("project scope", () => {
  it("executives and heads see every project", async () => {
    expect((await load<ListData>(listLoader, db.context(), EXEC, "/projects")).total).toBe(6);
    expect((await load<ListData>(listLoader, db.context(), HEAD, "/projects")).total).toBe(6);
  });

  it("an employee sees only projects they are a member of", async () => {
    expect(ids(await load<ListData>(listLoader, db.context(), EMPLOYEE, "/projects"))).toEqual(["proj-kinetic-platform"]);
    expect(ids(await load<ListData>(listLoader, db.context(), OUTSIDER, "/projects"))).toEqual(["proj-harbour-web"]);
  });

  it("a manager also sees the projects of people below them", async () => {
    // Daniel owns Kinetic; Mia, Zara and Noah (his subtree) are on Atlas.
    expect(ids(await load<ListData>(listLoader, db.context(), MANAGER, "/projects"))).toEqual(["proj-atlas-portal", "proj-kinetic-platform"]);
    // Tom: owner of both Harbour projects; Lucas/Ava/Isla/Sienna/Max are his subtree.
    expect(ids(await load<ListData>(listLoader, db.context(), TOM, "/projects"))).toEqual(["proj-harbour-support", "proj-harbour-web"]);
  });

  it("an out-of-scope project is a 404 on every tab, the edit page and every action", async () => {
    for (const tab of PROJECT_TABS) {
      const result = await get(projectLoader, db.context(), EMPLOYEE, `/projects/proj-harbour-web?tab=${tab}`, { projectId: "proj-harbour-web" });
      // The agents tab needs the agents grant first (employees have none): 403 before any lookup.
      expect(result.status, tab).toBe(tab === "agents" ? 403 : 404);
    }
    const params = { projectId: "proj-harbour-web" };
    expect((await post(projectAction, db.context(), MANAGER, "/projects/proj-harbour-web", { intent: "add_goal", title: "Sneaky" }, params)).status).toBe(404);
    expect((await post(projectAction, db.context(), MANAGER, "/projects/proj-harbour-web", { intent: "add_task", title: "Sneaky" }, params)).status).toBe(404);
    expect((await post(editAction, db.context(), MANAGER, "/projects/proj-harbour-web/edit", { name: "Renamed" }, params)).status).toBe(404);
    const goals = await db.context().db.query.selectFrom("project_goals").select("id").where("title", "=", "Sneaky").execute();
    expect(goals).toHaveLength(0);
  });

  it("the CSV export follows the same scope and filters", async () => {
    const result = await get(csvLoader, db.context(), MANAGER, "/projects/export.csv");
    const text = await result.response!.text();
    expect(text.split("\r\n")[0]).toContain("Name,Company,Status");
    expect(text).toContain("Kinetic driver app");
    expect(text).not.toContain("Harbour");
    const filtered = await (await get(csvLoader, db.context(), EXEC, "/projects/export.csv?status=completed")).response!.text();
    expect(filtered).toContain("Solace summer campaign");
    expect(filtered).not.toContain("Kinetic");
  });

  it("filters, search and pagination work together", async () => {
    const byClient = await load<ListData>(listLoader, db.context(), EXEC, "/projects?company=co-harbour-co&sort=name&dir=desc");
    expect(byClient.rows.map((r) => r.id)).toEqual(["proj-harbour-web", "proj-harbour-support"]);
    // The chosen client and owner are named; one outside the viewer's projects is not.
    expect((byClient as unknown as { chosenCompany: { name: string } }).chosenCompany.name).toBe("Harbour & Co");
    const byOwner = await load<ListData & { chosenOwner: { name: string } | null }>(listLoader, db.context(), EXEC, "/projects?owner=tom-fletcher");
    expect(byOwner.chosenOwner?.name).toBe("Tom Fletcher");
    expect(byOwner.total).toBeGreaterThan(0);
    const hidden = await load<ListData & { chosenCompany: unknown }>(listLoader, db.context(), MANAGER, "/projects?company=co-harbour-co");
    expect(hidden.chosenCompany).toBeNull();
    expect(hidden.total).toBe(0);
    const search = await load<ListData>(listLoader, db.context(), EXEC, "/projects?q=greenleaf");
    expect(ids(search)).toEqual(["proj-greenleaf-seo"]);
    const junk = await load<ListData>(listLoader, db.context(), EXEC, "/projects?status=nonsense&page=-4&sort=evil");
    expect(junk.total).toBe(6);
  });

  it("global search finds projects and tasks in scope only", async () => {
    const context = db.context();
    const viewer = (await getViewer(await getAs(context, EMPLOYEE, "/"), context))!;
    const groups = await globalSearch(context.db, viewer, "driver");
    expect(groups.find((g) => g.type === "project")?.hits.map((h) => h.id)).toEqual(["proj-kinetic-platform"]);
    const harbour = await globalSearch(context.db, viewer, "harbour");
    expect(harbour.find((g) => g.type === "project")).toBeUndefined();
  });
});

describe("project pages", () => {
  it("every tab loads in at most 2 D1 round trips (viewer + one batch)", async () => {
    for (const tab of PROJECT_TABS) {
      const trips = await roundTrips(projectLoader, db.context(), EXEC, `/projects/proj-kinetic-platform?tab=${tab}`, { projectId: "proj-kinetic-platform" });
      expect(trips, tab).toBeLessThanOrEqual(2);
    }
    expect(await roundTrips(listLoader, db.context(), MANAGER, "/projects")).toBeLessThanOrEqual(2);
    expect(await roundTrips(newLoader, db.context(), MANAGER, "/projects/new")).toBeLessThanOrEqual(2);
  });

  it("an employee without projects:update gets 403 on the new-project page", async () => {
    expect((await get(newLoader, db.context(), EMPLOYEE, "/projects/new")).status).toBe(403);
    expect((await post(newAction, db.context(), EMPLOYEE, "/projects/new", { name: "Mine" })).status).toBe(403);
  });
});

describe("creating a project", () => {
  it("adds the creator as owner member and writes history", async () => {
    const context = db.context();
    const result = await post(newAction, context, MANAGER, "/projects/new", { name: "Kinetic depot rollout", company_id: "co-kinetic", status: "planning", delivery_manager_id: "mia-taylor" });
    expect(result.status).toBe(302);
    const id = result.location!.split("/projects/")[1]!.split("?")[0]!;
    const members = await context.db.query.selectFrom("project_members").select(["person_id", "role"]).where("project_id", "=", id).orderBy("person_id").execute();
    expect(members).toEqual([{ person_id: "daniel-costa", role: "owner" }, { person_id: "mia-taylor", role: "delivery_manager" }]);
    const history = await context.db.query.selectFrom("history").select(["action", "actor_id"]).where("resource_type", "=", "project").where("resource_id", "=", id).execute();
    expect(history).toEqual([{ action: "created", actor_id: "user-daniel-costa" }]);
  });

  it("from a setup template creates its phases and their tasks", async () => {
    const context = db.context();
    const result = await post(newAction, context, TOM, "/projects/new", { name: "Urban Pantry site", company_id: "co-urban-pantry", setup_template_id: "tpl-website-build", start_date: "2027-01-04" });
    expect(result.status).toBe(302);
    const id = result.location!.split("/projects/")[1]!.split("?")[0]!;
    const tasks = await context.db.query.selectFrom("tasks").select(["id", "title", "is_phase", "parent_task_id", "phase_id", "due_date", "source"]).where("project_id", "=", id).execute();
    const phases = tasks.filter((t) => t.is_phase === 1);
    expect(phases.map((p) => p.title).sort()).toEqual(["Build", "Design", "Discovery", "Launch"]);
    const children = tasks.filter((t) => t.is_phase === 0);
    expect(children).toHaveLength(11);
    const discovery = phases.find((p) => p.title === "Discovery")!;
    expect(children.filter((c) => c.parent_task_id === discovery.id).map((c) => c.title).sort()).toEqual(["Kick-off workshop", "Sitemap and content audit", "Stakeholder interviews"]);
    expect(children.every((c) => c.phase_id === c.parent_task_id && c.source === "template")).toBe(true);
    expect(discovery.due_date).toBe("2027-01-14"); // start + 0 + 10 days
    const taskHistory = await context.db.query.selectFrom("history").select("id").where("resource_type", "=", "task").where("resource_id", "in", tasks.map((t) => t.id)).execute();
    expect(taskHistory).toHaveLength(15);
    // The tasks tab lists them.
    const page = await load<{ data: { tasks: unknown[] } }>(projectLoader, db.context(), TOM, `/projects/${id}?tab=tasks`, { projectId: id });
    expect(page.data.tasks).toHaveLength(15);
  });

  it("is atomic: if one template task fails to insert, nothing is written", async () => {
    await db.exec(`
      INSERT INTO project_setup_template_tasks (id, template_id, phase_id, title, position) VALUES ('ttk-boom','tpl-retainer-onboarding','tph-ret-setup','Explode',9);
      CREATE TRIGGER fail_explode BEFORE INSERT ON tasks WHEN NEW.title = 'Explode' BEGIN SELECT RAISE(ABORT, 'boom'); END;
    `);
    const context = db.context();
    await expect(post(newAction, context, TOM, "/projects/new", { name: "Half written", setup_template_id: "tpl-retainer-onboarding" })).rejects.toThrow();
    const projects = await context.db.query.selectFrom("projects").select("id").where("name", "=", "Half written").execute();
    expect(projects).toHaveLength(0);
    const orphans = await context.db.query.selectFrom("tasks").select("id").where("title", "in", ["Collect platform access", "Set-up"]).execute();
    expect(orphans).toHaveLength(0);
    const members = await context.db.query.selectFrom("project_members").select("id").execute();
    expect(members).toHaveLength(21);
  });

  it("bad input is a 400 with field messages, never a partial write", async () => {
    const context = db.context();
    const result = await post(newAction, context, TOM, "/projects/new", { name: "", start_date: "2027-02-30", end_date: "2026-01-01", company_id: "co-nope" });
    expect(result.status).toBe(400);
    const errors = (result.data as { errors: Record<string, string> }).errors;
    expect(errors.name).toBeTruthy();
    expect(errors.start_date).toBeTruthy();
    const refs = await post(newAction, context, TOM, "/projects/new", { name: "Ghost client", company_id: "co-nope", setup_template_id: "tpl-nope" });
    expect(refs.status).toBe(400);
    expect(Object.keys((refs.data as { errors: Record<string, string> }).errors).sort()).toEqual(["company_id", "setup_template_id"]);
    expect(await context.db.query.selectFrom("projects").select("id").where("name", "=", "Ghost client").execute()).toHaveLength(0);
  });
});

describe("members, goals and decisions", () => {
  const params = { projectId: "proj-kinetic-platform" };
  const path = "/projects/proj-kinetic-platform";

  it("adds and removes members with roles; the last owner stays", async () => {
    const context = db.context();
    expect((await post(projectAction, context, MANAGER, path, { intent: "add_member", person_id: "noah-wilson", role: "lead" }, params)).status).toBe(302);
    expect((await post(projectAction, context, MANAGER, path, { intent: "add_member", person_id: "noah-wilson", role: "lead" }, params)).status).toBe(400);
    const noah = await context.db.query.selectFrom("project_members").select(["id", "role"]).where("project_id", "=", "proj-kinetic-platform").where("person_id", "=", "noah-wilson").executeTakeFirstOrThrow();
    expect(noah.role).toBe("lead");
    expect((await post(projectAction, context, MANAGER, path, { intent: "set_member_role", member_id: noah.id, role: "observer" }, params)).status).toBe(302);
    expect((await post(projectAction, context, MANAGER, path, { intent: "remove_member", member_id: "pm-kp-daniel" }, params)).status).toBe(400);
    expect((await post(projectAction, context, MANAGER, path, { intent: "remove_member", member_id: noah.id }, params)).status).toBe(302);
    const history = await context.db.query.selectFrom("history").select("action").where("resource_id", "=", "proj-kinetic-platform").where("action", "like", "member_%").orderBy("created_at").execute();
    expect(history.map((h) => h.action).sort()).toEqual(["member_added", "member_removed", "member_role_changed"]);
    // An employee without projects:update cannot change members.
    expect((await post(projectAction, context, EMPLOYEE, path, { intent: "add_member", person_id: "kai-robinson", role: "member" }, params)).status).toBe(403);
  });

  it("records goals and decisions (with context and outcome)", async () => {
    const context = db.context();
    expect((await post(projectAction, context, MANAGER, path, { intent: "add_goal", title: "Under 1% crash rate", status: "on_track", target_date: "2027-01-31" }, params)).status).toBe(302);
    expect((await post(projectAction, context, MANAGER, path, { intent: "add_decision", title: "Use Expo", context: "Small team", outcome: "Expo managed workflow", status: "decided" }, params)).status).toBe(302);
    const page = await load<{ data: { goals: { title: string; position: number }[] } }>(projectLoader, db.context(), MANAGER, `${path}?tab=goals`, params);
    expect(page.data.goals.map((g) => g.title)).toEqual(["Dispatch integration live", "80% of drivers on the app", "Under 1% crash rate"]);
    const decisions = await load<{ data: { decisions: { title: string; context: string; outcome: string }[] } }>(projectLoader, db.context(), MANAGER, `${path}?tab=decisions`, params);
    expect(decisions.data.decisions[0]).toMatchObject({ title: "Use Expo", context: "Small team", outcome: "Expo managed workflow" });
    expect((await post(projectAction, context, MANAGER, path, { intent: "add_goal", title: "" }, params)).status).toBe(400);
    expect((await post(projectAction, context, MANAGER, path, { intent: "no_such_intent" }, params)).status).toBe(400);
  });

  it("report settings, a report and a labelled summary (rule-based without an AI key)", async () => {
    const context = db.context();
    expect((await post(projectAction, context, MANAGER, path, { intent: "report_settings", frequency: "fortnightly", recipients: "peter@kineticlogistics.com, ops@kineticlogistics.com", sections: ["summary", "sla"], is_active: "on" }, params)).status).toBe(302);
    expect((await post(projectAction, context, MANAGER, path, { intent: "report_settings", frequency: "weekly", recipients: "not an email", sections: ["summary"] }, params)).status).toBe(400);
    expect((await post(projectAction, context, MANAGER, path, { intent: "create_report", health: "amber", narrative: "" }, params)).status).toBe(302);
    const summary = await post(projectAction, context, MANAGER, path, { intent: "generate_summary" }, params);
    expect(summary.status).toBe(302);
    expect(new URL(summary.location!, "http://x").searchParams.get("notice")).toContain("Rule-based draft");
    const page = await load<{ data: { settings: { frequency: string; recipients: string }; reports: { period_end: string; metrics: string; narrative: string }[]; summaries: { summary: string; source: string }[] } }>(projectLoader, db.context(), MANAGER, `${path}?tab=reports`, params);
    expect(page.data.settings.frequency).toBe("fortnightly");
    expect(JSON.parse(page.data.settings.recipients)).toEqual(["peter@kineticlogistics.com", "ops@kineticlogistics.com"]);
    expect(JSON.parse(page.data.reports[0]!.metrics)).toMatchObject({ total: 7 });
    expect(page.data.reports[0]!.narrative).toContain("Kinetic driver app");
    expect(page.data.summaries[0]).toMatchObject({ source: "rules" });
    expect(page.data.summaries[0]!.summary).toContain("of 7 tasks done");
  });
});
