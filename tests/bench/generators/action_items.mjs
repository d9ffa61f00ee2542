// action_items: about three per active person (seed people included once the agency grows),
// from the modules that raise them (deals, relationships, clients, invoices, time, meetings,
// reviews, squads, manual), a third of them done. Leaves `ctx.actionItems`.
import { ANCHOR, addDays, day, daysAgo, insertRows, iso } from "./lib.mjs";

// prettier-ignore
const MANUAL = [
  "Book the team offsite venue", "Update the capability deck", "Review the Q3 resourcing plan",
  "Send the welcome pack to the new starter", "Renew the Figma seats", "Tidy up the shared drive",
  "Draft the case study for the awards entry", "Confirm the public holiday roster",
];
// prettier-ignore
const SQUAD_ACTIONS = [
  "agree sprint goals with the client", "update the retro board", "fix the flaky deploy pipeline",
  "prepare the monthly report", "triage the support backlog", "refresh the estimation guide",
];

function kinds(person) {
  const t = person.title.toLowerCase();
  if (/sales|account exec|business development/.test(t))
    return [
      ["deals", 4],
      ["relationships", 3],
      ["manual", 1],
      ["time", 1],
    ];
  if (/financ|account|bookkeep|payroll/.test(t))
    return [
      ["invoices", 5],
      ["manual", 2],
      ["time", 1],
    ];
  const list = [
    ["time", 2],
    ["meetings", 3],
    ["squads", person.squad ? 2 : 0],
    ["manual", 2],
  ];
  if (person.manages) list.push(["reviews", 3], ["clients", 2], ["relationships", 1]);
  return list;
}

export async function generate(client, { scale, rng, ctx }) {
  ctx.actionItems = [];
  if (scale <= 1) return { action_items: 0 };

  const people = (
    await client.execute(
      `SELECT p.id, p.user_id, p.manager_id, p.squad, COALESCE(p.title, '') AS title, p.first_name, p.last_name,
              EXISTS (SELECT 1 FROM people r WHERE r.manager_id = p.id) AS manages
       FROM people p WHERE p.employment_status = 'active' ORDER BY p.id`,
    )
  ).rows.map((r) => ({ ...r, manages: Number(r.manages) === 1 }));
  const byId = new Map(people.map((p) => [p.id, p]));
  const reports = new Map();
  for (const p of people) {
    if (!p.manager_id) continue;
    if (!reports.has(p.manager_id)) reports.set(p.manager_id, []);
    reports.get(p.manager_id).push(p);
  }
  const companies = (
    await client.execute(
      "SELECT id, name FROM companies c WHERE NOT EXISTS (SELECT 1 FROM companies k WHERE k.parent_id = c.id) ORDER BY id",
    )
  ).rows;
  const contactsByCompany = new Map();
  for (const r of (
    await client.execute(
      "SELECT id, company_id, first_name, last_name FROM contacts WHERE company_id IS NOT NULL ORDER BY id",
    )
  ).rows) {
    if (!contactsByCompany.has(r.company_id)) contactsByCompany.set(r.company_id, []);
    contactsByCompany.get(r.company_id).push(r);
  }

  const rows = [];
  let n = 0;
  for (const person of people) {
    const count = rng.poisson(3);
    for (let k = 0; k < count; k++) {
      const id = `ai-b${String(++n).padStart(6, "0")}`;
      const module = rng.weighted(kinds(person));
      const company = companies.length ? rng.pick(companies) : null;
      const contacts = company ? (contactsByCompany.get(company.id) ?? []) : [];
      const contact = contacts.length ? rng.pick(contacts) : null;
      const report = rng.pick(reports.get(person.id) ?? [person]);
      const item = { source_module: module, company_id: null, contact_id: null };
      switch (module) {
        case "deals":
          Object.assign(item, {
            source_type: "follow_up",
            title: `Follow up ${company?.name ?? "prospect"} proposal feedback`,
            company_id: company?.id,
            contact_id: contact?.id,
          });
          break;
        case "relationships":
          Object.assign(item, {
            source_type: "reconnect",
            title: contact
              ? `Reconnect with ${contact.first_name} ${contact.last_name} (${rng.pick([60, 90, 120])} days since last contact)`
              : `Reconnect with ${company?.name ?? "a client"}`,
            company_id: company?.id,
            contact_id: contact?.id,
          });
          break;
        case "clients":
          Object.assign(item, {
            source_type: "qbr",
            title: `Prepare ${company?.name ?? "client"} QBR deck`,
            company_id: company?.id,
          });
          break;
        case "invoices":
          Object.assign(item, {
            source_type: "overdue_invoice",
            title: `Chase overdue ${company?.name ?? "client"} invoice INV-${1000 + rng.int(1, 8999)}`,
            company_id: company?.id,
          });
          break;
        case "time":
          Object.assign(item, { source_type: "missing_time", title: "Submit last week's timesheet" });
          break;
        case "meetings":
          Object.assign(item, {
            source_type: "meeting_action",
            title: `Send notes from the ${company?.name ?? "team"} ${rng.pick(["workshop", "status meeting", "kickoff", "retro"])}`,
            company_id: company?.id,
          });
          break;
        case "reviews":
          Object.assign(item, {
            source_type: "review_due",
            title: `Complete ${report.first_name} ${report.last_name}'s quarterly review`,
          });
          break;
        case "squads":
          Object.assign(item, {
            source_type: "squad_action",
            title: `${person.squad}: ${rng.pick(SQUAD_ACTIONS)}`,
          });
          break;
        default:
          Object.assign(item, { source_type: "manual", title: rng.pick(MANUAL) });
      }
      const created = daysAgo(rng.int(1, 60));
      const due = addDays(created, rng.int(1, 30));
      const done = rng.chance(0.33);
      const completed = done ? Math.min(ANCHOR, addDays(created, rng.int(0, 20))) : null;
      const manager = person.manager_id ? byId.get(person.manager_id) : null;
      rows.push({
        id,
        title: item.title,
        description: rng.chance(0.3) ? "Raised automatically; see the linked record for context." : null,
        source_module: module,
        source_type: item.source_type,
        source_id: module === "manual" ? null : id,
        company_id: item.company_id ?? null,
        contact_id: item.contact_id ?? null,
        assigned_person_id: person.id,
        due_date: day(due),
        is_completed: done ? 1 : 0,
        completed_at: done ? iso(completed) : null,
        completed_by: done ? (person.user_id ?? null) : null,
        created_by:
          module === "manual"
            ? (person.user_id ?? null)
            : module === "reviews" || module === "squads"
              ? (manager?.user_id ?? null)
              : null,
        created_at: iso(created),
        updated_at: iso(completed ?? created),
      });
    }
  }
  await insertRows(client, "action_items", rows);
  ctx.actionItems = rows.map((r) => ({
    id: r.id,
    created_at: r.created_at,
    completed_at: r.completed_at,
    completed_by: r.completed_by,
    created_by: r.created_by,
  }));
  return { action_items: rows.length };
}
