// users: sign-in accounts for most generated people (everyone who manages someone, ~9 in 10 of
// the rest), linked through people.user_id. Access follows the tree: first-line managers are
// `manager`, other people with reports `lead` (a few first-liners are leads, a few leads
// managers), everyone else `employee`. Leavers keep a disabled account.
import { daysAgo, insertRows, iso, runStatements } from "./lib.mjs";

export async function generate(client, { rng, ctx }) {
  const users = [];
  const links = [];
  let googleSub = 0;
  for (const p of ctx.people ?? []) {
    if (!p.manages && !rng.chance(0.9)) continue;
    const access = !p.manages
      ? "employee"
      : p.depth === 1
        ? rng.chance(0.85)
          ? "manager"
          : "lead"
        : rng.chance(0.1)
          ? "manager"
          : "lead";
    const neverSignedIn = rng.chance(0.06);
    const id = `user-${p.id}`;
    users.push({
      id,
      email: p.email,
      name: `${p.first_name} ${p.last_name}`,
      job_title: p.title,
      access_level: access,
      onboarding_template_id: "tpl-onb-common",
      google_sub: neverSignedIn ? null : `bench-${String(++googleSub).padStart(7, "0")}`,
      disabled_at: p.employment_status === "terminated" ? `${p.end_date}T00:00:00Z` : null,
      last_login_at: neverSignedIn
        ? null
        : iso(daysAgo(rng() * (p.employment_status === "active" ? 14 : 120))),
      created_at: p.created_at,
      updated_at: p.updated_at,
    });
    links.push({ sql: "UPDATE people SET user_id = ? WHERE id = ?", args: [id, p.id] });
    p.user_id = id;
    p.access_level = access;
  }
  await insertRows(client, "users", users);
  await runStatements(client, links, 500);
  return { users: users.length };
}
