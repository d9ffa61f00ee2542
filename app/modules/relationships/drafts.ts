// Client-safe: the rule-based relationship message draft, used when no AI provider is available.
// Built only from what Nucleus knows about the contact; always labelled "Rule-based draft".
import { LIFE_EVENT_LABELS, type LifeEventType, type MessageChannel } from "./schemas";

export interface DraftContext {
  channel: MessageChannel;
  firstName: string;
  preferredName: string | null;
  companyName: string | null;
  senderName: string;
  /** The reminder being acted on, if any. */
  reason: { type: string; title: string } | null;
  /** The latest life event, if any. */
  lifeEvent: { type: LifeEventType; title: string; date: string } | null;
  interests: string[];
  daysSinceContact: number | null;
}

export interface Draft {
  subject: string | null;
  body: string;
}

function opener(ctx: DraftContext, name: string): { subject: string; line: string } {
  const type = ctx.reason?.type ?? (ctx.lifeEvent ? "congratulate" : "reconnect");
  const event = ctx.lifeEvent;
  if (type === "birthday" || event?.type === "birthday") {
    return { subject: `Happy birthday, ${name}!`, line: `Happy birthday! I hope you get some time to celebrate today.` };
  }
  if (type === "anniversary" || event?.type === "anniversary") {
    return { subject: `Congratulations, ${name}`, line: `I saw it's a special anniversary (${event?.title ?? ctx.reason?.title ?? "congratulations"}) — congratulations!` };
  }
  if ((type === "congratulate" || ctx.reason === null) && event) {
    const what = LIFE_EVENT_LABELS[event.type]?.toLowerCase() ?? "news";
    return { subject: `Congratulations, ${name}!`, line: `I heard about your ${what === "other" ? "news" : what} — ${event.title}. Congratulations, that's wonderful to hear.` };
  }
  const since = ctx.daysSinceContact !== null && ctx.daysSinceContact > 30 ? " It's been a little while since we last spoke." : "";
  return { subject: `Catching up`, line: `I hope things are going well${ctx.companyName ? ` at ${ctx.companyName}` : ""}.${since}` };
}

export function ruleBasedDraft(ctx: DraftContext): Draft {
  const name = ctx.preferredName || ctx.firstName;
  const { subject, line } = opener(ctx, name);
  const interest = ctx.interests[0];
  const follow = interest ? `How's the ${interest.toLowerCase()} going?` : "Would you be up for a coffee or a quick call in the next couple of weeks?";
  if (ctx.channel === "sms") {
    return { subject: null, body: `Hi ${name}, ${line} ${interest ? follow : "Keen to catch up soon."} — ${ctx.senderName.split(" ")[0]}` };
  }
  if (ctx.channel === "linkedin") {
    return { subject: null, body: `Hi ${name},\n\n${line} ${follow}\n\n${ctx.senderName}` };
  }
  return {
    subject,
    body: `Hi ${name},\n\n${line}\n\n${follow}\n\nBest,\n${ctx.senderName}`,
  };
}
