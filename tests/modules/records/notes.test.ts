import { describe, expect, it } from "vitest";
import { action as notesAction } from "~/routes/_app+/notes";
import { loader as recordLoader } from "~/routes/_app+/records.$type.$id";
import type { AppLoadContext } from "~/platform/context.server";
import { setupTestDb } from "../../support/d1";
import { getAs, ORIGIN, postAs, statusOf } from "../../support/requests";

const db = setupTestDb({ seed: true });

/** A context whose background work (delivery) can be awaited. */
function contextWithWaits() {
  const context = db.context();
  const pending: Promise<unknown>[] = [];
  context.waitUntil = (p) => pending.push(p);
  return { context, settle: () => Promise.all(pending) };
}

async function post(userId: string, fields: Record<string, string | string[]>, context: AppLoadContext = db.context()) {
  const request = await postAs(context, userId, "/notes", fields);
  return notesAction({ request, context, params: {} }).catch((e: unknown) => e);
}

async function postStatus(userId: string, fields: Record<string, string | string[]>) {
  return statusOf(async () => {
    const result = await post(userId, fields);
    if (result instanceof Response && result.status >= 400) throw result;
    return result;
  });
}

async function page(userId: string, path: string) {
  const context = db.context();
  const request = await getAs(context, userId, path);
  const [, , type, id] = new URL(ORIGIN + path).pathname.split("/");
  return recordLoader({ request, context, params: { type: type!, id: id! } });
}

async function notesSeenBy(userId: string, type: string, id: string) {
  const data = await page(userId, `/records/${type}/${id}?tab=notes`);
  return data.notes.map((n) => n.content);
}

async function noteRows() {
  // Notes on Ethan's record (the seed has notes on other people).
  return db.context().db.query.selectFrom("notes").selectAll().where("resource_id", "=", "ethan-brown").orderBy("created_at").execute();
}

const onEthan = { resourceType: "person", resourceId: "ethan-brown", redirectTo: "/records/person/ethan-brown?tab=notes" };

describe("note visibility", () => {
  it("an executive-only note stays with executives; person notes never reach the person or leads", async () => {
    expect(await postStatus("user-olivia-bennett", { ...onEthan, intent: "create", content: "Exec only: salary review pending", visibility: "executive" })).toBe(303);
    expect(await postStatus("user-olivia-bennett", { ...onEthan, intent: "create", content: "Great demo on Friday" })).toBe(303);
    expect(await notesSeenBy("user-olivia-bennett", "person", "ethan-brown")).toEqual(
      expect.arrayContaining(["Great demo on Friday", "Exec only: salary review pending"]),
    );
    expect(await notesSeenBy("user-daniel-costa", "person", "ethan-brown")).toEqual(["Great demo on Friday"]);
    // Confidential (ORIGINAL §3.5): employees and leads have no person notes, not even "everyone" ones.
    expect(await notesSeenBy("user-ethan-brown", "person", "ethan-brown")).toEqual([]);
    const everyone = (await noteRows()).find((n) => n.content === "Great demo on Friday")!;
    expect(JSON.parse(everyone.visibility)).toEqual(["executive", "head", "manager"]);
    expect(await postStatus("user-ethan-brown", { ...onEthan, intent: "create", content: "About me" })).toBe(403);
    const data = await page("user-ethan-brown", "/records/person/ethan-brown?tab=notes");
    expect(data.canUseNotes).toBe(false);
  });

  it("always includes executive, even when the form leaves it out", async () => {
    expect(await postStatus("user-daniel-costa", { ...onEthan, intent: "create", content: "For managers", visibility: ["manager"] })).toBe(303);
    const [note] = await noteRows();
    expect(JSON.parse(note!.visibility)).toEqual(["executive", "manager"]);
    expect(await notesSeenBy("user-olivia-bennett", "person", "ethan-brown")).toEqual(["For managers"]);
    // A head in whose subtree Ethan is, but whose level is not in the visibility.
    expect(await notesSeenBy("user-priya-raman", "person", "ethan-brown")).toEqual([]);
  });

  it("replies inherit the thread's visibility and thread under the root note", async () => {
    await post("user-daniel-costa", { ...onEthan, intent: "create", content: "Root", visibility: ["manager"] });
    const [root] = await noteRows();
    expect(await postStatus("user-olivia-bennett", { ...onEthan, intent: "reply", parentId: root!.id, content: "Reply" })).toBe(303);
    const reply = (await noteRows()).find((n) => n.content === "Reply")!;
    expect(reply.parent_id).toBe(root!.id);
    expect(JSON.parse(reply.visibility)).toEqual(["executive", "manager"]);
    // A reply to a note the viewer cannot see is a 404.
    expect(await postStatus("user-priya-raman", { ...onEthan, intent: "reply", parentId: root!.id, content: "Sneaky" })).toBe(404);
  });

  it("a note with no tool view grant is refused (employees cannot view companies)", async () => {
    const company = { resourceType: "company", resourceId: "co-harbour-co", intent: "create", content: "Renewal in March" };
    expect(await postStatus("user-ethan-brown", company)).toBe(403);
    expect(await postStatus("user-daniel-costa", company)).toBe(303);
    expect(await notesSeenBy("user-daniel-costa", "company", "co-harbour-co")).toEqual(["Renewal in March"]);
  });
});

describe("person notes follow the hierarchy", () => {
  it("seeded thread: the manager reads it, the lead it is about does not (level not in its visibility)", async () => {
    const tom = await page("user-tom-fletcher", "/records/person/lucas-rossi?tab=notes");
    expect(tom.notes.map((n) => n.id).sort()).toEqual(["note-lucas-leadership", "note-lucas-leadership-reply"]);
    expect(tom.notes.find((n) => n.id === "note-lucas-leadership")!.can_edit).toBe(1);
    expect(tom.notes.find((n) => n.id === "note-lucas-leadership-reply")!.can_edit).toBe(0);
    expect((await page("user-lucas-rossi", "/records/person/lucas-rossi?tab=notes")).notes).toEqual([]);
  });

  it("a manager cannot read or add notes on someone outside their subtree (404)", async () => {
    await post("user-olivia-bennett", { resourceType: "person", resourceId: "ava-jones", intent: "create", content: "About Ava" });
    expect(await statusOf(() => page("user-daniel-costa", "/records/person/ava-jones?tab=notes"))).toBe(404);
    expect(await statusOf(() => page("user-daniel-costa", "/records/person/ava-jones?tab=history"))).toBe(404);
    expect(await postStatus("user-daniel-costa", { resourceType: "person", resourceId: "ava-jones", intent: "create", content: "Hi" })).toBe(404);
    // Inside the subtree (Daniel → Liam → Ethan) it works.
    expect(await statusOf(() => page("user-daniel-costa", "/records/person/ethan-brown"))).toBe(200);
  });

  it("an employee sees only their own record; unknown types and ids are 404", async () => {
    expect(await statusOf(() => page("user-ethan-brown", "/records/person/chloe-martin"))).toBe(404);
    expect(await statusOf(() => page("user-ethan-brown", "/records/person/ethan-brown"))).toBe(200);
    expect(await statusOf(() => page("user-olivia-bennett", "/records/spaceship/x1"))).toBe(404);
    expect(await statusOf(() => page("user-olivia-bennett", "/records/person/nobody"))).toBe(404);
  });

  it("the record page costs at most 2 round trips", async () => {
    const context = db.context();
    const request = await getAs(context, "user-daniel-costa", "/records/person/ethan-brown?tab=notes");
    const before = context.db.stats.roundTrips;
    await recordLoader({ request, context, params: { type: "person", id: "ethan-brown" } });
    expect(context.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
  });
});

describe("editing and deleting", () => {
  async function danielsNote() {
    await post("user-daniel-costa", { ...onEthan, intent: "create", content: "Original" });
    return (await noteRows())[0]!;
  }

  it("only the author or an executive may edit (others get 403)", async () => {
    const note = await danielsNote();
    // Priya (head) can read it (Ethan is in her subtree) but did not write it.
    expect(await notesSeenBy("user-priya-raman", "person", "ethan-brown")).toEqual(["Original"]);
    expect(await postStatus("user-priya-raman", { ...onEthan, intent: "edit", noteId: note.id, content: "Hijacked" })).toBe(403);
    expect(await postStatus("user-priya-raman", { ...onEthan, intent: "delete", noteId: note.id })).toBe(403);
    expect((await noteRows())[0]!.content).toBe("Original");
    expect(await postStatus("user-daniel-costa", { ...onEthan, intent: "edit", noteId: note.id, content: "Edited by author" })).toBe(303);
    expect(await postStatus("user-olivia-bennett", { ...onEthan, intent: "edit", noteId: note.id, content: "Edited by exec" })).toBe(303);
    expect((await noteRows())[0]!.content).toBe("Edited by exec");
  });

  it("edit of a note through another record is a 404; delete removes it and its replies, with history", async () => {
    const note = await danielsNote();
    await post("user-olivia-bennett", { ...onEthan, intent: "reply", parentId: note.id, content: "A reply" });
    expect(await postStatus("user-daniel-costa", { resourceType: "person", resourceId: "chloe-martin", intent: "edit", noteId: note.id, content: "x" })).toBe(404);
    expect(await postStatus("user-daniel-costa", { ...onEthan, intent: "delete", noteId: note.id })).toBe(303);
    expect(await noteRows()).toEqual([]);
    const history = await db.context().db.query.selectFrom("history").select(["action", "actor_id"]).where("resource_id", "=", "ethan-brown").orderBy("created_at").execute();
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(["note_added", "note_replied", "note_deleted"]));
  });
});

describe("mentions", () => {
  it("notifies mentioned users who may see the note, in the same batch, and not those who cannot", async () => {
    const { context, settle } = contextWithWaits();
    const response = (await post(
      "user-daniel-costa",
      { ...onEthan, intent: "create", content: "Nice work on the API migration, @priya.raman FYI", mentions: ["user-ethan-brown", "user-ava-jones"] },
      context,
    )) as Response;
    expect(response.status).toBe(303);
    // Ava cannot see Ethan's record and Ethan (employee) cannot read person notes: reported back, not notified.
    const notice = new URL(response.headers.get("Location")!, ORIGIN).searchParams.get("noteNotice") ?? "";
    expect(notice).toMatch(/^Not notified \(they cannot see this note\): /);
    expect(notice.split(": ")[1]!.split(", ").sort()).toEqual(["Ava Jones", "Ethan Brown"]);
    await settle();
    const q = db.context().db.query;
    const notifications = await q.selectFrom("notifications").selectAll().where("type", "=", "note_mention").orderBy("user_id").execute();
    expect(notifications.map((n) => n.user_id)).toEqual(["user-priya-raman"]);
    const [note] = await noteRows();
    expect(notifications[0]!.action_url).toBe(`/people/ethan-brown?tab=notes#note-${note!.id}`);
    expect(notifications[0]!.title).toBe("Daniel Costa mentioned you in a note on Ethan Brown");
    expect(notifications[0]!.created_at).toBe(note!.created_at);
    expect(JSON.parse(note!.mentions).sort()).toEqual(["user-ava-jones", "user-ethan-brown", "user-priya-raman"]);
    // Delivery ran after the batch: the log has the in-app row for each.
    const log = await q.selectFrom("notification_delivery_log").select(["notification_id", "channel"]).where("channel", "=", "in_app").execute();
    expect(log).toHaveLength(1);
  });

  it("a mentioned user whose level is not in the visibility is not notified", async () => {
    await post("user-daniel-costa", { ...onEthan, intent: "create", content: "Managers only", visibility: ["manager"], mentions: ["user-ethan-brown"] });
    const rows = await db.context().db.query.selectFrom("notifications").select("user_id").execute();
    expect(rows).toEqual([]);
  });

  it("the note, its history row and its notifications are one atomic batch", async () => {
    // Without the notification type the notification insert fails, and so must the whole write.
    await db.exec("DELETE FROM notification_types WHERE key = 'note_mention';");
    await expect(post("user-daniel-costa", { ...onEthan, intent: "create", content: "Hello", mentions: "user-priya-raman" }).then((r) => {
      if (r instanceof Error) throw r;
      return r;
    })).rejects.toThrow();
    expect(await noteRows()).toEqual([]);
    const history = await db.context().db.query.selectFrom("history").select("id").where("resource_id", "=", "ethan-brown").execute();
    expect(history).toEqual([]);
  });

  it("writes a note_added history row on the record with the author as actor", async () => {
    await post("user-daniel-costa", { ...onEthan, intent: "create", content: "Hello" });
    const history = await db.context().db.query.selectFrom("history").selectAll().where("resource_type", "=", "person").where("resource_id", "=", "ethan-brown").execute();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: "note_added", actor_id: "user-daniel-costa" });
    // The history row never carries the note's content (history has no per-note visibility).
    expect(history[0]!.details ?? "").not.toContain("Hello");
  });
});

describe("bad input", () => {
  it("answers 400 with field messages, never a 500 or a partial write", async () => {
    const empty = (await post("user-daniel-costa", { ...onEthan, intent: "create", content: "   " })) as { init?: { status?: number }; data?: { errors: Record<string, string> } };
    expect(empty.init?.status).toBe(400);
    expect(empty.data?.errors.content).toBe("Write something first");
    expect(await postStatus("user-daniel-costa", { ...onEthan, intent: "explode", content: "x" })).toBe(400);
    expect(await postStatus("user-daniel-costa", { ...onEthan, resourceType: "spaceship", intent: "create", content: "x" })).toBe(400);
    expect(await postStatus("user-daniel-costa", { ...onEthan, intent: "create", content: "x", visibility: ["root"] })).toBe(400);
    expect(await postStatus("user-daniel-costa", { ...onEthan, intent: "edit", content: "x" })).toBe(400);
    expect(await postStatus("user-daniel-costa", { ...onEthan, intent: "create", content: "x".repeat(5001) })).toBe(400);
    expect(await noteRows()).toEqual([]);
  });

  it("without JavaScript, bad input goes back to the page with the message", async () => {
    const context = db.context();
    const request = await postAs(context, "user-daniel-costa", "/notes", { ...onEthan, intent: "create", content: "" });
    request.headers.set("Sec-Fetch-Mode", "navigate");
    const response = (await notesAction({ request, context, params: {} })) as Response;
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("Location")!, ORIGIN);
    expect(location.pathname).toBe("/records/person/ethan-brown");
    expect(location.searchParams.get("noteError")).toBe("Write something first");
  });

  it("never redirects off-site", async () => {
    const response = (await post("user-daniel-costa", { ...onEthan, redirectTo: "//evil.example/x", intent: "create", content: "Hi" })) as Response;
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toMatch(/^\/people\/ethan-brown\?tab=notes#note-/);
  });

  it("anonymous posts go to sign-in", async () => {
    expect(await statusOf(() => post(null as unknown as string, { ...onEthan, intent: "create", content: "x" }).then((r) => {
      if (r instanceof Response) throw r;
      return r;
    }))).toBe(302);
  });
});
