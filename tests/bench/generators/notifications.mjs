// notifications: a few per active user (2-8; the seed's users too once the agency grows),
// over the notification types the seed defines; most read, some dismissed.
import { ANCHOR, daysAgo, insertRows, iso } from "./lib.mjs";

const TEXT = {
  note_mention: (r) => [
    `${r.actor} mentioned you in a note`,
    "On a company record",
    r.company && `/companies/${r.company.id}`,
    "company",
    r.company?.id,
  ],
  action_item_assigned: (r) => [
    "New action item assigned to you",
    r.item?.title ?? null,
    "/action-centre",
    "action_item",
    r.item?.id,
  ],
  portal_invitation_accepted: (r) => [
    `${r.company?.name ?? "A client"} joined the client portal`,
    null,
    r.company && `/companies/${r.company.id}`,
    "company",
    r.company?.id,
  ],
  leave_approval_requested: (r) => [
    `${r.actor} requested leave`,
    "Annual leave, 3 days",
    "/leave",
    null,
    null,
  ],
  leave_decided: () => ["Your leave request was approved", null, "/leave", null, null],
  access_changed: () => ["Your access level changed", null, "/settings", null, null],
  announcement_published: () => ["New announcement: end of year party", null, "/announcements", null, null],
  meeting_invited: (r) => [`${r.actor} invited you to a meeting`, "Squad kickoff", "/calendar", null, null],
  document_expiring: () => ["Your working with children check expires soon", null, "/documents", null, null],
};

export async function generate(client, { scale, rng }) {
  if (scale <= 1) return { notifications: 0 };
  const types = (
    await client.execute("SELECT key FROM notification_types WHERE is_active = 1 ORDER BY key")
  ).rows.map((r) => String(r.key));
  const users = (
    await client.execute("SELECT id, name FROM users WHERE disabled_at IS NULL ORDER BY id")
  ).rows.map((r) => ({ id: String(r.id), name: String(r.name) }));
  const companies = (await client.execute("SELECT id, name FROM companies ORDER BY id LIMIT 2000")).rows;
  const items = (
    await client.execute("SELECT id, title, assigned_person_id FROM action_items ORDER BY id LIMIT 5000")
  ).rows;
  if (!types.length || !users.length) return { notifications: 0 };

  const rows = [];
  let n = 0;
  for (const user of users) {
    for (let k = rng.int(2, 8); k > 0; k--) {
      const type = rng.pick(types);
      const context = {
        actor: rng.pick(users).name,
        company: companies.length ? rng.pick(companies) : null,
        item: items.length ? rng.pick(items) : null,
      };
      const [title, body, url, resourceType, resourceId] = (
        TEXT[type] ?? (() => ["Message from Nucleus", null, null, null, null])
      )(context);
      const created = daysAgo(rng() * 45);
      const read = rng.chance(0.6);
      rows.push({
        id: `ntf-b${String(++n).padStart(7, "0")}`,
        user_id: user.id,
        type,
        title,
        body,
        action_url: url ?? null,
        resource_type: resourceId ? resourceType : null,
        resource_id: resourceId ?? null,
        read_at: read ? iso(Math.min(ANCHOR, created + rng() * 86_400_000)) : null,
        dismissed_at: read && rng.chance(0.15) ? iso(Math.min(ANCHOR, created + 2 * 86_400_000)) : null,
        created_at: iso(created),
      });
    }
  }
  await insertRows(client, "notifications", rows);
  return { notifications: rows.length };
}
