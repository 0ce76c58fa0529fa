// Calendar dates and instants in Asia/Shanghai (UTC+8 all year, no daylight saving). Pure.

const SHANGHAI_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The calendar date (`YYYY-MM-DD`) in Shanghai at an instant. */
export const dateOf = (at: Date): string => new Date(at.getTime() + SHANGHAI_MS).toISOString().slice(0, 10);

/** The instant a Shanghai wall-clock time on a date is (`HH:MM`, `24:00` for the end of the day). */
export function instantOf(date: string, hhmm = '00:00'): Date {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return new Date(Date.parse(`${date}T00:00:00Z`) + (h * 60 + m) * 60_000 - SHANGHAI_MS);
}

/** The end of a Shanghai day: the next midnight. */
export const endOf = (date: string): Date => instantOf(date, '24:00');

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** 0 Sunday … 6 Saturday. */
export const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();
