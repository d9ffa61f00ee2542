import { describe, expect, it } from "vitest";
import { timelineQuery } from "~/modules/crm/timeline.server";
import { meetingsForRecordQuery } from "~/modules/meetings/meetings.server";
import { globalSearch } from "~/modules/search/search.server";
import { batch } from "~/platform/batch.server";
import { getViewer } from "~/platform/session.server";
import { action as meetingAction, loader as meetingLoader } from "~/routes/_app+/meetings+/$meetingId";
import { loader as listLoader } from "~/routes/_app+/meetings+/_index";
import { action as triageAction, loader as triageLoader } from "~/routes/_app+/meetings+/triage";
import { setupTestDb } from "../../support/d1";
import { getAs, postAs, statusOf } from "../../support/requests";

const db = setupTestDb({ seed: true });

type ListData = Awaited<ReturnType<typeof listLoader>>;
type MeetingData = Awaited<ReturnType<typeof meetingLoader>>;

async function list(userId: string, query = "") {
  const context = db.context();
  return (await listLoader({ request: await getAs(context, userId, `/meetings${query}`), context, params: {} })) as ListData;
}

async function open(userId: string, id: string, query = "") {
  const context = db.context();
  return meetingLoader({ request: await getAs(context, userId, `/meetings/${id}${query}`), context, params: { meetingId: id } }) as Promise<MeetingData>;
}

async function post(userId: string, id: string, fields: Record<string, string>) {
  const context = db.context();
  return meetingAction({ request: await postAs(context, userId, `/meetings/${id}`, fields), context, params: { meetingId: id } });
}

async function meeting(id: string) {
  return db.context().db.query.selectFrom("meetings").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function viewerOf(userId: string) {
  const context = db.context();
  const viewer = await getViewer(await getAs(context, userId, "/"), context);
  if (!viewer) throw new Error("no viewer");
  return { context, viewer };
}

describe("meetings list and scope", () => {
  it("employees have no meetings tool; leads, managers and executives do", async () => {
    const as = async (userId: string | null) => {
      const context = db.context(); // the viewer is memoised per request context
      return statusOf(async () => listLoader({ request: await getAs(context, userId, "/meetings"), context, params: {} }));
    };
    expect(await as("user-ethan-brown")).toBe(403);
    expect(await as(null)).toBe(302);
    expect((await list("user-liam-murphy")).total).toBeGreaterThan(0);
  });

  it("mine = organiser/attendee/owner; a manager's team adds their subtree; executives see everyone", async () => {
    const liam = await list("user-liam-murphy");
    expect(liam.rows.map((r) => r.id).sort()).toEqual(["mtg-apex-sync", "mtg-kinetic-review"]);
    expect(liam.team).toBeNull();
    const daniel = await list("user-daniel-costa", "?view=team");
    expect(daniel.team).toBe("My team");
    expect(daniel.rows.map((r) => r.id)).not.toContain("mtg-greenleaf-catchup");
    expect(daniel.rows.map((r) => r.id)).toContain("mtg-kinetic-review");
    const olivia = await list("user-olivia-bennett", "?view=team");
    expect(olivia.team).toBe("Everyone");
    expect(olivia.total).toBe(6);
    expect((await list("user-olivia-bennett")).total).toBe(0); // Olivia attends none herself
  });

  it("filters by time, match state and title, with pagination numbers", async () => {
    const upcoming = await list("user-olivia-bennett", "?view=team&when=upcoming");
    expect(upcoming.rows.map((r) => r.id)).toEqual(["mtg-apex-sync", "mtg-atlas-discovery"].filter((id) => upcoming.rows.some((r) => r.id === id)));
    expect(upcoming.rows.every((r) => r.starts_at >= new Date().toISOString().slice(0, 19))).toBe(true);
    const suggested = await list("user-olivia-bennett", "?view=team&match=suggested");
    expect(suggested.rows.map((r) => r.id)).toEqual(["mtg-greenleaf-catchup"]);
    expect(suggested.rows[0]).toMatchObject({ matched_name: "Greenleaf Energy", match_confidence: 65 });
    const search = await list("user-olivia-bennett", "?view=team&q=sprint");
    expect(search.rows.map((r) => r.id)).toEqual(["mtg-kinetic-review"]);
    expect(search.pageCount).toBe(1);
    expect((await list("user-olivia-bennett", "?view=team")).pending).toEqual({ suggested: 1, triage: 1 });
  });

  it("out-of-scope meetings are 404, in-scope ones open with attendees and action items", async () => {
    expect(await statusOf(() => open("user-liam-murphy", "mtg-harbour-qbr"))).toBe(404);
    expect(await statusOf(() => open("user-daniel-costa", "mtg-greenleaf-catchup"))).toBe(404);
    expect(await statusOf(() => open("user-tom-fletcher", "mtg-kinetic-review"))).toBe(404);
    expect(await statusOf(() => open("user-olivia-bennett", "mtg-nope"))).toBe(404);
    const page = await open("user-daniel-costa", "mtg-kinetic-review");
    expect(page.meeting.matched_name).toBe("Kinetic driver app");
    expect(page.attendees.map((a) => a.email)).toContain("peter@kineticlogistics.com");
    expect(page.attendees.find((a) => a.email === "peter@kineticlogistics.com")).toMatchObject({ contact_id: "ct-peter-nolan", company_name: "Kinetic Logistics" });
    expect(page.actionItems.map((a) => [a.text, a.assignee, a.is_completed])).toEqual([
      ["Scope offline mode for the driver app (@Liam)", "Liam Murphy", 0],
      ["Fix dispatch webhook retries (@Ethan)", "Ethan Brown", 0],
    ]);
    // A manager sees a report's meeting through the report's attendance (Liam is under Daniel).
    expect(await statusOf(() => open("user-daniel-costa", "mtg-apex-sync"))).toBe(200);
  });

  it("a transcript for a meeting without a Granola note says so (no API call, nothing cached)", async () => {
    const page = await open("user-tom-fletcher", "mtg-harbour-qbr", "?tab=transcript");
    expect(page.transcript).toMatchObject({ status: "unavailable" });
    expect(page.transcript && "message" in page.transcript ? page.transcript.message : "").toMatch(/no Granola note/);
    expect(await db.context().db.query.selectFrom("meeting_transcripts").selectAll().execute()).toHaveLength(0);
  });
});

describe("suggestions and triage", () => {
  it("accepting a suggestion links the meeting, with a history row; the lead (view only) may not", async () => {
    expect(await statusOf(() => post("user-liam-murphy", "mtg-greenleaf-catchup", { intent: "accept" }))).toBe(403);
    expect(await statusOf(() => post("user-daniel-costa", "mtg-greenleaf-catchup", { intent: "accept" }))).toBe(404);
    const response = (await post("user-aisha-khan", "mtg-greenleaf-catchup", { intent: "accept" })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/meetings/mtg-greenleaf-catchup?notice=accepted");
    expect(await meeting("mtg-greenleaf-catchup")).toMatchObject({ match_status: "confirmed", matched_type: "company", matched_id: "co-greenleaf", matched_by: "user-aisha-khan" });
    const history = await db.context().db.query.selectFrom("history").select(["action", "actor_id"]).where("resource_type", "=", "meeting").where("resource_id", "=", "mtg-greenleaf-catchup").where("action", "=", "link_accepted").execute();
    expect(history).toEqual([{ action: "link_accepted", actor_id: "user-aisha-khan" }]);
    // Accepting again: nothing to accept → 400, no change.
    expect(await statusOf(() => post("user-aisha-khan", "mtg-greenleaf-catchup", { intent: "accept" }))).toBe(400);
  });

  it("dismissing a suggestion sends the meeting to triage, where a company can be picked by hand", async () => {
    const response = (await post("user-aisha-khan", "mtg-greenleaf-catchup", { intent: "dismiss", returnTo: "/meetings?view=team" })) as Response;
    expect(response.headers.get("Location")).toBe("/meetings?view=team&notice=dismissed");
    expect(await meeting("mtg-greenleaf-catchup")).toMatchObject({ match_status: "triage", matched_id: null });
    const context = db.context();
    const triage = (await triageLoader({ request: await getAs(context, "user-aisha-khan", "/meetings/triage"), context, params: {} })) as Awaited<ReturnType<typeof triageLoader>>;
    expect(triage.rows.map((r) => r.id)).toEqual(["mtg-greenleaf-catchup"]);
    expect(triage.options.map((o) => o.type)).toEqual(["company", "project", "deal"]);

    const link = (fields: Record<string, string>, userId = "user-aisha-khan") =>
      postAs(context, userId, "/meetings/triage", fields).then((request) => triageAction({ request, context, params: {} }));
    expect(await statusOf(() => link({ intent: "link", meetingId: "mtg-greenleaf-catchup", target: "" }))).toBe(400);
    expect(await statusOf(() => link({ intent: "link", meetingId: "mtg-greenleaf-catchup", target: "company:co-missing" }))).toBe(400);
    expect(await statusOf(() => link({ intent: "link", meetingId: "mtg-greenleaf-catchup", target: "planet:x" }))).toBe(400);
    expect(await statusOf(() => link({ intent: "link", meetingId: "mtg-northwind-intro", target: "company:co-solace" }, "user-aisha-khan"))).toBe(404);
    expect((await meeting("mtg-greenleaf-catchup")).match_status).toBe("triage");
    const ok = (await link({ intent: "link", meetingId: "mtg-greenleaf-catchup", target: "project:proj-greenleaf-seo" })) as Response;
    expect(ok.headers.get("Location")).toBe("/meetings/triage?notice=linked");
    expect(await meeting("mtg-greenleaf-catchup")).toMatchObject({ match_status: "confirmed", matched_type: "project", matched_id: "proj-greenleaf-seo" });
  });

  it("no link needed takes a meeting out of triage", async () => {
    const context = db.context();
    const request = await postAs(context, "user-marcus-lee", "/meetings/triage", { intent: "no-link", meetingId: "mtg-northwind-intro" });
    expect(((await triageAction({ request, context, params: {} })) as Response).status).toBe(302);
    expect(await meeting("mtg-northwind-intro")).toMatchObject({ match_status: "dismissed", matched_by: "user-marcus-lee" });
  });
});

describe("meetings on company and contact pages", () => {
  it("meetingsForRecordQuery finds meetings linked to the company or its projects, or attended by its contacts, in scope", async () => {
    const { context, viewer } = await viewerOf("user-olivia-bennett");
    const [kinetic, peter, harbour, greenleaf] = await batch(context.db, [
      meetingsForRecordQuery(context.db, viewer, { companyId: "co-kinetic" }, { limit: 10, offset: 0 }),
      meetingsForRecordQuery(context.db, viewer, { contactId: "ct-peter-nolan" }, { limit: 10, offset: 0 }),
      meetingsForRecordQuery(context.db, viewer, { companyId: "co-harbour-co" }, { limit: 10, offset: 0 }),
      meetingsForRecordQuery(context.db, viewer, { companyId: "co-greenleaf" }, { limit: 10, offset: 0 }),
    ]);
    expect(kinetic.map((m) => m.id)).toEqual(["mtg-kinetic-review"]);
    expect(peter.map((m) => m.id)).toEqual(["mtg-kinetic-review"]);
    expect(harbour.map((m) => m.id)).toEqual(["mtg-harbour-qbr"]);
    // Only suggested (not linked), but Sam attended: it shows.
    expect(greenleaf.map((m) => m.id)).toEqual(["mtg-greenleaf-catchup"]);
    const liam = await viewerOf("user-liam-murphy");
    const [hidden] = await batch(liam.context.db, [meetingsForRecordQuery(liam.context.db, liam.viewer, { companyId: "co-harbour-co" }, { limit: 10, offset: 0 })]);
    expect(hidden).toEqual([]);
  });

  it("the company timeline and global search include meetings", async () => {
    const { context, viewer } = await viewerOf("user-olivia-bennett");
    const [rows] = await batch(context.db, [timelineQuery(context.db, viewer, { type: "company", id: "co-kinetic" })]);
    expect(rows.map((r) => r.key)).toContain("meeting:mtg-kinetic-review");
    const groups = await globalSearch(context.db, viewer, "sprint review");
    expect(groups.find((g) => g.type === "meeting")?.hits.map((h) => h.url)).toEqual(["/meetings/mtg-kinetic-review"]);
    const tom = await viewerOf("user-tom-fletcher");
    const none = await globalSearch(tom.context.db, tom.viewer, "sprint review");
    expect(none.find((g) => g.type === "meeting")).toBeUndefined();
  });
});
