// people: ~30 per scale unit, grown as 4+ level trees under the seed's managers (one tree per
// squad under its delivery manager, plus sales, finance and people & culture teams).
// Leaves `ctx.people` (generated people, with their depth and whether they manage anyone)
// for the users generator.
import {
  ANCHOR,
  addDays,
  day,
  daysAgo,
  existing,
  insertRows,
  iso,
  mobile,
  personName,
  slug,
  unique,
  uniqueEmail,
} from "./lib.mjs";

const DOMAIN = "dotcollective.com.au";

// root: an existing manager in db/seed.sql; titles by depth below the root (last one repeats).
const DELIVERY_TITLES = [
  ["Delivery Manager", "Engineering Manager", "Delivery Manager"],
  ["Technical Lead", "Project Manager", "Design Lead", "Senior Project Manager"],
  ["Senior Developer", "Senior Designer", "Senior Producer", "Senior Frontend Developer"],
];
// prettier-ignore
const DEPARTMENTS = [
  { key: "apollo", squad: "Apollo", root: "tom-fletcher", weight: 12, titles: DELIVERY_TITLES,
    leaves: ["Developer", "Frontend Developer", "UX Designer", "UI Designer", "Digital Producer", "QA Engineer"] },
  { key: "retail", squad: "Retail", root: "tom-fletcher", weight: 12, titles: DELIVERY_TITLES,
    leaves: ["Shopify Developer", "Frontend Developer", "Ecommerce Specialist", "QA Engineer", "Digital Producer"] },
  { key: "nova", squad: "Nova", root: "aisha-khan", weight: 12, titles: DELIVERY_TITLES,
    leaves: ["Content Strategist", "SEO Specialist", "Copywriter", "Content Producer", "Digital Producer"] },
  { key: "ultra", squad: "Ultra", root: "aisha-khan", weight: 12, titles: DELIVERY_TITLES,
    leaves: ["Performance Marketer", "Paid Social Specialist", "Search Specialist", "Campaign Analyst"] },
  { key: "apex", squad: "Apex", root: "daniel-costa", weight: 12, titles: DELIVERY_TITLES,
    leaves: ["Developer", "Backend Developer", "DevOps Engineer", "Integration Engineer", "QA Engineer"] },
  { key: "odyssey", squad: "Odyssey", root: "daniel-costa", weight: 12, titles: DELIVERY_TITLES,
    leaves: ["Developer", "Frontend Developer", "Product Designer", "Mobile Developer", "QA Engineer"] },
  { key: "polaris", squad: "Polaris", root: "daniel-costa", weight: 12, titles: DELIVERY_TITLES,
    leaves: ["Data Analyst", "Data Engineer", "Analytics Consultant", "BI Developer"] },
  { key: "sales", squad: null, root: "emily-chen", weight: 7,
    titles: [["Sales Manager"], ["Senior Account Executive"], ["Account Executive"]],
    leaves: ["Account Executive", "Business Development Executive", "Sales Coordinator"] },
  { key: "finance", squad: null, root: "hannah-wright", weight: 4.5,
    titles: [["Finance Manager"], ["Senior Accountant"], ["Accountant"]],
    leaves: ["Accountant", "Bookkeeper", "Payroll Officer", "Accounts Officer"] },
  { key: "people", squad: null, root: "grace-obrien", weight: 4.5,
    titles: [["People & Culture Manager"], ["Talent Lead"], ["People Partner"]],
    leaves: ["Recruiter", "People Partner", "Office Coordinator", "L&D Coordinator"] },
];

// Direct reports per manager by depth below the root (depth 0 is the existing manager).
const SPAN = [2, 2, 3, 4, 6];
const LOCATIONS = [
  ["Melbourne, VIC", 78],
  ["Sydney, NSW", 10],
  ["Brisbane, QLD", 5],
  ["Remote", 7],
];

/** Splits `total` over weighted buckets (largest remainder), deterministic. */
function apportion(total, weights) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) if (left-- > 0) counts[i]++;
  return counts;
}

/** Breadth-first tree of `n` nodes under `rootId`: [{ parent, depth }], parents before children. */
function growTree(n, rng) {
  const nodes = [];
  const queue = [{ index: -1, depth: 0 }];
  while (nodes.length < n && queue.length) {
    const parent = queue.shift();
    const base = SPAN[Math.min(parent.depth, SPAN.length - 1)];
    const span = Math.max(1, base + rng.int(parent.depth < 2 ? 0 : -1, 1));
    for (let k = 0; k < span && nodes.length < n; k++) {
      const node = { index: nodes.length, parent: parent.index, depth: parent.depth + 1 };
      nodes.push(node);
      queue.push(node);
    }
  }
  return nodes;
}

export async function generate(client, { scale, rng, ctx }) {
  const total = Math.round(30 * (scale - 1));
  ctx.people = [];
  if (total <= 0) return { people: 0 };

  const takenIds = await existing(client, "people", "id");
  const takenEmails = await existing(client, "people", "email");
  for (const e of await existing(client, "users", "email")) takenEmails.add(e);

  const counts = apportion(
    total,
    DEPARTMENTS.map((d) => d.weight),
  );
  const rows = [];
  DEPARTMENTS.forEach((dept, d) => {
    const tree = growTree(counts[d], rng);
    const hasReports = new Set(tree.filter((t) => t.parent >= 0).map((t) => t.parent));
    const made = [];
    for (const node of tree) {
      const { first, last, gender } = personName(rng);
      const id = unique(takenIds, slug(`${first}-${last}`));
      const email = uniqueEmail(takenEmails, `${slug(first)}.${slug(last).replace(/-/g, "")}`, DOMAIN);
      const manages = hasReports.has(node.index);
      const managerId = node.parent < 0 ? dept.root : made[node.parent].id;
      const title = manages
        ? rng.pick(dept.titles[Math.min(node.depth, dept.titles.length) - 1])
        : rng.pick(dept.leaves);
      // Managers joined earlier; everyone within the agency's life (2014-03 .. anchor).
      const tenureDays = manages ? rng.int(700, 4200) : rng.int(10, 3200);
      const start = daysAgo(tenureDays);
      const status = manages
        ? "active"
        : rng.weighted([
            ["active", 93],
            ["on_leave", 3],
            ["terminated", 4],
          ]);
      const basis = rng.weighted([
        ["full_time", 82],
        ["part_time", 9],
        ["casual", 3],
        ["contractor", 6],
      ]);
      const endDate =
        status === "terminated" ? day(addDays(start, rng.int(30, Math.max(31, tenureDays - 1)))) : null;
      const person = {
        id,
        productive_id: `prod-${id}`,
        first_name: first,
        last_name: last,
        email,
        title,
        manager_id: managerId,
        squad: dept.squad,
        start_date: day(start),
        end_date: endDate,
        employment_status: status,
        employment_basis: basis,
        location: rng.weighted(LOCATIONS),
        mobile: mobile(rng),
        gender: rng.chance(0.95) ? gender : "not_stated",
        date_of_birth: day(daysAgo(365.25 * rng.int(22, 58) + rng.int(0, 364))),
        weekly_capacity_hours:
          basis === "part_time" ? rng.pick([22.8, 30.4, 15.2]) : basis === "casual" ? 15.2 : 38,
        billable_target_percent: node.depth === 1 && manages ? 50 : manages ? 70 : dept.squad ? 80 : 20,
        working_days: basis === "part_time" ? rng.pick(["1,2,3", "2,3,4", "1,2,3,4"]) : "1,2,3,4,5",
        synced_at: iso(ANCHOR),
        created_at: iso(start),
        updated_at: iso(daysAgo(rng.int(0, Math.min(tenureDays, 400)))),
      };
      made.push(person);
      rows.push(person);
      ctx.people.push({ ...person, depth: node.depth, manages, department: dept.key });
    }
  });
  await insertRows(client, "people", rows);
  return { people: rows.length };
}
