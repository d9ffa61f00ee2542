// contacts: ~200 per scale unit in total (20,000 at scale 100), spread unevenly over the
// companies (a few big accounts hold hundreds), one primary contact per company, a few
// without a company. Leaves `ctx.contacts`.
import { daysAgo, existing, insertRows, iso, mobile, personName, slug, unique, uniqueEmail } from "./lib.mjs";

// prettier-ignore
const ROLES = [
  "Marketing Director", "Marketing Manager", "Marketing Coordinator", "Brand Manager", "Head of Digital",
  "Ecommerce Manager", "Digital Lead", "CEO", "Founder", "General Manager", "Operations Manager", "CIO",
  "IT Manager", "Product Manager", "Head of Product", "Content Manager", "Communications Advisor",
  "Procurement Officer", "Finance Director", "Accounts Payable", "CRM Manager", "Growth Lead",
];
const FREE_MAIL = ["gmail.com", "outlook.com", "icloud.com", "bigpond.com"];

export async function generate(client, { scale, rng, ctx }) {
  ctx.contacts = [];
  if (scale <= 1) return { contacts: 0 };
  const current = Number((await client.execute("SELECT count(*) AS n FROM contacts")).rows[0].n);
  const extra = Math.round(200 * scale) - current;
  if (extra <= 0) return { contacts: 0 };

  const groupIds = new Set((ctx.companies ?? []).filter((c) => c.isGroup).map((c) => c.id));
  const companies = (
    await client.execute("SELECT id, domain, parent_id FROM companies ORDER BY id")
  ).rows.map((r) => ({
    id: String(r.id),
    domain: r.domain ? String(r.domain) : null,
    group: groupIds.has(String(r.id)),
  }));
  // Heavy-tailed weights: most companies have a handful of contacts, a few have hundreds.
  const weighted = companies.map((c) => [c, c.group ? 0.3 : 1 + Math.floor(rng() ** 4 * 60)]);
  const hasPrimary = new Set(
    (
      await client.execute(
        "SELECT DISTINCT company_id FROM contacts WHERE is_primary = 1 AND company_id IS NOT NULL",
      )
    ).rows.map((r) => String(r.company_id)),
  );
  const creators = (
    await client.execute(
      `SELECT id FROM users WHERE access_level IN ('head','manager','lead') AND disabled_at IS NULL ORDER BY id`,
    )
  ).rows.map((r) => String(r.id));
  const takenIds = await existing(client, "contacts", "id");
  const takenEmails = await existing(client, "contacts", "email");

  const rows = [];
  for (let i = 0; i < extra; i++) {
    const company = companies.length && rng.chance(0.96) ? rng.weighted(weighted) : null;
    const { first, last } = personName(rng);
    const local = `${slug(first)}.${slug(last).replace(/-/g, "")}`;
    const domain = company?.domain ?? rng.pick(FREE_MAIL);
    const primary = company && !hasPrimary.has(company.id) ? 1 : 0;
    if (primary) hasPrimary.add(company.id);
    const created = daysAgo(rng.int(0, 2000));
    rows.push({
      id: unique(takenIds, `ct-${slug(`${first}-${last}`)}`),
      company_id: company?.id ?? null,
      first_name: first,
      last_name: last,
      email: rng.chance(0.93) ? uniqueEmail(takenEmails, local, domain) : null,
      phone: rng.chance(0.6) ? mobile(rng) : null,
      role: rng.chance(0.85) ? rng.pick(ROLES) : null,
      linkedin_url: rng.chance(0.4)
        ? `https://www.linkedin.com/in/${slug(`${first}-${last}`)}-${rng.digits(4)}`
        : null,
      is_primary: primary,
      created_by: creators.length ? rng.pick(creators) : null,
      created_at: iso(created),
      updated_at: iso(Math.max(created, daysAgo(rng.int(0, 300)))),
    });
  }
  await insertRows(client, "contacts", rows);
  ctx.contacts = rows.map((r) => ({
    id: r.id,
    company_id: r.company_id,
    created_at: r.created_at,
    name: `${r.first_name} ${r.last_name}`,
  }));
  return { contacts: rows.length };
}
