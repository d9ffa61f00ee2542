import { afterEach, describe, expect, it } from "vitest";
import { buildBrief, mondayOf } from "~/modules/squads/brief";
import { openSession } from "~/modules/squads/sessions.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Env } from "~/platform/env.server";
import { getViewer } from "~/platform/session.server";
import { action as squadAction, loader as squadLoader } from "~/routes/_app+/squads+/$squadId";
import { loader as squadsLoader } from "~/routes/_app+/squads+/_index";
import { action as sessionAction, loader as sessionLoader } from "~/routes/_app+/squads+/$squadId_.sessions.$sessionId";
import { setupTestDb } from "../../support/d1";
import { startFakeServer, type FakeServer } from "../../support/fake-server";
import { anthropicRoutes } from "../../support/fake-servers/anthropic";
import { getAs, postAs, statusOf } from "../../support/requests";
import { load, USERS } from "./helpers";

const db = setupTestDb({ seed: true });
const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Wed 25 Nov 2026, 12:00 in Melbourne: the week starts Monday 23 Nov. */
const NOW = new Date("2026-11-25T01:00:00Z");

async function post(path: string, userId: string, fields: Record<string, string>, run: typeof squadAction | typeof sessionAction, params: Record<string, string>, vars: Partial<Env> = {}) {
  const base = db.context();
  const context: AppLoadContext = { ...base, env: { ...base.env, ...vars } };
  return run({ request: await postAs(context, userId, path, fields), context, params });
}
const location = (response: unknown) => (response as Response).headers.get("Location");

async function open(userId: string = USERS.head, squadId = "squad-apex") {
  const context = db.context();
  const viewer = (await getViewer(await getAs(context, userId, "/"), context))!;
  const result = await openSession(context, viewer, squadId, NOW);
  if (!result.ok) throw new Error(`open failed: ${result.status}`);
  return result.redirect.split("/").pop()!;
}

const rows = (sql: string) => db.context().db.raw.prepare(sql).all().then((r) => r.results as Record<string, unknown>[]);

describe("squads list and page", () => {
  it("executives and heads see every squad; others the squads they belong to or lead", async () => {
    const names = async (userId: string) => (await load(db.context(), userId, "/squads", squadsLoader)).squads.map((s) => s.name);
    expect(await names(USERS.executive)).toEqual(["Apex", "Apollo", "Nova", "Odyssey", "Polaris", "Retail", "Ultra"]);
    expect(await names(USERS.head)).toHaveLength(7);
    expect(await names(USERS.manager)).toEqual(["Apex", "Odyssey", "Polaris"]);
    expect(await names(USERS.employee)).toEqual(["Apex"]);
    expect(await names("user-isla-thompson")).toEqual(["Apollo"]);
    const apex = (await load(db.context(), USERS.executive, "/squads", squadsLoader)).squads.find((s) => s.name === "Apex")!;
    expect(apex).toMatchObject({ members: 4, dm_first_name: "Daniel", tl_first_name: "Liam", kickoff_day: 1, kickoff_time: "09:30", open_actions: 1 });
  });

  it("a squad page shows members, leads and config; sessions only to managers and up; others get 404", async () => {
    const page = (userId: string, squadId = "squad-apex") => load(db.context(), userId, `/squads/${squadId}`, squadLoader, { squadId });
    expect(await statusOf(() => page(USERS.employee, "squad-nova"))).toBe(404);
    expect(await statusOf(() => page(USERS.executive, "squad-nope"))).toBe(404);
    const asEmployee = await page(USERS.employee);
    expect(asEmployee.members.map((m) => m.id).sort()).toEqual(["chloe-martin", "daniel-costa", "ethan-brown", "liam-murphy"]);
    expect(asEmployee.leads.map((l) => l.person_id)).toEqual(["priya-raman"]);
    expect(asEmployee.sessionsVisible).toBe(false);
    expect(asEmployee.sessions).toEqual([]);
    expect(asEmployee.canEdit).toBe(false);
    const asManager = await page(USERS.manager);
    expect(asManager.sessions.map((s) => s.week_start)).toEqual(["2026-11-16"]);
    expect(asManager.actions.map((a) => a.title)).toEqual(["Archive old staging snapshots to free database storage"]);
    expect(asManager.config).toMatchObject({ slack_channel: "squad-apex", notify_members_on_session: 0 });
    const context = db.context();
    const request = await getAs(context, USERS.head, "/squads/squad-apex");
    const before = context.db.stats.roundTrips;
    await squadLoader({ request, context, params: { squadId: "squad-apex" } });
    expect(context.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
  });

  it("only squads/people updaters edit; edits are validated and recorded", async () => {
    const params = { squadId: "squad-apex" };
    expect(await statusOf(() => post("/squads/squad-apex", USERS.manager, { intent: "save-squad", color: "#000000" }, squadAction, params))).toBe(403);
    const bad = (await post("/squads/squad-apex", USERS.head, { intent: "save-squad", color: "red", kickoff_time: "25:99", kickoff_day: "9" }, squadAction, params)) as unknown as { data: { errors: Record<string, string> }; init: { status: number } };
    expect(bad.init.status).toBe(400);
    expect(Object.keys(bad.data.errors).sort()).toEqual(["color", "kickoff_day", "kickoff_time"]);
    const saved = await post("/squads/squad-apex", USERS.head, {
      intent: "save-squad", color: "#112233", dm_person_id: "daniel-costa", tech_lead_person_id: "chloe-martin", kickoff_day: "2", kickoff_time: "10:00", focus_note: "Kinetic go-live",
    }, squadAction, params);
    expect(location(saved)).toBe("/squads/squad-apex?saved=save-squad");
    const [squad] = await rows("SELECT color, tech_lead_person_id, kickoff_day, kickoff_time, focus_note FROM squads WHERE id = 'squad-apex'");
    expect(squad).toEqual({ color: "#112233", tech_lead_person_id: "chloe-martin", kickoff_day: 2, kickoff_time: "10:00", focus_note: "Kinetic go-live" });
    const history = await rows("SELECT action, details FROM history WHERE resource_type = 'squad' AND resource_id = 'squad-apex'");
    expect(history).toHaveLength(1);
    expect(JSON.parse(history[0]!.details as string).changes.tech_lead_person_id).toEqual({ from: "liam-murphy", to: "chloe-martin" });

    expect(location(await post("/squads/squad-apex", USERS.head, { intent: "add-lead", person_id: "ethan-brown", role: "design_lead" }, squadAction, params))).toContain("saved=add-lead");
    const dup = (await post("/squads/squad-apex", USERS.head, { intent: "add-lead", person_id: "ethan-brown", role: "design_lead" }, squadAction, params)) as unknown as { init: { status: number } };
    expect(dup.init.status).toBe(400);
    const [lead] = await rows("SELECT id FROM squad_leads WHERE squad_id = 'squad-apex' AND person_id = 'ethan-brown'");
    await post("/squads/squad-apex", USERS.head, { intent: "remove-lead", lead_id: lead!.id as string }, squadAction, params);
    expect(await rows("SELECT id FROM squad_leads WHERE person_id = 'ethan-brown'")).toEqual([]);

    await post("/squads/squad-odyssey", USERS.head, { intent: "save-notifications", slack_channel: "#odyssey-team", notify_members_on_session: "on" }, squadAction, { squadId: "squad-odyssey" });
    const [config] = await rows("SELECT slack_channel, notify_members_on_session, notify_leads_on_session, notify_assignee_on_action FROM squad_notification_config WHERE squad_id = 'squad-odyssey'");
    expect(config).toEqual({ slack_channel: "odyssey-team", notify_members_on_session: 1, notify_leads_on_session: 0, notify_assignee_on_action: 0 });
    const actions = (await rows("SELECT action FROM history WHERE resource_type = 'squad' ORDER BY created_at, rowid")).map((h) => h.action);
    expect(actions).toEqual(["updated", "lead_added", "lead_removed", "notifications_updated"]);
  });
});

describe("4P sessions", () => {
  it("the brief is pre-filled from the squad's data; the member snapshot is saved", async () => {
    const id = await open();
    const [session] = await rows(`SELECT * FROM squad_sessions WHERE id = '${id}'`);
    expect(session).toMatchObject({ squad_id: "squad-apex", week_start: "2026-11-23", status: "draft", brief_source: "rules" });
    expect(session!.progress).toContain("Done: Run the Kinetic production cut-over checklist (Liam Murphy)");
    expect(session!.plans).toContain("Submit last week's timesheet (Ethan Brown, due 2026-11-24)");
    expect(session!.plans).toContain("Finish Kai's week-one onboarding checklist (Daniel Costa");
    expect(session!.plans).toContain("Carried over from earlier kickoffs: Archive old staging snapshots");
    const snapshot = JSON.parse(session!.snapshot as string) as { personId: string; openActions: number; dueThisWeek: number }[];
    expect(snapshot.map((s) => s.personId).sort()).toEqual(["chloe-martin", "daniel-costa", "ethan-brown", "liam-murphy"]);
    // Ethan's open items: the timesheet reminder and the seeded meeting action (Kinetic review).
    expect(snapshot.find((s) => s.personId === "ethan-brown")).toMatchObject({ openActions: 2, dueThisWeek: 1 });
    // Apex tells its leads (DM Daniel, tech lead Liam, director Priya — who opened it) but not members.
    const notified = (await rows(`SELECT user_id FROM notifications WHERE type = 'squad_session' AND resource_id = '${id}' ORDER BY user_id`)).map((n) => n.user_id);
    expect(notified).toEqual(["user-daniel-costa", "user-liam-murphy"]);
    // Opening again the same week goes to the same session.
    expect(await open()).toBe(id);
    expect(await rows("SELECT id FROM squad_sessions WHERE squad_id = 'squad-apex' AND week_start = '2026-11-23'")).toHaveLength(1);
  });

  it("managers read sessions but only editors change them; employees cannot open them", async () => {
    const id = await open();
    const params = { squadId: "squad-apex", sessionId: id };
    const path = `/squads/squad-apex/sessions/${id}`;
    const asManager = await load(db.context(), USERS.manager, path, sessionLoader, params);
    expect(asManager.canEdit).toBe(false);
    expect(await statusOf(() => load(db.context(), USERS.employee, path, sessionLoader, params))).toBe(404);
    expect(await statusOf(() => load(db.context(), USERS.head, `/squads/squad-nova/sessions/${id}`, sessionLoader, { squadId: "squad-nova", sessionId: id }))).toBe(404);
    expect(await statusOf(() => post(path, USERS.manager, { intent: "complete" }, sessionAction, params))).toBe(403);
    expect(await statusOf(() => post("/squads/squad-apex", USERS.manager, { intent: "open-session" }, squadAction, { squadId: "squad-apex" }))).toBe(403);
  });

  it("sections are edited and saved; a completed session is locked until reopened", async () => {
    const id = await open();
    const params = { squadId: "squad-apex", sessionId: id };
    const path = `/squads/squad-apex/sessions/${id}`;
    const [before] = await rows(`SELECT progress, plans, problems FROM squad_sessions WHERE id = '${id}'`);
    const saved = await post(path, USERS.head, { intent: "save", progress: before!.progress as string, plans: "- Ship Kinetic", problems: before!.problems as string, promotions: "- Chloe's talk at the meetup" }, sessionAction, params);
    expect(location(saved)).toBe(path);
    const [after] = await rows(`SELECT plans, promotions FROM squad_sessions WHERE id = '${id}'`);
    expect(after).toEqual({ plans: "- Ship Kinetic", promotions: "- Chloe's talk at the meetup" });
    const [history] = await rows(`SELECT details FROM history WHERE resource_type = 'squad_session' AND resource_id = '${id}' AND action = 'updated'`);
    expect(JSON.parse(history!.details as string)).toEqual({ sections: "plans, promotions" });
    const tooLong = (await post(path, USERS.head, { intent: "save", plans: "x".repeat(5001) }, sessionAction, params)) as unknown as { init: { status: number } };
    expect(tooLong.init.status).toBe(400);
    await post(path, USERS.head, { intent: "complete" }, sessionAction, params);
    const locked = (await post(path, USERS.head, { intent: "save", plans: "changed" }, sessionAction, params)) as unknown as { init: { status: number } };
    expect(locked.init.status).toBe(400);
    await post(path, USERS.head, { intent: "reopen" }, sessionAction, params);
    expect((await rows(`SELECT status FROM squad_sessions WHERE id = '${id}'`))[0]).toEqual({ status: "draft" });
  });

  it("actions flow into the action centre, notify the assignee, and complete both ways", async () => {
    const id = await open();
    const params = { squadId: "squad-apex", sessionId: id };
    const path = `/squads/squad-apex/sessions/${id}`;
    const outsider = (await post(path, USERS.head, { intent: "add-action", title: "Pair on retries", assignee_person_id: "ava-jones" }, sessionAction, params)) as unknown as { data: { errors: Record<string, string> } };
    expect(outsider.data.errors.assignee_person_id).toBe("Choose a member of the squad");
    await post(path, USERS.head, { intent: "add-action", title: "Pair on the webhook retry queue", assignee_person_id: "ethan-brown", due_date: "2026-11-27" }, sessionAction, params);
    const [action] = await rows(`SELECT id, status FROM squad_actions WHERE session_id = '${id}'`);
    const [item] = await rows(`SELECT title, assigned_person_id, due_date, is_completed, source_type FROM action_items WHERE source_module = 'squads' AND source_id = '${action!.id}'`);
    expect(item).toEqual({ title: "Pair on the webhook retry queue", assigned_person_id: "ethan-brown", due_date: "2026-11-27", is_completed: 0, source_type: "squad_action" });
    expect(await rows(`SELECT user_id FROM notifications WHERE type = 'squad_action_assigned' AND resource_id = '${action!.id}'`)).toEqual([{ user_id: "user-ethan-brown" }]);
    expect((await rows(`SELECT action FROM history WHERE resource_id = '${action!.id}'`)).map((h) => h.action).sort()).toEqual(["created"]);
    expect((await rows(`SELECT action FROM history WHERE resource_type = 'action_item'`)).map((h) => h.action)).toContain("raised");

    await post(path, USERS.head, { intent: "action-done", action_id: action!.id as string }, sessionAction, params);
    expect((await rows(`SELECT is_completed FROM action_items WHERE source_id = '${action!.id}'`))[0]).toEqual({ is_completed: 1 });
    const page = await load(db.context(), USERS.head, path, sessionLoader, params);
    expect(page.actions[0]).toMatchObject({ title: "Pair on the webhook retry queue", done: true });
    await post(path, USERS.head, { intent: "action-reopen", action_id: action!.id as string }, sessionAction, params);
    expect((await rows(`SELECT is_completed FROM action_items WHERE source_id = '${action!.id}'`))[0]).toEqual({ is_completed: 0 });
  });

  it("the AI brief replaces the sections when a provider answers, and falls back to the labelled rule-based draft", async () => {
    const id = await open();
    const params = { squadId: "squad-apex", sessionId: id };
    const path = `/squads/squad-apex/sessions/${id}`;
    await post(path, USERS.head, { intent: "brief" }, sessionAction, params);
    expect((await rows(`SELECT brief_source FROM squad_sessions WHERE id = '${id}'`))[0]).toEqual({ brief_source: "rules" });
    const ai = await startFakeServer(anthropicRoutes({
      apiKey: "sk-test",
      reply: (prompt) => JSON.stringify({ progress: "- AI progress", plans: prompt.includes("Apex") ? "- AI plans for Apex" : "- ?", problems: "- AI problems", promotions: "- AI promotions" }),
    }));
    servers.push(ai);
    await post(path, USERS.head, { intent: "brief" }, sessionAction, params, { AI_API_URL: ai.url, AI_API_KEY: "sk-test" });
    expect((await rows(`SELECT brief_source, plans, promotions FROM squad_sessions WHERE id = '${id}'`))[0]).toEqual({ brief_source: "ai", plans: "- AI plans for Apex", promotions: "- AI promotions" });
  });
});

describe("brief rules", () => {
  it("finds the Monday, new starters, anniversaries and title changes", () => {
    expect(mondayOf("2026-11-25")).toBe("2026-11-23");
    expect(mondayOf("2026-11-29")).toBe("2026-11-23");
    expect(mondayOf("2026-11-23")).toBe("2026-11-23");
    const m = (id: string, first: string, start: string, status = "active") => ({ id, first_name: first, last_name: "Test", start_date: start, employment_status: status, weekly_capacity_hours: 38 });
    const brief = buildBrief({
      squadName: "Apex",
      weekStart: "2026-11-23",
      members: [m("a", "Ana", "2026-11-20"), m("b", "Ben", "2020-11-26"), m("c", "Cal", "2021-05-01", "on_leave")],
      openItems: [{ title: "Old thing", due_date: "2026-11-01", assigned_person_id: "c" }],
      completedItems: [],
      openSquadActions: [],
      doneSquadActions: [],
      memberChanges: [{ resource_id: "a", details: JSON.stringify({ changes: { title: { from: "Developer", to: "Senior Developer" } } }), created_at: "2026-11-20T00:00:00Z" }],
    });
    expect(brief.sections.promotions).toContain("Welcome Ana Test, who started 2026-11-20.");
    expect(brief.sections.promotions).toContain("Ben Test celebrates 6 years with us this week.");
    expect(brief.sections.promotions).toContain("Ana Test is now Senior Developer (was Developer).");
    expect(brief.sections.problems).toContain("Overdue: Old thing (Cal Test, due 2026-11-01)");
    expect(brief.sections.problems).toContain("Cal Test is on leave");
    expect(brief.sections.progress).toBe("- 0 action items completed by the squad last week.");
    expect(brief.snapshot.find((s) => s.personId === "c")).toMatchObject({ overdueActions: 1, openActions: 1 });
  });
});
