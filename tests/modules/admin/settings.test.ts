import { describe, expect, it } from "vitest";
import { action as settingsAction, loader as settingsLoader } from "~/routes/_app+/admin+/settings";
import { action as preferencesAction, loader as preferencesLoader } from "~/routes/_app+/preferences";
import { effectiveSettings, loadEffectiveSettings, readEffectiveSettings } from "~/modules/settings/settings.server";
import { batch } from "~/platform/batch.server";
import { setupTestDb } from "../../support/d1";
import { EMPLOYEE, EXEC, get, MANAGER, post } from "./helpers";

const db = setupTestDb({ seed: true });

type Invalid = { errors: Record<string, string> };

async function orgSettings() {
  const rows = await db.context().db.query.selectFrom("org_settings").select(["key", "value", "updated_by"]).orderBy("key").execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

describe("organisation settings", () => {
  it("shows the seeded defaults", async () => {
    const page = await get(settingsLoader, db.context(), EXEC, "/admin/settings");
    const data = page.data as { values: { timezone: string; holiday_state: string }; timeZones: string[] };
    expect(data.values).toEqual({ timezone: "Australia/Melbourne", holiday_state: "AU-VIC" });
    expect(data.timeZones).toContain("Australia/Perth");
  });

  it("rejects an unknown time zone or state with a 400 per field and writes nothing", async () => {
    const result = await post(settingsAction, db.context(), EXEC, "/admin/settings", { timezone: "Mars/Olympus_Mons", holiday_state: "AU-XX" });
    expect(result.status).toBe(400);
    const errors = (result.data as Invalid).errors;
    expect(errors.timezone).toMatch(/time zone/);
    expect(errors.holiday_state).toMatch(/state or territory/);
    expect((await post(settingsAction, db.context(), EXEC, "/admin/settings", {})).status).toBe(400);
    expect(await orgSettings()).toEqual({ holiday_state: "AU-VIC", timezone: "Australia/Melbourne" });
    expect(await db.context().db.query.selectFrom("history").select("id").where("resource_type", "=", "org_settings").execute()).toHaveLength(0);
  });

  it("saves valid settings with a before/after history row", async () => {
    const result = await post(settingsAction, db.context(), EXEC, "/admin/settings", { timezone: "Australia/Perth", holiday_state: "AU-WA" });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/admin/settings?saved=1");
    expect(await orgSettings()).toEqual({ holiday_state: "AU-WA", timezone: "Australia/Perth" });
    const history = await db.context().db.query.selectFrom("history").selectAll().where("resource_type", "=", "org_settings").execute();
    expect(history).toHaveLength(1);
    expect(history[0].actor_id).toBe(EXEC);
    expect(JSON.parse(history[0].details!).changes).toEqual({
      timezone: { from: "Australia/Melbourne", to: "Australia/Perth" },
      holiday_state: { from: "AU-VIC", to: "AU-WA" },
    });
    // Saving the same values again changes nothing.
    const again = await post(settingsAction, db.context(), EXEC, "/admin/settings", { timezone: "Australia/Perth", holiday_state: "AU-WA" });
    expect(again.location).toBe("/admin/settings?saved=0");
    expect(await db.context().db.query.selectFrom("history").select("id").where("resource_type", "=", "org_settings").execute()).toHaveLength(1);
  });
});

describe("preferences and effective settings", () => {
  it("every employee may open and save their preferences", async () => {
    for (const who of [EMPLOYEE, MANAGER, EXEC]) {
      expect((await get(preferencesLoader, db.context(), who, "/preferences")).status).toBe(200);
    }
    expect((await get(preferencesLoader, db.context(), null, "/preferences")).status).toBe(302);
    expect((await post(preferencesAction, db.context(), null, "/preferences", { timezone: "UTC" })).status).toBe(302);
    expect(await db.context().db.query.selectFrom("user_preferences").select("user_id").execute()).toHaveLength(0);
  });

  it("resolves user override → organisation → built-in default", async () => {
    const { db: d } = db.context();
    expect(await loadEffectiveSettings(d, EMPLOYEE)).toEqual({
      timezone: "Australia/Melbourne", holidayState: "AU-VIC",
      user: { timezone: null, holidayState: null }, org: { timezone: "Australia/Melbourne", holidayState: "AU-VIC" },
    });
    const saved = await post(preferencesAction, db.context(), EMPLOYEE, "/preferences", { timezone: "Australia/Brisbane", holiday_state: "" });
    expect(saved.location).toBe("/preferences?saved=1");
    await post(settingsAction, db.context(), EXEC, "/admin/settings", { timezone: "Australia/Sydney", holiday_state: "AU-NSW" });
    const mine = await loadEffectiveSettings(d, EMPLOYEE);
    expect(mine.timezone).toBe("Australia/Brisbane");
    expect(mine.holidayState).toBe("AU-NSW");
    const someoneElse = await loadEffectiveSettings(d, MANAGER);
    expect([someoneElse.timezone, someoneElse.holidayState]).toEqual(["Australia/Sydney", "AU-NSW"]);
    await db.exec("DELETE FROM org_settings;");
    const fallback = await loadEffectiveSettings(d, MANAGER);
    expect([fallback.timezone, fallback.holidayState]).toEqual(["Australia/Melbourne", "AU-VIC"]);
  });

  it("is a query other areas can put in their own batch", async () => {
    const { db: d } = db.context();
    const [rows, people] = await batch(d, [effectiveSettings(d, EMPLOYEE), d.query.selectFrom("people").select("id").limit(1)]);
    expect(readEffectiveSettings(rows).timezone).toBe("Australia/Melbourne");
    expect(people).toHaveLength(1);
  });

  it("rejects bad values with a 400 and keeps the previous choice", async () => {
    await post(preferencesAction, db.context(), EMPLOYEE, "/preferences", { timezone: "Europe/London", holiday_state: "AU-QLD" });
    const bad = await post(preferencesAction, db.context(), EMPLOYEE, "/preferences", { timezone: "Not/AZone", holiday_state: "QLD" });
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.data as Invalid).errors).sort()).toEqual(["holiday_state", "timezone"]);
    const row = await db.context().db.query.selectFrom("user_preferences").select(["timezone", "holiday_state"]).where("user_id", "=", EMPLOYEE).executeTakeFirst();
    expect(row).toEqual({ timezone: "Europe/London", holiday_state: "AU-QLD" });
  });

  it("going back to the organisation default clears the override, with history", async () => {
    await post(preferencesAction, db.context(), EMPLOYEE, "/preferences", { timezone: "Europe/London", holiday_state: "AU-QLD" });
    await post(preferencesAction, db.context(), EMPLOYEE, "/preferences", { timezone: "", holiday_state: "" });
    const page = await get(preferencesLoader, db.context(), EMPLOYEE, "/preferences");
    const settings = (page.data as { settings: { user: unknown; timezone: string } }).settings;
    expect(settings.user).toEqual({ timezone: null, holidayState: null });
    expect(settings.timezone).toBe("Australia/Melbourne");
    const history = await db.context().db.query.selectFrom("history").select("details").where("resource_type", "=", "user_preferences").where("resource_id", "=", EMPLOYEE).orderBy("created_at").execute();
    expect(history).toHaveLength(2);
    const changes = history.map((h) => JSON.parse(h.details!).changes);
    expect(changes).toContainEqual({ timezone: { from: "Europe/London", to: null }, holiday_state: { from: "AU-QLD", to: null } });
  });
});
