import { DAY_MS, dayOf, startOfDay } from '../calendar/days.ts';

// Dates and times as the parks read them: the wall clock in Asia/Shanghai (UTC+8 all year), as
// leads' exports write theirs. A spreadsheet knows no time zones, so a workbook holds the
// Shanghai wall clock in a Date's UTC fields; a CSV writes it as text.

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The Shanghai wall clock of a `YYYY-MM-DD` date (midnight) or an ISO instant (to the minute; cut
 * to its day for a `date`), held in a Date's UTC fields. Undefined when unreadable.
 */
export function wallClock(value: string, kind: 'date' | 'datetime'): Date | undefined {
  if (DATE_ONLY.test(value)) return new Date(`${value}T00:00:00.000Z`);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  const day = dayOf(at);
  if (kind === 'date') return new Date(day * DAY_MS);
  const local = day * DAY_MS + (at - startOfDay(day));
  return new Date(Math.floor(local / 60_000) * 60_000);
}

/** As text, the way leads.csv writes it: `YYYY-MM-DD`, or `YYYY-MM-DD HH:mm` (Shanghai). Undefined when unreadable. */
export function wallClockText(value: string, kind: 'date' | 'datetime'): string | undefined {
  const at = wallClock(value, kind);
  if (!at) return undefined;
  const iso = at.toISOString();
  return kind === 'date' ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}
