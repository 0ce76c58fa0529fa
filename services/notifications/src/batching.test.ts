import { describe, expect, it } from 'vitest';
import { groupCommit, groupLoad } from './batching.ts';

describe('groupCommit', () => {
  it('writes what was asked for in one turn as one batch, and resolves each caller after it', async () => {
    const batches: number[][] = [];
    const write = groupCommit<number>(async (items) => {
      batches.push(items);
    });
    await Promise.all([write(1), write(2), write(3)]);
    await write(4);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('rejects every caller of a batch that failed', async () => {
    const write = groupCommit<number>(async () => {
      throw new Error('disk full');
    });
    const results = await Promise.allSettled([write(1), write(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});

describe('groupLoad', () => {
  it('reads the keys asked for in one turn with one query, each caller getting its own', async () => {
    const queries: string[][] = [];
    const load = groupLoad(async (keys) => {
      queries.push(keys);
      return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.toUpperCase()]));
    });
    expect(await Promise.all([load('a'), load('b'), load('a'), load('missing')])).toEqual([
      'A',
      'B',
      'A',
      null,
    ]);
    expect(queries).toEqual([['a', 'b', 'missing']]);
  });
});
