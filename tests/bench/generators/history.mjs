// history: the audit trail the app would have written for the generated records — a
// "created" row each, field-level "updated" rows (more for people and companies than for
// contacts), "completed" for done action items.
import { ANCHOR, insertRows, iso } from "./lib.mjs";

const between = (rng, fromIso, toMs = ANCHOR) => {
  const from = Date.parse(fromIso);
  return iso(from + rng() * Math.max(0, toMs - from));
};

export async function generate(client, { rng, ctx }) {
  const actors = (
    await client.execute(
      `SELECT id FROM users WHERE access_level IN ('executive','head','manager') AND disabled_at IS NULL ORDER BY id`,
    )
  ).rows.map((r) => String(r.id));
  const actor = () => (actors.length ? rng.pick(actors) : null);
  const rows = [];
  let n = 0;
  const add = (resource_type, resource_id, actor_id, action, details, created_at) =>
    rows.push({
      id: `hist-b${String(++n).padStart(7, "0")}`,
      resource_type,
      resource_id,
      actor_id,
      action,
      details: details ? JSON.stringify(details) : null,
      created_at,
    });

  for (const p of ctx.people ?? []) {
    add("person", p.id, null, "created", { source: "productive_sync" }, p.created_at);
    for (let k = rng.int(0, 3); k > 0; k--) {
      const field = rng.pick(["title", "location", "weekly_capacity_hours", "squad", "mobile"]);
      const to = p[field] ?? null;
      const from =
        field === "weekly_capacity_hours"
          ? rng.pick([30.4, 38])
          : field === "title"
            ? `Junior ${p.title}`
            : null;
      add(
        "person",
        p.id,
        actor(),
        "updated",
        { changes: { [field]: { from, to } } },
        between(rng, p.created_at),
      );
    }
  }
  for (const c of ctx.companies ?? []) {
    add("company", c.id, c.created_by, "created", null, c.created_at);
    for (let k = rng.int(0, 4); k > 0; k--) {
      const field = rng.pick(["account_manager_id", "industry", "phone", "website", "description"]);
      add(
        "company",
        c.id,
        actor(),
        "updated",
        { changes: { [field]: { from: null, to: c[field] ?? null } } },
        between(rng, c.created_at),
      );
    }
  }
  for (const c of ctx.contacts ?? []) {
    add("contact", c.id, actor(), "created", null, c.created_at);
    if (rng.chance(0.3)) {
      const field = rng.pick(["role", "phone", "email"]);
      add(
        "contact",
        c.id,
        actor(),
        "updated",
        { changes: { [field]: { from: null, to: "(changed)" } } },
        between(rng, c.created_at),
      );
    }
  }
  for (const a of ctx.actionItems ?? []) {
    add("action_item", a.id, a.created_by, "created", null, a.created_at);
    if (a.completed_at) add("action_item", a.id, a.completed_by, "completed", null, a.completed_at);
  }
  await insertRows(client, "history", rows);
  return { history: rows.length };
}
