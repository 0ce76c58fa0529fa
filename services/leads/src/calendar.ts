// Calendar dates and months as the parks live them: Asia/Shanghai, UTC+8 all year (China
// keeps no daylight saving time), so the shift is a constant and the functions are pure.

export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** The Asia/Shanghai calendar date of an instant, `YYYY-MM-DD`. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Asia/Shanghai calendar month of an instant, `YYYY-MM`. */
export function shanghaiMonth(at: Date): string {
  return shanghaiDate(at).slice(0, 7);
}

/** Whole calendar days (Shanghai) from one instant to a later one: 0 on the same day. */
export function calendarDaysBetween(from: Date, to: Date): number {
  const day = (at: Date) => Date.parse(shanghaiDate(at));
  return Math.round((day(to) - day(from)) / DAY_MS);
}
