// Filters on values with too many choices for a menu (a client, an owner): a row's value links to
// the filtered list, and the active filter shows as a removable chip that the filter form keeps.
import { Link } from "@remix-run/react";

/** The active filter `name=value` inside a GET filter form: kept on Apply, removed by ✕. */
export function FilterChip({ name, value, label, text, clearHref }: { name: string; value: string; label: string; text: string | null | undefined; clearHref: string }) {
  return (
    <p className="flex items-center gap-1.5 pb-1.5 text-sm" data-testid={`${name}-filter`}>
      <input type="hidden" name={name} value={value} />
      {label}: <strong>{text ?? "unknown"}</strong>
      <Link to={clearHref} className="text-brand-600 underline" aria-label={`Remove the ${label.toLowerCase()} filter`}>✕</Link>
    </p>
  );
}

/** A cell value that narrows the list to rows with the same value. */
export function FilterLink({ to, text, title }: { to: string; text: string | null | undefined; title: string }) {
  return <Link to={to} className="hover:underline" title={title}>{text}</Link>;
}
