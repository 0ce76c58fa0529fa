import type { FieldError } from '@parkmatch/service-kit';
import { dateOfDay, dayOf, dayOfDate, dayOfParts, partsOfDay, startOfDay } from './days.ts';

// The period a metric covers: a week (Monday to Sunday), month, quarter or year around a date,
// or a custom range of dates; whole Shanghai days, both ends included.

export const PERIOD_KINDS = ['week', 'month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  /** First day (day number) and last day, included. */
  firstDay: number;
  lastDay: number;
  /** `YYYY-MM-DD` of both ends. */
  from: string;
  to: string;
  /** Instants (ms): [startMs, endMs). */
  startMs: number;
  endMs: number;
}

export function periodOf(kind: PeriodKind, firstDay: number, lastDay: number): Period {
  return {
    kind,
    firstDay,
    lastDay,
    from: dateOfDay(firstDay),
    to: dateOfDay(lastDay),
    startMs: startOfDay(firstDay),
    endMs: startOfDay(lastDay + 1),
  };
}

/** The week, month, quarter or year containing `day`. */
export function periodAround(kind: Exclude<PeriodKind, 'custom'>, day: number): Period {
  const { year, month, weekday } = partsOfDay(day);
  switch (kind) {
    case 'week': {
      const monday = day - ((weekday + 6) % 7);
      return periodOf(kind, monday, monday + 6);
    }
    case 'month':
      return periodOf(kind, dayOfParts(year, month, 1), dayOfParts(year, month + 1, 1) - 1);
    case 'quarter': {
      const first = Math.floor((month - 1) / 3) * 3 + 1;
      return periodOf(kind, dayOfParts(year, first, 1), dayOfParts(year, first + 3, 1) - 1);
    }
    case 'year':
      return periodOf(kind, dayOfParts(year, 1, 1), dayOfParts(year + 1, 1, 1) - 1);
  }
}

export interface PeriodInput {
  period?: PeriodKind | undefined;
  date?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Longest custom range: ten years of days. */
const MAX_DAYS = 3660;

/**
 * The period a query names: `from`/`to` (a custom range; `period` may be omitted or `custom`),
 * else `period` (default month) around `date` (default today). Field errors when it makes no
 * sense: an end before the start, half a range, a range with another period kind.
 */
export function resolvePeriod(
  input: PeriodInput,
  now: number,
): { period: Period } | { errors: FieldError[] } {
  const { from, to } = input;
  if (from !== undefined || to !== undefined || input.period === 'custom') {
    const errors: FieldError[] = [];
    if (from === undefined)
      errors.push({
        path: 'from',
        message: '自定义区间须给出起始日期',
        messageEn: 'required for a custom range',
        code: 'required',
      });
    if (to === undefined)
      errors.push({
        path: 'to',
        message: '自定义区间须给出结束日期',
        messageEn: 'required for a custom range',
        code: 'required',
      });
    if (input.period !== undefined && input.period !== 'custom')
      errors.push({
        path: 'period',
        message: `给出 from/to 时 period 只能是 custom（或不填），而不是 ${input.period}`,
        messageEn: `with from/to, period must be custom or absent, not ${input.period}`,
        code: 'conflict',
      });
    if (from !== undefined && to !== undefined) {
      const first = dayOfDate(from);
      const last = dayOfDate(to);
      if (last < first)
        errors.push({
          path: 'to',
          message: `结束日期 ${to} 早于起始日期 ${from}`,
          messageEn: `the period ends (${to}) before it starts (${from})`,
          code: 'before_start',
        });
      else if (last - first + 1 > MAX_DAYS)
        errors.push({
          path: 'to',
          message: '区间不能超过十年',
          messageEn: 'a range may span at most ten years',
          code: 'too_long',
        });
      if (errors.length === 0) return { period: periodOf('custom', first, last) };
    }
    return { errors };
  }
  const day = input.date === undefined ? dayOf(now) : dayOfDate(input.date);
  return { period: periodAround(input.period ?? 'month', day) };
}

/** The months (`YYYY-MM`) a period touches, in order. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  let { year, month } = partsOfDay(period.firstDay);
  const last = partsOfDay(period.lastDay);
  while (year < last.year || (year === last.year && month <= last.month)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return months;
}
