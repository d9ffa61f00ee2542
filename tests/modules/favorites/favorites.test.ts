import { describe, expect, it } from "vitest";
import { getViewer } from "~/platform/session.server";
import { action, loader } from "~/routes/_app+/favorites";
import { setupTestDb } from "../../support/d1";
import { getAs, postAs, statusOf } from "../../support/requests";

const db = setupTestDb({ seed: true });

async function post(userId: string, fields: Record<string, string>) {
  const context = db.context();
  const request = await postAs(context, userId, "/favorites", fields);
  return statusOf(() => action({ request, context, params: {} }));
}
async function pins(userId: string) {
  const context = db.context();
  return (await getViewer(await getAs(context, userId, "/"), context))!.favorites;
}

describe("sidebar favourites", () => {
  it("lists only the tools the viewer may view, marking pins", async () => {
    const context = db.context();
    const data = await loader({ request: await getAs(context, "user-ethan-brown", "/favorites"), context, params: {} });
    const keys = data.items.map((i) => i.key);
    expect(keys).toContain("action-centre");
    expect(keys).not.toContain("admin");
    expect(data.pinned).toEqual([]);
  });

  it("pins in order, moves up and down, unpins", async () => {
    expect(await post("user-ethan-brown", { intent: "pin", key: "action-centre" })).toBe(200);
    expect(await post("user-ethan-brown", { intent: "pin", key: "people" })).toBe(200);
    expect(await post("user-ethan-brown", { intent: "pin", key: "notifications" })).toBe(200);
    expect(await pins("user-ethan-brown")).toEqual(["action-centre", "people", "notifications"]);
    expect(await post("user-ethan-brown", { intent: "up", key: "notifications" })).toBe(200);
    expect(await pins("user-ethan-brown")).toEqual(["action-centre", "notifications", "people"]);
    expect(await post("user-ethan-brown", { intent: "down", key: "action-centre" })).toBe(200);
    expect(await pins("user-ethan-brown")).toEqual(["notifications", "action-centre", "people"]);
    expect(await post("user-ethan-brown", { intent: "up", key: "notifications" })).toBe(200); // already first: no change
    expect(await post("user-ethan-brown", { intent: "unpin", key: "action-centre" })).toBe(200);
    expect(await pins("user-ethan-brown")).toEqual(["notifications", "people"]);
    // Pinning twice is harmless; other users are unaffected.
    expect(await post("user-ethan-brown", { intent: "pin", key: "people" })).toBe(200);
    expect(await pins("user-ethan-brown")).toEqual(["notifications", "people"]);
    expect(await pins("user-chloe-martin")).toEqual([]);
  });

  it("refuses tools the viewer may not view, unknown keys and unknown intents", async () => {
    expect(await post("user-ethan-brown", { intent: "pin", key: "admin" })).toBe(400);
    expect(await post("user-ethan-brown", { intent: "pin", key: "no-such-tool" })).toBe(400);
    expect(await post("user-ethan-brown", { intent: "explode", key: "people" })).toBe(400);
    expect(await post("user-ethan-brown", { intent: "down", key: "people" })).toBe(400); // not pinned
    expect(await pins("user-ethan-brown")).toEqual([]);
    expect(await post("user-olivia-bennett", { intent: "pin", key: "admin" })).toBe(200);
  });

  it("requires sign-in", async () => {
    const context = db.context();
    expect(await statusOf(() => loader({ request: new Request("http://localhost:8788/favorites"), context, params: {} }))).toBe(302);
  });
});
