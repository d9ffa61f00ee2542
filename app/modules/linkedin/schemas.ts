// Client-safe: LinkedIn activity/change-alert vocabularies and the webhook payload.
import { z } from "zod";

export const ACTIVITY_TYPES = ["post", "comment", "reaction"] as const;
export const CHANGE_TYPES = ["title_change", "company_change", "headline_change", "location_change", "profile_update"] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const CHANGE_LABELS: Record<ChangeType, string> = {
  title_change: "Job title changed",
  company_change: "Company changed",
  headline_change: "Headline changed",
  location_change: "Location changed",
  profile_update: "Profile updated",
};
export const ACTIVITY_LABELS: Record<(typeof ACTIVITY_TYPES)[number], string> = { post: "Post", comment: "Comment", reaction: "Reaction" };

/** Webhook bodies larger than this are refused (413) before they are parsed. */
export const WEBHOOK_MAX_BYTES = 256 * 1024;
export const EXCERPT_LENGTH = 500;

const httpUrl = z
  .string()
  .trim()
  .max(1000)
  .url()
  .refine((v) => /^https?:\/\//i.test(v), "must be an http(s) URL");
const isoDateTime = z.string().datetime({ offset: true });
const snapshot = z.record(z.union([z.string().max(500), z.number(), z.boolean(), z.null()])).nullable().optional();

/**
 * POST /webhooks/linkedin, signed with HMAC-SHA256 of the raw body (X-Nucleus-Signature:
 * sha256=<hex>). The person is matched by LinkedIn URL, else by work email.
 * {
 *   "event_id": "evt_123",                      // optional; a replay of the same id is ignored
 *   "person": { "linkedin_url": "https://www.linkedin.com/in/…", "email": "…" },
 *   "changes": [{ "type": "title_change", "before": { "title": "…" }, "after": { "title": "…" }, "detected_at": "…Z" }],
 *   "activities": [{ "type": "post", "url": "https://…", "text": "…", "posted_at": "…Z" }]
 * }
 */
export const webhookSchema = z
  .object({
    event_id: z.string().trim().min(1).max(200).optional(),
    person: z
      .object({
        linkedin_url: httpUrl.optional(),
        email: z.string().trim().email().max(320).optional(),
      })
      .refine((p) => p.linkedin_url || p.email, "person.linkedin_url or person.email is required"),
    changes: z
      .array(z.object({ type: z.enum(CHANGE_TYPES), before: snapshot, after: snapshot, detected_at: isoDateTime.optional() }))
      .max(20)
      .default([]),
    activities: z
      .array(
        z.object({
          type: z.enum(ACTIVITY_TYPES),
          url: httpUrl,
          text: z.string().max(20_000).nullable().optional(),
          posted_at: isoDateTime.nullable().optional(),
        }),
      )
      .max(50)
      .default([]),
  })
  .refine((b) => b.changes.length + b.activities.length > 0, "Send at least one change or activity");
export type WebhookPayload = z.infer<typeof webhookSchema>;

type Snapshot = Record<string, string | number | boolean | null> | null | undefined;

/** "Job title changed: Developer → Senior Developer" (the first field both snapshots share). */
export function describeChange(type: ChangeType, before: Snapshot, after: Snapshot) {
  const label = CHANGE_LABELS[type] ?? "Profile changed";
  const key = ["title", "company", "headline", "location", "value"].find((k) => (after && k in after) || (before && k in before));
  if (!key) return label;
  const from = before?.[key];
  const to = after?.[key];
  if (from != null && to != null) return `${label}: ${from} → ${to}`;
  if (to != null) return `${label}: now ${to}`;
  return label;
}

export function parseSnapshot(json: string | null): Snapshot {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Snapshot) : null;
  } catch {
    return null;
  }
}

/** Only http(s) links are rendered as links. */
export const isHttpUrl = (url: string) => /^https?:\/\//i.test(url);
