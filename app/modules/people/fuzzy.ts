// Fuzzy matching of people to external employee records (Xero Payroll linking). Pure: no I/O.
//
// score(person, candidate) is 0–100:
//   - same email (case-insensitive)                          → 100
//   - same email local part (priya.raman@… on both sides)     → 90
//   - names: 100 × sim(first names) × sim(last names), where sim is Jaro-Winkler over
//     normalised names (lower case, accents and punctuation removed) and the person's first
//     name is the better of first_name and preferred_name. Multiplying means both parts must
//     be close: "Chloe Martin" vs "Chris Martin" scores 69, "Jon Smith" vs "John Smith" 93.
// The final score is the highest of these. Links need MATCH_THRESHOLD (80) or more.

export const MATCH_THRESHOLD = 80;

export interface MatchPerson {
  firstName: string;
  lastName: string;
  preferredName?: string | null;
  email?: string | null;
}

export function normaliseName(value: string | null | undefined): string {
  return (value ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

/** Jaro-Winkler similarity, 0–1. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  if (!a.length || !b.length) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(i + window + 1, b.length);
    for (let j = from; j < to; j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = true;
      bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < Math.min(4, a.length, b.length) && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

function localPart(email: string) {
  return email.split("@")[0] ?? "";
}

export function matchScore(person: MatchPerson, candidate: MatchPerson): number {
  const pe = person.email?.trim().toLowerCase() ?? "";
  const ce = candidate.email?.trim().toLowerCase() ?? "";
  let best = 0;
  if (pe && ce) {
    if (pe === ce) return 100;
    if (localPart(pe) && localPart(pe) === localPart(ce)) best = 90;
  }
  const candidateFirsts = [normaliseName(candidate.firstName), normaliseName(candidate.preferredName)].filter(Boolean);
  const personFirsts = [normaliseName(person.firstName), normaliseName(person.preferredName)].filter(Boolean);
  const last = jaroWinkler(normaliseName(person.lastName), normaliseName(candidate.lastName));
  let first = 0;
  for (const p of personFirsts) for (const c of candidateFirsts) first = Math.max(first, jaroWinkler(p, c));
  return Math.max(best, Math.round(100 * first * last));
}

export interface MatchPair<P, C> {
  person: P;
  candidate: C;
  score: number;
}

/**
 * Pairs people with candidates one-to-one: every pair scoring ≥ threshold, best first; a
 * person or candidate is used once. A person whose two best candidates tie is left unmatched
 * (ambiguous), and so is a candidate two people tie for.
 */
export function bestMatches<P extends MatchPerson, C extends MatchPerson>(
  people: readonly P[],
  candidates: readonly C[],
  threshold = MATCH_THRESHOLD,
): MatchPair<P, C>[] {
  const pairs: { p: number; c: number; score: number }[] = [];
  people.forEach((person, p) => {
    candidates.forEach((candidate, c) => {
      const score = matchScore(person, candidate);
      if (score >= threshold) pairs.push({ p, c, score });
    });
  });
  pairs.sort((x, y) => y.score - x.score || x.p - y.p || x.c - y.c);
  const usedPeople = new Set<number>();
  const usedCandidates = new Set<number>();
  const blockedPeople = new Set<number>();
  const blockedCandidates = new Set<number>();
  const result: MatchPair<P, C>[] = [];
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!;
    if (usedPeople.has(pair.p) || usedCandidates.has(pair.c) || blockedPeople.has(pair.p) || blockedCandidates.has(pair.c)) continue;
    // Another still-free pair at the same score for this person or this candidate: ambiguous.
    const free = (j: number) => j !== i && pairs[j]!.score === pair.score;
    const personTie = pairs.some((o, j) => free(j) && o.p === pair.p && !usedCandidates.has(o.c) && !blockedCandidates.has(o.c));
    const candidateTie = pairs.some((o, j) => free(j) && o.c === pair.c && !usedPeople.has(o.p) && !blockedPeople.has(o.p));
    if (personTie || candidateTie) {
      if (personTie) blockedPeople.add(pair.p);
      if (candidateTie) blockedCandidates.add(pair.c);
      continue;
    }
    usedPeople.add(pair.p);
    usedCandidates.add(pair.c);
    result.push({ person: people[pair.p]!, candidate: candidates[pair.c]!, score: pair.score });
  }
  return result;
}
