import { describe, expect, it } from 'vitest';
import { dayOfDate } from './days.ts';
import { isWorkday, workdaysBetween } from './workdays.ts';

const d = dayOfDate;

describe('working days (Asia/Shanghai, State Council calendar)', () => {
  it('skips weekends and counts days after the first up to the last', () => {
    expect(workdaysBetween(d('2025-03-07'), d('2025-03-07'))).toBe(0); // Friday, same day
    expect(workdaysBetween(d('2025-03-07'), d('2025-03-10'))).toBe(1); // Friday → Monday
    expect(workdaysBetween(d('2025-03-03'), d('2025-03-14'))).toBe(9);
  });

  it('skips the National Day holiday and counts the weekend worked in lieu (调休)', () => {
    expect(isWorkday(d('2025-10-01'))).toBe(false);
    expect(isWorkday(d('2025-09-28'))).toBe(true); // a Sunday worked in lieu
    expect(isWorkday(d('2025-10-11'))).toBe(true); // a Saturday worked in lieu
    // 30 Sep (Tue) → 9 Oct (Thu): 1–8 Oct are off, 9 Oct is the first working day
    expect(workdaysBetween(d('2025-09-30'), d('2025-10-09'))).toBe(1);
  });

  it('spans years, and is negative backwards', () => {
    const across = workdaysBetween(d('2024-12-30'), d('2025-01-03'));
    expect(across).toBe(3); // 31 Dec, 2 Jan, 3 Jan (1 Jan is New Year's Day)
    expect(workdaysBetween(d('2025-01-03'), d('2024-12-30'))).toBe(-3);
    expect(workdaysBetween(d('2023-01-01'), d('2025-01-01'))).toBeGreaterThan(480);
  });
});
