import chineseDays from 'chinese-days';
import { dateOfDay, dayOfParts } from './days.ts';

// Working days (工作日) in China: weekends off, public holidays off, and the weekend days
// worked in lieu (调休) on. chinese-days knows the State Council's calendar for each year it
// ships (from 2004); later years fall back to plain weekends. Every day gets a running count of
// working days since 1 January 2004, so the working days between two days are a subtraction;
// each year's counts are built once, on first use.

const ORIGIN_YEAR = 2004;
/** Running count through each day of a year (index 0 = 1 January), from the origin. */
const years: Int32Array[] = [];

const yearOf = (day: number): number => new Date(day * 86_400_000).getUTCFullYear();

function runningCount(year: number): Int32Array {
  const index = year - ORIGIN_YEAR;
  while (years.length <= index) {
    const y = ORIGIN_YEAR + years.length;
    const first = dayOfParts(y, 1, 1);
    const counts = new Int32Array(dayOfParts(y + 1, 1, 1) - first);
    let n = years.at(-1)?.at(-1) ?? 0;
    for (let i = 0; i < counts.length; i++) {
      if (chineseDays.isWorkday(dateOfDay(first + i))) n++;
      counts[i] = n;
    }
    years.push(counts);
  }
  return years[index] as Int32Array;
}

/** Working days from 1 January 2004 through `day` (0 before then). */
export function workdayIndex(day: number): number {
  const year = yearOf(day);
  if (year < ORIGIN_YEAR) return 0;
  return runningCount(year)[day - dayOfParts(year, 1, 1)] ?? 0;
}

/**
 * Working days after `from` up to and including `to` (both day numbers): 0 on the same day,
 * 1 from a Friday to the next Monday (both ordinary). Negative when `to` is before `from`.
 */
export const workdaysBetween = (from: number, to: number): number => workdayIndex(to) - workdayIndex(from);

/** Is the day a working day? */
export const isWorkday = (day: number): boolean => workdaysBetween(day - 1, day) === 1;
