// Client-safe: the meetings list filters and the forms (link / accept / dismiss / sync).
import { z } from "zod";

export const MEETING_PAGE_SIZE = 25;
export const TRIAGE_PAGE_SIZE = 20;

export const MATCH_STATUSES = ["auto", "suggested", "triage", "confirmed", "dismissed"] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

export const meetingListSchema = z.object({
  /** mine = organiser/attendee/owner; team = everything in the viewer's scope. */
  view: z.enum(["mine", "team"]).catch("mine").default("mine"),
  when: z.enum(["all", "upcoming", "past"]).catch("all").default("all"),
  match: z.enum(["any", "linked", "suggested", "triage"]).catch("any").default("any"),
  q: z.string().trim().max(100).optional().catch(undefined).transform((v) => (v ? v : undefined)),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type MeetingListFilters = z.infer<typeof meetingListSchema>;

export function parseMeetingListParams(params: URLSearchParams): MeetingListFilters {
  return meetingListSchema.parse(Object.fromEntries(params));
}

export const triageListSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

const id = z.string({ required_error: "Missing meeting" }).trim().min(1, "Missing meeting").max(200);

/** "company:co-x" / "project:proj-y" from the manual picker. */
export const targetRefSchema = z
  .string({ required_error: "Choose a company or project" })
  .trim()
  .min(1, "Choose a company or project")
  .max(250)
  .regex(/^[a-z]+:[\w.:-]+$/, "Choose a company or project")
  .transform((v) => {
    const index = v.indexOf(":");
    return { type: v.slice(0, index), id: v.slice(index + 1) };
  });

export const meetingActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept") }),
  z.object({ intent: z.literal("dismiss") }),
  z.object({ intent: z.literal("link"), target: targetRefSchema }),
  z.object({ intent: z.literal("no-link") }),
  z.object({ intent: z.literal("refresh-transcript") }),
]);
export type MeetingAction = z.infer<typeof meetingActionSchema>;

export const triageActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("link"), meetingId: id, target: targetRefSchema }),
  z.object({ intent: z.literal("no-link"), meetingId: id }),
]);

export const meetingsListActionSchema = z.object({ intent: z.literal("sync", { errorMap: () => ({ message: "Unknown action" }) }) });

export const MATCH_STATUS_LABEL: Record<MatchStatus, string> = {
  auto: "Auto-linked",
  suggested: "Suggested",
  triage: "Needs triage",
  confirmed: "Linked",
  dismissed: "No link",
};

/** ?notice= codes after a form post (never free text from the URL). */
export const NOTICES = {
  accepted: "Suggestion accepted: the meeting is linked.",
  dismissed: "Suggestion dismissed. The meeting is in the triage queue.",
  linked: "Meeting linked.",
  "no-link": "Marked as needing no link.",
  refreshed: "The transcript will be fetched from Granola again.",
} as const;
export type NoticeCode = keyof typeof NOTICES;
export const noticeFor = (code: string | null): string | null => (code && code in NOTICES ? NOTICES[code as NoticeCode] : null);
export const NOTICE_FOR_INTENT: Record<string, NoticeCode> = { accept: "accepted", dismiss: "dismissed", link: "linked", "no-link": "no-link", "refresh-transcript": "refreshed" };

/** A row of any meeting list (meetings.server LIST_COLUMNS), rendered by <MeetingList>. */
export interface MeetingListRow {
  id: string;
  title: string;
  starts_at: string;
  ends_at: string | null;
  status: string;
  category: string | null;
  match_status: string;
  match_confidence: number | null;
  matched_type: string | null;
  matched_id: string | null;
  matched_name: string | null;
  attendee_count: number;
  has_note: number;
  organizer_name: string | null;
}
