import { describe, expect, it } from 'vitest';
import { diffRankings } from './ranking-diff.ts';

const e = (leadId: string, score: number, tier: 'A' | 'B' | 'C' | 'D') => ({
  leadId,
  score,
  tier,
});

describe('ranking diff', () => {
  const before = [e('a', 80, 'A'), e('b', 60, 'B'), e('c', 40, 'C'), e('d', 10, 'D')];
  const after = [e('a', 50, 'C'), e('b', 62, 'B'), e('c', 78, 'A'), e('d', 11, 'D')];
  const diff = diffRankings(before, after, 2);

  it('lists the new top with where each lead stood before', () => {
    expect(diff.top.map((c) => [c.leadId, c.rank, c.previousRank])).toEqual([
      ['c', 1, 3],
      ['b', 2, 2],
    ]);
    expect(diff.total).toBe(4);
  });

  it('names who moves tier, up and down', () => {
    expect(diff.tierUp.map((c) => [c.leadId, c.previousTier, c.tier])).toEqual([['c', 'C', 'A']]);
    expect(diff.tierDown.map((c) => [c.leadId, c.previousTier, c.tier])).toEqual([['a', 'A', 'C']]);
    expect([diff.tierUpCount, diff.tierDownCount]).toEqual([1, 1]);
  });

  it('names who enters and leaves the top', () => {
    expect(diff.enteredTop).toEqual(['c']);
    expect(diff.leftTop).toEqual(['a']);
  });

  it('treats a lead with no previous score as new, not as a mover', () => {
    const d = diffRankings([], [e('x', 90, 'A')], 5);
    expect(d.top[0]).toMatchObject({ leadId: 'x', previousRank: null, previousTier: null });
    expect(d.tierUpCount).toBe(0);
  });
});
