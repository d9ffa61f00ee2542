// companies: ~8 clients per scale unit, plus parent groups (about one per ten clients, each
// owning 2-4 of them). Account managers are active managers/leads; leaves `ctx.companies`.
import { daysAgo, existing, insertRows, iso, landline, slug, unique } from "./lib.mjs";

// prettier-ignore
const WORDS = [
  "Harbour", "Summit", "Coastal", "Ironbark", "Wattle", "Southern", "Banksia", "Riverbend", "Northgate",
  "Bluegum", "Sapphire", "Redgum", "Kookaburra", "Lighthouse", "Meridian", "Horizon", "Eastbrook",
  "Yarra", "Bellarine", "Otway", "Gippsland", "Mornington", "Dandenong", "Macedon", "Grampians",
  "Silverleaf", "Stonefield", "Goldfields", "Westwind", "Saltbush", "Copperline", "Keystone",
  "Evergreen", "Clearwater", "Pinnacle", "Driftwood", "Tasman", "Corella", "Lyrebird", "Acacia",
];
// prettier-ignore
const INDUSTRIES = [
  ["Retail", ["Outfitters", "Homewares", "Supply Co", "Goods", "Trading"]],
  ["Energy", ["Energy", "Power", "Solar", "Renewables"]],
  ["Healthcare", ["Health", "Medical", "Clinics", "Care"]],
  ["Education", ["Education", "Academy", "College", "Learning"]],
  ["Logistics", ["Logistics", "Freight", "Transport"]],
  ["Beauty", ["Skincare", "Beauty", "Cosmetics"]],
  ["Food & Beverage", ["Pantry", "Brewing", "Foods", "Coffee Roasters", "Kitchen"]],
  ["Financial Services", ["Capital", "Finance", "Super", "Wealth"]],
  ["Real Estate", ["Property", "Realty", "Developments"]],
  ["Technology", ["Labs", "Software", "Systems", "Digital"]],
  ["Tourism", ["Travel", "Tours", "Hotels"]],
  ["Not-for-profit", ["Foundation", "Trust", "Alliance"]],
];
const SUFFIX = [".com.au", ".com.au", ".com.au", ".com", ".org.au", ".net.au"];

function companyName(rng) {
  const [industry, endings] = rng.pick(INDUSTRIES);
  return { industry, name: `${rng.pick(WORDS)} ${rng.pick(endings)}` };
}

export async function generate(client, { scale, rng, ctx }) {
  const clients = Math.round(8 * (scale - 1));
  ctx.companies = [];
  if (clients <= 0) return { companies: 0 };

  const managers = (
    await client.execute(
      `SELECT p.id FROM people p JOIN users u ON u.id = p.user_id
       WHERE u.access_level IN ('head','manager','lead') AND p.employment_status = 'active' ORDER BY p.id`,
    )
  ).rows.map((r) => String(r.id));
  const creators = (
    await client.execute(
      `SELECT id FROM users WHERE access_level IN ('executive','head','manager') ORDER BY id`,
    )
  ).rows.map((r) => String(r.id));
  const takenIds = await existing(client, "companies", "id");
  const takenDomains = await existing(client, "companies", "domain");

  const make = (name, industry, parentId) => {
    const base = slug(name);
    const id = unique(takenIds, `co-${base}`);
    const stem = base.replace(/-/g, "");
    const tld = rng.pick(SUFFIX);
    let n = 1;
    while (takenDomains.has(`${stem}${n > 1 ? n : ""}${tld}`)) n++;
    const domain = `${stem}${n > 1 ? n : ""}${tld}`;
    takenDomains.add(domain);
    const created = daysAgo(rng.int(1, 2400));
    return {
      id,
      name,
      parent_id: parentId,
      industry,
      domain,
      website: `https://${domain}`,
      phone: rng.chance(0.8) ? landline(rng) : null,
      address: rng.chance(0.7)
        ? `${rng.int(1, 480)} ${rng.pick(["Collins", "Flinders", "Chapel", "Smith", "Swan", "Bridge"])} St, Melbourne VIC 3000`
        : null,
      description: rng.chance(0.6)
        ? `${industry} client${parentId ? " within the group" : ""}; ${rng.pick(["retainer", "project work", "paid media", "platform build", "SEO and content"])}.`
        : null,
      account_manager_id: managers.length && rng.chance(0.92) ? rng.pick(managers) : null,
      created_by: creators.length ? rng.pick(creators) : null,
      created_at: iso(created),
      updated_at: iso(daysAgo(rng.int(0, 200))),
    };
  };

  const groups = [];
  for (let i = 0; i < Math.ceil(clients / 10); i++) {
    const group = make(
      `${rng.pick(WORDS)} ${rng.pick(["Group", "Holdings", "Collective", "Partners"])}`,
      "Diversified",
      null,
    );
    groups.push(group);
  }
  const rows = [...groups];
  let g = 0;
  let inGroup = 0;
  for (let i = 0; i < clients; i++) {
    const { name, industry } = companyName(rng);
    // Fill groups with 2-4 children each until every group has some.
    let parent = null;
    if (g < groups.length && (rng.chance(0.35) || clients - i <= (groups.length - g) * 2)) {
      parent = groups[g].id;
      if (++inGroup >= rng.int(2, 4)) {
        g++;
        inGroup = 0;
      }
    }
    rows.push(make(name, industry, parent));
  }
  await insertRows(client, "companies", rows);
  ctx.companies = rows.map((r) => ({ ...r, isGroup: groups.includes(r) }));
  return { companies: rows.length };
}
