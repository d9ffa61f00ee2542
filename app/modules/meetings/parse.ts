// Pure helpers for synced notes: action items out of a Granola summary (markdown), and who each
// one is for.

export interface ParsedActionItem {
  text: string;
  /** The normalised text: the idempotency key for re-syncs. */
  key: string;
  /** A name or email mentioned as the owner ("@Liam", "(Liam Murphy)", "Liam:"). */
  owner: string | null;
}

const CHECKBOX = /^\s*[-*]\s+\[ \]\s+(.+)$/;
const BULLET = /^\s*(?:[-*]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.+)$/;
const HEADING = /^\s*(?:#{1,6}\s*|\*\*)?([^#*]+?)(?:\*\*)?\s*:?\s*$/;
const ACTION_HEADINGS = /^(action items?|next steps|actions|to ?dos?|follow[- ]ups?)$/i;

export function actionKey(text: string) {
  return text.toLowerCase().replace(/\s+/g, " ").replace(/[^\p{L}\p{N} ]/gu, "").trim().slice(0, 200);
}

function ownerOf(text: string): { text: string; owner: string | null } {
  const at = text.match(/(?:^|[\s(])@([\w.'-]+(?:\s[A-Z][\w'-]+)?)/);
  if (at) return { text: text.trim(), owner: at[1] ?? null };
  const paren = text.match(/\(([^()]{2,60})\)\s*$/);
  if (paren) return { text: text.trim(), owner: paren[1]?.trim().replace(/^@/, "") ?? null };
  const prefix = text.match(/^([A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?)\s*(?::|—|–| - )\s*(.+)$/);
  if (prefix) return { text: text.trim(), owner: prefix[1] ?? null };
  return { text: text.trim(), owner: null };
}

/**
 * Unchecked checkbox lines ("- [ ] …") anywhere, plus the bullets under an "Action items" /
 * "Next steps" heading. Duplicates (same key) are dropped; at most 30 items.
 */
export function parseActionItems(markdown: string | null | undefined): ParsedActionItem[] {
  if (!markdown) return [];
  const items: ParsedActionItem[] = [];
  const push = (raw: string) => {
    const cleaned = raw.replace(/\*\*/g, "").trim();
    if (cleaned.length < 3) return;
    const { text, owner } = ownerOf(cleaned.slice(0, 300));
    const key = actionKey(text);
    if (key && !items.some((i) => i.key === key)) items.push({ text, key, owner });
  };
  let inActions = false;
  for (const line of markdown.split(/\r?\n/)) {
    const checkbox = line.match(CHECKBOX);
    if (checkbox?.[1]) {
      push(checkbox[1]);
      continue;
    }
    const bullet = line.match(BULLET);
    if (bullet) {
      if (inActions && bullet[1] && !/^\[[xX]\]/.test(line.trim().slice(2))) push(bullet[1]);
      continue;
    }
    if (!line.trim()) continue;
    const heading = line.match(HEADING);
    inActions = Boolean(heading?.[1] && ACTION_HEADINGS.test(heading[1].trim()));
  }
  return items.slice(0, 30);
}

export interface OwnerCandidate {
  personId: string;
  email: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
}

/** The attendee (employee) an owner mention points to, by email, full name or first name. */
export function resolveOwner(owner: string | null, people: readonly OwnerCandidate[]): string | null {
  if (!owner) return null;
  const o = owner.trim().toLowerCase();
  const byEmail = people.find((p) => p.email.toLowerCase() === o || p.email.toLowerCase().split("@")[0] === o);
  if (byEmail) return byEmail.personId;
  const full = people.find((p) => `${p.firstName} ${p.lastName}`.toLowerCase() === o || `${p.preferredName ?? p.firstName} ${p.lastName}`.toLowerCase() === o);
  if (full) return full.personId;
  const first = people.filter((p) => p.firstName.toLowerCase() === o || (p.preferredName ?? "").toLowerCase() === o);
  return first.length === 1 ? first[0]!.personId : null;
}
