// Client-safe formatting for payroll screens: money in AUD (integer cents in, "$1,234.56" out),
// pay frequencies and cache ages.

const formatters = new Map<string, Intl.NumberFormat>();

/** Integer cents → "$1,234.56" (en-AU; AUD unless the row says otherwise). */
export function formatMoney(cents: number | null | undefined, currency = "AUD"): string {
  if (cents === null || cents === undefined) return "—";
  let f = formatters.get(currency);
  if (!f) {
    f = new Intl.NumberFormat("en-AU", { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    formatters.set(currency, f);
  }
  return f.format(cents / 100);
}

const FREQUENCY_LABELS: Record<string, string> = {
  WEEKLY: "Weekly",
  FORTNIGHTLY: "Fortnightly",
  FOURWEEKLY: "Every four weeks",
  MONTHLY: "Monthly",
  TWICEMONTHLY: "Twice monthly",
  QUARTERLY: "Quarterly",
};

export function frequencyLabel(value: string | null | undefined) {
  return value ? FREQUENCY_LABELS[value] ?? value : "—";
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
export function ageLabel(iso: string | null | undefined, now: Date): string | null {
  if (!iso) return null;
  const ms = now.getTime() - Date.parse(iso);
  if (!Number.isFinite(ms)) return null;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"} ago`;
  const days = Math.floor(hours / 24);
  return `${days} days ago`;
}

/** "2026-11-20" → "20 Nov 2026". */
export function payDate(value: string | null | undefined) {
  if (!value) return "—";
  const d = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return value;
  return d.toLocaleDateString("en-AU", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

export interface PayLineView {
  name: string;
  units: number | null;
  rate_cents: number | null;
  amount_cents: number;
}

/** A cached JSON line list (NULL when only totals were fetched). */
export function parseLines(json: string | null | undefined): PayLineView[] | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as PayLineView[]) : null;
  } catch {
    return null;
  }
}

export function formatPersonName(p: { first_name: string; last_name: string; preferred_name: string | null }) {
  return `${p.preferred_name || p.first_name} ${p.last_name}`;
}
