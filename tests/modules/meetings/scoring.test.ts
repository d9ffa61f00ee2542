import { describe, expect, it } from "vitest";
import { parseActionItems, resolveOwner } from "~/modules/meetings/parse";
import { scoreMeeting, statusForScore, WEIGHTS, type ScoringCandidate } from "~/modules/meetings/scoring";

const INTERNAL = ["dotcollective.com.au"];
const acme: ScoringCandidate = { type: "company", id: "co-acme", name: "Acme Corp", companyId: "co-acme", domains: ["acme.com"], weights: WEIGHTS.company };
const globex: ScoringCandidate = { type: "company", id: "co-globex", name: "Globex", companyId: "co-globex", domains: ["globex.io"], weights: WEIGHTS.company };
const rocket: ScoringCandidate = {
  type: "project", id: "proj-rocket", name: "Rocket launch site", companyId: "co-acme", domains: ["acme.com"], memberPersonIds: ["ann", "bob"], weights: WEIGHTS.project,
};
const candidates = [acme, globex, rocket];

const colleague = (id: string) => ({ email: `${id}@dotcollective.com.au`, personId: id, contactCompanyId: null });
const contact = (email: string, companyId: string | null) => ({ email, personId: null, contactCompanyId: companyId });

describe("match thresholds", () => {
  it("maps scores to auto (>= 80), suggestion (50-79) and triage (< 50)", () => {
    expect(statusForScore(100)).toBe("auto");
    expect(statusForScore(80)).toBe("auto");
    expect(statusForScore(79)).toBe("suggested");
    expect(statusForScore(65)).toBe("suggested");
    expect(statusForScore(50)).toBe("suggested");
    expect(statusForScore(49)).toBe("triage");
    expect(statusForScore(30)).toBe("triage");
    expect(statusForScore(0)).toBe("triage");
  });

  it("a known contact from the company's domain is a 65% suggestion, with its reasons", () => {
    const result = scoreMeeting({ title: "Quarterly catch-up", attendees: [colleague("cat"), contact("jane@acme.com", "co-acme")] }, candidates, INTERNAL);
    expect(result.status).toBe("suggested");
    expect(result.best).toMatchObject({ type: "company", id: "co-acme", score: 65 });
    expect(result.best!.signals.map((s) => s.signal)).toEqual(["contacts", "domain"]);
  });

  it("the same meeting with the company in its title is auto-linked (>= 80)", () => {
    const result = scoreMeeting({ title: "Acme Corp quarterly catch-up", attendees: [colleague("cat"), contact("jane@acme.com", "co-acme")] }, candidates, INTERNAL);
    expect(result.status).toBe("auto");
    expect(result.best).toMatchObject({ id: "co-acme", score: 100 });
  });

  it("a stranger on a client domain alone is a 25% guess, and the title alone 35%: both go to triage", () => {
    const domainOnly = scoreMeeting({ title: "Intro", attendees: [colleague("cat"), contact("new.person@globex.io", null)] }, candidates, INTERNAL);
    expect(domainOnly.best).toMatchObject({ id: "co-globex", score: 25 });
    expect(domainOnly.status).toBe("triage");
    const titleOnly = scoreMeeting({ title: "Prep for Globex pitch", attendees: [colleague("cat"), colleague("dan")] }, candidates, INTERNAL);
    expect(titleOnly.best).toMatchObject({ id: "co-globex", score: 35 });
    expect(titleOnly.status).toBe("triage");
  });

  it("a first distinctive word of the name scores 20 and a half-share of contacts 20: 30% is triage", () => {
    const result = scoreMeeting(
      { title: "Acme follow-up", attendees: [colleague("cat"), contact("x@other.org", null), contact("y@elsewhere.org", "co-acme")] },
      [acme],
      INTERNAL,
    );
    // contacts: 1 of 2 external attendees → 20; title word "acme" → 20; no domain match → 40
    expect(result.best?.score).toBe(40);
    const thirty = scoreMeeting({ title: "Sync", attendees: [colleague("cat"), contact("x@other.org", null), contact("y@a.org", null), contact("z@acme.com", null), contact("w@b.org", null)] }, [{ ...acme, weights: { ...WEIGHTS.company, domain: 30 } }], INTERNAL);
    expect(thirty.best?.score).toBe(30);
    expect(thirty.status).toBe("triage");
  });

  it("a project wins over its company when its name and team are in the meeting", () => {
    const result = scoreMeeting(
      { title: "Rocket launch site sprint review", attendees: [colleague("ann"), colleague("bob"), contact("jane@acme.com", "co-acme")] },
      candidates,
      INTERNAL,
    );
    expect(result.best).toMatchObject({ type: "project", id: "proj-rocket", score: 100 });
    expect(result.status).toBe("auto");
    expect(result.ranked.find((r) => r.id === "co-acme")?.score).toBe(65);
  });

  it("a deal named in full in the title wins over its company, which scores higher on its own", () => {
    const deal: ScoringCandidate = {
      type: "deal", id: "deal-acme-app", name: "Acme Corp ordering app", companyId: "co-acme", domains: ["acme.com"], memberPersonIds: ["ann"], weights: WEIGHTS.deal,
    };
    const result = scoreMeeting(
      { title: "Acme Corp ordering app: scope review", attendees: [colleague("ann"), colleague("cat"), contact("jane@acme.com", "co-acme")] },
      [...candidates, deal],
      INTERNAL,
    );
    // Company: contacts 40 + domain 25 + title 35 = 100; deal: title 40 + members 1/2 × 20 + company 40 = 90.
    expect(result.ranked.find((r) => r.id === "co-acme")?.score).toBe(100);
    expect(result.best).toMatchObject({ type: "deal", id: "deal-acme-app", score: 90 });
    expect(result.status).toBe("auto");
    // Without its name in the title the deal is only company evidence: the company stays the match.
    const general = scoreMeeting({ title: "Acme Corp catch-up", attendees: [colleague("ann"), contact("jane@acme.com", "co-acme")] }, [...candidates, deal], INTERNAL);
    expect(general.best).toMatchObject({ type: "company", id: "co-acme" });
  });

  it("colleagues and workspace addresses are never client evidence", () => {
    const result = scoreMeeting({ title: "Weekly sync", attendees: [colleague("ann"), { email: "room@dotcollective.com.au", personId: null, contactCompanyId: null }] }, [acme, globex], INTERNAL);
    expect(result.best).toBeNull();
    expect(result.status).toBe("triage");
  });

  it("Granola folder names count like the title", () => {
    const result = scoreMeeting({ title: "Weekly", folders: ["Globex"], attendees: [colleague("ann"), contact("pat@globex.io", "co-globex")] }, candidates, INTERNAL);
    expect(result.best).toMatchObject({ id: "co-globex", score: 100 });
  });
});

describe("action items from notes", () => {
  it("reads unchecked boxes and the bullets under an Action items heading, once each", () => {
    const items = parseActionItems(`## Summary
- Demo went well

## Action items
- Send the revised estimate (@Liam)
- [x] Book the follow-up
1. Ethan: fix the webhook retries

Notes
- [ ] Share the deck with Peter
- [ ] share the deck with peter`);
    expect(items.map((i) => i.text)).toEqual(["Send the revised estimate (@Liam)", "Ethan: fix the webhook retries", "Share the deck with Peter"]);
    expect(items.map((i) => i.owner)).toEqual(["Liam", "Ethan", null]);
  });

  it("resolves an owner mention to an attending colleague by email, full or unique first name", () => {
    const people = [
      { personId: "liam-murphy", email: "liam.murphy@x.com", firstName: "Liam", lastName: "Murphy", preferredName: null },
      { personId: "ethan-brown", email: "ethan.brown@x.com", firstName: "Ethan", lastName: "Brown", preferredName: null },
      { personId: "ethan-other", email: "ethan.o@x.com", firstName: "Ethan", lastName: "Other", preferredName: null },
    ];
    expect(resolveOwner("Liam", people)).toBe("liam-murphy");
    expect(resolveOwner("Ethan Brown", people)).toBe("ethan-brown");
    expect(resolveOwner("Ethan", people)).toBeNull();
    expect(resolveOwner("ethan.o@x.com", people)).toBe("ethan-other");
    expect(resolveOwner(null, people)).toBeNull();
  });
});
