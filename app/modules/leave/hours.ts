// Client-safe: how many working days and hours a leave request takes. A day counts when it is
// one of the person's working days (ISO weekdays, people.working_days) and not a public holiday
// of their state; the first/last day may be a half day. Hours per day = weekly capacity ÷ the
// number of working days in the week (38 h over 5 days = 7.6 h).

export interface LeaveHoursInput {
  startDate: string; // YYYY-MM-DD
  endDate: string;
  startHalf?: boolean;
  endHalf?: boolean;
  /** e.g. "1,2,3,4,5" (Monday = 1). */
  workingDays: string;
  weeklyHours: number;
  holidays: Iterable<string>;
}

export interface LeaveHours {
  workingDays: number;
  hours: number;
  hoursPerDay: number;
  /** The dates that count (for calendars and checks). */
  dates: string[];
  /** Working days skipped because they are public holidays. */
  holidayDates: string[];
}

export const MAX_LEAVE_DAYS = 366;

export function parseWorkingDays(value: string | null | undefined): number[] {
  const days = (value ?? "").split(",").map((d) => Number(d.trim())).filter((d) => Number.isInteger(d) && d >= 1 && d <= 7);
  return days.length ? [...new Set(days)] : [1, 2, 3, 4, 5];
}

export function addDays(date: string, n: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const isoWeekday = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
};

const round2 = (n: number) => Math.round(n * 100) / 100;

export function computeLeaveHours(input: LeaveHoursInput): LeaveHours {
  const working = parseWorkingDays(input.workingDays);
  const holidays = new Set(input.holidays);
  const hoursPerDay = working.length ? input.weeklyHours / working.length : 0;
  const dates: string[] = [];
  const holidayDates: string[] = [];
  let days = 0;
  if (input.endDate < input.startDate) return { workingDays: 0, hours: 0, hoursPerDay: round2(hoursPerDay), dates, holidayDates };
  let date = input.startDate;
  for (let i = 0; i < MAX_LEAVE_DAYS && date <= input.endDate; i++, date = addDays(date, 1)) {
    if (!working.includes(isoWeekday(date))) continue;
    if (holidays.has(date)) {
      holidayDates.push(date);
      continue;
    }
    const single = input.startDate === input.endDate;
    const half = single ? Boolean(input.startHalf || input.endHalf) : (date === input.startDate && input.startHalf) || (date === input.endDate && input.endHalf);
    days += half ? 0.5 : 1;
    dates.push(date);
  }
  return { workingDays: days, hours: round2(days * hoursPerDay), hoursPerDay: round2(hoursPerDay), dates, holidayDates };
}
