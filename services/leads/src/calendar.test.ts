import { describe, expect, it } from 'vitest';
import { calendarDaysBetween, shanghaiDate, shanghaiMonth } from './calendar.ts';

describe('the Asia/Shanghai calendar', () => {
  it('turns the date over at midnight in Shanghai, which is 16:00 UTC', () => {
    expect(shanghaiDate(new Date('2026-03-31T15:59:59.999Z'))).toBe('2026-03-31');
    expect(shanghaiDate(new Date('2026-03-31T16:00:00.000Z'))).toBe('2026-04-01');
  });

  it('gives the month the same way, across a year end', () => {
    expect(shanghaiMonth(new Date('2026-12-31T15:00:00.000Z'))).toBe('2026-12');
    expect(shanghaiMonth(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01');
  });

  it('counts calendar days, not 24-hour periods', () => {
    const evening = new Date('2026-11-02T15:00:00Z'); // 23:00 in Shanghai
    expect(calendarDaysBetween(evening, new Date('2026-11-02T16:30:00Z'))).toBe(1);
    expect(calendarDaysBetween(evening, new Date('2026-11-02T15:30:00Z'))).toBe(0);
    expect(calendarDaysBetween(new Date('2026-01-31T02:00:00Z'), new Date('2026-03-01T02:00:00Z'))).toBe(29);
  });
});
