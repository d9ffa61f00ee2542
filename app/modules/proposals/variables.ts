// Client-safe: {{company.name}}-style variables in template pages, resolved when a proposal
// is created. Unknown variables are left as typed (so a writer sees what did not resolve).

export const VARIABLES = [
  "company.name", "contact.name", "contact.first_name", "deal.title", "deal.value", "owner.name",
  "proposal.title", "proposal.valid_until", "today",
] as const;

export type VariableValues = Partial<Record<(typeof VARIABLES)[number], string | null>>;

export function resolveVariables(text: string, values: VariableValues) {
  return text.replace(/\{\{\s*([a-z_]+(?:\.[a-z_]+)?)\s*\}\}/gi, (match, key: string) => {
    const value = values[key.toLowerCase() as keyof VariableValues];
    return value === undefined || value === null || value === "" ? match : value;
  });
}
