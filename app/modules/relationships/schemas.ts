// Client-safe: forms for the communications log and relationship nurturing on a contact.
import { z } from "zod";
import { isRealDate, normaliseEmail } from "~/modules/crm/schemas";

export const COMMUNICATION_TYPES = ["call", "email", "meeting", "note"] as const;
export const COMMUNICATION_TYPE_LABELS: Record<(typeof COMMUNICATION_TYPES)[number], string> = {
  call: "Call", email: "Email", meeting: "Meeting", note: "Note",
};
export const DIRECTIONS = ["outbound", "inbound"] as const;

export const CHANNEL_PREFERENCES = ["email", "phone", "sms", "whatsapp", "linkedin", "in_person"] as const;
export const CHANNEL_PREFERENCE_LABELS: Record<(typeof CHANNEL_PREFERENCES)[number], string> = {
  email: "Email", phone: "Phone", sms: "SMS", whatsapp: "WhatsApp", linkedin: "LinkedIn", in_person: "In person",
};

export const LIFE_EVENT_TYPES = ["birthday", "new_role", "promotion", "new_baby", "wedding", "moved_company", "anniversary", "other"] as const;
export type LifeEventType = (typeof LIFE_EVENT_TYPES)[number];
export const LIFE_EVENT_LABELS: Record<LifeEventType, string> = {
  birthday: "Birthday", new_role: "New role", promotion: "Promotion", new_baby: "New baby", wedding: "Wedding",
  moved_company: "Moved company", anniversary: "Anniversary", other: "Other",
};
/** Events that come round every year: their reminder is the next occurrence of the date. */
export const RECURRING_EVENTS: readonly LifeEventType[] = ["birthday", "anniversary"];

export const MESSAGE_CHANNELS = ["email", "sms", "linkedin"] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
export const MESSAGE_CHANNEL_LABELS: Record<MessageChannel, string> = { email: "Email", sms: "SMS", linkedin: "LinkedIn" };

export const AUTO_ACTION_LABELS: Record<string, string> = {
  reconnect: "Reconnect", birthday: "Birthday", congratulate: "Congratulate", anniversary: "Anniversary",
};

const text = (max: number, label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || null : v ?? null),
    z.string().max(max, `${label}: ${max} characters at most`).nullable(),
  );

const requiredText = (max: number, label: string, message: string) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string().min(1, message).max(max, `${label}: ${max} characters at most`));

const checkbox = z.preprocess((v) => (v === "on" || v === "1" || v === "true" ? 1 : 0), z.union([z.literal(0), z.literal(1)]));

/** "YYYY-MM-DDTHH:MM" (a datetime-local, read as UTC), "YYYY-MM-DD", or blank for now. */
const occurredAt = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() || null : null),
  z
    .string()
    .nullable()
    .transform((v, ctx) => {
      if (v === null) return null;
      const match = v.match(/^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2}))?/);
      if (!match || !isRealDate(match[1]!) || Number(match[2] ?? 0) > 23 || Number(match[3] ?? 0) > 59) {
        ctx.addIssue({ code: "custom", message: "When: enter a date (and time) like 2026-11-25 14:30" });
        return z.NEVER;
      }
      return `${match[1]}T${match[2] ?? "12"}:${match[3] ?? "00"}:00Z`;
    }),
);

const communicationFields = {
  type: z.enum(COMMUNICATION_TYPES, { errorMap: () => ({ message: "Choose call, email, meeting or note" }) }),
  direction: z.enum(DIRECTIONS, { errorMap: () => ({ message: "Choose inbound or outbound" }) }).catch("outbound"),
  subject: text(200, "Subject"),
  summary: text(5000, "Summary"),
  occurred_at: occurredAt,
  duration_minutes: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? null : Number(v)) : v ?? null),
    z.number({ invalid_type_error: "Duration: enter minutes" }).int("Duration: whole minutes").min(0, "Duration: 0 or more").max(1440, "Duration: at most 1440 minutes").nullable(),
  ),
};

const birthday = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() || null : null),
  z
    .string()
    .nullable()
    .transform((v, ctx) => {
      if (v === null) return { birthday: null, birthday_year: null };
      const full = v.match(/^(\d{4})-(\d{2})-(\d{2})$/);
      const short = v.match(/^(?:--)?(\d{2})-(\d{2})$/);
      if (full && isRealDate(v)) return { birthday: `${full[2]}-${full[3]}`, birthday_year: Number(full[1]) };
      if (short && isRealDate(`2024-${short[1]}-${short[2]}`)) return { birthday: `${short[1]}-${short[2]}`, birthday_year: null };
      ctx.addIssue({ code: "custom", message: "Birthday: enter MM-DD (e.g. 03-14) or a full date (1985-03-14)" });
      return z.NEVER;
    }),
);

const profileFields = {
  preferred_name: text(100, "Preferred name"),
  communication_preference: z.preprocess(
    (v) => (v === "" || v == null ? null : v),
    z.enum(CHANNEL_PREFERENCES, { errorMap: () => ({ message: "Choose a channel from the list" }) }).nullable(),
  ),
  communication_notes: text(1000, "Preferences"),
  personal_notes: text(5000, "Personal notes"),
  birthday,
  interests: z.preprocess(
    (v) => (typeof v === "string" ? v : ""),
    z
      .string()
      .max(1000, "Interests: 1,000 characters at most")
      .transform((v) => [...new Set(v.split(/[,\n]/).map((s) => s.trim()).filter(Boolean))])
      .refine((list) => list.length <= 20, "Interests: 20 at most")
      .refine((list) => list.every((s) => s.length <= 60), "Interests: each 60 characters at most"),
  ),
  dietary_requirements: text(200, "Dietary requirements"),
  assistant_name: text(100, "Assistant's name"),
  assistant_email: z.preprocess(
    (v) => (typeof v === "string" ? v : null),
    z.string().nullable().transform((v, ctx) => {
      const result = normaliseEmail(v);
      if (result === false) {
        ctx.addIssue({ code: "custom", message: "Assistant's email: enter an address like name@example.com" });
        return z.NEVER;
      }
      return result;
    }),
  ),
  reconnect_cadence_days: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? null : Number(v)) : v ?? null),
    z.number({ invalid_type_error: "Reconnect every: enter a number of days" }).int("Reconnect every: whole days").min(7, "Reconnect every: at least 7 days").max(730, "Reconnect every: at most 730 days").nullable(),
  ),
};

const lifeEventFields = {
  event_type: z.enum(LIFE_EVENT_TYPES, { errorMap: () => ({ message: "Choose the kind of event" }) }),
  title: requiredText(200, "Title", "Give the event a title"),
  event_date: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : ""),
    z.string().refine(isRealDate, "Date: enter a real date (YYYY-MM-DD)"),
  ),
  notes: text(2000, "Notes"),
  auto_action: checkbox,
};

const messageFields = {
  channel: z.enum(MESSAGE_CHANNELS, { errorMap: () => ({ message: "Choose email, SMS or LinkedIn" }) }),
  subject: text(200, "Subject"),
  body: requiredText(5000, "Message", "Write the message first"),
  drafted_by: z.enum(["manual", "ai", "rule_based"]).catch("manual"),
  auto_action_id: text(200, "Reminder"),
};

const id = (message: string) => z.string({ required_error: message }).trim().min(1, message).max(200);

/** Every form on the contact page (one action, one intent per form). */
export const contactIntentSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("log_communication"), ...communicationFields }),
    z.object({ intent: z.literal("save_profile"), ...profileFields }),
    z.object({ intent: z.literal("add_life_event"), ...lifeEventFields }),
    z.object({ intent: z.literal("delete_life_event"), life_event_id: id("Choose an event") }),
    z.object({
      intent: z.literal("add_partner"),
      partner_email: z.preprocess(
        (v) => (typeof v === "string" ? v : null),
        z.string().nullable().transform((v, ctx) => {
          const result = normaliseEmail(v);
          if (!result) {
            ctx.addIssue({ code: "custom", message: "Enter the other contact's email address" });
            return z.NEVER;
          }
          return result;
        }),
      ),
      relationship: requiredText(100, "Relationship", "Say how they are related (e.g. business partner)"),
      notes: text(1000, "Notes"),
    }),
    z.object({ intent: z.literal("remove_partner"), partner_link_id: id("Choose a link") }),
    z.object({ intent: z.literal("draft_message"), channel: messageFields.channel, auto_action_id: messageFields.auto_action_id }),
    z.object({ intent: z.literal("save_message"), ...messageFields }),
    z.object({ intent: z.literal("mark_sent"), message_id: id("Choose a message") }),
    z.object({ intent: z.literal("delete_message"), message_id: id("Choose a message") }),
    z.object({ intent: z.literal("complete_action"), auto_action_id: id("Choose a reminder"), status: z.enum(["done", "dismissed"]).catch("done") }),
  ],
  { errorMap: (issue, ctx) => (issue.code === "invalid_union_discriminator" ? { message: "Unknown action" } : { message: ctx.defaultError }) },
);
export type ContactIntent = z.infer<typeof contactIntentSchema>;

export type CommunicationInput = Omit<Extract<ContactIntent, { intent: "log_communication" }>, "intent">;
export type ProfileInput = Omit<Extract<ContactIntent, { intent: "save_profile" }>, "intent">;
export type LifeEventInput = Omit<Extract<ContactIntent, { intent: "add_life_event" }>, "intent">;

/** The /relationships page's own form (complete or dismiss a reminder). */
export const autoActionFormSchema = z.object({
  intent: z.literal("complete_action", { errorMap: () => ({ message: "Unknown action" }) }),
  auto_action_id: id("Choose a reminder"),
  status: z.enum(["done", "dismissed"]).catch("done"),
});

export const relationshipsListSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  events: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export const leadScanListSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  source: z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined),
});

/** Which intents need which tool grant (communications belong to contacts, the rest to relationships). */
export function intentTool(intent: ContactIntent["intent"]): "contacts" | "relationships" {
  return intent === "log_communication" ? "contacts" : "relationships";
}
