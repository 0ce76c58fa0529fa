import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar.ts';

describe('working calendar (Chinese statutory days)', () => {
  const calendar = createCalendar();

  it('counts a 调休 Sunday as a working day and the National Day week as days off (2025)', () => {
    expect(calendar.isWorkday('2025-09-27')).toBe(false); // Saturday
    expect(calendar.isWorkday('2025-09-28')).toBe(true); // Sunday, made up for National Day
    expect(calendar.isWorkday('2025-10-01')).toBe(false);
    expect(calendar.isWorkday('2025-10-08')).toBe(false);
    expect(calendar.isWorkday('2025-10-11')).toBe(true); // Saturday, made up
    expect(calendar.sourceOf('2025-10-01')).toBe('statutory');
  });

  it('adds working days across a 调休 weekend and a holiday week', () => {
    // Friday + 1: the make-up Sunday, not Monday.
    expect(calendar.addWorkdays('2025-09-26', 1)).toBe('2025-09-28');
    // Tuesday 30 Sep + 1: the holiday runs 1–8 Oct, so Thursday 9 Oct.
    expect(calendar.addWorkdays('2025-09-30', 1)).toBe('2025-10-09');
    // + 3 from 9 Oct: Friday 10, Saturday 11 (made up), Monday 13.
    expect(calendar.addWorkdays('2025-10-09', 3)).toBe('2025-10-13');
    expect(calendar.workdayOnOrBefore('2025-10-05')).toBe('2025-09-30');
  });

  it('takes the override table first, and falls back to weekdays in a year it does not cover', () => {
    const year = [2027, 2028, 2029, 2030].find((y) => !calendar.covers(y))!;
    const friday = [...Array(7).keys()]
      .map((d) => `${year}-10-0${d + 1}`)
      .find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 5)!;
    expect(calendar.isWorkday(friday)).toBe(true);
    expect(calendar.sourceOf(friday)).toBe('weekdays');
    const overridden = createCalendar(new Map([[friday, { workday: false, note: '国庆节' }]]));
    expect(overridden.isWorkday(friday)).toBe(false);
    expect(overridden.sourceOf(friday)).toBe('override');
    expect(
      createCalendar(new Map([['2025-09-28', { workday: false, note: '' }]])).addWorkdays('2025-09-26', 1),
    ).toBe('2025-09-29');
  });
});
