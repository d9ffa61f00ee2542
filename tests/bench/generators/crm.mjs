// crm: the contact-level relationship data in proportion to contacts — communications (about
// 1.5 per contact, a few busy contacts with dozens), relationship profiles for ~15% (half with a
// reconnect cadence, their reminders mirrored into action_items), life events for ~8%,
// partner links for ~3%, drafted/sent messages for ~3%, and lead scan runs. Uses ctx.contacts
// (generated contacts only; scale 1 is the seed alone).
import { ANCHOR, addDays, day, daysAgo, insertRows, iso } from "./lib.mjs";

// prettier-ignore
const SUBJECTS = {
  call: ["Quarterly check-in", "Campaign results", "Renewal conversation", "Quick catch-up", "Budget for next quarter"],
  email: ["Monthly report", "Proposal follow-up", "Meeting notes", "Invoice query", "Creative feedback"],
  meeting: ["Workshop", "QBR", "Kickoff", "Strategy session", "Status meeting"],
  note: ["Left a voicemail", "Met at an industry event", "Sent a gift", "Intro from a partner"],
};
const EVENTS = [
  ["new_role", "Started a new role"], ["promotion", "Promoted"], ["new_baby", "New baby"], ["wedding", "Got married"],
  ["moved_company", "Moved company"], ["birthday", "Birthday"], ["anniversary", "Work anniversary"],
];
const INTERESTS = ["cycling", "surfing", "natural wine", "AFL", "cricket", "ceramics", "running", "jazz", "cooking", "tennis"];
const SOURCES = ["linkedin_alerts", "inbound_forms", "website_visits"];

export async function generate(client, { scale, rng, ctx }) {
  const contacts = ctx.contacts ?? [];
  if (scale <= 1 || contacts.length === 0) return { contact_communications: 0 };
  const loggers = (
    await client.execute(`SELECT id FROM users WHERE access_level IN ('head','manager','lead') AND disabled_at IS NULL ORDER BY id`)
  ).rows.map((r) => String(r.id));
  const managers = new Map(
    (await client.execute("SELECT id, account_manager_id FROM companies")).rows.map((r) => [String(r.id), r.account_manager_id ? String(r.account_manager_id) : null]),
  );
  const pick = () => (loggers.length ? rng.pick(loggers) : null);

  const comms = [];
  const profiles = [];
  const events = [];
  const actions = [];
  const items = [];
  const partners = [];
  const messages = [];
  let n = 0;
  const id = (prefix) => `${prefix}-b${String(++n).padStart(7, "0")}`;

  for (const contact of contacts) {
    const created = Date.parse(contact.created_at);
    const busy = rng.chance(0.02);
    const count = busy ? rng.int(20, 60) : rng.poisson(1.3);
    let last = null;
    for (let i = 0; i < count; i++) {
      const at = created + rng() * Math.max(0, ANCHOR - created);
      const type = rng.weighted([["call", 4], ["email", 5], ["meeting", 2], ["note", 1]]);
      comms.push({
        id: id("cc"), contact_id: contact.id, type, direction: rng.chance(0.3) ? "inbound" : "outbound",
        subject: rng.pick(SUBJECTS[type]), summary: rng.chance(0.6) ? "Notes from the conversation; next steps agreed." : null,
        occurred_at: iso(at), duration_minutes: type === "call" || type === "meeting" ? rng.int(5, 90) : null,
        logged_by: pick(), created_at: iso(at), updated_at: iso(at),
      });
      if (!last || at > last) last = at;
    }
    const assignee = managers.get(contact.company_id) ?? null;
    if (rng.chance(0.15)) {
      const cadence = rng.chance(0.5) ? rng.pick([30, 45, 60, 90]) : null;
      const month = String(rng.int(1, 12)).padStart(2, "0");
      const dayOfMonth = String(rng.int(1, 28)).padStart(2, "0");
      profiles.push({
        id: id("crp"), contact_id: contact.id, preferred_name: null,
        communication_preference: rng.pick(["email", "phone", "linkedin", null]), communication_notes: null,
        personal_notes: rng.chance(0.5) ? "Two kids; follows the footy." : null,
        birthday: rng.chance(0.6) ? `${month}-${dayOfMonth}` : null, birthday_year: null,
        interests: JSON.stringify(rng.sample(INTERESTS, rng.int(0, 3))), dietary_requirements: null,
        assistant_name: null, assistant_email: null, reconnect_cadence_days: cadence, updated_by: pick(),
        created_at: iso(created), updated_at: iso(created),
      });
      if (cadence) {
        const due = day(last ? addDays(last, cadence) : ANCHOR);
        const actionId = `rel-reconnect-${contact.id}`;
        const title = `Reconnect with ${contact.name} (every ${cadence} days)`;
        actions.push({
          id: actionId, contact_id: contact.id, life_event_id: null, action_type: "reconnect", title, description: null,
          due_date: due, status: "pending", assigned_person_id: assignee, created_at: iso(created), updated_at: iso(created),
        });
        items.push({
          id: `ai-${actionId}`, title, source_module: "relationships", source_type: "reconnect", source_id: actionId,
          company_id: contact.company_id, contact_id: contact.id, assigned_person_id: assignee, due_date: due,
          created_at: iso(created), updated_at: iso(created),
        });
      }
    }
    if (rng.chance(0.08)) {
      const [type, title] = rng.pick(EVENTS);
      const at = created + rng() * Math.max(0, ANCHOR - created);
      const eventId = id("le");
      events.push({
        id: eventId, contact_id: contact.id, event_type: type, title, event_date: day(at), notes: null, auto_action_enabled: 1,
        created_by: pick(), created_at: iso(at), updated_at: iso(at),
      });
      if (ANCHOR - at < 30 * 86_400_000) {
        const done = rng.chance(0.5);
        actions.push({
          id: `rel-event-${eventId}`, contact_id: contact.id, life_event_id: eventId, action_type: "congratulate",
          title: `Congratulate ${contact.name}: ${title}`, description: null, due_date: day(addDays(at, 1)),
          status: done ? "done" : "pending", assigned_person_id: assignee, created_at: iso(at), updated_at: iso(at),
        });
      }
    }
    if (rng.chance(0.03) && contacts.length > 1) {
      const other = rng.pick(contacts);
      if (other.id !== contact.id) {
        partners.push({ id: id("cp"), contact_id: contact.id, partner_contact_id: other.id, relationship: rng.pick(["business partner", "former colleague", "spouse"]), notes: null, created_by: pick(), created_at: iso(created) });
      }
    }
    if (rng.chance(0.03)) {
      const sent = rng.chance(0.6);
      const at = daysAgo(rng.int(0, 120));
      messages.push({
        id: id("rm"), contact_id: contact.id, auto_action_id: null, channel: rng.pick(["email", "sms", "linkedin"]), subject: null,
        body: `Hi ${contact.name.split(" ")[0]}, hope all is well — keen to catch up soon.`, status: sent ? "sent" : "draft",
        drafted_by: rng.pick(["manual", "rule_based"]), sent_at: sent ? iso(at) : null, sent_by: sent ? pick() : null,
        created_by: pick(), created_at: iso(at), updated_at: iso(at),
      });
    }
  }
  // Partner links are unique per ordered pair and never reversed duplicates.
  const seen = new Set();
  const links = partners.filter((p) => {
    const key = [p.contact_id, p.partner_contact_id].sort().join("|");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const scans = [];
  for (let i = 0; i < 30 * scale; i++) {
    const start = daysAgo(i / scale);
    const status = rng.weighted([["succeeded", 8], ["partial", 1], ["failed", 1]]);
    scans.push({
      id: id("lsl"), source: rng.pick(SOURCES), started_at: iso(start), finished_at: iso(start + rng.int(5, 300) * 1000), status,
      counts: JSON.stringify({ scanned: rng.int(0, 300), matched: rng.int(0, 20), created: rng.int(0, 5) }),
      error: status === "failed" ? "Upstream API answered 503" : status === "partial" ? "Some records had no email" : null,
      triggered_by: null, created_at: iso(start),
    });
  }

  await insertRows(client, "contact_communications", comms);
  await insertRows(client, "contact_relationship_profiles", profiles);
  await insertRows(client, "contact_life_events", events);
  await insertRows(client, "relationship_auto_actions", actions);
  await insertRows(client, "action_items", items);
  await insertRows(client, "contact_partners", links);
  await insertRows(client, "relationship_messages", messages);
  await insertRows(client, "lead_scan_log", scans);
  return {
    contact_communications: comms.length, contact_relationship_profiles: profiles.length, contact_life_events: events.length,
    relationship_auto_actions: actions.length, contact_partners: links.length, relationship_messages: messages.length, lead_scan_log: scans.length,
  };
}
