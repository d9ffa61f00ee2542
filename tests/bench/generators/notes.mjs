// notes: account notes on companies (about two each), some on contacts, a few restricted HR
// notes on people; some replies and @mentions.
import { ANCHOR, insertRows, iso } from "./lib.mjs";

const ACCOUNT = [
  "Quarterly check-in went well; they want a proposal for the next phase by end of month.",
  "Budget is tight this quarter, revisit in February.",
  "New marketing director starting next week, set up an intro.",
  "Raised concerns about turnaround on the last sprint; agreed to a weekly status email.",
  "Interested in paid social; send over the Ultra squad case studies.",
  "Invoice queries go to accounts payable, not the main contact.",
  "Renewal conversation booked; bring the performance report.",
  "They loved the homepage concepts. Option B with tweaks.",
];
const CONTACT = [
  "Prefers email over phone.",
  "Met at the industry breakfast, keen to stay in touch.",
  "Decision maker for digital spend.",
  "On leave until the 15th.",
  "Moved from the Sydney office.",
];
const HR = [
  "Discussed career goals; interested in moving into a lead role next year.",
  "Agreed a flexible start time on Wednesdays.",
  "Completed probation review; all expectations met.",
];
const ALL = '["executive","head","manager","lead","employee"]';
const MANAGERS_ONLY = '["executive","head","manager"]';

const after = (rng, fromIso) => {
  const from = Date.parse(fromIso);
  return iso(from + rng() * Math.max(0, ANCHOR - from));
};

export async function generate(client, { rng, ctx }) {
  const writers = (
    await client.execute(
      `SELECT id FROM users WHERE access_level IN ('executive','head','manager','lead') AND disabled_at IS NULL ORDER BY id`,
    )
  ).rows.map((r) => String(r.id));
  const everyone = (
    await client.execute("SELECT id FROM users WHERE disabled_at IS NULL ORDER BY id")
  ).rows.map((r) => String(r.id));
  if (!writers.length) return { notes: 0 };
  const rows = [];
  let n = 0;
  const add = (resource_type, resource_id, content, visibility, since, parent = null) => {
    const created = parent ? after(rng, parent.created_at) : after(rng, since);
    const mentions = rng.chance(0.2) ? rng.sample(everyone, rng.int(1, 2)) : [];
    const row = {
      id: `note-b${String(++n).padStart(7, "0")}`,
      resource_type,
      resource_id,
      author_id: rng.pick(writers),
      content,
      visibility,
      mentions: JSON.stringify(mentions),
      parent_id: parent?.id ?? null,
      created_at: created,
      updated_at: created,
    };
    rows.push(row);
    if (!parent && rng.chance(0.15))
      add(resource_type, resource_id, "Thanks, noted. Will follow up.", visibility, since, row);
  };

  for (const c of ctx.companies ?? []) {
    for (let k = rng.poisson(2); k > 0; k--) add("company", c.id, rng.pick(ACCOUNT), ALL, c.created_at);
  }
  for (const c of ctx.contacts ?? []) {
    if (rng.chance(0.25))
      for (let k = rng.int(1, 2); k > 0; k--) add("contact", c.id, rng.pick(CONTACT), ALL, c.created_at);
  }
  for (const p of ctx.people ?? []) {
    if (rng.chance(0.2)) add("person", p.id, rng.pick(HR), MANAGERS_ONLY, p.created_at);
  }
  await insertRows(client, "notes", rows);
  return { notes: rows.length };
}
