import { describe, expect, it } from 'vitest';
import { dayOfDate } from './days.ts';
import { monthsOf, periodAround, resolvePeriod } from './period.ts';

const now = Date.parse('2026-03-18T10:00:00+08:00');

describe('periods (Asia/Shanghai)', () => {
  it('finds the week (Monday–Sunday), month, quarter and year around a date', () => {
    const day = dayOfDate('2026-03-18'); // a Wednesday
    expect(periodAround('week', day)).toMatchObject({ from: '2026-03-16', to: '2026-03-22' });
    expect(periodAround('month', day)).toMatchObject({ from: '2026-03-01', to: '2026-03-31' });
    expect(periodAround('quarter', day)).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodAround('year', day)).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('starts and ends at Shanghai midnight', () => {
    const { period } = resolvePeriod({ from: '2026-01-01', to: '2026-01-31' }, now) as {
      period: { startMs: number; endMs: number };
    };
    expect(new Date(period.startMs).toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(new Date(period.endMs).toISOString()).toBe('2026-01-31T16:00:00.000Z');
  });

  it('defaults to the month of today', () => {
    expect(resolvePeriod({}, now)).toMatchObject({ period: { kind: 'month', from: '2026-03-01' } });
  });

  it('refuses a range that ends before it starts, half a range, and a range with another kind', () => {
    expect(resolvePeriod({ from: '2026-03-01', to: '2026-02-01' }, now)).toMatchObject({
      errors: [{ path: 'to', code: 'before_start' }],
    });
    expect(resolvePeriod({ from: '2026-03-01' }, now)).toMatchObject({ errors: [{ path: 'to' }] });
    expect(resolvePeriod({ period: 'year', from: '2026-01-01', to: '2026-02-01' }, now)).toMatchObject({
      errors: [{ path: 'period' }],
    });
  });

  it('lists the months a period touches', () => {
    const { period } = resolvePeriod({ from: '2025-11-20', to: '2026-02-03' }, now) as { period: never };
    expect(monthsOf(period)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
