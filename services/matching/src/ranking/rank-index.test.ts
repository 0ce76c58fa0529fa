import { describe, expect, it } from 'vitest';
import { RankIndex } from './rank-index.ts';

const entry = (
  leadId: string,
  score: number,
  tier: 'A' | 'B' | 'C' | 'D' = 'B',
  directions = ['ivd.poct'],
) => ({
  leadId,
  score,
  tier,
  directions,
});

describe('rank index', () => {
  it('ranks by score, then lead id, and pages without gaps or repeats', () => {
    const index = new RankIndex();
    const scores = [50, 90, 70, 70, 10, 90, 30];
    for (const [i, s] of scores.entries()) index.upsert('p', entry(`lead-${i}`, s));
    const seen: string[] = [];
    let after: { score: number; leadId: string } | undefined;
    for (;;) {
      const page = index.page('p', { limit: 3, after });
      seen.push(...page.items.map((e) => `${e.score}:${e.leadId}`));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toEqual([
      '90:lead-1',
      '90:lead-5',
      '70:lead-2',
      '70:lead-3',
      '50:lead-0',
      '30:lead-6',
      '10:lead-4',
    ]);
  });

  it('moves an entry when its score changes and forgets removed ones', () => {
    const index = new RankIndex();
    index.upsert('p', entry('a', 10));
    index.upsert('p', entry('b', 20));
    expect(index.ranked('p').map((e) => e.leadId)).toEqual(['b', 'a']);
    index.upsert('p', entry('a', 30));
    expect(index.ranked('p').map((e) => e.leadId)).toEqual(['a', 'b']);
    index.remove('p', 'b');
    expect(index.ranked('p').map((e) => e.leadId)).toEqual(['a']);
    expect(index.size('p')).toBe(1);
  });

  it('filters by tier, direction and minimum score', () => {
    const index = new RankIndex();
    index.upsert('p', entry('a', 80, 'A', ['ivd.mass-spec']));
    index.upsert('p', entry('b', 60, 'B', ['ivd.poct']));
    index.upsert('p', entry('c', 55, 'B', ['ivd.mass-spec']));
    index.upsert('p', entry('d', 20, 'D', []));
    expect(index.page('p', { limit: 10, tier: 'B' }).items.map((e) => e.leadId)).toEqual(['b', 'c']);
    expect(index.page('p', { limit: 10, direction: 'ivd.mass-spec' }).items.map((e) => e.leadId)).toEqual([
      'a',
      'c',
    ]);
    expect(index.page('p', { limit: 10, minScore: 56 }).items.map((e) => e.leadId)).toEqual(['a', 'b']);
    expect(index.page('other', { limit: 10 }).items).toEqual([]);
  });

  it('says there is no next page when the last page is exactly full', () => {
    const index = new RankIndex();
    index.upsert('p', entry('a', 2));
    index.upsert('p', entry('b', 1));
    expect(index.page('p', { limit: 2 }).next).toBeNull();
  });
});
