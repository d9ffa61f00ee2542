// Pure, explainable match scoring (client-safe, no I/O): how sure are we that a meeting is about
// a company, a project or a deal? Each candidate gets points from named signals; the
// best candidate's score (0–100) decides: >= 80 auto-link, 50–79 one-click suggestion, < 50 triage.

export const AUTO_LINK_THRESHOLD = 80;
export const SUGGEST_THRESHOLD = 50;

export type MatchStatusFromScore = "auto" | "suggested" | "triage";

export function statusForScore(score: number): MatchStatusFromScore {
  if (score >= AUTO_LINK_THRESHOLD) return "auto";
  if (score >= SUGGEST_THRESHOLD) return "suggested";
  return "triage";
}

export interface ScoringAttendee {
  email: string;
  /** Set when the email is a person's (an employee). */
  personId: string | null;
  /** The company of the contact with this email, when one is known. */
  contactCompanyId: string | null;
}

export interface ScoringMeeting {
  title: string;
  attendees: ScoringAttendee[];
  /** Granola folder names ("Spaces"), matched like the title. */
  folders?: string[];
}

/**
 * A match candidate, from the target registry (targets.server.ts). `companyId` is the company the
 * record belongs to (itself for a company); `domains` the email domains that point at it;
 * `memberPersonIds` the employees working on it (projects, deal participants).
 */
export interface ScoringCandidate {
  type: string;
  id: string;
  name: string;
  companyId: string | null;
  domains: string[];
  memberPersonIds?: string[];
  /** Weights per target type; see WEIGHTS. */
  weights: SignalWeights;
}

export interface SignalWeights {
  /** × share of external attendees who are contacts of the candidate's company. */
  contacts: number;
  /** Any external attendee's email domain is (a subdomain of) the candidate's domain. */
  domain: number;
  /** The title (or a folder) contains the candidate's full name. */
  titleFull: number;
  /** The title contains the first distinctive word (≥ 4 letters) of the name. */
  titleWord: number;
  /** × share of internal attendees who are members of the candidate. */
  members: number;
  /** × the company-level evidence (contacts + domain) of the candidate's company, 0–1. */
  companyEvidence: number;
}

export const WEIGHTS = {
  company: { contacts: 40, domain: 25, titleFull: 35, titleWord: 20, members: 0, companyEvidence: 0 },
  project: { contacts: 0, domain: 0, titleFull: 45, titleWord: 0, members: 30, companyEvidence: 26 },
  deal: { contacts: 0, domain: 0, titleFull: 40, titleWord: 0, members: 20, companyEvidence: 40 },
} satisfies Record<string, SignalWeights>;

export interface MatchSignal {
  signal: "contacts" | "domain" | "title" | "title_word" | "members" | "company";
  points: number;
  detail: string;
}

export interface CandidateScore {
  type: string;
  id: string;
  name: string;
  score: number;
  signals: MatchSignal[];
}

export interface MatchResult {
  best: CandidateScore | null;
  status: MatchStatusFromScore;
  /** Every candidate with a score above zero, best first (for the triage page's hints). */
  ranked: CandidateScore[];
}

const STOP_WORDS = new Set(["the", "and", "group", "holdings", "company", "limited", "online", "health", "energy", "education"]);

export function normalise(value: string) {
  return ` ${value.toLowerCase().replace(/&/g, " and ").replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;
}

function mentions(haystack: string, name: string) {
  const needle = normalise(name).trim();
  return needle.length >= 3 && haystack.includes(` ${needle} `);
}

function distinctiveWord(name: string) {
  return normalise(name).trim().split(" ").find((w) => w.length >= 4 && !STOP_WORDS.has(w)) ?? null;
}

export function emailDomain(email: string) {
  const at = email.lastIndexOf("@");
  return at >= 0 ? email.slice(at + 1).toLowerCase() : "";
}

function domainMatches(domain: string, candidate: string) {
  const c = candidate.toLowerCase().replace(/^www\./, "");
  return Boolean(c) && (domain === c || domain.endsWith(`.${c}`) || c.endsWith(`.${domain}`));
}

const round = (n: number) => Math.round(n);

/**
 * Scores every candidate. `internalDomains` are the agency's own domains (attendees there are
 * colleagues, never evidence of a client).
 */
export function scoreMeeting(meeting: ScoringMeeting, candidates: readonly ScoringCandidate[], internalDomains: readonly string[]): MatchResult {
  const internal = new Set(internalDomains.map((d) => d.toLowerCase()));
  const isInternal = (a: ScoringAttendee) => Boolean(a.personId) || internal.has(emailDomain(a.email));
  const external = meeting.attendees.filter((a) => !isInternal(a));
  const colleagues = meeting.attendees.filter((a) => a.personId);
  const haystack = normalise([meeting.title, ...(meeting.folders ?? [])].join(" | "));

  // Company-level evidence (contacts share + domain), 0–1, reused by projects and deals.
  const companyEvidence = new Map<string, { contacts: number; domain: boolean }>();
  const evidenceFor = (companyId: string, domains: string[]) => {
    const key = `${companyId}|${domains.join(",")}`;
    const known = companyEvidence.get(key);
    if (known) return known;
    const share = external.length ? external.filter((a) => a.contactCompanyId === companyId).length / external.length : 0;
    const domain = external.some((a) => domains.some((d) => domainMatches(emailDomain(a.email), d)));
    const value = { contacts: share, domain };
    companyEvidence.set(key, value);
    return value;
  };

  const ranked: CandidateScore[] = [];
  for (const c of candidates) {
    const w = c.weights;
    const signals: MatchSignal[] = [];
    const evidence = c.companyId ? evidenceFor(c.companyId, c.domains) : { contacts: 0, domain: false };
    if (w.contacts && evidence.contacts > 0) {
      const n = external.filter((a) => a.contactCompanyId === c.companyId).length;
      signals.push({ signal: "contacts", points: round(w.contacts * evidence.contacts), detail: `${n} of ${external.length} external attendee${external.length === 1 ? " is a contact" : "s are contacts"} at ${c.name}` });
    }
    if (w.domain && evidence.domain) {
      signals.push({ signal: "domain", points: w.domain, detail: `An attendee's email domain is ${c.domains.join(" / ")}` });
    }
    if (w.titleFull && mentions(haystack, c.name)) {
      signals.push({ signal: "title", points: w.titleFull, detail: `The title mentions “${c.name}”` });
    } else if (w.titleWord) {
      const word = distinctiveWord(c.name);
      if (word && haystack.includes(` ${word} `)) signals.push({ signal: "title_word", points: w.titleWord, detail: `The title mentions “${word}”` });
    }
    if (w.members && colleagues.length && c.memberPersonIds?.length) {
      const members = colleagues.filter((a) => a.personId && c.memberPersonIds!.includes(a.personId)).length;
      if (members > 0) signals.push({ signal: "members", points: round((w.members * members) / colleagues.length), detail: `${members} of ${colleagues.length} colleague${colleagues.length === 1 ? " works" : "s work"} on it` });
    }
    if (w.companyEvidence && c.companyId) {
      const strength = Math.min(1, (evidence.contacts * WEIGHTS.company.contacts + (evidence.domain ? WEIGHTS.company.domain : 0)) / (WEIGHTS.company.contacts + WEIGHTS.company.domain));
      if (strength > 0) signals.push({ signal: "company", points: round(w.companyEvidence * strength), detail: "Attendees are from its client" });
    }
    const score = Math.min(100, signals.reduce((sum, s) => sum + s.points, 0));
    if (score > 0) ranked.push({ type: c.type, id: c.id, name: c.name, score, signals });
  }
  // Best first; on a tie the more specific record (project over company) wins: candidates come
  // in registry order, so a later type beats an earlier one with the same score.
  const order = new Map(candidates.map((c, i) => [`${c.type}:${c.id}`, i]));
  ranked.sort((a, b) => b.score - a.score || (order.get(`${b.type}:${b.id}`) ?? 0) - (order.get(`${a.type}:${a.id}`) ?? 0));
  // A company's project or deal named in full in the title is what the meeting is about, even when
  // the company itself scores higher (deal and project names usually contain the client's name),
  // as long as the record reaches a suggestion on its own evidence.
  const companyOf = new Map(candidates.map((c) => [`${c.type}:${c.id}`, c.companyId]));
  const top = ranked[0];
  if (top?.type === "company") {
    const child = ranked.find((r) => r.type !== "company" && companyOf.get(`${r.type}:${r.id}`) === top.id && r.score >= SUGGEST_THRESHOLD && r.signals.some((s) => s.signal === "title"));
    if (child) ranked.splice(0, ranked.length, child, ...ranked.filter((r) => r !== child));
  }
  const best = ranked[0] ?? null;
  return { best, status: statusForScore(best?.score ?? 0), ranked };
}
