import chineseDays from 'chinese-days';
import { addDays, weekdayOf } from './dates.ts';

// Working days as Chinese offices keep them: the statutory calendar (holidays and 调休
// make-up working days, from `chinese-days`), overridden day by day from a table an admin
// keeps — for a year the package does not cover yet, or a local day off. A year with no
// statutory data and no override falls back to Monday–Friday. Pure once built.

export interface DayOverride {
  workday: boolean;
  note: string;
}

export type DaySource = 'override' | 'statutory' | 'weekdays';

export interface WorkingCalendar {
  isWorkday(date: string): boolean;
  sourceOf(date: string): DaySource;
  /** The `n`-th working day after `date` (n ≥ 1; `date` itself does not count). */
  addWorkdays(date: string, n: number): string;
  /** The last working day on or before `date`. */
  workdayOnOrBefore(date: string): string;
  /** Does the statutory calendar know this year's holidays? */
  covers(year: number): boolean;
}

const coverage = new Map<number, boolean>();

/** A year is covered when the package lists any holiday (other than weekends) for it. */
function statutoryYear(year: number): boolean {
  let known = coverage.get(year);
  if (known === undefined) {
    known = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    coverage.set(year, known);
  }
  return known;
}

export function createCalendar(overrides: ReadonlyMap<string, DayOverride> = new Map()): WorkingCalendar {
  const covers = statutoryYear;
  const sourceOf = (date: string): DaySource =>
    overrides.has(date) ? 'override' : covers(Number(date.slice(0, 4))) ? 'statutory' : 'weekdays';
  const isWorkday = (date: string): boolean => {
    const override = overrides.get(date);
    if (override) return override.workday;
    if (covers(Number(date.slice(0, 4)))) return chineseDays.isWorkday(date);
    const day = weekdayOf(date);
    return day !== 0 && day !== 6;
  };
  return {
    isWorkday,
    sourceOf,
    covers,
    addWorkdays(date, n) {
      let day = date;
      for (let left = n, guard = 0; left > 0; guard++) {
        if (guard > 400) throw new Error(`no ${n} working days within a year after ${date}`);
        day = addDays(day, 1);
        if (isWorkday(day)) left--;
      }
      return day;
    },
    workdayOnOrBefore(date) {
      let day = date;
      for (let guard = 0; !isWorkday(day); guard++) {
        if (guard > 60) throw new Error(`no working day in the 60 days before ${date}`);
        day = addDays(day, -1);
      }
      return day;
    },
  };
}
