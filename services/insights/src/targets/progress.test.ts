import { describe, expect, it } from 'vitest';
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
