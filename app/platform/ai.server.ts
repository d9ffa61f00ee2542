// The one way the app asks a language model for text. With AI_API_KEY set it calls the
// Anthropic Messages API (POST {AI_API_URL}/v1/messages); with no key, or on any failure, it
// returns the caller's rule-based draft, clearly labelled, so every screen works offline.
// Prompts, responses and keys are never logged.
import type { AppLoadContext } from "./context.server";

export const AI_DEFAULT_URL = "https://api.anthropic.com";
export const AI_DEFAULT_MODEL = "claude-sonnet-4-5";
export const ANTHROPIC_VERSION = "2023-06-01";
export const AI_TIMEOUT_MS = 30_000;

export const RULES_LABEL_NO_PROVIDER = "Rule-based draft (no AI provider configured)";
export const RULES_LABEL_UNAVAILABLE = "Rule-based draft (AI provider unavailable)";

export type AiSource = "ai" | "rules";

export interface GenerateTextInput {
  system?: string;
  prompt: string;
  maxTokens?: number;
  /** The rule-based draft built from the data; used whenever the model cannot answer. */
  fallback: () => string;
  timeoutMs?: number;
}

export interface GeneratedText {
  text: string;
  source: AiSource;
  /** What to show next to the text (AiBadge). */
  label: string;
}

function fallbackResult(input: GenerateTextInput, label: string): GeneratedText {
  return { text: input.fallback(), source: "rules", label };
}

export async function generateText(context: Pick<AppLoadContext, "env">, input: GenerateTextInput): Promise<GeneratedText> {
  const { env } = context;
  if (!env.AI_API_KEY) return fallbackResult(input, RULES_LABEL_NO_PROVIDER);
  const model = env.AI_MODEL || AI_DEFAULT_MODEL;
  const base = (env.AI_API_URL || AI_DEFAULT_URL).replace(/\/+$/, "");
  try {
    const response = await fetch(`${base}/v1/messages`, {
      method: "POST",
      headers: {
        "x-api-key": env.AI_API_KEY,
        "anthropic-version": ANTHROPIC_VERSION,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        model,
        max_tokens: Math.max(1, Math.min(input.maxTokens ?? 1024, 8192)),
        ...(input.system ? { system: input.system } : {}),
        messages: [{ role: "user", content: input.prompt }],
      }),
      signal: AbortSignal.timeout(input.timeoutMs ?? AI_TIMEOUT_MS),
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      console.warn(`AI provider answered HTTP ${response.status}; using the rule-based draft`);
      return fallbackResult(input, RULES_LABEL_UNAVAILABLE);
    }
    const body = (await response.json()) as { content?: { type?: string; text?: unknown }[] };
    const block = body.content?.find((c) => c.type === "text" && typeof c.text === "string") ?? body.content?.[0];
    const text = typeof block?.text === "string" ? block.text.trim() : "";
    if (!text) {
      console.warn("AI provider answered without text; using the rule-based draft");
      return fallbackResult(input, RULES_LABEL_UNAVAILABLE);
    }
    return { text, source: "ai", label: `AI draft (${model}) — review before sharing` };
  } catch (e) {
    console.warn(`AI provider unavailable (${e instanceof Error ? e.name : "error"}); using the rule-based draft`);
    return fallbackResult(input, RULES_LABEL_UNAVAILABLE);
  }
}
