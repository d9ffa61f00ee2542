// leave: balances for every active person without one (annual, personal, long service) and
// leave requests — about four per active person plus two per scale unit for the employee
// persona (Ethan, 200 at scale 100) — spread from 400 days ago to 120 days ahead, mostly
// approved in the past and pending (manager / executive) in the future, with a tail of rejected
// and cancelled ones. Only runs for scale > 1 (db/seed.sql has the scale-1 leave).
import { ANCHOR, day, insertRows, iso } from "./lib.mjs";

const DAY = 86_400_000;
const TYPES = [["lt-annual", 70], ["lt-personal", 20], ["lt-long-service", 3], ["lt-unpaid", 7]];
const BALANCE_TYPES = [["lt-annual", 60, 200], ["lt-personal", 20, 80], ["lt-long-service", 0, 300]];

function weekdaysBetween(start, end) {
  let n = 0;
  for (let t = start; t <= end; t += DAY) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) n++;
  }
  return n;
}

export async function generate(client, { scale, rng }) {
  if (scale <= 1) return { leave_requests: 0 };
  const people = (await client.execute("SELECT id FROM people WHERE employment_status = 'active' ORDER BY id")).rows.map((r) => String(r.id));
  const hasBalance = new Set((await client.execute("SELECT DISTINCT person_id FROM leave_balances")).rows.map((r) => String(r.person_id)));
  if (!people.length) return { leave_requests: 0 };

  let n = 0;
  const id = (prefix) => `${prefix}-b${String(++n).padStart(7, "0")}`;
  const balances = [];
  for (const person of people) {
    if (hasBalance.has(person)) continue;
    for (const [type, min, max] of BALANCE_TYPES) {
      balances.push({ id: id("lb"), person_id: person, leave_type_id: type, balance_hours: Math.round(rng.int(min * 10, max * 10)) / 10, fetched_at: iso(ANCHOR) });
    }
  }

  const requests = [];
  const add = (person) => {
    const startMs = ANCHOR + rng.int(-400, 120) * DAY;
    const length = rng.weighted([[0, 40], [1, 15], [2, 10], [4, 25], [9, 10]]);
    const endMs = startMs + length * DAY;
    const working = weekdaysBetween(startMs, endMs);
    if (!working) return;
    const future = startMs > ANCHOR;
    const status = future
      ? rng.weighted([["pending_manager", 45], ["pending_exec", 20], ["approved", 30], ["cancelled", 5]])
      : rng.weighted([["approved", 85], ["rejected", 8], ["cancelled", 7]]);
    const created = Math.min(ANCHOR, startMs - rng.int(3, 40) * DAY);
    requests.push({
      id: id("lr"), person_id: person, leave_type_id: rng.weighted(TYPES), start_date: day(startMs), end_date: day(endMs),
      start_half: 0, end_half: 0, working_days: working, total_hours: Math.round(working * 76) / 10,
      notes: rng.chance(0.3) ? rng.pick(["Family trip", "Wedding", "Moving house", "School holidays", "Medical appointment"]) : null,
      status, rejection_reason: status === "rejected" ? "Too many of the team away that week" : null,
      xero_status: status === "approved" ? "done" : null,
      created_at: iso(created), updated_at: iso(created),
    });
  };
  for (const person of people) for (let i = rng.int(2, 6); i > 0; i--) add(person);
  for (let i = 0; i < scale * 2; i++) add("ethan-brown");

  await insertRows(client, "leave_balances", balances);
  await insertRows(client, "leave_requests", requests);
  return { leave_balances: balances.length, leave_requests: requests.length };
}
