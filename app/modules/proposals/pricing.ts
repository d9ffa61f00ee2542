// Client-safe pricing maths, in integer cents. A line is round(quantity × rate); a section's
// subtotal counts required items and chosen optional items; tax is basis points of the subtotal.

export interface PricedItem {
  id: string;
  section_id: string;
  quantity: number;
  rate_cents: number;
  is_optional: number | boolean;
  is_selected: number | boolean;
}
export interface PricedSection { id: string; title: string }

export function lineCents(item: Pick<PricedItem, "quantity" | "rate_cents">) {
  return Math.round(Number(item.quantity) * Number(item.rate_cents));
}

export function isIncluded(item: Pick<PricedItem, "is_optional" | "is_selected">) {
  return !Number(item.is_optional) || Boolean(Number(item.is_selected));
}

export interface PricingSummary {
  sections: { id: string; subtotalCents: number; optionalCents: number }[];
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  /** What the optional items not chosen would add (before tax). */
  optionalAvailableCents: number;
}

export function summarisePricing(sections: readonly PricedSection[], items: readonly PricedItem[], taxRateBp: number): PricingSummary {
  const perSection = sections.map((s) => {
    const mine = items.filter((i) => i.section_id === s.id);
    return {
      id: s.id,
      subtotalCents: mine.filter(isIncluded).reduce((sum, i) => sum + lineCents(i), 0),
      optionalCents: mine.filter((i) => !isIncluded(i)).reduce((sum, i) => sum + lineCents(i), 0),
    };
  });
  const subtotalCents = perSection.reduce((sum, s) => sum + s.subtotalCents, 0);
  const taxCents = Math.round((subtotalCents * Math.max(0, taxRateBp)) / 10000);
  return {
    sections: perSection,
    subtotalCents,
    taxCents,
    totalCents: subtotalCents + taxCents,
    optionalAvailableCents: perSection.reduce((sum, s) => sum + s.optionalCents, 0),
  };
}

export function formatMoney(cents: number | null | undefined, currency = "AUD") {
  const value = Number(cents ?? 0) / 100;
  try {
    return new Intl.NumberFormat("en-AU", { style: "currency", currency, maximumFractionDigits: 2 }).format(value);
  } catch {
    return `${currency} ${value.toFixed(2)}`;
  }
}

export function formatPercent(bp: number) {
  return `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;
}
