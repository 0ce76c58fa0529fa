import { describe, expect, it } from 'vitest';
import { figures, submitted } from '../../test/events.ts';
import { factsOf } from '../read-model/facts.ts';
import { foldAll } from '../read-model/fold.ts';
import { emptyLeadState, type LeadState } from '../read-model/lead-state.ts';
import { targetView } from './progress.ts';
import { setTarget } from './target.ts';

const target = setTarget(
  null,
  { scope: 'dadukou-ivd', year: 2026, targets: { firms: 210 }, baseline: { year: 2025, firms: 206 } },
  'dadukou-manager',
  '2026-01-05T02:00:00.000Z',
);
const firms = (nowIso: string) =>
  targetView(target, [], Date.parse(nowIso)).progress.find((p) => p.measure === 'firms');

describe('progress to a target', () => {
  it('spreads what is still missing over the months left in the year', () => {
    // 4 firms missing with half a year left: about 0.66 a month.
    expect(firms('2026-07-02T12:00:00+08:00')?.neededPerMonth).toBeCloseTo(4 / 6, 1);
  });

  it('gives a year that is over the shortfall, not the shortfall divided by the last millisecond', () => {
    for (const after of ['2027-01-01T00:00:00+08:00', '2031-06-01T00:00:00+08:00'])
      expect(firms(after)?.neededPerMonth, after).toBe(4);
  });
});

describe('revenue, a level', () => {
  const t = (local: string) => new Date(`${local}+08:00`).toISOString();
  const months = (from: string, count: number) =>
    Array.from({ length: count }, (_, i) => {
      const [y, m] = from.split('-').map(Number) as [number, number];
      const index = y * 12 + m - 1 + i;
      return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    });
  // K1 reports December 2025 (240 M), then 120 M a month, each month early the next; K2
  // reported once, in 2024, and stopped.
  const factsWith = (k1Months: number) => {
    const events = [
      submitted('K1', t('2025-06-01T09:00:00')),
      ...months('2025-12', k1Months).map((month, i) =>
        figures(
          'K1',
          'dadukou-ivd',
          month,
          i === 0 ? 240_000_000 : 120_000_000,
          0,
          t(`${months(month, 2)[1]}-03T09:00:00`),
        ),
      ),
      submitted('K2', t('2024-05-01T09:00:00')),
      figures('K2', 'dadukou-ivd', '2024-06', 500_000_000, 0, t('2024-07-03T09:00:00')),
    ];
    const states = new Map<string, LeadState>();
    foldAll(states, events, emptyLeadState);
    return [...states.values()].map(factsOf);
  };
  const revenueTarget = setTarget(
    null,
    {
      scope: 'dadukou-ivd',
      year: 2026,
      targets: { revenueCny: 21_000_000_000 },
      baseline: { year: 2025, revenueCny: 18_900_000_000 },
    },
    'dadukou-manager',
    '2026-01-05T02:00:00.000Z',
  );
  const revenue = (k1Months: number, nowIso: string) =>
    targetView(revenueTarget, factsWith(k1Months), Date.parse(nowIso)).progress.find(
      (p) => p.measure === 'revenueCny',
    );

  it('averages the twelve months ending with the latest reported, not the calendar months to now', () => {
    // In December, November is the latest reported: December 2025 to November 2026, × 12 / 12
    // (not January to November × 12 / 11).
    expect(revenue(12, '2026-12-15T12:00:00+08:00')?.actual).toBe(
      18_900_000_000 + 240_000_000 + 11 * 120_000_000,
    );
    // After the year: its last instant, the same twelve months.
    expect(revenue(12, '2027-02-01T12:00:00+08:00')?.actual).toBe(18_900_000_000 + 1_560_000_000);
  });

  it('counts a firm with fewer months reported by the average of those it has', () => {
    // In March 2026, February the latest: March 2025 to February 2026 holds three of K1's months.
    expect(revenue(3, '2026-03-10T12:00:00+08:00')?.actual).toBe(
      18_900_000_000 + ((240_000_000 + 2 * 120_000_000) / 3) * 12,
    );
  });
});
