import { describe, expect, it } from 'vitest';
import { quietUntil } from './quiet-hours.ts';

// Times are written in Beijing time (+08:00).
const at = (local: string) => new Date(`${local}+08:00`);

describe('quiet hours (Asia/Shanghai)', () => {
  const night = { start: '22:00', end: '08:00' };

  it('holds a delivery at night until the morning, across midnight', () => {
    expect(quietUntil(at('2026-03-02T23:30:00'), night)).toEqual(at('2026-03-03T08:00:00'));
    expect(quietUntil(at('2026-03-03T06:00:00'), night)).toEqual(at('2026-03-03T08:00:00'));
    expect(quietUntil(at('2026-03-02T22:00:00'), night)).toEqual(at('2026-03-03T08:00:00'));
  });

  it('lets a delivery through outside them, and at the very minute they end', () => {
    expect(quietUntil(at('2026-03-03T08:00:00'), night)).toBeNull();
    expect(quietUntil(at('2026-03-03T12:00:00'), night)).toBeNull();
    expect(quietUntil(at('2026-03-03T12:00:00'), null)).toBeNull();
  });

  it('handles a range inside one day (a lunch break)', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(quietUntil(at('2026-03-03T12:10:00'), lunch)).toEqual(at('2026-03-03T13:30:00'));
    expect(quietUntil(at('2026-03-03T13:30:00'), lunch)).toBeNull();
    expect(quietUntil(at('2026-03-03T11:59:00'), lunch)).toBeNull();
  });

  it('is Beijing time whatever the process time zone (a UTC instant just before midnight UTC)', () => {
    // 2026-03-02T15:30Z is 23:30 in Shanghai.
    expect(quietUntil(new Date('2026-03-02T15:30:00Z'), night)).toEqual(new Date('2026-03-03T00:00:00Z'));
  });
});
