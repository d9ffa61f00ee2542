// Client-safe: onboarding progress math (per phase and overall).

export interface PhaseRow {
  id: string;
  name: string;
  description: string | null;
  timeframe: string | null;
}
export interface ItemRow {
  id: string;
  phase_id: string;
  title: string;
  description: string | null;
  template_id: string;
  template_name: string;
  completed_at: string | null;
}
export interface Progress {
  done: number;
  total: number;
  /** Whole percent, rounded down so 100 only shows when everything is done. */
  percent: number;
}

export function progressOf(done: number, total: number): Progress {
  return { done, total, percent: total === 0 ? 0 : Math.floor((done / total) * 100) };
}

/** Groups items into the five phases (in phase order) and counts what is done. */
export function summarise(phases: PhaseRow[], items: ItemRow[]) {
  const grouped = phases.map((phase) => {
    const own = items.filter((i) => i.phase_id === phase.id);
    return { ...phase, items: own, progress: progressOf(own.filter((i) => i.completed_at).length, own.length) };
  });
  const done = items.filter((i) => i.completed_at).length;
  return { phases: grouped, overall: progressOf(done, items.length) };
}
