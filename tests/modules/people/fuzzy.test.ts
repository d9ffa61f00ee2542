import { describe, expect, it } from "vitest";
import { bestMatches, jaroWinkler, matchScore, MATCH_THRESHOLD, normaliseName } from "~/modules/people/fuzzy";

const person = (firstName: string, lastName: string, email: string | null = null, preferredName: string | null = null) => ({ firstName, lastName, email, preferredName });

describe("fuzzy matching (Xero linking)", () => {
  it("normalises case, accents and punctuation", () => {
    expect(normaliseName("  O'Brien ")).toBe("obrien");
    expect(normaliseName("Zoë")).toBe("zoe");
    expect(normaliseName(null)).toBe("");
  });

  it("Jaro-Winkler behaves like the textbook examples", () => {
    expect(jaroWinkler("martha", "marhta")).toBeCloseTo(0.961, 3);
    expect(jaroWinkler("dixon", "dicksonx")).toBeCloseTo(0.813, 3);
    expect(jaroWinkler("abc", "abc")).toBe(1);
    expect(jaroWinkler("abc", "xyz")).toBe(0);
    expect(jaroWinkler("", "abc")).toBe(0);
  });

  it("an identical email is a certain match, whatever the names say", () => {
    expect(matchScore(person("Priya", "Raman", "priya.raman@dotcollective.com.au"), person("P", "R", "PRIYA.RAMAN@dotcollective.com.au"))).toBe(100);
  });

  it("the same mailbox name at another domain scores 90", () => {
    expect(matchScore(person("Grace", "O'Brien", "grace.obrien@dotcollective.com.au"), person("G", "X", "grace.obrien@gmail.com"))).toBe(90);
  });

  it("exact names score 100 and close spellings stay above the threshold", () => {
    expect(matchScore(person("Priya", "Raman"), person("Priya", "Raman"))).toBe(100);
    expect(matchScore(person("Grace", "O'Brien"), person("Grace", "OBrien"))).toBe(100);
    expect(matchScore(person("Jon", "Smith"), person("John", "Smith"))).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(matchScore(person("Catherine", "Nguyen"), person("Katherine", "Nguyen"))).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });

  it("the preferred name counts as a first name", () => {
    expect(matchScore(person("Alexander", "Petrov", null, "Sasha"), person("Sasha", "Petrov"))).toBe(100);
  });

  it("a different first OR last name falls below the threshold", () => {
    expect(matchScore(person("Chloe", "Martin"), person("Chris", "Martin"))).toBeLessThan(MATCH_THRESHOLD);
    expect(matchScore(person("Ethan", "Brown"), person("Ethan", "Green"))).toBeLessThan(MATCH_THRESHOLD);
    expect(matchScore(person("Ava", "Jones"), person("Max", "Patel"))).toBeLessThan(50);
  });

  it("pairs one-to-one, best first, and leaves ties unmatched", () => {
    const people = [
      { id: "a", ...person("Priya", "Raman") },
      { id: "b", ...person("Noah", "Wilson") },
      { id: "c", ...person("Mia", "Taylor") },
    ];
    const candidates = [
      { id: "x1", ...person("Priya", "Raman") },
      { id: "x2", ...person("Noah", "Wilson") },
      { id: "x3", ...person("Noah", "Wilson") }, // two identical candidates: ambiguous
      { id: "x4", ...person("Mia", "Tailor") },
    ];
    const pairs = bestMatches(people, candidates).map((m) => [m.person.id, m.candidate.id]);
    expect(pairs).toEqual([["a", "x1"], ["c", "x4"]]);
  });
});
