// Client-safe: how a person's name is written everywhere (with the pronunciation guide beside it).

export interface NameParts {
  first_name: string;
  last_name: string;
  preferred_name?: string | null;
  pronunciation?: string | null;
}

/** "Priya Raman" (the preferred first name when there is one). */
export function displayName(p: NameParts) {
  return `${p.preferred_name?.trim() || p.first_name} ${p.last_name}`.trim();
}

/** "Priya Raman (PREE-ya RAH-mun)" — for text contexts (CSV, titles, aria labels). */
export function nameWithPronunciation(p: NameParts) {
  const name = displayName(p);
  return p.pronunciation?.trim() ? `${name} (${p.pronunciation.trim()})` : name;
}

export function initials(p: NameParts) {
  return `${(p.preferred_name || p.first_name).charAt(0)}${p.last_name.charAt(0)}`.toUpperCase();
}
