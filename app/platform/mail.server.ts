import type { AppLoadContext } from "./context.server";
import { newId, nowIso } from "./ids";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * The one way the app sends email. Every message is recorded in `mail_outbox`. With
 * MAIL_API_URL + MAIL_API_KEY set it is POSTed to that HTTP provider
 * ({from, to, subject, text, html} JSON, bearer key); without them it is only captured, and
 * the development mailbox (/dev/mailbox) shows it. Never logs bodies (they carry tokens).
 */
export async function sendMail(context: AppLoadContext, message: MailMessage): Promise<{ id: string; status: "sent" | "failed" | "captured" }> {
  const { env, db } = context;
  const id = newId();
  let status: "sent" | "failed" | "captured" = "captured";
  let providerMessageId: string | null = null;
  let error: string | null = null;
  if (env.MAIL_API_URL && env.MAIL_API_KEY) {
    try {
      const response = await fetch(env.MAIL_API_URL, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${env.MAIL_API_KEY}` },
        body: JSON.stringify({
          from: env.MAIL_FROM ?? "Nucleus <nucleus@dotcollective.com.au>",
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`Mail provider answered ${response.status}`);
      const body = (await response.json().catch(() => ({}))) as { id?: string };
      providerMessageId = body.id ?? null;
      status = "sent";
    } catch (e) {
      status = "failed";
      error = e instanceof Error ? e.message.slice(0, 300) : "Mail provider failed";
    }
  }
  await db.query
    .insertInto("mail_outbox")
    .values({
      id,
      to_address: message.to.toLowerCase(),
      subject: message.subject,
      text_body: message.text,
      html_body: message.html ?? null,
      status,
      provider_message_id: providerMessageId,
      error,
      created_at: nowIso(),
    })
    .execute();
  return { id, status };
}
