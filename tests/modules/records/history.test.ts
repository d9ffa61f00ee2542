import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { recordHistory } from "~/modules/records/records.server";
import { RECORD_TYPES } from "~/modules/records/registry.server";
import { loader as recordLoader } from "~/routes/_app+/records.$type.$id";
import { batch } from "~/platform/batch.server";
import { diffFields, historyEntry } from "~/platform/history.server";
import { getViewer } from "~/platform/session.server";
import { HistoryList } from "~/ui/history-list";
import { setupTestDb } from "../../support/d1";
import { getAs, statusOf } from "../../support/requests";

const db = setupTestDb({ seed: true });

async function viewerFor(userId: string) {
  const context = db.context();
  const viewer = await getViewer(await getAs(context, userId, "/"), context);
  if (!viewer) throw new Error("no viewer");
  return viewer;
}

async function recordTitleChange() {
  const { db: conn } = db.context();
  await batch(conn, [
    historyEntry(conn, {
      actorId: "user-olivia-bennett",
      resourceType: "person",
      resourceId: "ethan-brown",
      action: "updated",
      changes: diffFields<Record<string, string | null>>({ title: "Developer", squad: "Apex", location: "Melbourne, VIC" }, { title: "Senior Developer", squad: "Apex", location: null }),
    }),
  ]);
}

describe("recordHistory", () => {
  it("returns the record's entries with actor name, scope-checked in one round trip", async () => {
    await recordTitleChange();
    const viewer = await viewerFor("user-daniel-costa");
    const { db: conn } = db.context();
    const result = await recordHistory(conn, viewer, "person", "ethan-brown");
    expect(conn.stats.roundTrips).toBe(1);
    expect(result.record).toMatchObject({ id: "ethan-brown", title: "Ethan Brown", url: "/people/ethan-brown" });
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]).toMatchObject({ action: "updated", actor_name: "Olivia Bennett" });
    expect(JSON.parse(result.entries[0]!.details!).changes).toEqual({
      title: { from: "Developer", to: "Senior Developer" },
      location: { from: "Melbourne, VIC", to: null },
    });
  });

  it("is a 404 out of scope and a 403 without the tool's view grant", async () => {
    await recordTitleChange();
    const { db: conn } = db.context();
    expect(await statusOf(async () => recordHistory(conn, await viewerFor("user-ava-jones"), "person", "ethan-brown"))).toBe(404);
    expect(await statusOf(async () => recordHistory(conn, await viewerFor("user-ethan-brown"), "company", "co-harbour-co"))).toBe(403);
    expect(await statusOf(async () => recordHistory(conn, await viewerFor("user-daniel-costa"), "user", "user-ethan-brown"))).toBe(403);
    expect(await statusOf(async () => recordHistory(conn, await viewerFor("user-olivia-bennett"), "user", "user-ethan-brown"))).toBe(200);
  });

  it("action items: executives and heads see all, others only their own", async () => {
    const { db: conn } = db.context();
    expect(await statusOf(async () => recordHistory(conn, await viewerFor("user-ethan-brown"), "action_item", "ai-timesheet-ethan"))).toBe(200);
    expect(await statusOf(async () => recordHistory(conn, await viewerFor("user-ethan-brown"), "action_item", "ai-qbr-harbour"))).toBe(404);
    expect(await statusOf(async () => recordHistory(conn, await viewerFor("user-priya-raman"), "action_item", "ai-qbr-harbour"))).toBe(200);
  });
});

describe("the History tab", () => {
  it("shows actor, action and each changed field before → after", async () => {
    await recordTitleChange();
    const context = db.context();
    const request = await getAs(context, "user-olivia-bennett", "/records/person/ethan-brown?tab=history");
    const data = await recordLoader({ request, context, params: { type: "person", id: "ethan-brown" } });
    expect(data.tab).toBe("history");
    const html = renderToStaticMarkup(createElement(HistoryList, { entries: data.history }));
    expect(html).toContain("Olivia Bennett");
    expect(html).toContain("updated");
    expect(html).toMatch(/<th scope="row"[^>]*>Title<\/th><td[^>]*><del[^>]*>Developer<\/del><\/td><td[^>]*><span aria-hidden="true">→ <\/span><ins[^>]*>Senior Developer<\/ins>/);
    expect(html).toMatch(/Location<\/th><td[^>]*><del[^>]*>Melbourne, VIC<\/del>.*<ins[^>]*>—<\/ins>/);
    expect(html).not.toContain("Squad"); // unchanged fields are not listed
    expect(html).toMatch(/<time dateTime="[^"]+" title="\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC"/);
  });

  it("has an empty state", () => {
    const html = renderToStaticMarkup(createElement(HistoryList, { entries: [] }));
    expect(html).toContain("No history yet");
  });
});

describe("registry", () => {
  it("every registered type names a tool, a label, a url and a scoped query", () => {
    for (const [type, entry] of Object.entries(RECORD_TYPES)) {
      expect(entry.label, type).toBeTruthy();
      expect(entry.url("x")).toMatch(/^\//);
    }
  });
});
