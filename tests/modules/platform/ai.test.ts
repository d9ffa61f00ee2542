import { afterEach, describe, expect, it, vi } from "vitest";
import { generateText, RULES_LABEL_NO_PROVIDER, RULES_LABEL_UNAVAILABLE } from "~/platform/ai.server";
import type { Env } from "~/platform/env.server";
import { anthropicOverloaded, anthropicRoutes } from "../../support/fake-servers/anthropic";
import { startFakeServer, type FakeServer } from "../../support/fake-server";

// No database needed: the AI module only reads env and calls the provider over HTTP.
const contextWith = (vars: Partial<Env>) => ({ env: vars as Env });
const servers: FakeServer[] = [];
async function serve(...args: Parameters<typeof startFakeServer>) {
  const server = await startFakeServer(...args);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  vi.restoreAllMocks();
});

const input = {
  system: "You write QBR summaries for an agency.",
  prompt: "Summarise Harbour & Co's quarter: revenue up 12%, two launches.",
  maxTokens: 300,
  fallback: () => "Harbour & Co: revenue +12%; 2 launches. (rule-based)",
};

describe("generateText", () => {
  it("calls the Messages API with the documented request and returns the model's text", async () => {
    const server = await serve(anthropicRoutes({ apiKey: "sk-test-key", reply: (prompt) => `AI summary of: ${prompt.slice(0, 20)}` }));
    const result = await generateText(contextWith({ AI_API_KEY: "sk-test-key", AI_API_URL: server.url, AI_MODEL: "claude-test-model" }), input);
    expect(result).toEqual({ text: "AI summary of: Summarise Harbour &", source: "ai", label: expect.stringContaining("AI draft") });
    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0];
    expect(sent.headers["x-api-key"]).toBe("sk-test-key");
    expect(sent.headers["anthropic-version"]).toBe("2023-06-01");
    expect(sent.headers["content-type"]).toContain("application/json");
    expect(sent.json()).toEqual({
      model: "claude-test-model",
      max_tokens: 300,
      system: input.system,
      messages: [{ role: "user", content: input.prompt }],
    });
  });

  it("falls back to the labelled rule-based draft when no key is configured (and calls nobody)", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const result = await generateText(contextWith({}), input);
    expect(result).toEqual({ text: input.fallback(), source: "rules", label: RULES_LABEL_NO_PROVIDER });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("falls back when the provider answers with an error", async () => {
    const server = await serve(anthropicOverloaded);
    const result = await generateText(contextWith({ AI_API_KEY: "sk-test-key", AI_API_URL: server.url }), input);
    expect(result).toEqual({ text: input.fallback(), source: "rules", label: RULES_LABEL_UNAVAILABLE });
  });

  it("falls back on a wrong key, a timeout or an unreachable provider, without logging the key or prompt", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const server = await serve(anthropicRoutes({ apiKey: "the-right-key", reply: () => "never" }));
    const wrongKey = await generateText(contextWith({ AI_API_KEY: "sk-wrong-key", AI_API_URL: server.url }), input);
    expect(wrongKey.source).toBe("rules");

    const slow = await serve({ "POST /v1/messages": () => ({ delayMs: 500, json: { content: [{ type: "text", text: "late" }] } }) });
    const timedOut = await generateText(contextWith({ AI_API_KEY: "sk-test-key", AI_API_URL: slow.url }), { ...input, timeoutMs: 100 });
    expect(timedOut).toMatchObject({ source: "rules", label: RULES_LABEL_UNAVAILABLE });

    const down = await generateText(contextWith({ AI_API_KEY: "sk-test-key", AI_API_URL: "http://127.0.0.1:9" }), input);
    expect(down).toMatchObject({ source: "rules", label: RULES_LABEL_UNAVAILABLE });

    const logged = warn.mock.calls.flat().join(" ");
    expect(logged).not.toContain("sk-wrong-key");
    expect(logged).not.toContain("sk-test-key");
    expect(logged).not.toContain("Harbour");
  });

  it("an answer without text is treated as unavailable", async () => {
    const server = await serve({ "POST /v1/messages": () => ({ json: { type: "message", content: [] } }) });
    const result = await generateText(contextWith({ AI_API_KEY: "k", AI_API_URL: server.url }), input);
    expect(result.source).toBe("rules");
  });
});
