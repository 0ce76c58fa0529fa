// The demo's clock: a story says "day 30" (thirty days before the load); the office worked in
// Asia/Shanghai (UTC+8), from 09:00, one step every ten minutes.

const DAY_MS = 24 * 3600 * 1000;
const SHANGHAI_MS = 8 * 3600 * 1000;

export class DemoClock {
  readonly now: Date;

  constructor(now: Date) {
    this.now = now;
  }

  /** The Shanghai calendar date `day` days ago (negative: ahead), `YYYY-MM-DD`. */
  date(day: number): string {
    return new Date(this.now.getTime() - day * DAY_MS + SHANGHAI_MS).toISOString().slice(0, 10);
  }

  /** The instant of a step on `day` (days ago): 09:00 Shanghai, then `slot` × 10 minutes. */
  at(day: number, slot: number): string {
    const start = Date.parse(`${this.date(day)}T09:00:00+08:00`);
    return new Date(start + slot * 10 * 60 * 1000).toISOString();
  }

  /** `YYYY-MM` of the Shanghai calendar month `back` months before this one. */
  month(back: number): string {
    const [year, month] = this.date(0).split('-').map(Number) as [number, number];
    const index = year * 12 + (month - 1) - back;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  }

  /** The Shanghai calendar year now. */
  year(): number {
    return Number(this.date(0).slice(0, 4));
  }
}

/** `date` plus `days` calendar days, `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Months from `from` to `to` (both `YYYY-MM`). */
export function monthsBetween(from: string, to: string): number {
  const index = (ym: string) => {
    const [y, m] = ym.split('-').map(Number) as [number, number];
    return y * 12 + m - 1;
  };
  return index(to) - index(from);
}
