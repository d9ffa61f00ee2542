// Client-safe zod schemas for the leave forms.
import { z } from "zod";

const isoDate = (label: string) =>
  z.string({ required_error: `Enter the ${label}` }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} as YYYY-MM-DD`)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `The ${label} is not a real date`);

const checkbox = z.union([z.literal("on"), z.literal("1"), z.literal("true")]).optional().transform((v) => Boolean(v));

export const leaveRequestSchema = z
  .object({
    leaveTypeId: z.string({ required_error: "Choose a leave type" }).trim().min(1, "Choose a leave type").max(100),
    startDate: isoDate("start date"),
    endDate: isoDate("end date"),
    startHalf: checkbox,
    endHalf: checkbox,
    notes: z.string().trim().max(2000, "Keep notes under 2,000 characters").optional().transform((v) => v || null),
    confirmInsufficient: checkbox,
  })
  .refine((v) => v.endDate >= v.startDate, { path: ["endDate"], message: "The end date is before the start date" });
export type LeaveRequestInput = z.infer<typeof leaveRequestSchema>;

export const decisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), comment: z.string().trim().max(1000).optional().transform((v) => v || null) }),
  z.object({ intent: z.literal("reject"), reason: z.string({ required_error: "Say why the request is rejected" }).trim().min(1, "Say why the request is rejected").max(1000) }),
  z.object({ intent: z.literal("cancel"), reason: z.string().trim().max(1000).optional().transform((v) => v || null) }),
  z.object({ intent: z.literal("retry"), integration: z.enum(["xero", "productive", "google", "slack"], { message: "Choose an integration to retry" }) }),
], { errorMap: () => ({ message: "Unknown action" }) });
export type DecisionInput = z.infer<typeof decisionSchema>;

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional();

/** The team calendar's query string (a GET filter: anything unusable falls back to its default). */
export const calendarQuerySchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional().catch(undefined),
  squad: z.string().trim().max(100).optional().catch(undefined).transform((v) => v || null),
  page: z.coerce.number().int().min(1).max(1000).optional().catch(undefined).transform((v) => v ?? 1),
});
