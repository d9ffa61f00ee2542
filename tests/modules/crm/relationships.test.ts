import { describe, expect, it } from "vitest";
import { action as contactAction, loader as detailLoader } from "~/routes/_app+/contacts+/$contactId";
import { action as relAction, loader as relLoader } from "~/routes/_app+/relationships+/_index";
import { loader as scansLoader } from "~/routes/_app+/relationships+/lead-scans";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { draftMessage, nextOccurrence } from "~/modules/relationships/relationships.server";
import { recordLeadScan } from "~/modules/relationships/lead-scans.server";
import { addDays, todayIso } from "~/modules/crm/sql.server";
import { setupTestDb } from "../../support/d1";
import { getAs } from "../../support/requests";
import { count, EXEC, get, HEAD, LEAD, MANAGER, post } from "./helpers";

const db = setupTestDb({ seed: true });
const TIM = { contactId: "ct-tim-baker" };
const path = "/contacts/ct-tim-baker";

const relationshipItems = (sourceId: string) =>
  db.context().db.query.selectFrom("action_items").selectAll().where("source_module", "=", "relationships").where("source_id", "=", sourceId).execute();

const profile = (overrides: Record<string, string> = {}) => ({
  intent: "save_profile", preferred_name: "", communication_preference: "", communication_notes: "", personal_notes: "", birthday: "",
  interests: "", dietary_requirements: "", assistant_name: "", assistant_email: "", reconnect_cadence_days: "", ...overrides,
});

describe("life events → auto-actions → action centre", () => {
  it("a life event raises a congratulations reminder and its action-centre item for the account manager", async () => {
    const date = addDays(todayIso(), 3);
    const result = await post(contactAction, db.context(), MANAGER, path, {
      intent: "add_life_event", event_type: "promotion", title: "Promoted to COO", event_date: date, notes: "", auto_action: "on",
    }, TIM);
    expect(result.status).toBe(302);
    expect(result.location).toContain("notice=life_event_added_action");
    const event = await db.context().db.query.selectFrom("contact_life_events").selectAll().where("contact_id", "=", "ct-tim-baker").executeTakeFirstOrThrow();
    const action = await db.context().db.query.selectFrom("relationship_auto_actions").selectAll().where("life_event_id", "=", event.id).executeTakeFirstOrThrow();
    expect(action).toMatchObject({
      id: `rel-event-${event.id}`, action_type: "congratulate", due_date: date, status: "pending",
      assigned_person_id: "emily-chen", // Urban Pantry's account manager
      title: "Congratulate Tim Baker: Promoted to COO",
    });
    const items = await relationshipItems(action.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ source_type: "congratulate", contact_id: "ct-tim-baker", company_id: "co-urban-pantry", assigned_person_id: "emily-chen", due_date: date, is_completed: 0 });
    // The action item has its own "raised" history row; the contact has "life_event_added".
    const history = await db.context().db.query.selectFrom("history").select(["resource_type", "action"]).where("resource_id", "in", [items[0]!.id, "ct-tim-baker"]).execute();
    expect(history.map((h) => `${h.resource_type}:${h.action}`).sort()).toEqual(["action_item:raised", "contact:life_event_added"]);
  });

  it("birthdays remind on the next occurrence; without the checkbox nothing is raised", async () => {
    expect(nextOccurrence("1990-03-14", "2026-11-25")).toBe("2027-03-14");
    expect(nextOccurrence("12-03", "2026-11-25")).toBe("2026-12-03");
    expect(nextOccurrence("02-29", "2026-11-25")).toBe("2027-02-28");
    expect(nextOccurrence("02-29", "2027-11-25")).toBe("2028-02-29");
    const before = await count(db.context(), "action_items");
    await post(contactAction, db.context(), MANAGER, path, { intent: "add_life_event", event_type: "wedding", title: "Got married", event_date: "2026-10-01", notes: "" }, TIM);
    expect(await count(db.context(), "action_items")).toBe(before);
    await post(contactAction, db.context(), MANAGER, path, { intent: "add_life_event", event_type: "birthday", title: "Birthday", event_date: "1985-01-20", notes: "", auto_action: "on" }, TIM);
    const birthday = await db.context().db.query.selectFrom("relationship_auto_actions").selectAll().where("contact_id", "=", "ct-tim-baker").where("action_type", "=", "birthday").executeTakeFirstOrThrow();
    expect(birthday.due_date).toBe(nextOccurrence("1985-01-20"));
    expect(birthday.title).toBe("Wish Tim Baker a happy birthday");
  });

  it("a reconnect cadence raises one reminder, idempotently; logging a call moves it on", async () => {
    const save = () => post(contactAction, db.context(), MANAGER, path, profile({ reconnect_cadence_days: "30", birthday: "07-04", interests: "cricket, natural wine" }), TIM);
    expect((await save()).status).toBe(302);
    // Saving again (or with another cadence) updates the same rows: still one item per source.
    expect((await post(contactAction, db.context(), MANAGER, path, profile({ reconnect_cadence_days: "60", birthday: "07-04", interests: "cricket, natural wine" }), TIM)).status).toBe(302);
    const reconnect = await relationshipItems("rel-reconnect-ct-tim-baker");
    expect(reconnect).toHaveLength(1);
    expect(reconnect[0]).toMatchObject({ source_type: "reconnect", due_date: todayIso(), title: "Reconnect with Tim Baker (every 60 days)" });
    const birthdayId = `rel-birthday-ct-tim-baker-${nextOccurrence("07-04").slice(0, 4)}`;
    expect(await relationshipItems(birthdayId)).toHaveLength(1);

    const when = `${addDays(todayIso(), -2)}T10:00`;
    const call = await post(contactAction, db.context(), MANAGER, path, {
      intent: "log_communication", type: "call", direction: "outbound", subject: "Catch-up", summary: "Talked about the new range", occurred_at: when, duration_minutes: "15",
    }, TIM);
    expect(call.status).toBe(302);
    const moved = await relationshipItems("rel-reconnect-ct-tim-baker");
    expect(moved).toHaveLength(1);
    expect(moved[0]!.due_date).toBe(addDays(todayIso(), 58));
    const logged = await db.context().db.query.selectFrom("contact_communications").selectAll().where("contact_id", "=", "ct-tim-baker").executeTakeFirstOrThrow();
    expect(logged).toMatchObject({ type: "call", subject: "Catch-up", occurred_at: `${addDays(todayIso(), -2)}T10:00:00Z`, duration_minutes: 15, logged_by: "user-daniel-costa" });
    const stored = await db.context().db.query.selectFrom("contact_relationship_profiles").selectAll().where("contact_id", "=", "ct-tim-baker").executeTakeFirstOrThrow();
    expect(JSON.parse(stored.interests)).toEqual(["cricket", "natural wine"]);
    expect(stored.birthday).toBe("07-04");
  });

  it("completing a reminder on /relationships completes its action-centre item too", async () => {
    const page = (await get<{ actions: { id: string }[]; actionTotal: number }>(relLoader, db.context(), LEAD, "/relationships")).data;
    expect(page.actions.map((a) => a.id)).toContain("rel-event-le-jess-baby");
    expect((await post(relAction, db.context(), LEAD, "/relationships", { intent: "complete_action", auto_action_id: "rel-event-le-jess-baby", status: "done" })).status).toBe(403);
    const done = await post(relAction, db.context(), MANAGER, "/relationships", { intent: "complete_action", auto_action_id: "rel-event-le-jess-baby", status: "done" });
    expect(done.status).toBe(302);
    const item = (await relationshipItems("rel-event-le-jess-baby"))[0]!;
    expect(item).toMatchObject({ is_completed: 1, completed_by: "user-daniel-costa" });
    const after = (await get<{ actions: { id: string }[]; actionTotal: number }>(relLoader, db.context(), LEAD, "/relationships")).data;
    expect(after.actionTotal).toBe(page.actionTotal - 1);
    expect((await post(relAction, db.context(), MANAGER, "/relationships", { intent: "complete_action", auto_action_id: "nope", status: "done" })).status).toBe(404);
  });

  it("validates the forms: bad dates, cadence and birthday are 400s with nothing written", async () => {
    const before = { items: await count(db.context(), "action_items"), history: await count(db.context(), "history") };
    const bad = await post<{ errors: Record<string, string> }>(contactAction, db.context(), MANAGER, path, { intent: "add_life_event", event_type: "party", title: "", event_date: "2026-02-30" }, TIM);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.errors).sort()).toEqual(["event_date", "event_type", "title"]);
    const badProfile = await post<{ errors: Record<string, string> }>(contactAction, db.context(), MANAGER, path, profile({ reconnect_cadence_days: "3", birthday: "31-31", assistant_email: "x" }), TIM);
    expect(badProfile.status).toBe(400);
    expect(Object.keys(badProfile.data.errors).sort()).toEqual(["assistant_email", "birthday", "reconnect_cadence_days"]);
    const future = await post<{ errors: Record<string, string> }>(contactAction, db.context(), MANAGER, path, { intent: "log_communication", type: "call", occurred_at: "2099-01-01T10:00" }, TIM);
    expect(future.status).toBe(400);
    expect(future.data.errors.occurred_at).toMatch(/future/);
    expect(await count(db.context(), "action_items")).toBe(before.items);
    expect(await count(db.context(), "history")).toBe(before.history);
  });
});

describe("partners and messages", () => {
  it("links contacts and shows the link from both sides; refuses duplicates and self-links", async () => {
    const link = await post(contactAction, db.context(), MANAGER, path, { intent: "add_partner", partner_email: "Jess@SolaceSkin.com", relationship: "business partner", notes: "" }, TIM);
    expect(link.status).toBe(302);
    type Partners = { partners: { other_id: string; direction: string; relationship: string }[] };
    const mine = (await get<Partners>(detailLoader, db.context(), LEAD, `${path}?tab=partners`, TIM)).data;
    expect(mine.partners).toEqual([expect.objectContaining({ other_id: "ct-jess-lowe", direction: "outgoing", relationship: "business partner" })]);
    const theirs = (await get<Partners>(detailLoader, db.context(), LEAD, "/contacts/ct-jess-lowe?tab=partners", { contactId: "ct-jess-lowe" })).data;
    expect(theirs.partners).toEqual([expect.objectContaining({ other_id: "ct-tim-baker", direction: "incoming" })]);
    const again = await post<{ errors: Record<string, string> }>(contactAction, db.context(), MANAGER, "/contacts/ct-jess-lowe", { intent: "add_partner", partner_email: "tim@urbanpantry.com.au", relationship: "friend" }, { contactId: "ct-jess-lowe" });
    expect(again.status).toBe(400);
    expect(again.data.errors.partner_email).toMatch(/already linked/);
    const self = await post<{ errors: Record<string, string> }>(contactAction, db.context(), MANAGER, path, { intent: "add_partner", partner_email: "tim@urbanpantry.com.au", relationship: "self" }, TIM);
    expect(self.data.errors.partner_email).toMatch(/themself/);
  });

  it("drafts a labelled rule-based message, saves it, and marking it sent logs a communication and closes its reminder", async () => {
    const drafted = await post<{ draft: { body: string; subject: string; drafted_by: string; label: string; auto_action_id: string } }>(contactAction, db.context(), MANAGER, "/contacts/ct-jess-lowe", {
      intent: "draft_message", channel: "email", auto_action_id: "rel-event-le-jess-baby",
    }, { contactId: "ct-jess-lowe" });
    expect(drafted.status).toBe(200);
    expect(drafted.data.draft).toMatchObject({ drafted_by: "rule_based", label: "Rule-based draft (no AI provider configured)", auto_action_id: "rel-event-le-jess-baby" });
    expect(drafted.data.draft.body).toMatch(/^Hi Jess,/);
    expect(drafted.data.draft.body).toMatch(/new baby/);
    expect(await db.context().db.query.selectFrom("relationship_messages").select("id").where("contact_id", "=", "ct-jess-lowe").where("status", "=", "draft").execute()).toHaveLength(1);

    const saved = await post(contactAction, db.context(), MANAGER, "/contacts/ct-jess-lowe", {
      intent: "save_message", channel: "email", subject: drafted.data.draft.subject, body: drafted.data.draft.body, drafted_by: "rule_based", auto_action_id: "rel-event-le-jess-baby",
    }, { contactId: "ct-jess-lowe" });
    expect(saved.status).toBe(302);
    const message = await db.context().db.query.selectFrom("relationship_messages").selectAll().where("contact_id", "=", "ct-jess-lowe").where("status", "=", "draft").orderBy("created_at", "desc").executeTakeFirstOrThrow();
    const commsBefore = await count(db.context(), "contact_communications");
    const sent = await post(contactAction, db.context(), MANAGER, "/contacts/ct-jess-lowe", { intent: "mark_sent", message_id: message.id }, { contactId: "ct-jess-lowe" });
    expect(sent.status).toBe(302);
    expect(await count(db.context(), "contact_communications")).toBe(commsBefore + 1);
    expect((await db.context().db.query.selectFrom("relationship_auto_actions").select("status").where("id", "=", "rel-event-le-jess-baby").executeTakeFirstOrThrow()).status).toBe("done");
    expect((await relationshipItems("rel-event-le-jess-baby"))[0]!.is_completed).toBe(1);
    // Jess has a 45-day cadence: the reconnect reminder moves to 45 days from now.
    expect((await relationshipItems("rel-reconnect-ct-jess-lowe"))[0]!.due_date).toBe(addDays(todayIso(), 45));
    const twice = await post(contactAction, db.context(), MANAGER, "/contacts/ct-jess-lowe", { intent: "mark_sent", message_id: message.id }, { contactId: "ct-jess-lowe" });
    expect(twice.status).toBe(400);
  });
});

describe("drafting with an AI provider", () => {
  it("uses the provider's text when it answers (labelled AI), and never sends personal notes", async () => {
    const prompts: string[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        prompts.push(body);
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ content: [{ type: "text", text: "Hi Jess — congratulations on Isla! Aisha" }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const context = db.context();
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const actor = { userId: "user-aisha-khan", personId: "aisha-khan", name: "Aisha Khan" };
      const result = await draftMessage({ db: context.db, env: { ...context.env, AI_API_KEY: "test-key", AI_API_URL: url } }, actor, "ct-jess-lowe", "email", "rel-event-le-jess-baby");
      expect(result).toMatchObject({ ok: true, draft: { body: "Hi Jess — congratulations on Isla! Aisha", drafted_by: "ai", subject: "Congratulations, Jess!" } });
      if (!result?.ok) throw new Error("no draft");
      expect(result.draft?.label).toMatch(/^AI draft/);
      expect(prompts).toHaveLength(1);
      expect(prompts[0]).toContain("Welcomed a baby girl, Isla");
      expect(prompts[0]).not.toContain("Fitzroy"); // personal notes stay in Nucleus
    } finally {
      server.close();
    }
  });
});

describe("the relationships page and the lead scan log", () => {
  it("lists upcoming reminders soonest first and recent life events, in ≤ 2 round trips", async () => {
    const context = db.context();
    const request = await getAs(context, HEAD, "/relationships");
    const before = context.db.stats.roundTrips;
    const page = (await relLoader({ request, context, params: {} })) as unknown as { actions: { due_date: string }[]; events: { id: string }[]; eventTotal: number };
    expect(context.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
    const dues = page.actions.map((a) => a.due_date);
    expect(dues).toEqual([...dues].sort());
    expect(page.eventTotal).toBe(4);
    expect(page.events[0]!.id).toBe("le-jess-baby");
  });

  it("records scan runs for future scanners and shows them to managers of the tool only", async () => {
    await recordLeadScan(db.context().db, { source: "linkedin_alerts", startedAt: "2026-11-25T06:00:00Z", finishedAt: "2026-11-25T06:01:00Z", status: "succeeded", counts: { scanned: 40, created: 1, bogus: Number.NaN } });
    const page = (await get<{ rows: { source: string; counts: Record<string, number> }[]; total: number }>(scansLoader, db.context(), EXEC, "/relationships/lead-scans")).data;
    expect(page.total).toBe(4);
    expect(page.rows[0]).toMatchObject({ source: "linkedin_alerts", counts: { scanned: 40, created: 1 } });
    const filtered = (await get<{ total: number }>(scansLoader, db.context(), EXEC, "/relationships/lead-scans?source=website_visits")).data;
    expect(filtered.total).toBe(1);
    expect((await get(scansLoader, db.context(), MANAGER, "/relationships/lead-scans")).status).toBe(403);
  });
});
