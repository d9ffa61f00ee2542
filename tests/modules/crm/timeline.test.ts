import { describe, expect, it } from "vitest";
import { loader as contactLoader } from "~/routes/_app+/contacts+/$contactId";
import { timelinePage, timelineQuery, TIMELINE_SOURCES } from "~/modules/crm/timeline.server";
import { planImport, importStatements, readCsvTable } from "~/modules/crm/import.server";
import { batch } from "~/platform/batch.server";
import { getViewer } from "~/platform/session.server";
import { setupTestDb } from "../../support/d1";
import { getAs } from "../../support/requests";
import { count, EXEC, get, LEAD, MANAGER } from "./helpers";

const db = setupTestDb({ seed: true });

const FIXTURE = `
  INSERT INTO contact_communications (id, contact_id, type, direction, subject, occurred_at) VALUES ('cc-t1','ct-tim-baker','call','outbound','First call','2026-01-01T09:00:00Z');
  INSERT INTO notes (id, resource_type, resource_id, author_id, content, created_at, updated_at) VALUES ('note-t2','contact','ct-tim-baker','user-olivia-bennett','Prefers mornings','2026-02-01T09:00:00Z','2026-02-01T09:00:00Z');
  INSERT INTO notes (id, resource_type, resource_id, author_id, content, visibility, created_at, updated_at) VALUES ('note-secret','contact','ct-tim-baker','user-olivia-bennett','Exec only','["executive"]','2026-02-15T09:00:00Z','2026-02-15T09:00:00Z');
  INSERT INTO history (id, resource_type, resource_id, actor_id, action, details, created_at) VALUES ('hist-t3','contact','ct-tim-baker','user-olivia-bennett','updated','{"changes":{"role":{"from":null,"to":"Ops"}}}','2026-03-01T09:00:00Z');
  INSERT INTO action_items (id, title, source_module, source_type, contact_id, company_id, assigned_person_id, created_at, updated_at) VALUES ('ai-t4','Send the Q2 plan','manual','manual','ct-tim-baker','co-urban-pantry','liam-murphy','2026-04-01T09:00:00Z','2026-04-01T09:00:00Z');
  INSERT INTO contact_life_events (id, contact_id, event_type, title, event_date) VALUES ('le-t5','ct-tim-baker','new_role','Became COO','2026-05-01');
  INSERT INTO relationship_messages (id, contact_id, channel, body, status, sent_at) VALUES ('rm-t6','ct-tim-baker','email','Congrats!','sent','2026-06-01T09:00:00Z');
  INSERT INTO relationship_messages (id, contact_id, channel, body, status) VALUES ('rm-draft','ct-tim-baker','email','Not sent yet','draft');
`;

async function viewerFor(userId: string) {
  const context = db.context();
  return { context, viewer: (await getViewer(await getAs(context, userId, "/"), context))! };
}

describe("timeline", () => {
  it("merges every source newest first in ONE statement and pages with a cursor", async () => {
    await db.exec(FIXTURE);
    const { context, viewer } = await viewerFor(EXEC);
    const kinds = (rows: { kind: string; key: string }[]) => rows.map((r) => r.key.split(":")[0]);
    const [all] = await batch(context.db, [timelineQuery(context.db, viewer, { type: "contact", id: "ct-tim-baker" })]);
    // The seeded Urban Pantry deals (Tim is their contact) are newer than the fixture's rows.
    expect(kinds(all)).toEqual(["deal", "deal", "message", "life_event", "action_item", "history", "note", "note", "communication"]);
    expect(all.map((r) => r.at)).toEqual([...all.map((r) => r.at)].sort().reverse());
    expect(all.find((r) => r.kind === "history")!.detail).toBe("role");

    // Pages of 3: the cursor continues exactly where the previous page stopped.
    const [first] = await batch(context.db, [timelineQuery(context.db, viewer, { type: "contact", id: "ct-tim-baker" }, { limit: 3 })]);
    const page1 = timelinePage(first, 3);
    expect(page1.rows.map((r) => r.key)).toEqual(all.slice(0, 3).map((r) => r.key));
    const [second] = await batch(context.db, [timelineQuery(context.db, viewer, { type: "contact", id: "ct-tim-baker" }, { limit: 3, before: page1.next })]);
    const page2 = timelinePage(second, 3);
    expect(page2.rows.map((r) => r.key)).toEqual(all.slice(3, 6).map((r) => r.key));
    const [third] = await batch(context.db, [timelineQuery(context.db, viewer, { type: "contact", id: "ct-tim-baker" }, { limit: 3, before: page2.next })]);
    expect(timelinePage(third, 3)).toEqual({ rows: all.slice(6).map((r) => expect.objectContaining({ key: r.key })), next: null });
  });

  it("respects note visibility and action-item scope, and the company timeline gathers its contacts' events", async () => {
    await db.exec(FIXTURE);
    const { context, viewer } = await viewerFor(MANAGER);
    const [rows] = await batch(context.db, [timelineQuery(context.db, viewer, { type: "contact", id: "ct-tim-baker" })]);
    expect(rows.map((r) => r.key)).not.toContain("note:note-secret");
    // Action items follow the action centre's scope: a manager sees only items assigned to them.
    expect(rows.map((r) => r.kind)).not.toContain("action_item");
    const lead = await viewerFor(LEAD);
    const [leadRows] = await batch(lead.context.db, [timelineQuery(lead.context.db, lead.viewer, { type: "contact", id: "ct-tim-baker" })]);
    expect(leadRows.map((r) => r.key)).toContain("action_item:ai-t4");

    const [company] = await batch(context.db, [timelineQuery(context.db, viewer, { type: "company", id: "co-urban-pantry" })]);
    expect(company.map((r) => r.key)).toEqual(expect.arrayContaining(["communication:cc-t1", "life_event:le-t5", "message:rm-t6"]));
    expect(company.find((r) => r.key === "communication:cc-t1")!.title).toBe("Call with Tim Baker");
  });

  it("is what the contact page's Timeline tab shows", async () => {
    await db.exec(FIXTURE);
    const page = (await get<{ timeline: { rows: { key: string }[]; next: string | null } }>(contactLoader, db.context(), EXEC, "/contacts/ct-tim-baker?tab=timeline", { contactId: "ct-tim-baker" })).data;
    expect(page.timeline.rows.map((r) => r.key.split(":")[0])).toEqual(["deal", "deal", "message", "life_event", "action_item", "history", "note", "note", "communication"]);
    expect(page.timeline.rows[2]!.key).toBe("message:rm-t6");
    expect(page.timeline.next).toBeNull();
    expect(TIMELINE_SOURCES.map((s) => s.kind)).toEqual(["communication", "life_event", "message", "note", "history", "action_item", "deal", "email", "meeting", "proposal", "contract", "contract_signature"]);
  });
});

describe("import atomicity", () => {
  it("a write batch that fails part-way leaves nothing behind", async () => {
    const { context, viewer } = await viewerFor(MANAGER);
    const table = readCsvTable("email,first_name\na@x.com.au,A\nb@x.com.au,B\nc@x.com.au,C");
    if ("error" in table) throw new Error(table.error);
    const plan = await planImport(context.db, "contacts", "update", table, { email: 0, first_name: 1 });
    expect(plan.counts.create).toBe(3);
    // Someone adds b@ between preview and confirm: the unique index fails the batch, atomically.
    await db.exec("INSERT INTO contacts (id, first_name, email) VALUES ('ct-race','Bee','b@x.com.au');");
    const before = { contacts: await count(db.context(), "contacts"), history: await count(db.context(), "history") };
    await expect(batch(context.db, importStatements(context.db, viewer, plan))).rejects.toThrow(/UNIQUE/);
    expect(await count(db.context(), "contacts")).toBe(before.contacts);
    expect(await count(db.context(), "history")).toBe(before.history);
  });
});
