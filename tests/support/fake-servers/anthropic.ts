// Anthropic Messages API (POST /v1/messages), documented response shape:
// {id, type: "message", role: "assistant", model, content: [{type: "text", text}], stop_reason, usage}.
import type { FakeRoutes } from "../fake-server";

export function anthropicRoutes(options: { apiKey: string; reply: (prompt: string, system: string | undefined) => string }): FakeRoutes {
  return {
    "POST /v1/messages": (req) => {
      if (req.headers["x-api-key"] !== options.apiKey) {
        return { status: 401, json: { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } } };
      }
      if (req.headers["anthropic-version"] !== "2023-06-01") {
        return { status: 400, json: { type: "error", error: { type: "invalid_request_error", message: "anthropic-version header is required" } } };
      }
      const body = req.json() as { model: string; max_tokens: number; system?: string; messages: { role: string; content: string }[] };
      if (!body.model || !body.max_tokens || body.messages?.[0]?.role !== "user") {
        return { status: 400, json: { type: "error", error: { type: "invalid_request_error", message: "bad request" } } };
      }
      return {
        json: {
          id: "msg_fake_01",
          type: "message",
          role: "assistant",
          model: body.model,
          content: [{ type: "text", text: options.reply(body.messages[0].content, body.system) }],
          stop_reason: "end_turn",
          stop_sequence: null,
          usage: { input_tokens: 12, output_tokens: 34 },
        },
      };
    },
  };
}

/** A provider that is down. */
export const anthropicOverloaded: FakeRoutes = {
  "POST /v1/messages": () => ({ status: 529, json: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } } }),
};
