import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import type { AppLoadContext } from "~/platform/context.server";
import { encryptSecret } from "~/platform/crypto.server";
import type { Env } from "~/platform/env.server";
import { loader as meetingLoader } from "~/routes/_app+/meetings+/$meetingId";
import { action as listAction } from "~/routes/_app+/meetings+/_index";
import { setupTestDb, TEST_VARS } from "../../support/d1";
import { startFakeServer, type FakeServer } from "../../support/fake-server";
import { calendarEvent, meetingsRoutes, type MeetingsFakeState } from "../../support/fake-servers/meetings";
import { getAs, postAs } from "../../support/requests";

const db = setupTestDb({ seed: true });
const GOOGLE_TOKEN = "ya29.daniel-calendar-token";
const GRANOLA_KEY = "grn_meetings_test_key_1234";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const hoursFromNow = (h: number) => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + h * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
const D = "@dotcollective.com.au";

function fakeState(): MeetingsFakeState {
  return {
    googleToken: GOOGLE_TOKEN,
    googleEmail: `daniel.costa${D}`,
    granolaKey: GRANOLA_KEY,
    pageSize: 2,
    events: [
      calendarEvent({ id: "ev-roadmap", summary: "Roadmap chat", start: hoursFromNow(-48), end: hoursFromNow(-47), organizer: `daniel.costa${D}`, attendees: [`daniel.costa${D}`, `Liam.Murphy${D}`, { email: "tim@urbanpantry.com.au", displayName: "Tim Baker" }] }),
      calendarEvent({ id: "ev-kinetic", summary: "Kinetic driver app planning", start: hoursFromNow(-24), end: hoursFromNow(-23), organizer: `daniel.costa${D}`, attendees: [`daniel.costa${D}`, `liam.murphy${D}`, "peter@kineticlogistics.com"] }),
      calendarEvent({ id: "ev-recruiter", summary: "Coffee", start: hoursFromNow(30), end: hoursFromNow(31), organizer: "jo@talentco.io", attendees: ["jo@talentco.io", `daniel.costa${D}`] }),
      calendarEvent({ id: "ev-focus", summary: "Focus time", start: hoursFromNow(5), end: hoursFromNow(7), organizer: `daniel.costa${D}`, attendees: [] }),
      calendarEvent({ id: "ev-cancelled", summary: "Old sync", start: hoursFromNow(8), end: hoursFromNow(9), organizer: `daniel.costa${D}`, attendees: [`daniel.costa${D}`, `chloe.martin${D}`], status: "cancelled" }),
    ],
    notes: [
      {
        id: "not_kinetic00001",
        title: "Kinetic driver app planning",
        created_at: hoursFromNow(-23),
        owner: { name: "Daniel Costa", email: `daniel.costa${D}` },
        attendees: [{ name: "Daniel Costa", email: `daniel.costa${D}` }, { name: "Peter Nolan", email: "peter@kineticlogistics.com" }],
        calendar_event: { event_title: "Kinetic driver app planning", calendar_event_id: "ev-kinetic", scheduled_start_time: hoursFromNow(-24), scheduled_end_time: hoursFromNow(-23), organiser: { email: `daniel.costa${D}` }, invitees: [{ email: `liam.murphy${D}` }] },
        folder_membership: [{ id: "fol_1", object: "folder", name: "Clients" }],
        summary_text: "Planned the offline-mode spike.",
        summary_markdown: "## Summary\n- Planned the offline-mode spike\n\n## Action items\n- Liam: draft the offline-mode spike\n- [ ] Send Peter the release notes (@Daniel)",
        transcript: [
          { speaker: { source: "microphone" }, text: "Let's plan offline mode.", start_time: hoursFromNow(-24), end_time: hoursFromNow(-24) },
          { speaker: { source: "speaker" }, text: "We need it before Christmas.", start_time: hoursFromNow(-24), end_time: hoursFromNow(-24) },
        ],
      },
      {
        id: "not_solace000001",
        title: "Solace retro",
        created_at: hoursFromNow(-72),
        owner: { name: "Aisha Khan", email: `aisha.khan${D}` },
        attendees: [{ name: "Aisha Khan", email: `aisha.khan${D}` }, { name: "Jess Lowe", email: "jess@solaceskin.com" }],
        calendar_event: null,
        summary_text: "Campaign retro.",
        summary_markdown: "Campaign retro.",
        transcript: null,
      },
    ],
  };
}

async function connect(options: { google?: boolean; granola?: boolean } = {}) {
  if (options.google !== false) {
    const ciphertext = await encryptSecret(TEST_VARS.ENCRYPTION_KEY, JSON.stringify({ accessToken: GOOGLE_TOKEN }));
    await db.exec(`INSERT INTO user_connections (id, user_id, provider, status, encrypted_credentials) VALUES ('uc-daniel-google', 'user-daniel-costa', 'google', 'active', '${ciphertext}');`);
  }
  if (options.granola !== false) {
    const ciphertext = await encryptSecret(TEST_VARS.ENCRYPTION_KEY, JSON.stringify({ apiKey: GRANOLA_KEY }));
    await db.exec(`INSERT INTO connections (id, provider, status, encrypted_credentials) VALUES ('conn-granola', 'granola', 'active', '${ciphertext}');`);
  }
}

async function fakes(state = fakeState()) {
  const server = await startFakeServer(meetingsRoutes(state));
  servers.push(server);
  return { server, state };
}

function contextWith(server: FakeServer): AppLoadContext {
  const base = db.context();
  const vars: Partial<Env> = { GOOGLE_API_URL: server.url, GRANOLA_API_URL: server.url };
  return { ...base, env: { ...base.env, ...vars } };
}

type SyncData = Extract<Awaited<ReturnType<typeof listAction>>, { sync: unknown }>;
async function sync(server: FakeServer, userId = "user-daniel-costa") {
  const context = contextWith(server);
  const request = await postAs(context, userId, "/meetings", { intent: "sync" });
  return ((await listAction({ request, context, params: {} })) as SyncData).sync;
}

const q = () => db.context().db.query;
const byEvent = (id: string) => q().selectFrom("meetings").selectAll().where("calendar_event_id", "=", id).executeTakeFirst();

async function counts() {
  const count = (table: "meetings" | "meeting_attendees" | "meeting_action_items" | "history") =>
    q().selectFrom(table).select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow().then((r) => Number(r.n));
  const actionItems = await q().selectFrom("action_items").select(sql<number>`count(*)`.as("n")).where("source_module", "=", "granola").executeTakeFirstOrThrow();
  return { meetings: await count("meetings"), attendees: await count("meeting_attendees"), mai: await count("meeting_action_items"), history: await count("history"), actionItems: Number(actionItems.n) };
}

describe("meetings sync", () => {
  it("imports calendar events and Granola notes, matches attendees and scores the match", async () => {
    await connect();
    const { server } = await fakes();
    const before = await counts();
    const summary = await sync(server);
    expect(summary).toMatchObject({ status: "succeeded", calendarEvents: 5, granolaNotes: 2, created: 4, updated: 0, actionItems: 2, errors: [] });

    // Pagination was followed (page size 2) and the calendar call carried the range.
    const calendarCalls = server.requests.filter((r) => r.path === "/calendar/v3/calendars/primary/events");
    expect(calendarCalls.length).toBe(3);
    expect(calendarCalls[0]!.query.get("singleEvents")).toBe("true");
    expect(calendarCalls[0]!.headers.authorization).toBe(`Bearer ${GOOGLE_TOKEN}`);

    const roadmap = await byEvent("ev-roadmap");
    expect(roadmap).toMatchObject({ match_status: "suggested", matched_type: "company", matched_id: "co-urban-pantry", match_confidence: 65, owner_person_id: "daniel-costa", organizer_person_id: "daniel-costa", category: "client" });
    const attendees = await q().selectFrom("meeting_attendees").select(["email", "person_id", "contact_id", "is_organizer"]).where("meeting_id", "=", roadmap!.id).orderBy("email").execute();
    expect(attendees).toEqual([
      { email: `daniel.costa${D}`, person_id: "daniel-costa", contact_id: null, is_organizer: 1 },
      { email: `liam.murphy${D}`, person_id: "liam-murphy", contact_id: null, is_organizer: 0 },
      { email: "tim@urbanpantry.com.au", person_id: null, contact_id: "ct-tim-baker", is_organizer: 0 },
    ]);

    const kinetic = await byEvent("ev-kinetic");
    expect(kinetic).toMatchObject({ match_status: "auto", matched_type: "project", matched_id: "proj-kinetic-platform", granola_note_id: "not_kinetic00001", summary: "Planned the offline-mode spike." });
    expect((await byEvent("ev-recruiter"))).toMatchObject({ match_status: "triage", matched_id: null });
    expect(await byEvent("ev-focus")).toBeUndefined();
    expect(await byEvent("ev-cancelled")).toBeUndefined();
    const solace = await q().selectFrom("meetings").selectAll().where("granola_note_id", "=", "not_solace000001").executeTakeFirstOrThrow();
    expect(solace).toMatchObject({ owner_person_id: "aisha-khan", calendar_event_id: null, title: "Solace retro" });

    // Action items: parsed from the note, assigned to the named attendee, raised in the action centre.
    const items = await q()
      .selectFrom("meeting_action_items as m")
      .innerJoin("action_items as a", (j) => j.onRef("a.source_id", "=", "m.id").on("a.source_module", "=", "granola").on("a.source_type", "=", "meeting_action"))
      .select(["m.text", "m.assignee_person_id", "a.assigned_person_id", "a.project_id"])
      .where("m.meeting_id", "=", kinetic!.id)
      .orderBy("m.text")
      .execute();
    expect(items).toEqual([
      { text: "Liam: draft the offline-mode spike", assignee_person_id: "liam-murphy", assigned_person_id: "liam-murphy", project_id: "proj-kinetic-platform" },
      { text: "Send Peter the release notes (@Daniel)", assignee_person_id: "daniel-costa", assigned_person_id: "daniel-costa", project_id: "proj-kinetic-platform" },
    ]);
    const after = await counts();
    expect(after.meetings - before.meetings).toBe(4);
    // One "synced" history row per new meeting, one "raised" per action item.
    expect(after.history - before.history).toBe(6);
    const run = await q().selectFrom("meeting_sync_runs").selectAll().executeTakeFirstOrThrow();
    expect(run).toMatchObject({ user_id: "user-daniel-costa", status: "succeeded", created_count: 4, calendar_events: 5, granola_notes: 2 });
  });

  it("re-syncing changes nothing (no duplicates), keeps human decisions and completed action items", async () => {
    await connect();
    const { server } = await fakes();
    await sync(server);
    const roadmap = (await byEvent("ev-roadmap"))!;
    const context = db.context();
    const { action } = await import("~/routes/_app+/meetings+/$meetingId");
    await action({ request: await postAs(context, "user-daniel-costa", `/meetings/${roadmap.id}`, { intent: "accept" }), context, params: { meetingId: roadmap.id } });
    await q().updateTable("action_items").set({ is_completed: 1, completed_at: "2026-11-25T00:00:00Z" }).where("source_module", "=", "granola").where("title", "like", "Liam:%").execute();
    const before = await counts();

    const summary = await sync(server);
    expect(summary).toMatchObject({ status: "succeeded", created: 0, updated: 4, actionItems: 2 });
    expect(await counts()).toEqual(before);
    expect(await byEvent("ev-roadmap")).toMatchObject({ match_status: "confirmed", matched_id: "co-urban-pantry", matched_by: "user-daniel-costa" });
    const liamItem = await q().selectFrom("action_items").select("is_completed").where("title", "like", "Liam:%").executeTakeFirstOrThrow();
    expect(liamItem.is_completed).toBe(1);
  });

  it("a meeting about an open deal (its name in the title, its client attending) links to the deal", async () => {
    await connect();
    const state = fakeState();
    state.notes = [];
    state.events = [
      calendarEvent({ id: "ev-deal", summary: "Urban Pantry ordering app – scope review", start: hoursFromNow(-3), end: hoursFromNow(-2), organizer: `daniel.costa${D}`, attendees: [`daniel.costa${D}`, `ella.white${D}`, { email: "tim@urbanpantry.com.au", displayName: "Tim Baker" }] }),
    ];
    const { server } = await fakes(state);
    expect(await sync(server)).toMatchObject({ status: "succeeded", created: 1 });
    const meeting = await byEvent("ev-deal");
    expect(meeting).toMatchObject({ matched_type: "deal", matched_id: "deal-urban-pantry-app", match_status: "auto" });
  });

  it("a changed title on re-sync updates the same meeting", async () => {
    await connect();
    const { server, state } = await fakes();
    await sync(server);
    (state.events[2] as { summary: string }).summary = "Coffee with Talent Co";
    const before = await counts();
    await sync(server);
    expect((await byEvent("ev-recruiter"))!.title).toBe("Coffee with Talent Co");
    expect((await counts()).meetings).toBe(before.meetings);
  });

  it("a failing source is reported (without the key) while the other still syncs", async () => {
    await connect();
    const state = fakeState();
    state.granolaKey = "grn_some_other_key";
    const { server } = await fakes(state);
    const summary = await sync(server);
    expect(summary.status).toBe("partial");
    expect(summary.created).toBe(3);
    expect(summary.errors.join(" ")).toMatch(/Granola answered HTTP 401/);
    expect(summary.errors.join(" ")).not.toContain(GRANOLA_KEY);
    expect((await q().selectFrom("meeting_sync_runs").select(["status", "errors"]).executeTakeFirstOrThrow()).status).toBe("partial");
  });

  it("without any connection nothing is fetched or written, and the user is told what to connect", async () => {
    const { server } = await fakes();
    const before = await counts();
    const summary = await sync(server);
    expect(summary.status).toBe("failed");
    expect(summary.errors.join(" ")).toMatch(/Google Calendar is not connected/);
    expect(summary.errors.join(" ")).toMatch(/Granola is not connected/);
    expect(server.requests).toHaveLength(0);
    expect(await counts()).toEqual(before);
  });
});

describe("sync rate limit", () => {
  it("allows 10 syncs per user per 10 minutes, then says to wait", async () => {
    const { server } = await fakes();
    for (let i = 0; i < 10; i++) expect((await sync(server)).errors.join(" ")).not.toMatch(/Too many/);
    expect((await sync(server)).errors).toEqual([expect.stringMatching(/Too many syncs/)]);
    // Another user is not affected.
    expect((await sync(server, "user-aisha-khan")).errors.join(" ")).not.toMatch(/Too many/);
  });
});

describe("transcripts", () => {
  it("are fetched from Granola on first open, cached, and the second open makes no call", async () => {
    await connect();
    const { server } = await fakes();
    await sync(server);
    const kinetic = (await byEvent("ev-kinetic"))!;
    const open = async (id: string, userId = "user-daniel-costa") => {
      const context = contextWith(server);
      return meetingLoader({ request: await getAs(context, userId, `/meetings/${id}?tab=transcript`), context, params: { meetingId: id } }) as ReturnType<typeof meetingLoader>;
    };
    const transcriptCalls = () => server.requests.filter((r) => r.query.get("include") === "transcript").length;
    const first = await open(kinetic.id);
    expect(first.transcript).toMatchObject({ status: "available", segments: [{ speaker: "Note taker", text: "Let's plan offline mode." }, { speaker: "Other participants", text: "We need it before Christmas." }] });
    expect(transcriptCalls()).toBe(1);
    const second = await open(kinetic.id);
    expect(second.transcript).toMatchObject({ status: "available" });
    expect(transcriptCalls()).toBe(1);

    // A note without a transcript: a clear message, also cached.
    const solace = await q().selectFrom("meetings").select("id").where("granola_note_id", "=", "not_solace000001").executeTakeFirstOrThrow();
    const none = await open(solace.id, "user-aisha-khan");
    expect(none.transcript).toMatchObject({ status: "unavailable" });
    expect(none.transcript && "message" in none.transcript ? none.transcript.message : "").toMatch(/no transcript/i);
    await open(solace.id, "user-aisha-khan");
    expect(transcriptCalls()).toBe(2);
  });

  it("when Granola fails the error is shown and not cached", async () => {
    await connect();
    const { server, state } = await fakes();
    await sync(server);
    const kinetic = (await byEvent("ev-kinetic"))!;
    state.granolaKey = "grn_rotated_key";
    const context = contextWith(server);
    const page = await meetingLoader({ request: await getAs(context, "user-daniel-costa", `/meetings/${kinetic.id}?tab=transcript`), context, params: { meetingId: kinetic.id } });
    expect(page.transcript).toMatchObject({ status: "error" });
    expect(await q().selectFrom("meeting_transcripts").selectAll().execute()).toHaveLength(0);
  });
});
