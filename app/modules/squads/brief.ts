// Pure: the rule-based 4P brief and the member snapshots for a squad's weekly kickoff, built
// from data Nucleus has (action items, squad actions, people, history). Also the fallback when
// no AI provider answers.
import { displayName, type NameParts } from "~/modules/people/names";

export interface BriefMember extends NameParts {
  id: string;
  start_date: string | null;
  employment_status: string;
  weekly_capacity_hours: number;
}
export interface BriefItem {
  title: string;
  due_date: string | null;
  assigned_person_id: string | null;
}
export interface BriefAction {
  title: string;
  due_date: string | null;
  assignee_person_id: string | null;
}
export interface BriefChange {
  resource_id: string;
  details: string | null;
  created_at: string;
}
export interface BriefInput {
  squadName: string;
  weekStart: string;
  members: BriefMember[];
  openItems: BriefItem[];
  completedItems: BriefItem[];
  openSquadActions: BriefAction[];
  doneSquadActions: BriefAction[];
  memberChanges: BriefChange[];
}

export interface MemberSnapshot {
  personId: string;
  name: string;
  pronunciation: string | null;
  status: string;
  capacityHours: number;
  openActions: number;
  overdueActions: number;
  dueThisWeek: number;
  completedLastWeek: number;
}

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The Monday (YYYY-MM-DD) of the week containing `date`. */
export function mondayOf(date: string) {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, day === 0 ? -6 : 1 - day);
}

const bullets = (lines: string[], empty: string) => (lines.length ? lines.map((l) => `- ${l}`).join("\n") : `- ${empty}`);
const cap = <T,>(list: T[], n = 8) => ({ shown: list.slice(0, n), more: Math.max(0, list.length - n) });

export function buildBrief(input: BriefInput) {
  const weekEnd = addDays(input.weekStart, 6);
  const names = new Map(input.members.map((m) => [m.id, displayName(m)]));
  const who = (id: string | null) => (id ? names.get(id) ?? "someone outside the squad" : "unassigned");
  const itemLine = (i: { title: string; due_date: string | null }, owner: string | null) =>
    `${i.title} (${who(owner)}${i.due_date ? `, due ${i.due_date}` : ""})`;

  // Progress — last week.
  const completed = cap(input.completedItems);
  const progress = [
    `${input.completedItems.length} action item${input.completedItems.length === 1 ? "" : "s"} completed by the squad last week.`,
    ...completed.shown.map((i) => `Done: ${i.title} (${who(i.assigned_person_id)})`),
    ...(completed.more ? [`…and ${completed.more} more.`] : []),
    ...input.doneSquadActions.map((a) => `Squad action closed: ${a.title} (${who(a.assignee_person_id)})`),
  ];

  // Plans — this week.
  const dueThisWeek = input.openItems.filter((i) => i.due_date && i.due_date >= input.weekStart && i.due_date <= weekEnd);
  const due = cap(dueThisWeek);
  const plans = [
    ...due.shown.map((i) => `Due this week: ${itemLine(i, i.assigned_person_id)}`),
    ...(due.more ? [`…and ${due.more} more due this week.`] : []),
    ...input.openSquadActions.map((a) => `Carried over from earlier kickoffs: ${itemLine(a, a.assignee_person_id)}`),
  ];

  // Problems — overdue, people away.
  const overdue = input.openItems.filter((i) => i.due_date && i.due_date < input.weekStart);
  const late = cap(overdue);
  const problems = [
    ...late.shown.map((i) => `Overdue: ${itemLine(i, i.assigned_person_id)}`),
    ...(late.more ? [`…and ${late.more} more overdue.`] : []),
    ...input.openSquadActions.filter((a) => a.due_date && a.due_date < input.weekStart).map((a) => `Overdue squad action: ${itemLine(a, a.assignee_person_id)}`),
    ...input.members.filter((m) => m.employment_status === "on_leave").map((m) => `${displayName(m)} is on leave: cover their work.`),
  ];

  // Promotions — wins and people news.
  const promotions: string[] = [];
  for (const m of input.members) {
    if (!m.start_date) continue;
    if (m.start_date >= addDays(input.weekStart, -14) && m.start_date <= weekEnd) {
      promotions.push(m.start_date >= input.weekStart ? `Welcome ${displayName(m)}, starting ${m.start_date}.` : `Welcome ${displayName(m)}, who started ${m.start_date}.`);
      continue;
    }
    const startYear = Number(m.start_date.slice(0, 4));
    for (const year of new Set([Number(input.weekStart.slice(0, 4)), Number(weekEnd.slice(0, 4))])) {
      const anniversary = `${year}${m.start_date.slice(4)}`;
      const years = year - startYear;
      if (years >= 1 && anniversary >= input.weekStart && anniversary <= weekEnd) {
        promotions.push(`${displayName(m)} celebrates ${years} year${years === 1 ? "" : "s"} with us this week.`);
      }
    }
  }
  for (const change of input.memberChanges) {
    try {
      const details = JSON.parse(change.details ?? "{}") as { changes?: Record<string, { from: unknown; to: unknown }> };
      const title = details.changes?.title;
      if (title && typeof title.to === "string" && title.to) promotions.push(`${who(change.resource_id)} is now ${title.to}${typeof title.from === "string" && title.from ? ` (was ${title.from})` : ""}.`);
    } catch {
      // not JSON: nothing to say
    }
  }
  if (input.completedItems.length >= 5) promotions.push(`Strong week: ${input.completedItems.length} items closed.`);

  const snapshot: MemberSnapshot[] = input.members.map((m) => {
    const open = input.openItems.filter((i) => i.assigned_person_id === m.id);
    return {
      personId: m.id,
      name: displayName(m),
      pronunciation: m.pronunciation ?? null,
      status: m.employment_status,
      capacityHours: m.weekly_capacity_hours,
      openActions: open.length,
      overdueActions: open.filter((i) => i.due_date && i.due_date < input.weekStart).length,
      dueThisWeek: open.filter((i) => i.due_date && i.due_date >= input.weekStart && i.due_date <= weekEnd).length,
      completedLastWeek: input.completedItems.filter((i) => i.assigned_person_id === m.id).length,
    };
  });

  return {
    sections: {
      progress: bullets(progress, "Nothing recorded last week."),
      plans: bullets(plans, "No deadlines or open actions this week."),
      problems: bullets(problems, "No blockers flagged."),
      promotions: bullets(promotions, "Add this week's wins and callouts."),
    },
    snapshot,
  };
}

/** The prompt for the AI brief: the rule-based draft and the numbers, asking for JSON back. */
export function briefPrompt(squadName: string, weekStart: string, draft: ReturnType<typeof buildBrief>) {
  return [
    `Write the weekly 4P kickoff brief for the ${squadName} squad, week starting ${weekStart}.`,
    "Use only the facts below. Answer with JSON only: {\"progress\": string, \"plans\": string, \"problems\": string, \"promotions\": string},",
    "each a short list of lines starting with \"- \".",
    "",
    "Facts (rule-based draft):",
    JSON.stringify(draft.sections),
    "Member snapshot:",
    JSON.stringify(draft.snapshot),
  ].join("\n");
}

/** The model's JSON answer as four sections, or null when it is not usable. */
export function parseBrief(text: string): Record<"progress" | "plans" | "problems" | "promotions", string> | null {
  const match = text.match(/\{[\s\S]*\}/);
  if (!match) return null;
  try {
    const value = JSON.parse(match[0]) as Record<string, unknown>;
    const keys = ["progress", "plans", "problems", "promotions"] as const;
    if (!keys.every((k) => typeof value[k] === "string")) return null;
    return Object.fromEntries(keys.map((k) => [k, (value[k] as string).slice(0, 5000)])) as Record<(typeof keys)[number], string>;
  } catch {
    return null;
  }
}
