import { sql } from "kysely";
import { z } from "zod";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { parseFormData, type FieldErrors } from "~/platform/forms.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import type { Viewer } from "~/platform/session.server";

const endpoint = z
  .string({ required_error: "The subscription endpoint is missing" })
  .max(2000)
  .url("The endpoint must be a URL")
  .refine((u) => u.startsWith("https://"), "The endpoint must use https");
const key = (name: string, min: number) =>
  z.string({ required_error: `The ${name} key is missing` }).min(min, `The ${name} key is too short`).max(300).regex(/^[A-Za-z0-9_-]+={0,2}$/, `The ${name} key must be base64url`);

/**
 * POST /notifications/push. The browser sends JSON: `{intent: "save", ...subscription.toJSON()}`
 * ({endpoint, keys: {p256dh, auth}}) or `{intent: "delete", endpoint}`. The preferences page's
 * "Remove" buttons send the same delete as a form.
 */
export const pushSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("save"), endpoint, keys: z.object({ p256dh: key("p256dh", 40), auth: key("auth", 8) }, { required_error: "The subscription keys are missing" }) }),
    z.object({ intent: z.literal("delete"), endpoint }),
  ],
  { errorMap: (issue, ctx) => (issue.code === "invalid_union_discriminator" ? { message: "Unknown action" } : { message: ctx.defaultError }) },
);
export type PushInput = z.infer<typeof pushSchema>;

function flatten(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) out[issue.path.join(".") || "form"] ??= issue.message;
  return out;
}

export function isJsonRequest(request: Request) {
  return (request.headers.get("Content-Type") ?? "").includes("application/json");
}

/** JSON (from PushManager) or a form post; never throws on bad input. */
export async function parsePushRequest(request: Request): Promise<{ ok: true; data: PushInput } | { ok: false; errors: FieldErrors }> {
  if (isJsonRequest(request)) {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return { ok: false, errors: { form: "The body must be JSON" } };
    }
    const result = pushSchema.safeParse(body);
    return result.success ? { ok: true, data: result.data } : { ok: false, errors: flatten(result.error) };
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { ok: false, errors: { form: "The form could not be read." } };
  }
  const parsed = parseFormData(form, pushSchema);
  return parsed.ok ? { ok: true, data: parsed.data } : { ok: false, errors: parsed.errors };
}

/**
 * Saves (upserts by endpoint: a browser re-subscribing under another account moves to it) or
 * removes one of the viewer's push subscriptions, with a history row on the user, ONE batch.
 */
export async function changePushSubscription(db: Db, viewer: Viewer, input: PushInput, userAgent: string | null) {
  if (input.intent === "save") {
    const now = nowIso();
    await batch(db, [
      db.query
        .insertInto("push_subscriptions")
        .values({ id: newId(), user_id: viewer.userId, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth, user_agent: userAgent?.slice(0, 200) ?? null, created_at: now })
        .onConflict((oc) => oc.column("endpoint").doUpdateSet({ user_id: viewer.userId, p256dh: input.keys.p256dh, auth: input.keys.auth, user_agent: userAgent?.slice(0, 200) ?? null })),
      historyEntry(db, { actorId: viewer.userId, resourceType: "user", resourceId: viewer.userId, action: "push_subscribed", details: { device: userAgent?.slice(0, 80) ?? "unknown" } }),
    ]);
    return { ok: true as const, removed: 0 };
  }
  const mine = (q: "push_subscriptions") =>
    db.query.selectFrom(q).where("endpoint", "=", input.endpoint).where("user_id", "=", viewer.userId);
  // The history row is written only when there is a subscription to remove (checked before the delete).
  const [, removed] = await batch(db, [
    db.query
      .insertInto("history")
      .columns(["id", "resource_type", "resource_id", "actor_id", "action", "created_at"])
      .expression(
        mine("push_subscriptions").select([
          sql<string>`${newId()}`.as("id"), sql<string>`'user'`.as("resource_type"), sql<string>`${viewer.userId}`.as("resource_id"),
          sql<string>`${viewer.userId}`.as("actor_id"), sql<string>`'push_unsubscribed'`.as("action"), sql<string>`${nowIso()}`.as("created_at"),
        ]),
      ),
    db.query.deleteFrom("push_subscriptions").where("endpoint", "=", input.endpoint).where("user_id", "=", viewer.userId).returning("id"),
  ]);
  return { ok: true as const, removed: removed.length };
}
