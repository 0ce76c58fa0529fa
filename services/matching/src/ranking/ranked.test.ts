import type { Principal } from '@parkmatch/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMatching } from '../../test/open-matching.ts';
import {
  directionKeys,
  type MatchDoc,
  type RankedQuery,
  type RankPosition,
  rankedFind,
} from '../scores/repository.ts';
import { visibleTiers } from './routes.ts';

// Ranked lists served by the store: the order, pages without gaps or repeats, each filter,
// the visibility rule as a tier filter, and SQLite's plan for every query shape (the ranked
// index, in its order: no sort step).

const PARK = 'p-one';
let t: Awaited<ReturnType<typeof openMatching>>;

type Tier = MatchDoc['tier'];
const match = (leadId: string, score: number, tier: Tier, codes: string[], legacy = false): MatchDoc => {
  const matchedDirections = codes.map((code) => ({ code, strength: 1, evidence: [] }));
  return {
    _id: `${leadId}:${PARK}`,
    leadId,
    parkId: PARK,
    score,
    tier,
    matchedDirections,
    // Scores stored before `hasDirection` existed lack it: the direction filter still finds them.
    ...(legacy ? {} : { hasDirection: directionKeys(matchedDirections) }),
    engineVersion: 'e',
    catalogVersion: 1,
    firmName: `firm ${leadId}`,
    projectTitle: 'p',
    profileRevision: 1,
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
};

const docs = [
  match('lead-a', 90, 'A', ['ivd.mass-spec']),
  match('lead-b', 70, 'B', ['ivd.poct']),
  match('lead-c', 70, 'B', ['ivd.poct', 'ivd.mass-spec'], true),
  match('lead-d', 70, 'B', []),
  match('lead-e', 50, 'C', ['ivd.mass-spec']),
  match('lead-f', 30, 'D', ['ivd.poct'], true),
  match('lead-g', 10, 'D', []),
  { ...match('lead-h', 99, 'A', []), _id: 'lead-h:other', parkId: 'other' },
];

beforeAll(async () => {
  t = await openMatching();
  await t.storedMatches().insertMany(docs);
});
afterAll(() => t.close());

/** Every page of the list, as lead ids, following the cursor. */
async function all(query: Omit<RankedQuery, 'limit' | 'after'>, limit = 2): Promise<string[][]> {
  const pages: string[][] = [];
  let after: RankPosition | undefined;
  do {
    const page = await t.matches.ranked(PARK, { ...query, limit, after });
    pages.push(page.items.map((m) => m.leadId));
    after = page.next ?? undefined;
  } while (after && pages.length < 20);
  return pages;
}

const ids = async (query: Omit<RankedQuery, 'limit' | 'after'>) => (await all(query, 100)).flat();

describe('ranked lists from the store', () => {
  it('ranks by score, then lead id, and pages without gaps or repeats', async () => {
    expect(await all({}, 2)).toEqual([
      ['lead-a', 'lead-b'],
      ['lead-c', 'lead-d'],
      ['lead-e', 'lead-f'],
      ['lead-g'],
    ]);
    expect(await all({}, 3)).toEqual([
      ['lead-a', 'lead-b', 'lead-c'],
      ['lead-d', 'lead-e', 'lead-f'],
      ['lead-g'],
    ]);
  });

  it('says there is no next page when the last page is exactly full', async () => {
    expect((await t.matches.ranked(PARK, { limit: 7 })).next).toBeNull();
    expect((await t.matches.ranked(PARK, { limit: 6 })).next).toEqual({ score: 30, leadId: 'lead-f' });
    expect((await t.matches.ranked('nowhere', { limit: 6 })).items).toEqual([]);
  });

  it('filters by tier, direction (old scores too) and minimum score, with paging', async () => {
    expect(await all({ tier: 'B' }, 2)).toEqual([['lead-b', 'lead-c'], ['lead-d']]);
    expect(await ids({ direction: 'ivd.mass-spec' })).toEqual(['lead-a', 'lead-c', 'lead-e']);
    expect(await all({ direction: 'ivd.poct' }, 1)).toEqual([['lead-b'], ['lead-c'], ['lead-f']]);
    expect(await ids({ direction: 'ivd.other' })).toEqual([]);
    expect(await ids({ minScore: 50 })).toEqual(['lead-a', 'lead-b', 'lead-c', 'lead-d', 'lead-e']);
    expect(await all({ minScore: 70, tier: 'B', direction: 'ivd.poct' }, 1)).toEqual([
      ['lead-b'],
      ['lead-c'],
    ]);
  });

  it("keeps a park's team to tiers A–C and shows D to admins and city managers", async () => {
    const analyst: Principal = { sub: 'x', role: 'analyst', parkId: PARK };
    const admin: Principal = { sub: 'y', role: 'admin' };
    const cityManager: Principal = { sub: 'z', role: 'manager' };
    expect(visibleTiers(analyst, PARK)).toEqual(['A', 'B', 'C']);
    expect(visibleTiers(analyst, 'other')).toEqual([]);
    expect(visibleTiers(admin, PARK)).toEqual(['A', 'B', 'C', 'D']);
    expect(visibleTiers(cityManager, PARK)).toEqual(['A', 'B', 'C', 'D']);

    const team = visibleTiers(analyst, PARK);
    expect(await all({ tiers: team }, 2)).toEqual([['lead-a', 'lead-b'], ['lead-c', 'lead-d'], ['lead-e']]);
    expect(await ids({ tiers: team, tier: 'D' })).toEqual([]);
    expect(await ids({ tiers: team, direction: 'ivd.poct' })).toEqual(['lead-b', 'lead-c']);
    expect(await ids({ tiers: visibleTiers(admin, PARK), tier: 'D' })).toEqual(['lead-f', 'lead-g']);
    expect(await ids({ tiers: [] })).toEqual([]);
  });

  it('reads each query shape off the ranked index, in its order', () => {
    const matches = t.store.collection<MatchDoc>('matches');
    const after = { score: 70, leadId: 'lead-b' };
    const shapes: Record<string, Omit<RankedQuery, 'limit'>> = {
      plain: {},
      tier: { tier: 'B' },
      'team (tiers A–C)': { tiers: ['A', 'B', 'C'] },
      minScore: { minScore: 40 },
      cursor: { after },
      'cursor, team, tier and minScore': { after, tiers: ['A', 'B', 'C'], tier: 'B', minScore: 40 },
      'direction (narrowed in SQL, checked in JS)': { direction: 'ivd.poct', after },
    };
    for (const [name, query] of Object.entries(shapes)) {
      const find = rankedFind(PARK, { ...query, limit: 50 });
      if (!find) throw new Error(name);
      const plan = matches.explain(find.filter, find.options).join(' | ');
      expect(plan, name).toMatch(
        /^SEARCH matches USING INDEX matches\/parkId_1_score_-1_leadId_1_tier_1 \(<expr>=\?/,
      );
      expect(plan, name).not.toMatch(/TEMP B-TREE/);
      // The cursor and minScore seek into the index (a range on score), not scan from the top.
      if (query.after || query.minScore !== undefined)
        expect(plan, name).toMatch(/\(<expr>=\? AND <expr>[<>]\?/);
    }
  });
});
