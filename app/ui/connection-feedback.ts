import type { ConnectionFeedback } from "./connection-card";

type ActionResult =
  | { ok: true; provider: string | null; message: string }
  | { ok: false; errors: Record<string, string>; values?: Record<string, unknown> }
  | undefined;

/** Turns a connections action result into the card feedback for its provider. */
export function connectionFeedback(result: ActionResult): ConnectionFeedback | undefined {
  if (!result) return undefined;
  if (result.ok) return result.provider ? { provider: result.provider, ok: true, message: result.message } : undefined;
  const provider = typeof result.values?.provider === "string" ? result.values.provider : "";
  const message = result.errors.form ?? result.errors.intent ?? result.errors.provider ?? (Object.keys(result.errors).length ? "Check the highlighted fields." : undefined);
  return { provider, ok: false, message, errors: result.errors };
}
