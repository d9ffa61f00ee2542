// delivery: projects (about ten per scale unit) for generated clients, each with 3–7 members,
// about a hundred tasks (statuses, priorities, assignees among the members, some subtasks,
// due dates around the anchor), a few sprints, todos, watchers and SLA rows on support
// projects — about 100,000 tasks at scale 100. The seeded Kinetic project also grows (3 tasks
// per scale unit), so its board and detail page are measured with a realistic load.
// Only runs for scale > 1 (scale 1 is the seed alone).
import { ANCHOR, addDays, day, daysAgo, insertRows, iso } from "./lib.mjs";

const STATUSES = [
  ["cli-status-todo", 35],
  ["cli-status-in-progress", 20],
  ["cli-status-in-review", 10],
  ["cli-status-done", 35],
];
const PRIORITIES = [
  ["cli-priority-low", 20],
  ["cli-priority-medium", 50],
  ["cli-priority-high", 22],
  ["cli-priority-urgent", 8],
];
const TYPES = [
  ["cli-type-task", 55],
  ["cli-type-bug", 15],
  ["cli-type-feature", 22],
  ["cli-type-ticket", 8],
];
const PROJECT_TYPES = ["cli-ptype-website", "cli-ptype-retainer", "cli-ptype-product", "cli-ptype-campaign", "cli-ptype-support"];
const PROJECT_STATUS = [
  ["active", 60],
  ["planning", 10],
  ["on_hold", 5],
  ["completed", 20],
  ["cancelled", 5],
];
// prettier-ignore
const WORK = [
  "Set up analytics events", "Homepage hero variants", "Fix mobile nav overflow", "Migrate blog posts", "Checkout address validation",
  "Write release notes", "Accessibility audit fixes", "Product listing filters", "Email capture pop-up", "Page speed improvements",
  "Update privacy policy page", "Integrate payment gateway", "Search results relevance", "Campaign landing page", "Store locator map",
  "Review Core Web Vitals", "Content calendar for next month", "Broken links report", "CMS role permissions", "Order confirmation email",
];
const PROJECT_KINDS = ["Website rebuild", "Support retainer", "Growth retainer", "App", "Campaign", "Platform upgrade", "Data dashboard"];

export async function generate(client, { scale, rng }) {
  if (scale <= 1) return { projects: 0, tasks: 0 };
  const people = (
    await client.execute("SELECT id, user_id, squad FROM people WHERE employment_status = 'active' ORDER BY id")
  ).rows.map((r) => ({ id: String(r.id), user_id: r.user_id ? String(r.user_id) : null, squad: r.squad ? String(r.squad) : null }));
  const managers = (
    await client.execute("SELECT DISTINCT manager_id AS id FROM people WHERE manager_id IS NOT NULL ORDER BY manager_id")
  ).rows.map((r) => String(r.id));
  const companies = (
    await client.execute("SELECT id, name FROM companies c WHERE NOT EXISTS (SELECT 1 FROM companies k WHERE k.parent_id = c.id) ORDER BY id")
  ).rows.map((r) => ({ id: String(r.id), name: String(r.name) }));
  if (!people.length || !companies.length) return { projects: 0, tasks: 0 };

  const projects = [];
  const members = [];
  const sprints = [];
  const tasks = [];
  const todos = [];
  const watchers = [];
  const slas = [];
  const history = [];
  let taskN = 0;

  const addTasks = (project, memberIds, count, sprintIds, withSla) => {
    const top = [];
    for (let k = 0; k < count; k++) {
      const id = `task-b${String(++taskN).padStart(7, "0")}`;
      const status = rng.weighted(STATUSES);
      const created = daysAgo(rng.int(1, 240) + rng());
      const parent = top.length > 5 && rng.chance(0.1) ? rng.pick(top) : null;
      const assignee = rng.chance(0.9) ? rng.pick(memberIds) : null;
      const row = {
        id,
        title: `${rng.pick(WORK)}${rng.chance(0.3) ? ` (${rng.int(2, 9)})` : ""}`,
        description: null,
        resource_type: "project",
        resource_id: project.id,
        project_id: project.id,
        status_id: status,
        priority_id: rng.weighted(PRIORITIES),
        type_id: rng.weighted(TYPES),
        parent_task_id: parent?.id ?? null,
        sprint_id: sprintIds.length && rng.chance(0.5) ? rng.pick(sprintIds) : null,
        assignee_id: assignee,
        reporter_id: project.delivery_manager_id,
        created_by: null,
        due_date: rng.chance(0.7) ? day(addDays(created, rng.int(3, 60))) : null,
        estimated_hours: rng.pick([null, 1, 2, 4, 8, 16]),
        sort_order: k + 1,
        source: "manual",
        completed_at: status === "cli-status-done" ? iso(Math.min(ANCHOR, addDays(created, rng.int(1, 30)))) : null,
        created_at: iso(created),
        updated_at: iso(Math.min(ANCHOR, addDays(created, rng.int(0, 40)))),
      };
      tasks.push(row);
      if (!parent) top.push(row);
      for (let t = rng.poisson(0.6); t > 0; t--) {
        todos.push({ id: `todo-b${String(todos.length + 1).padStart(7, "0")}`, task_id: id, title: rng.pick(WORK), is_done: rng.chance(0.5) ? 1 : 0, position: t, created_at: row.created_at });
      }
      const watcher = rng.chance(0.2) ? people.find((p) => p.id === rng.pick(memberIds))?.user_id : null;
      if (watcher) watchers.push({ id: `tw-b${String(watchers.length + 1).padStart(7, "0")}`, task_id: id, user_id: watcher, created_at: row.created_at });
      if (withSla && assignee && rng.chance(0.3)) {
        const done = row.completed_at;
        slas.push({
          id: `tsla-b${String(slas.length + 1).padStart(7, "0")}`, task_id: id, policy_id: "sla-standard", priority_id: row.priority_id,
          started_at: row.created_at, response_deadline: iso(addDays(created, 0.2)), resolution_deadline: iso(addDays(created, 2)),
          responded_at: done ? iso(addDays(created, 0.1)) : null, resolved_at: done, response_breached: 0, resolution_breached: 0,
          created_at: row.created_at, updated_at: row.updated_at,
        });
      }
    }
  };

  const projectCount = 10 * scale;
  for (let n = 1; n <= projectCount; n++) {
    const company = rng.pick(companies);
    const owner = managers.length ? rng.pick(managers) : rng.pick(people).id;
    const team = rng.sample(people, rng.int(3, 7)).map((p) => p.id);
    const dm = team[0];
    const created = daysAgo(rng.int(30, 700));
    const kind = rng.pick(PROJECT_KINDS);
    const support = kind === "Support retainer";
    const project = {
      id: `proj-b${String(n).padStart(5, "0")}`,
      name: `${company.name} ${kind}${rng.chance(0.2) ? ` ${rng.int(2, 4)}` : ""}`,
      description: null,
      company_id: company.id,
      type_id: support ? "cli-ptype-support" : rng.pick(PROJECT_TYPES),
      status: rng.weighted(PROJECT_STATUS),
      owner_id: owner,
      delivery_manager_id: dm,
      squad: people.find((p) => p.id === dm)?.squad ?? null,
      start_date: day(created),
      end_date: rng.chance(0.6) ? day(addDays(created, rng.int(60, 400))) : null,
      sla_policy_id: support ? "sla-standard" : null,
      created_at: iso(created),
      updated_at: iso(addDays(created, rng.int(0, 30))),
    };
    projects.push(project);
    const memberIds = [...new Set([owner, ...team])];
    memberIds.forEach((personId, i) =>
      members.push({ id: `pm-b${String(members.length + 1).padStart(6, "0")}`, project_id: project.id, person_id: personId, role: i === 0 ? "owner" : personId === dm ? "delivery_manager" : "member", created_at: project.created_at }),
    );
    const sprintIds = [];
    if (rng.chance(0.5)) {
      for (let s = 1; s <= 3; s++) {
        const id = `sprint-b${String(sprints.length + 1).padStart(6, "0")}`;
        const start = addDays(ANCHOR, (s - 2) * 14 - 3);
        sprints.push({ id, project_id: project.id, name: `Sprint ${s}`, goal: null, status: s === 1 ? "closed" : s === 2 ? "active" : "planned", start_date: day(start), end_date: day(addDays(start, 11)), position: s, created_at: project.created_at, updated_at: project.created_at });
        sprintIds.push(id);
      }
    }
    addTasks(project, team, rng.int(60, 140), sprintIds, support);
    history.push({ id: `hist-proj-b${String(n).padStart(5, "0")}`, resource_type: "project", resource_id: project.id, actor_id: null, action: "created", details: null, created_at: project.created_at });
  }
  // The seeded Kinetic board grows with the scale (its members: Daniel, Liam, Chloe, Ethan).
  addTasks({ id: "proj-kinetic-platform", delivery_manager_id: "liam-murphy" }, ["daniel-costa", "liam-murphy", "chloe-martin", "ethan-brown"], 3 * scale, ["sprint-kp-15", "sprint-kp-16"], false);

  await insertRows(client, "projects", projects);
  await insertRows(client, "project_members", members);
  await insertRows(client, "sprints", sprints);
  await insertRows(client, "tasks", tasks);
  await insertRows(client, "task_todos", todos);
  await insertRows(client, "task_watchers", watchers);
  await insertRows(client, "task_sla", slas);
  await insertRows(client, "history", history);
  return { projects: projects.length, tasks: tasks.length, sprints: sprints.length, todos: todos.length, watchers: watchers.length, task_sla: slas.length };
}
