import { describe, expect, it } from "vitest";
import { bucketCounts } from "~/modules/action-centre/action-items.server";
import { feedFiltersSchema, manualItemSchema, tabsFor } from "~/modules/action-centre/catalogue";
import { addDays, localDate, resolveTimeZone, urgencyOf, zoneIndependentBounds } from "~/modules/action-centre/urgency";

describe("urgency", () => {
  it("takes 'today' from the time zone, not from UTC", () => {
    // 2026-11-25 14:30 UTC is already the 26th in Melbourne (UTC+11) but still the 25th in Los Angeles.
    const now = new Date("2026-11-25T14:30:00Z");
    expect(localDate(now, "Australia/Melbourne")).toBe("2026-11-26");
    expect(localDate(now, "America/Los_Angeles")).toBe("2026-11-25");
    expect(localDate(now, "UTC")).toBe("2026-11-25");
  });

  it("buckets due dates into Overdue / Today / This week / Normal", () => {
    const today = "2026-11-26";
    expect(urgencyOf("2026-11-25", today)).toBe("overdue");
    expect(urgencyOf("2025-01-01", today)).toBe("overdue");
    expect(urgencyOf("2026-11-26", today)).toBe("today");
    expect(urgencyOf("2026-11-26T23:00:00Z", today)).toBe("today");
    expect(urgencyOf("2026-11-27", today)).toBe("this_week");
    expect(urgencyOf("2026-12-02", today)).toBe("this_week");
    expect(urgencyOf("2026-12-03", today)).toBe("normal");
    expect(urgencyOf(null, today)).toBe("normal");
  });

  it("the same item changes bucket with the viewer's zone", () => {
    const now = new Date("2026-11-25T14:30:00Z");
    expect(urgencyOf("2026-11-25", localDate(now, "Australia/Melbourne"))).toBe("overdue");
    expect(urgencyOf("2026-11-25", localDate(now, "America/Los_Angeles"))).toBe("today");
  });

  it("falls back to Melbourne for a missing or bogus zone", () => {
    expect(resolveTimeZone(null, undefined)).toBe("Australia/Melbourne");
    expect(resolveTimeZone("Mars/Olympus", "Europe/London")).toBe("Europe/London");
    expect(localDate(new Date("2026-11-25T14:30:00Z"), "Not/AZone")).toBe("2026-11-26");
  });

  it("date arithmetic crosses months and years", () => {
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("zone-independent bounds bracket every zone's today and week", () => {
    const now = new Date("2026-11-25T14:30:00Z");
    const { lo, hi, overdueBefore } = zoneIndependentBounds(now);
    for (const zone of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "Australia/Melbourne", "UTC", "America/Los_Angeles"]) {
      const today = localDate(now, zone);
      expect(today >= lo && today <= hi).toBe(true);
      expect(addDays(today, 6) <= hi).toBe(true);
      expect(today <= overdueBefore).toBe(true);
    }
  });

  it("grouped counts become exact buckets, tabs and module totals", () => {
    const counts = bucketCounts(
      [
        { k: "past", source_module: "invoices", source_type: "overdue_invoice", n: 2 },
        { k: "2026-11-26", source_module: "relationships", source_type: "reconnect", n: 1 },
        { k: "2026-11-28", source_module: "meetings", source_type: "granola_action", n: 3 },
        { k: "2026-11-25", source_module: "deals", source_type: "won_deal_no_project", n: 1 },
        { k: "future", source_module: "manual", source_type: "manual", n: 4 },
        { k: "none", source_module: "manual", source_type: "manual", n: 1 },
      ],
      "2026-11-26",
    );
    expect(counts.byUrgency).toEqual({ overdue: 3, today: 1, this_week: 3, normal: 5 });
    expect(counts.total).toBe(12);
    expect(counts.byModule).toEqual({ invoices: 2, relationships: 1, meetings: 3, deals: 1, manual: 5 });
    expect(counts.byTab).toEqual({ all: 12, calls: 1, estimate: 1, relationship: 1, overdue: 3, granola: 3 });
  });
});

describe("catalogue", () => {
  it("maps source modules and types to the quick tabs", () => {
    expect(tabsFor("relationships", "reconnect")).toEqual(["calls", "relationship"]);
    expect(tabsFor("proposals", "unanswered_proposal")).toEqual(["estimate"]);
    expect(tabsFor("granola", "action")).toEqual(["granola"]);
    expect(tabsFor("manual", "manual")).toEqual([]);
  });

  it("URL filters fall back to defaults instead of failing", () => {
    expect(feedFiltersSchema.parse({ tab: "nope", page: "-3", status: "x" })).toEqual({ tab: "all", page: 1, status: "open" });
    expect(feedFiltersSchema.parse({ tab: "overdue", page: "2", module: "deals", assignee: "ethan-brown" })).toMatchObject({
      tab: "overdue", page: 2, module: "deals", assignee: "ethan-brown",
    });
  });

  it("manual items need a title and a real date", () => {
    expect(manualItemSchema.safeParse({ title: "  " }).success).toBe(false);
    expect(manualItemSchema.safeParse({ title: "Call Rachel", dueDate: "2026-02-30" }).success).toBe(false);
    expect(manualItemSchema.parse({ title: "Call Rachel", dueDate: "", companyId: "" })).toEqual({
      title: "Call Rachel", description: null, companyId: null, dueDate: null, assigneeId: null,
    });
  });
});
