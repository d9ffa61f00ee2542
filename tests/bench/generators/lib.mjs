// Shared helpers for the benchmark's dataset generators: a seeded RNG, chunked inserts,
// deterministic dates and name lists. Nothing here knows about a particular area.

/** The seed's "today" (db/seed.sql syncs everything at this instant); every date is relative to it. */
export const ANCHOR = Date.parse("2026-11-25T00:00:00Z");
const DAY = 86_400_000;

/** ISO-8601 UTC without milliseconds, as the app writes timestamps. */
export const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
/** YYYY-MM-DD. */
export const day = (ms) => new Date(ms).toISOString().slice(0, 10);
/** A timestamp `days` days before the anchor (fractional days allowed). */
export const daysAgo = (days) => ANCHOR - days * DAY;
export const addDays = (ms, days) => ms + days * DAY;

function hash32(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/**
 * A deterministic random source (mulberry32). `rng()` is a float in [0, 1); helpers below.
 * Seeded from a string so every generator gets its own stream: adding a generator never
 * changes what the others produce.
 */
export function createRng(seed) {
  let a = typeof seed === "number" ? seed >>> 0 : hash32(String(seed));
  const rng = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** Integer in [min, max], both inclusive. */
  rng.int = (min, max) => min + Math.floor(rng() * (max - min + 1));
  rng.pick = (list) => list[Math.floor(rng() * list.length)];
  rng.chance = (p) => rng() < p;
  /** `entries` is [[value, weight], ...]. */
  rng.weighted = (entries) => {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = rng() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1][0];
  };
  /** `count` distinct items (or all of them if there are fewer). */
  rng.sample = (list, count) => {
    const copy = [...list];
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(rng() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  };
  /** A small count with the given mean (Poisson, Knuth's method; fine for means < 30). */
  rng.poisson = (mean) => {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = rng();
    while (p > limit) {
      k++;
      p *= rng();
    }
    return k;
  };
  rng.digits = (n) => Array.from({ length: n }, () => Math.floor(rng() * 10)).join("");
  return rng;
}

export const slug = (text) =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");

/**
 * Returns `base`, or `base<sep>2`, `base<sep>3`... — the first one not yet in `taken` (a Set,
 * compared lower-case), and records it.
 */
export function unique(taken, base, sep = "-") {
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base}${sep}${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Unique e-mail: local part gets the number (`jo.li2@x.com`), not the domain. */
export function uniqueEmail(taken, local, domain) {
  let candidate = `${local}@${domain}`;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${local}${n}@${domain}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** All values of one column (lower-cased) as a Set: for de-duplicating against existing rows. */
export async function existing(client, table, column) {
  const { rows } = await client.execute(`SELECT ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL`);
  return new Set(rows.map((r) => String(r.v).toLowerCase()));
}

/**
 * Inserts `rows` (objects) into `table` as multi-row INSERTs, `chunk` rows per statement,
 * up to `perBatch` statements per `client.batch` (each batch is one transaction).
 * Columns come from the first row. Returns the number of rows written.
 */
export async function insertRows(client, table, rows, { chunk = 400, perBatch = 40 } = {}) {
  if (!rows.length) return 0;
  const columns = Object.keys(rows[0]);
  const perStatement = Math.max(1, Math.min(chunk, Math.floor(30_000 / columns.length)));
  const statements = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    const placeholders = `(${columns.map(() => "?").join(",")})`;
    statements.push({
      sql: `INSERT INTO ${table} (${columns.join(",")}) VALUES ${part.map(() => placeholders).join(",")}`,
      args: part.flatMap((row) => columns.map((c) => (row[c] === undefined ? null : row[c]))),
    });
  }
  await runStatements(client, statements, perBatch);
  return rows.length;
}

/** Runs statements ({sql, args}) in write batches of `perBatch`. */
export async function runStatements(client, statements, perBatch = 200) {
  for (let i = 0; i < statements.length; i += perBatch) {
    await client.batch(statements.slice(i, i + perBatch), "write");
  }
}

// Names: a Melbourne agency and its clients. [first name, gender] pairs.
// prettier-ignore
export const FIRST_NAMES = [
  ["Olivia", "female"], ["Charlotte", "female"], ["Amelia", "female"], ["Isla", "female"], ["Mia", "female"],
  ["Ava", "female"], ["Grace", "female"], ["Chloe", "female"], ["Harper", "female"], ["Willow", "female"],
  ["Ella", "female"], ["Ruby", "female"], ["Zoe", "female"], ["Sophie", "female"], ["Matilda", "female"],
  ["Evie", "female"], ["Sienna", "female"], ["Hannah", "female"], ["Lucy", "female"], ["Georgia", "female"],
  ["Emily", "female"], ["Priya", "female"], ["Aisha", "female"], ["Mei", "female"], ["Yuki", "female"],
  ["Ananya", "female"], ["Fatima", "female"], ["Leila", "female"], ["Sofia", "female"], ["Elena", "female"],
  ["Thi", "female"], ["Linh", "female"], ["Jia", "female"], ["Nadia", "female"], ["Maya", "female"],
  ["Tahlia", "female"], ["Jasmine", "female"], ["Imogen", "female"], ["Phoebe", "female"], ["Freya", "female"],
  ["Oliver", "male"], ["Noah", "male"], ["Jack", "male"], ["William", "male"], ["Leo", "male"],
  ["Lucas", "male"], ["Thomas", "male"], ["Henry", "male"], ["Charlie", "male"], ["James", "male"],
  ["Ethan", "male"], ["Liam", "male"], ["Max", "male"], ["Hudson", "male"], ["Archie", "male"],
  ["Harrison", "male"], ["Samuel", "male"], ["Daniel", "male"], ["Marcus", "male"], ["Tom", "male"],
  ["Arjun", "male"], ["Rohan", "male"], ["Wei", "male"], ["Hiroshi", "male"], ["Minh", "male"],
  ["Omar", "male"], ["Yusuf", "male"], ["Mateo", "male"], ["Luca", "male"], ["Nikolai", "male"],
  ["Tariq", "male"], ["Kofi", "male"], ["Ben", "male"], ["Angus", "male"], ["Cooper", "male"],
  ["Kai", "non-binary"], ["Alex", "non-binary"], ["Jordan", "non-binary"], ["Riley", "non-binary"],
  ["Sam", "not_stated"], ["Quinn", "non-binary"], ["Frankie", "not_stated"], ["Jamie", "not_stated"],
];

// prettier-ignore
export const LAST_NAMES = [
  "Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Johnson", "White", "Martin", "Anderson",
  "Thompson", "Nguyen", "Tran", "Le", "Pham", "Walker", "Harris", "Lee", "Ryan", "Robinson",
  "Kelly", "King", "Davis", "Wright", "Evans", "Roberts", "Green", "Hall", "Wood", "Jackson",
  "Clarke", "Patel", "Shah", "Singh", "Kaur", "Sharma", "Chen", "Wang", "Li", "Zhang",
  "Liu", "Huang", "Wu", "Kim", "Park", "Choi", "Tanaka", "Sato", "Suzuki", "Murphy",
  "O'Brien", "O'Connor", "McDonald", "Campbell", "Stewart", "Mitchell", "Young", "Scott", "Cooper", "Baker",
  "Edwards", "Hughes", "Turner", "Hill", "Morris", "Ward", "Russo", "Rossi", "Romano", "Costa",
  "Papadopoulos", "Nikolaidis", "Kowalski", "Novak", "Schmidt", "Müller", "Fischer", "Dubois", "Moreau", "Garcia",
  "Rodriguez", "Martinez", "Lopez", "Hernandez", "Silva", "Santos", "Ahmed", "Hassan", "Ali", "Khan",
  "Rahman", "Haddad", "Nasser", "Mensah", "Okafor", "Adeyemi", "Fletcher", "Bennett", "Raman", "Walsh",
  "Byrne", "Doyle", "Gallagher", "Quinn", "Fraser", "Sinclair", "Hayes", "Price", "Lloyd", "Marsh",
];

/** A random person's name. */
export function personName(rng) {
  const [first, gender] = rng.pick(FIRST_NAMES);
  return { first, last: rng.pick(LAST_NAMES), gender };
}

/** Australian mobile and Melbourne landline numbers (fictional ranges). */
export const mobile = (rng) => `04${rng.digits(8)}`;
export const landline = (rng) => `03 9${rng.digits(3)} ${rng.digits(4)}`;
