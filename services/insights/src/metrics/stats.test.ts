import { describe, expect, it } from 'vitest';
import { DayHistogram, rate, summarize } from './stats.ts';

describe('duration summaries', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, p90: 5 });
    expect(summarize([1, 1, 2, 5])).toEqual({ median: 1.5, p90: 5 });
  });

  it('takes the 90th percentile by nearest rank', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1); // 1 … 20
    expect(summarize(values)).toEqual({ median: 10.5, p90: 18 });
    expect(summarize(Array.from({ length: 1000 }, (_, i) => i % 200))).toMatchObject({ p90: 179 });
  });

  it('finds the value of the k-th largest', () => {
    const h = new DayHistogram();
    for (const v of [3, 9, 9, 1, 4]) h.add(v);
    expect([h.largest(1), h.largest(2), h.largest(3), h.largest(5), h.largest(6)]).toEqual([9, 9, 4, 1, 0]);
  });

  it('has nothing to say about no values, and rates nothing against nothing', () => {
    expect(summarize([])).toEqual({ median: null, p90: null });
    expect(rate(1, 0)).toBeNull();
    expect(rate(2, 3)).toBe(0.6667);
  });
});
