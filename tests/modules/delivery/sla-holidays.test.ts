// SLA deadlines skip the cached public holidays of the org's holiday state (read as a correlated
// column of the policy read, inside the batch each SLA path already runs).
import { describe, expect, it } from "vitest";
import { computeDeadlines, policyCalendarColumns } from "~/modules/delivery/sla.server";
import { action as taskAction } from "~/routes/_app+/tasks+/$taskId";
import { setupTestDb } from "../../support/d1";
import { post, TOM } from "./helpers";

const db = setupTestDb({ seed: true });

async function standardPolicy() {
  return db.context().db.query.selectFrom("sla_policies").select([...policyCalendarColumns]).where("id", "=", "sla-standard").executeTakeFirstOrThrow();
}

describe("SLA public holidays", () => {
  it("a deadline skips the seeded Melbourne Cup Day (AU-VIC) but not under another state", async () => {
    const policy = await standardPolicy();
    expect(JSON.parse(policy.holidays ?? "[]")).toContain("2026-11-03");
    // Monday 2026-11-02 09:00 Melbourne, 16 business hours (8.5 h days): Monday, then Tuesday is
    // Melbourne Cup Day, so it runs to Wednesday 16:30 instead of Tuesday 16:30.
    const start = new Date("2026-11-01T22:00:00Z");
    const rule = { response_hours: 4, resolution_hours: 16 };
    expect(computeDeadlines(policy, rule, start)).toEqual({ response_deadline: "2026-11-02T02:00:00Z", resolution_deadline: "2026-11-04T05:30:00Z" });
    expect(computeDeadlines({ ...policy, holidays: null }, rule, start).resolution_deadline).toBe("2026-11-03T05:30:00Z");

    // National holidays (null counties) apply everywhere; Melbourne Cup is Victorian only.
    await db.context().db.query.updateTable("org_settings").set({ value: "AU-NSW" }).where("key", "=", "holiday_state").execute();
    try {
      const nsw = await standardPolicy();
      const dates = JSON.parse(nsw.holidays ?? "[]") as string[];
      expect(dates).not.toContain("2026-11-03");
      expect(dates).toContain("2026-12-25");
      expect(computeDeadlines(nsw, rule, start).resolution_deadline).toBe("2026-11-03T05:30:00Z");
    } finally {
      await db.context().db.query.updateTable("org_settings").set({ value: "AU-VIC" }).where("key", "=", "holiday_state").execute();
    }
  });

  it("recomputing a task's SLA through the task action skips a cached holiday", async () => {
    const context = db.context();
    // A Victorian holiday on Thursday 2026-11-26 (cached as Nager.Date would store it).
    await context.db.query.insertInto("public_holidays").values({
      id: "ph-test-2026-11-26", date: "2026-11-26", local_name: "Test Day", name: "Test Day", country_code: "AU", is_global: 0,
      counties: '["AU-VIC"]', year: 2026, fetched_at: "2026-11-25T00:00:00Z",
    }).execute();
    const result = await post(taskAction, context, TOM, "/tasks/task-hs-giftcards", {
      intent: "update", title: "Gift card balance page copy tweaks", status_id: "cli-status-in-progress", priority_id: "cli-priority-urgent",
      type_id: "cli-type-ticket", assignee_id: "max-patel",
    }, { taskId: "task-hs-giftcards" });
    expect(result.status).toBe(302);
    const row = await context.db.query.selectFrom("task_sla").selectAll().where("task_id", "=", "task-hs-giftcards").executeTakeFirstOrThrow();
    // Urgent 1 h / 8 h from Wednesday 11:00: 6.5 h on Wednesday, Thursday is the holiday, so the
    // last 1.5 h fall on Friday → 10:30 Friday (without the holiday: Thursday 10:30, 2026-11-25T23:30Z).
    expect(row).toMatchObject({ response_deadline: "2026-11-25T01:00:00Z", resolution_deadline: "2026-11-26T23:30:00Z" });
  });
});
