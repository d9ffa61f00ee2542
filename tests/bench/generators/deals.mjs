// deals: about a hundred deals per scale unit (10,000 at scale 100) on the seeded pipelines,
// for generated and seeded companies, owned mostly by the sales team (Emily's reports and
// Marcus) with the rest spread over everyone; stage history (1–4 periods), deal teams for ~30%,
// contact links for ~60%, and a tail of won / lost deals. Only runs for scale > 1.
import { ANCHOR, daysAgo, insertRows, iso } from "./lib.mjs";

const OPEN_STAGES = [
  ["stg-lead", "Lead", 30],
  ["stg-qualified", "Qualified", 25],
  ["stg-proposal", "Proposal", 20],
  ["stg-negotiation", "Negotiation", 10],
];
const STATUS = [["open", 60], ["won", 22], ["lost", 18]];
const KINDS = ["Website rebuild", "Paid social", "SEO retainer", "App build", "CRO program", "Brand refresh", "Analytics setup", "Support renewal", "Shopify migration", "Content strategy"];
const REASONS = ["Budget moved", "Went with an in-house build", "Chose a cheaper agency", "Project shelved", "No response"];
const SALES = ["emily-chen", "ella-white", "henry-scott", "marcus-lee"];
const ROLES = ["decision_maker", "champion", "influencer", "economic_buyer", "technical", "billing", "other"];

export async function generate(client, { scale, rng }) {
  if (scale <= 1) return { deals: 0 };
  const people = (await client.execute("SELECT id FROM people WHERE employment_status = 'active' ORDER BY id")).rows.map((r) => String(r.id));
  const companies = (await client.execute("SELECT id, name FROM companies ORDER BY id")).rows.map((r) => ({ id: String(r.id), name: String(r.name) }));
  const contacts = new Map();
  for (const r of (await client.execute("SELECT id, company_id FROM contacts WHERE company_id IS NOT NULL ORDER BY id")).rows) {
    const key = String(r.company_id);
    if (!contacts.has(key)) contacts.set(key, []);
    contacts.get(key).push(String(r.id));
  }
  if (!people.length || !companies.length) return { deals: 0 };

  const deals = [];
  const periods = [];
  const participants = [];
  const links = [];
  let n = 0;
  const id = (prefix) => `${prefix}-b${String(++n).padStart(7, "0")}`;
  const count = scale * 100;
  for (let i = 0; i < count; i++) {
    const company = rng.pick(companies);
    const owner = rng.chance(0.7) ? rng.pick(SALES) : rng.pick(people);
    const status = rng.weighted(STATUS);
    const created = daysAgo(rng.int(1, 400) + rng());
    const path = [];
    const target = status === "open" ? rng.int(0, OPEN_STAGES.length - 1) : rng.int(0, OPEN_STAGES.length - 1);
    for (let s = 0; s <= target; s++) if (s === 0 || rng.chance(0.8)) path.push(OPEN_STAGES[s]);
    if (status === "won") path.push(["stg-won", "Won"]);
    if (status === "lost") path.push(["stg-lost", "Lost"]);
    const span = Math.max(1, ANCHOR - created);
    const times = path.map((_, k) => created + (span * k) / (path.length + rng()));
    const last = times[times.length - 1];
    // Open deals: most were touched recently; ~8% have gone quiet (rotting).
    const updated = status === "open" ? (rng.chance(0.08) ? last : Math.max(last, daysAgo(rng.int(0, 6)))) : last;
    const dealId = id("deal");
    const contactIds = contacts.get(company.id) ?? [];
    const primary = contactIds.length && rng.chance(0.7) ? rng.pick(contactIds) : null;
    const stage = path[path.length - 1];
    deals.push({
      id: dealId, title: `${company.name} ${rng.pick(KINDS).toLowerCase()}`, description: null, company_id: company.id,
      primary_contact_id: primary, pipeline_id: "pipe-new-business", stage_id: stage[0], owner_id: owner,
      value_cents: rng.int(5, 400) * 100_000, currency: "AUD", probability_override: rng.chance(0.05) ? rng.int(5, 95) : null,
      status, expected_close_date: new Date(created + rng.int(30, 180) * 86_400_000).toISOString().slice(0, 10),
      closed_at: status === "open" ? null : iso(last), close_reason: status === "lost" ? rng.pick(REASONS) : status === "won" ? "Signed SOW" : null,
      source: rng.pick(["Referral", "Inbound", "Outbound", "Existing client", null]), stage_entered_at: iso(last),
      created_by: null, created_at: iso(created), updated_at: iso(updated),
    });
    path.forEach(([stageId, name], k) => {
      periods.push({
        id: id("dsh"), deal_id: dealId, stage_id: stageId, stage_name: name, from_stage_id: k ? path[k - 1][0] : null,
        entered_at: iso(times[k]), exited_at: k < path.length - 1 ? iso(times[k + 1]) : null, moved_by: null,
      });
    });
    if (rng.chance(0.3)) {
      for (const person of rng.sample(people.filter((p) => p !== owner), rng.int(1, 3))) {
        participants.push({ id: id("dp"), deal_id: dealId, person_id: person, role: rng.pick(["Solution architect", "Bid support", "Account lead", null]), added_by: null, created_at: iso(created) });
      }
    }
    if (contactIds.length && rng.chance(0.6)) {
      for (const contact of rng.sample(contactIds, rng.int(1, 3))) {
        links.push({ id: id("dcl"), deal_id: dealId, contact_id: contact, role: rng.pick(ROLES), added_by: null, created_at: iso(created) });
      }
    }
  }
  await insertRows(client, "deals", deals);
  await insertRows(client, "deal_stage_history", periods);
  await insertRows(client, "deal_participants", participants);
  await insertRows(client, "deal_contact_links", links);
  return { deals: deals.length, deal_stage_history: periods.length, deal_participants: participants.length, deal_contact_links: links.length };
}
