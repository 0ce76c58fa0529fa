// Calendar days as the parks live them: Asia/Shanghai, UTC+8 all year (no daylight saving).
// A day is a number (days since 1970-01-01 in Shanghai), so a period is two numbers and a
// duration in calendar days is a subtraction.

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
export const DAY_MS = 24 * 3600 * 1000;

/** The Shanghai calendar day of an instant (ms since the epoch). */
export const dayOf = (ms: number): number => Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);

/** The Shanghai calendar day of an ISO instant. */
export const dayOfIso = (iso: string): number => dayOf(Date.parse(iso));

/** A `YYYY-MM-DD` date as a day number. */
export const dayOfDate = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/** A day number as `YYYY-MM-DD`. */
export const dateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The first instant (ms) of a Shanghai day. */
export const startOfDay = (day: number): number => day * DAY_MS - SHANGHAI_OFFSET_MS;

/** `YYYY-MM` of a Shanghai day. */
export const monthOfDay = (day: number): string => dateOfDay(day).slice(0, 7);

/** The Shanghai date (`YYYY-MM-DD`) of an instant. */
export const shanghaiDate = (ms: number): string => dateOfDay(dayOf(ms));

/** Calendar fields of a day number (UTC fields of its midnight). */
export function partsOfDay(day: number): { year: number; month: number; date: number; weekday: number } {
  const d = new Date(day * DAY_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    date: d.getUTCDate(),
    weekday: d.getUTCDay(),
  };
}

/** The day number of a calendar date given by its fields (month 1–12; overflow rolls over). */
export const dayOfParts = (year: number, month: number, date: number): number =>
  Math.floor(Date.UTC(year, month - 1, date) / DAY_MS);
